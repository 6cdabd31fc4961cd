import { Page } from 'playwright-core';
import { Programme } from '@upstand/contracts';
import { api, Browser, expectNoAxeViolations, openBrowser, signIn, waitUntilLoaded } from './support/browser';

/**
 * The questionnaire editor in the browser: the lead goes from Programmes to a programme's questionnaires, edits the
 * wording of one follow-up question, previews it as a delegate sees it, and publishes it; the questionnaires page then shows version 2 and the new
 * wording. The programme is the test's own, so the questionnaires other browser tests answer are untouched. Then
 * the lead ticks anonymous evaluation on the demo programme, which has responses: a warning with a required
 * confirmation appears (nothing is saved). Pages are checked with axe.
 */

const STAMP = Date.now().toString(36);
const PROGRAMME = `Questionnaire editor programme ${STAMP}`;
const NEW_WORDING = `What have you done differently since the programme? (${STAMP})`;

async function bannerText(page: Page): Promise<string> {
  const banner = page.getByTestId('success-banner');
  await banner.waitFor();
  return ((await banner.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('questionnaire editor in the browser', () => {
  let lead: Browser;

  beforeAll(async () => {
    lead = await openBrowser();
    await signIn(lead.page, 'lead@demo.upstand.test');
    await api<Programme>(lead, 'POST', '/api/programmes', { name: PROGRAMME });
  });

  afterAll(async () => {
    await lead?.close();
  });

  it('edits the wording of a follow-up question and publishes version 2', async () => {
    const { page } = lead;
    await page.goto('/programmes');
    const row = page.getByTestId('programmes-table').locator('tbody tr', { hasText: PROGRAMME });
    await row.getByRole('link', { name: `Questionnaires of ${PROGRAMME}` }).click();
    await page.getByRole('heading', { level: 1, name: /Questionnaires/ }).waitFor();
    await waitUntilLoaded(page);
    const followUp = page.locator('[data-stage="follow-up"]');
    expect(await followUp.getByTestId('version').textContent()).toBe('1');
    await expectNoAxeViolations(page, 'questionnaires');

    await followUp.getByRole('link', { name: 'Edit questions for Follow-up 3 months later' }).click();
    const question = page.locator('fieldset[data-item="do_differently"]');
    await question.waitFor();
    expect(await page.title()).toContain('Edit questions: Follow-up 3 months later');
    await expectNoAxeViolations(page, 'edit follow-up questions');

    const wording = question.getByLabel('Wording');
    expect(await wording.inputValue()).toBe('What will you do differently after the programme?');
    await wording.fill(NEW_WORDING);

    // The unpublished edit, previewed with the delegate's own questionnaire form; nothing is saved.
    await page.getByRole('button', { name: 'Preview as a delegate sees it' }).click();
    const preview = page.getByTestId('questionnaire-preview');
    await preview.waitFor();
    expect(
      await preview.locator('app-questionnaire-item[data-item="do_differently"]').textContent(),
    ).toContain(NEW_WORDING);
    expect(await preview.getByRole('radio').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'questionnaire preview');
    await page.getByRole('button', { name: 'Back to editing' }).click();
    expect(await question.getByLabel('Wording').inputValue()).toBe(NEW_WORDING);

    await page.getByRole('button', { name: 'Publish new version' }).click();

    expect(await bannerText(page)).toContain(
      'Version 2 published. Responses already given keep the version they were answered in.',
    );
    await waitUntilLoaded(page);
    expect(await followUp.getByTestId('version').textContent()).toBe('2');
    expect(await followUp.locator('tr[data-item="do_differently"]').textContent()).toContain(NEW_WORDING);
    // Only the follow-up stage got a new version.
    expect(await page.locator('[data-stage="post"]').getByTestId('version').textContent()).toBe('1');
    await expectNoAxeViolations(page, 'questionnaires after publishing');
  });

  it('warns before anonymous evaluation is switched on a programme that already has responses', async () => {
    const { page } = lead;
    await page.goto('/programmes');
    await page
      .getByTestId('programmes-table')
      .getByRole('link', { name: 'Change settings of Active Bystander Programme', exact: true })
      .click();
    const box = page.locator('#anonymousEvaluation');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await box.check();
    const warning = page.getByTestId('pairing-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/already has \d+ questionnaire responses/);
    await expectNoAxeViolations(page, 'programme settings with the pairing warning');

    await page.getByRole('button', { name: 'Save settings' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      'Confirm that answers given after the change will not be paired',
    );
    await box.uncheck();
    await warning.waitFor({ state: 'detached' });
  });
});
