import { Browser, expectNoAxeViolations, openBrowser, signIn, navLink } from './support/browser';

describe('organisation registry in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'lead@demo.upstand.test');
  });
  afterAll(() => browser.close());

  it('lists, searches and filters organisations', async () => {
    const { page } = browser;
    await (await navLink(page, 'Organisations')).click();
    const table = page.getByTestId('organisations-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('University Hospitals of Leicester NHS Trust');
    await expectNoAxeViolations(page, 'organisations list');

    await page.getByLabel(/search/i).fill('Partnership');
    await page
      .getByRole('button', { name: /search|apply|filter/i })
      .first()
      .click();
    await page.waitForURL(/q=Partnership/);
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="organisations-table"]')
          ?.textContent?.includes('University Hospitals'),
    );
    expect(await table.textContent()).toContain('Leicestershire Partnership NHS Trust');
  });

  it('adds an organisation: a bad ODS code shows the error summary, fixing it saves and lists it', async () => {
    const { page } = browser;
    await page.goto('/organisations');
    await page
      .getByRole('link', { name: 'Add organisation' })
      .or(page.getByRole('button', { name: 'Add organisation' }))
      .first()
      .click();
    await page.locator('#odsCode').waitFor();
    await expectNoAxeViolations(page, 'add organisation form');

    await page.locator('#odsCode').fill('R!X');
    await page.locator('#name').fill('Leicester Voluntary Action');
    await page.locator('#type').selectOption('voluntary-sector');
    await page
      .locator('#systemId')
      .selectOption({ label: 'NHS Leicester, Leicestershire and Rutland Integrated Care Board (QK1)' });
    await page.getByRole('button', { name: 'Save organisation' }).click();

    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/ODS code|odsCode/i);
    const summaryLink = summary.locator('a[href$="#odsCode"]');
    expect(await summaryLink.count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'add organisation form with errors');

    await page.locator('#odsCode').fill('LVA01');
    await page.getByRole('button', { name: 'Save organisation' }).click();
    await page.waitForURL(/\/organisations(\?.*)?$/);
    const table = page.getByTestId('organisations-table');
    await table.waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="organisations-table"]')?.textContent?.includes('LVA01'),
    );
    expect(await table.textContent()).toContain('Leicester Voluntary Action');
    await expectNoAxeViolations(page, 'organisations list after saving');
  });

  it('shows the API error when the server refuses (duplicate ODS code)', async () => {
    const { page } = browser;
    await page.goto('/organisations/new');
    await page.locator('#odsCode').fill('RWE');
    await page.locator('#name').fill('A duplicate');
    await page.locator('#type').selectOption('acute-trust');
    await page
      .locator('#systemId')
      .selectOption({ label: 'NHS Leicester, Leicestershire and Rutland Integrated Care Board (QK1)' });
    await page.getByRole('button', { name: 'Save organisation' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('RWE already exists');
  });
});
