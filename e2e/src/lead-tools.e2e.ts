import {
  Browser,
  expectNoAxeViolations,
  navLink,
  openBrowser,
  signIn,
  signOut,
  waitUntilLoaded,
} from './support/browser';

/**
 * The programme team's back-office pages in Chromium: checking a historical import (with a row that cannot be
 * imported) and the session feedback results, for a lead and for a facilitator. Every page is checked with axe.
 */
describe("the programme team's tools in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('checks an import file (a dry run) and lists the row that cannot be imported', async () => {
    const { page } = browser;
    await signIn(page, 'lead@demo.upstand.test');
    await (await navLink(page, 'Impact')).click();
    await page.getByRole('heading', { level: 1, name: 'Impact' }).waitFor();
    await waitUntilLoaded(page);
    await page.getByRole('link', { name: 'Import historical data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor();
    await expectNoAxeViolations(page, 'imports');

    await page.getByLabel('Programme').selectOption({ label: 'Active Bystander Programme' });
    const csv = [
      '\uFEFFdelegate_email,stage,item_code,value,submitted_at',
      'delegate@demo.upstand.test,pre,confidence_intervene,Agree,01/10/2023',
      'nobody@nowhere.nhs.uk,pre,confidence_intervene,4,01/10/2023',
    ].join('\r\n');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'responses.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Check file' }).first().click();
    const report = page.getByText('Rows with problems');
    await report.waitFor();
    const problem = page
      .getByRole('row')
      .filter({ hasText: 'No one has an account with the email nobody@nowhere.nhs.uk' });
    await problem.waitFor();
    expect(await problem.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['delegate_email']),
    );
    expect(((await problem.textContent()) ?? '').trim()).toMatch(/^3/);
    expect(await page.locator('main').textContent()).toMatch(/Rows read\s*2/);
    await expectNoAxeViolations(page, 'import report');
  });

  it('downloads the template of an import and lists the question codes with the answers they take', async () => {
    const { page, context } = browser;
    await page.goto(`${new URL(page.url()).origin}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor();
    const href = await page
      .getByRole('link', { name: 'Download the responses template (CSV)' })
      .getAttribute('href');
    const template = await context.request.get(new URL(href ?? '', page.url()).toString());
    expect(template.status()).toBe(200);
    expect((await template.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'delegate_email,stage,item_code,value,submitted_at',
    );

    await page.getByRole('link', { name: 'Question codes and the answers each question takes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Question codes' }).waitFor();
    const pre = page.getByTestId('codes-pre');
    await pre.waitFor();
    const row = pre.getByRole('row').filter({ hasText: 'confidence_intervene' });
    expect(await row.getByRole('cell').last().textContent()).toContain('1 to 5');
    await expectNoAxeViolations(page, 'question codes');
  });

  it('checks a staff headcount file, with its instructions, and lists the unknown organisation', async () => {
    const { page } = browser;
    await page.goto(`${new URL(page.url()).origin}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor();
    await page.getByLabel('Staff headcounts of organisations').check();
    await page.getByRole('link', { name: 'Download the headcount template (CSV)' }).waitFor();
    await expectNoAxeViolations(page, 'headcount import');
    const csv = ['as_of,ods_code,headcount', '31/03/2026,RWE,18150', '2026-03-31,ZZZ9,100'].join('\r\n');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'headcounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Check file' }).first().click();
    const problem = page.getByRole('row').filter({ hasText: 'ZZZ9 is not an organisation Upstand knows' });
    await problem.waitFor();
    expect(await problem.getByRole('cell').allTextContents()).toEqual(['3', 'ods_code', expect.any(String)]);
    await expectNoAxeViolations(page, 'headcount import report');
  });

  it('shows session feedback to the lead and to a facilitator', async () => {
    const { page } = browser;
    await page.goto(`${new URL(page.url()).origin}/session-feedback`);
    await page.getByRole('heading', { level: 1, name: 'Session feedback' }).waitFor();
    await page.getByRole('table').first().waitFor();
    await expectNoAxeViolations(page, 'session feedback (lead)');
    await signOut(page);

    await signIn(page, 'facilitator@demo.upstand.test');
    await page.getByRole('link', { name: 'My sessions' }).first().click();
    await page.getByRole('link', { name: 'Feedback on your sessions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Session feedback' }).waitFor();
    await expectNoAxeViolations(page, 'session feedback (facilitator)');
  });
});
