import { Page } from 'playwright-core';
import { Cohort, Programme } from '@upstand/contracts';
import { addDays, dayOfWeek } from '@upstand/schedule';
import { Browser, api, expectNoAxeViolations, openBrowser, registerByEmail, signIn } from './support/browser';
import { sql } from './support/database';

/**
 * The evaluation questionnaires in the browser: a delegate with a confirmed place answers "Before the programme"
 * from My journey (the keyboard through the error summary, then the mouse); once the cohort's sessions are over
 * (moved into the past in the database) the pre questionnaire has closed and "After the programme" is open, with
 * its retrospective question and free text. Both then show as submitted. Pages are checked with axe.
 *
 * The cohort has a programme of its own without manager approval, no facilitators and no venue, so nothing clashes
 * with the other browser tests when its sessions move.
 */

const STAMP = Date.now().toString(36);
const PROGRAMME = `Evaluation test programme ${STAMP}`;
const COHORT = `Evaluation test cohort ${STAMP}`;
const DELEGATE_EMAIL = `riley.shaw.${STAMP}@example.nhs.uk`;
const PRE = 'Before the programme';
const POST = 'After the programme';

/** A Thursday about four weeks ahead (London date), before the dates the cohort browser test books in 2027. */
function workshopDate(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  let date = addDays(today, 28);
  while (dayOfWeek(date) !== 4) date = addDays(date, 1);
  return date;
}

async function bannerText(page: Page): Promise<string> {
  const banner = page.getByTestId('success-banner');
  await banner.waitFor();
  return ((await banner.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Each questionnaire on My journey as [title, status tag]. */
async function questionnaireRows(page: Page): Promise<string[][]> {
  const list = page.getByTestId('questionnaires').locator('[data-stage]');
  await list.first().waitFor();
  const rows: string[][] = [];
  for (const row of await list.all()) {
    rows.push([
      ((await row.locator('dt').textContent()) ?? '').trim(),
      ((await row.getByTestId('questionnaire-status').textContent()) ?? '').trim(),
    ]);
  }
  return rows;
}

const item = (page: Page, code: string) => page.locator(`[data-item="${code}"]`);

/** Chooses an answer with the mouse, by its label. */
async function choose(page: Page, code: string, label: string): Promise<void> {
  await item(page, code).getByLabel(label, { exact: true }).check();
}

describe('evaluation questionnaires in the browser', () => {
  let lead: Browser;
  let delegate: Browser;
  let cohort: Cohort;

  beforeAll(async () => {
    lead = await openBrowser();
    await signIn(lead.page, 'lead@demo.upstand.test');
    const programme = await api<Programme>(lead, 'POST', '/api/programmes', {
      name: PROGRAMME,
      requiresManagerApproval: false,
    });
    cohort = await api<Cohort>(lead, 'POST', '/api/cohorts', {
      programmeId: programme.id,
      name: COHORT,
      startDate: workshopDate(),
      capacity: 10,
      systemOdsCode: 'QK1',
    });

    delegate = await openBrowser();
    await registerByEmail(delegate, lead, {
      email: DELEGATE_EMAIL,
      password: 'a long enough password',
      fullName: `Riley Shaw ${STAMP}`,
    });
    await api(delegate, 'PUT', '/api/me/profile', {
      jobTitle: 'Porter',
      staffGroup: 'Estates and Ancillary',
      payScheme: 'agenda-for-change',
      payBand: '2',
      lineManagerName: 'Helen Carter',
      lineManagerEmail: 'manager@demo.upstand.test',
    });
    const place = await api<{ status: string }>(delegate, 'POST', `/api/cohorts/${cohort.id}/enrolments`);
    expect(place.status).toBe('confirmed');
  });

  afterAll(async () => {
    for (const browser of [lead, delegate]) await browser?.close();
  });

  it('shows the questionnaires on My journey: before the programme open, the others not yet', async () => {
    const { page } = delegate;
    await page.goto('/journey');
    expect(await questionnaireRows(page)).toEqual([
      [PRE, 'Open'],
      [POST, 'Not open yet'],
      ['Three months on', 'Not open yet'],
    ]);
    await expectNoAxeViolations(page, 'my journey with questionnaires to answer');
  });

  it('answers "Before the programme": required questions are checked, then it is saved', async () => {
    const { page } = delegate;
    await page.getByRole('link', { name: `Answer the questionnaire (${PRE})` }).click();
    await page.waitForURL(/\/journey\/questionnaires\/pre$/);
    await page.getByRole('heading', { level: 1, name: PRE }).waitFor();
    expect(await page.title()).toBe(`${PRE} – Upstand`);
    expect(await page.getByTestId('privacy-note').textContent()).toContain('anonymous reports');
    await expectNoAxeViolations(page, 'pre questionnaire');

    // Keyboard only: send it empty, follow the first error link, answer with the arrow keys.
    await page.getByRole('button', { name: 'Submit answers' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await summary.locator('a').count()).toBe(9);
    await expectNoAxeViolations(page, 'pre questionnaire with errors');
    await summary.locator('a').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-confidence_intervene');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await item(page, 'confidence_intervene').getByLabel('Disagree', { exact: true }).isChecked()).toBe(
      true,
    );

    // The rest with the mouse.
    for (const [code, value] of [
      ['d_direct', '3'],
      ['d_distract', '4'],
      ['d_delegate', '5'],
      ['d_delay', '2'],
      ['d_document', '0'],
    ]) {
      await choose(page, code as string, value as string);
    }
    await choose(page, 'likely_intervene', 'Neither agree nor disagree');
    await choose(page, 'know_support', 'No');
    await choose(page, 'safe_speak_up', 'Agree');
    await page.getByRole('button', { name: 'Submit answers' }).click();

    await page.waitForURL(/\/journey$/);
    expect(await bannerText(page)).toContain(`Thank you. Your answers to "${PRE}" have been saved`);
    expect((await questionnaireRows(page))[0]).toEqual([PRE, 'Submitted']);
    await expectNoAxeViolations(page, 'my journey after the pre questionnaire');
  });

  it('shows the saved answers when the delegate comes back to change them', async () => {
    const { page } = delegate;
    await page.getByRole('link', { name: `Change your answers (${PRE})` }).click();
    await page.waitForURL(/\/journey\/questionnaires\/pre$/);
    await item(page, 'know_support').waitFor();
    expect(await item(page, 'confidence_intervene').getByLabel('Disagree', { exact: true }).isChecked()).toBe(
      true,
    );
    expect(await item(page, 'd_document').getByLabel('0', { exact: true }).isChecked()).toBe(true);
    expect(await item(page, 'know_support').getByLabel('No', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Back to My journey' }).click();
    await page.waitForURL(/\/journey$/);
  });

  it('after the last session, closes "Before" and opens "After the programme", which is then answered', async () => {
    // Move every session of the cohort so that the last one ended a day ago.
    await sql(
      `UPDATE session s SET starts_at = s.starts_at - shift.by, ends_at = s.ends_at - shift.by
       FROM (SELECT max(ends_at) - now() + interval '1 day' AS by FROM session WHERE cohort_id = $1) shift
       WHERE s.cohort_id = $1`,
      [cohort.id],
    );
    const { page } = delegate;
    await page.reload();
    expect(await questionnaireRows(page)).toEqual([
      [PRE, 'Submitted'],
      [POST, 'Open'],
      ['Three months on', 'Not open yet'],
    ]);
    expect(await page.getByRole('link', { name: `Change your answers (${PRE})` }).count()).toBe(0);

    await page.goto('/journey/questionnaires/pre');
    await page.getByTestId('questionnaire-state').waitFor();
    expect(await page.getByTestId('questionnaire-state').textContent()).toContain(
      'can no longer be answered',
    );
    expect(await page.locator('form').count()).toBe(0);

    await page.goto('/journey');
    await page.getByRole('link', { name: `Answer the questionnaire (${POST})` }).click();
    await page.waitForURL(/\/journey\/questionnaires\/post$/);
    await page.getByRole('heading', { level: 1, name: POST }).waitFor();
    expect(
      await item(page, 'retro_confidence_intervene').locator('.nhsuk-inset-text').textContent(),
    ).toContain('Thinking back to before the programme');
    const textarea = page.locator('#answer-do_differently');
    await textarea.click();
    await page.keyboard.type('Use the 5 Ds');
    await page
      .getByTestId('character-count')
      .filter({ hasText: 'You have 3,988 characters remaining' })
      .waitFor();
    await expectNoAxeViolations(page, 'post questionnaire');

    await choose(page, 'confidence_intervene', 'Strongly agree');
    for (const code of ['d_direct', 'd_distract', 'd_delegate', 'd_delay', 'd_document']) {
      await choose(page, code, '8');
    }
    await choose(page, 'likely_intervene', 'Agree');
    await choose(page, 'know_support', 'Yes');
    await choose(page, 'safe_speak_up', 'Agree');
    await choose(page, 'retro_confidence_intervene', 'Disagree');
    await page.getByRole('button', { name: 'Submit answers' }).click();

    await page.waitForURL(/\/journey$/);
    expect(await bannerText(page)).toContain(`Thank you. Your answers to "${POST}" have been saved`);
    expect(await questionnaireRows(page)).toEqual([
      [PRE, 'Submitted'],
      [POST, 'Submitted'],
      ['Three months on', 'Not open yet'],
    ]);
    await expectNoAxeViolations(page, 'my journey with both questionnaires submitted');

    const headline = await sql<{ stage: string; value: number }>(
      `SELECT r.stage, a.value_number::float AS value
       FROM evaluation_response r JOIN evaluation_answer a ON a.response_id = r.id
       WHERE r.cohort_id = $1 AND a.item_code = 'confidence_intervene' ORDER BY r.stage`,
      [cohort.id],
    );
    expect(headline).toEqual([
      { stage: 'post', value: 5 },
      { stage: 'pre', value: 2 },
    ]);
  });
});
