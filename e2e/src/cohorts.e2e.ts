import { Page } from 'playwright-core';
import {
  Browser,
  dateValue,
  expectNoAxeViolations,
  fillDate,
  navLink,
  openBrowser,
  signIn,
  signOut,
} from './support/browser';

/**
 * A programme lead plans a cohort with the wizard, finds it in the calendar and moves a session; the facilitator
 * sees their sessions and subscribes to them. Every page is checked with axe.
 */

const COHORT = 'LLR spring 2027 (browser test)';
const KEYBOARD_COHORT = 'LLR summer 2027 (keyboard)';

/** Text of each cell of the rows of a table. */
async function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((cell) =>
          (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      ),
    );
}

/** What has focus: its id, or its text for a button or link. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return '';
    return element.id || (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab until `target` (an id or a button's text) has focus; fails if it is not reachable. */
async function tabTo(page: Page, target: string, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach "${target}" with the Tab key (focus is on "${await focused(page)}")`);
}

/** Types a date (YYYY-MM-DD) into the focused day box of an NHS date input, tabbing on to month and year. */
async function typeDate(page: Page, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-') as [string, string, string];
  await page.keyboard.type(String(Number(day)));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(Number(month)));
  await page.keyboard.press('Tab');
  await page.keyboard.type(year);
}

describe('cohorts, sessions and the calendar in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'lead@demo.upstand.test');
  });
  afterAll(() => browser.close());

  it('creates a cohort with the wizard: details, people and places, then the schedule to check', async () => {
    const { page } = browser;
    await (await navLink(page, 'Cohorts')).click();
    await page.getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor();
    await expectNoAxeViolations(page, 'cohorts list');

    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.locator('#name').waitFor();
    expect(await page.title()).toBe('Cohort details – Create a cohort – Upstand');
    // The home system is chosen once the lists have loaded, and so is the programme when there is only one
    // (the delegate journey test adds a second programme of its own).
    await page.waitForFunction(
      () =>
        (document.querySelector('#systemOdsCode') as HTMLSelectElement | null)?.value === 'QK1' &&
        Array.from((document.querySelector('#programmeId') as HTMLSelectElement | null)?.options ?? []).some(
          (option) => option.textContent === 'Active Bystander Programme',
        ),
    );
    if (!(await page.locator('#programmeId').inputValue())) {
      await page.locator('#programmeId').selectOption({ label: 'Active Bystander Programme' });
    }
    expect(await page.locator('#programmeId option:checked').textContent()).toBe(
      'Active Bystander Programme',
    );
    expect(await page.locator('#capacity').inputValue()).toBe('24');
    await expectNoAxeViolations(page, 'wizard step 1 (details)');

    // Nothing filled in: the error summary lists what is missing.
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter a name for the cohort');
    expect(await summary.textContent()).toContain('Enter the date of the first workshop');
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page, 'wizard step 1 with errors');

    await page.locator('#name').fill(COHORT);
    await page.locator('#systemOdsCode').selectOption('QK1');
    await fillDate(page, 'startDate', '2027-03-25');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/cohorts\/new\?step=people$/);
    await page.locator('#venueId').waitFor();
    expect(await page.title()).toBe('People and places – Create a cohort – Upstand');
    await expectNoAxeViolations(page, 'wizard step 2 (people and places)');

    await page
      .locator('#venueId')
      .selectOption({ label: 'Leicester General Hospital, Education Centre (30 places)' });
    const tom = page.getByLabel('Tom Okafor');
    const tomListed = (await tom.count()) > 0;
    if (tomListed) await tom.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/step=check$/);
    await page.getByTestId('preview-table').waitFor();
    await expectNoAxeViolations(page, 'wizard step 3 (check the schedule)');

    const rows = await tableRows(page, 'preview-table');
    expect(rows[0]).toEqual([
      'Active Bystander workshop: day 1',
      'Thursday',
      '25 March 2027',
      '9:00am to 4:30pm',
      'In person',
    ]);
    expect(rows[1]).toEqual([
      'Active Bystander workshop: day 2',
      'Tuesday',
      '30 March 2027',
      '9:00am to 12:30pm',
      'In person',
    ]);
    expect(rows.slice(2).every((row) => row[4] === 'Virtual')).toBe(true);
    const answers = (await page.getByTestId('cohort-answers').textContent()) ?? '';
    expect(answers).toContain(COHORT);
    if (tomListed) expect(answers).toContain('Tom Okafor');

    // The browser's back button returns to the previous step with the answers kept.
    await page.goBack();
    await page.waitForURL(/step=people$/);
    await page.locator('#venueId').waitFor();
    if (tomListed) expect(await tom.isChecked()).toBe(true);
    // A workshop needs two facilitators: add the co-facilitator when there is one.
    const aisha = page.getByLabel('Aisha Rahman');
    if (tomListed && (await aisha.count()) > 0) await aisha.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('preview-table').waitFor();

    await page.getByRole('button', { name: 'Save cohort' }).click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}$/);
    const banner = page.getByTestId('success-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`Cohort ${COHORT} created`);
    await page.getByTestId('sessions-table').waitFor();
    expect(await page.title()).toBe(`${COHORT} – Upstand`);
    const sessions = await tableRows(page, 'sessions-table');
    expect(sessions[0][0]).toBe('Active Bystander workshop: day 1');
    expect(sessions[0][1]).toBe('Thursday 25 March 2027, 9:00am to 4:30pm');
    expect(sessions[0][2]).toContain('Leicester General Hospital, Education Centre');
    expect(sessions[2][2]).toBe('Online');
    expect(
      await page
        .getByTestId('sessions-table')
        .getByRole('link', { name: /^Add to calendar/ })
        .first()
        .getAttribute('href'),
    ).toMatch(/^\/api\/sessions\/[0-9a-f-]{36}\/ics$/);
    await expectNoAxeViolations(page, 'cohort page');
  });

  it('shows the cohort in the calendar as a list, a month and a week', async () => {
    const { page } = browser;
    await page.goto('/calendar?view=list&from=2027-03-01');
    const list = page.getByTestId('calendar-list');
    await list.waitFor();
    expect(await page.getByTestId('period-heading').textContent()).toContain('March 2027');
    const rows = await tableRows(page, 'calendar-list');
    const ours = rows.filter((row) => row[2].includes(COHORT));
    expect(ours.map((row) => [row[0], row[1]])).toEqual([
      ['Thursday 25 March 2027', '9:00am to 4:30pm'],
      ['Tuesday 30 March 2027', '9:00am to 12:30pm'],
    ]);
    await expectNoAxeViolations(page, 'calendar, list view');

    await page.getByRole('link', { name: 'Month view' }).click();
    await page.waitForURL(/view=month/);
    const grid = page.getByTestId('calendar-grid');
    await grid.waitFor();
    expect(await grid.locator('caption').textContent()).toContain('March 2027');
    expect(await grid.locator('thead th[scope="col"]').count()).toBe(7);
    expect(await grid.locator('td[data-date="2027-03-25"]').textContent()).toContain(
      'Active Bystander workshop: day 1',
    );
    expect(await grid.locator('td[data-date="2027-03-30"]').textContent()).toContain(
      'Active Bystander workshop: day 2',
    );
    await expectNoAxeViolations(page, 'calendar, month view');

    await page.getByTestId('next-period').click();
    await page.waitForURL(/from=2027-04-01/);
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="period-heading"]')?.textContent?.includes('April 2027'),
    );
    expect(await grid.locator('td[data-date="2027-04-22"]').textContent()).toContain('Action learning set');

    await page.goto('/calendar?view=week&from=2027-03-25');
    await grid.waitFor();
    expect((await page.getByTestId('period-heading').textContent())?.trim()).toBe('22 to 28 March 2027');
    expect(await grid.locator('tbody tr').count()).toBe(1);
    expect(await grid.locator('td[data-date="2027-03-25"]').textContent()).toContain(COHORT);
    await expectNoAxeViolations(page, 'calendar, week view');

    // Filters are a GET form: they go into the address.
    await page.locator('#kind').selectOption('action-learning-set');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/kind=action-learning-set/);
    await page.waitForFunction(
      () =>
        !document.querySelector('[data-testid="calendar-grid"]')?.textContent?.includes('workshop: day 1'),
    );
  });

  it('moves a session from the cohort page; a clash is refused and explained', async () => {
    const { page } = browser;
    await page.goto('/calendar?view=list&from=2027-03-01');
    await page
      .getByTestId('calendar-list')
      .getByRole('link', { name: 'Active Bystander workshop: day 2' })
      .first()
      .click();
    await page.getByTestId('sessions-table').waitFor();
    expect(await page.locator('h1').textContent()).toContain(COHORT);

    await page.getByRole('link', { name: 'Move Active Bystander workshop: day 2' }).click();
    await page.locator('#date').waitFor();
    expect(await page.getByTestId('current-time').textContent()).toBe(
      'Tuesday 30 March 2027, 9:00am to 12:30pm',
    );
    expect(await dateValue(page, 'date')).toBe('2027-03-30');
    expect(await page.locator('#startTime').inputValue()).toBe('09:00');
    await expectNoAxeViolations(page, 'move session form');

    // On top of day 1 with the same facilitators: the API refuses with a message naming the clash.
    await fillDate(page, 'date', '2027-03-25');
    await page.locator('#startTime').fill('10:00');
    await page.locator('#endTime').fill('12:00');
    await page.getByRole('button', { name: 'Move session' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    const moved = page
      .waitForURL(/\/cohorts\/[0-9a-f-]{36}$/, { timeout: 10000 })
      .then(() => 'moved')
      .catch(() => 'timed out');
    const refused = summary
      .waitFor({ timeout: 10000 })
      .then(() => 'refused')
      .catch(() => 'timed out');
    const outcome = await Promise.race([moved, refused]);
    expect(outcome).not.toBe('timed out');
    if (outcome === 'refused') {
      expect(await summary.textContent()).toMatch(/already|clash|facilitat/i);
      await expectNoAxeViolations(page, 'move session form with a clash');
    } else {
      // No facilitators were listed, so nothing clashed: go back to the form to move it properly.
      await page.getByRole('link', { name: 'Move Active Bystander workshop: day 2' }).click();
      await page.locator('#date').waitFor();
    }

    await fillDate(page, 'date', '2027-03-31');
    await page.locator('#startTime').fill('10:00');
    await page.locator('#endTime').fill('13:30');
    await page.locator('#reason').fill('Room needed for a board meeting');
    await page.getByRole('button', { name: 'Move session' }).click();
    // Day 1 is Thursday 25 March: the move is saved, but the page stays to say the workshop is split.
    const warnings = page.getByTestId('scheduling-warnings');
    await warnings.waitFor();
    expect(await warnings.textContent()).toContain(
      'The workshop is split over a weekend: Thursday 25 March 2027 and Wednesday 31 March 2027.',
    );
    expect(await page.getByTestId('moved').textContent()).toContain(
      'Session moved: Active Bystander workshop: day 2 on Wednesday 31 March 2027, 10:00am to 1:30pm',
    );
    await expectNoAxeViolations(page, 'move session form with scheduling warnings');
    await warnings.getByRole('link', { name: 'go back to the cohort' }).click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}$/);
    await page.getByTestId('sessions-table').waitFor();
    const rows = await tableRows(page, 'sessions-table');
    const day2 = rows.find((row) => row[0] === 'Active Bystander workshop: day 2');
    expect(day2?.[1]).toBe('Wednesday 31 March 2027, 10:00am to 1:30pm');
    await expectNoAxeViolations(page, 'cohort page after the move');

    await page.goto('/calendar?view=week&from=2027-03-29');
    await page.getByTestId('calendar-grid').waitFor();
    expect(await page.locator('td[data-date="2027-03-31"]').textContent()).toContain('10:00am');
    expect(await page.locator('td[data-date="2027-03-30"]').textContent()).not.toContain('workshop: day 2');
  });

  it('staffs, places and cancels a session from the cohort page', async () => {
    const { page } = browser;
    await page.goto('/cohorts');
    await page.getByRole('link', { name: COHORT }).click();
    await page.getByTestId('sessions-table').waitFor();

    await page.getByRole('link', { name: 'Facilitators for Action learning set' }).first().click();
    await page.locator('#facilitatorIds').waitFor();
    await expectNoAxeViolations(page, 'session facilitators form');
    await page.getByLabel('Tom Okafor').check();
    await page.getByRole('button', { name: 'Save facilitators' }).click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('success-banner').textContent()).toContain(
      'Facilitators saved for Action learning set',
    );
    await page.getByTestId('sessions-table').waitFor();
    let rows = await tableRows(page, 'sessions-table');
    expect(rows.find((row) => row[0] === 'Action learning set')?.[3]).toContain('Tom Okafor');

    await page.getByRole('link', { name: 'Place of Action learning set' }).first().click();
    await page.locator('#joinUrl').waitFor();
    await expectNoAxeViolations(page, 'session place form');
    await page.locator('#joinUrl').fill('https://teams.microsoft.com/l/meetup-join/als-1');
    await page.getByRole('button', { name: 'Save place' }).click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('success-banner').textContent()).toContain(
      'Place saved for Action learning set',
    );

    await page.getByRole('link', { name: 'Cancel Action learning set' }).last().click();
    await page.locator('#reason').waitFor();
    await expectNoAxeViolations(page, 'cancel session form');
    await page.getByRole('button', { name: 'Cancel session' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain(
      'Enter why the session is cancelled',
    );
    await page.locator('#reason').fill('Facilitator training day');
    await page.getByRole('button', { name: 'Cancel session' }).click();
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('success-banner').textContent()).toContain(
      'Session cancelled: Action learning set',
    );
    await page.getByTestId('sessions-table').waitFor();
    rows = await tableRows(page, 'sessions-table');
    const sets = rows.filter((row) => row[0] === 'Action learning set');
    expect(sets[sets.length - 1][4]).toBe('Cancelled');
    await expectNoAxeViolations(page, 'cohort page with a cancelled session');
  });

  it('lists facilitators and venues, and adds a venue', async () => {
    const { page } = browser;
    await (await navLink(page, 'Facilitators')).click();
    await page.getByTestId('facilitators-table').waitFor();
    expect(await page.getByTestId('facilitators-table').textContent()).toContain('Tom Okafor');
    await expectNoAxeViolations(page, 'facilitators list');
    await page.getByRole('button', { name: 'Add facilitator' }).click();
    await page.locator('#email').waitFor();
    await expectNoAxeViolations(page, 'add facilitator form');
    await page.getByRole('button', { name: 'Add facilitator' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await expectNoAxeViolations(page, 'add facilitator form with errors');

    await page.goto('/facilitators');
    await page.getByRole('link', { name: 'Edit Tom Okafor' }).click();
    await page.locator('#unavailableDates').waitFor();
    await expectNoAxeViolations(page, 'edit facilitator form');

    await (await navLink(page, 'Venues')).click();
    await page.getByTestId('venues-table').waitFor();
    await expectNoAxeViolations(page, 'venues list');
    await page.getByRole('button', { name: 'Add venue' }).click();
    await page.locator('#name').waitFor();
    await expectNoAxeViolations(page, 'add venue form');
    await page.locator('#name').fill('Glenfield Hospital, Clinical Education Centre');
    await page.locator('#address').fill('Groby Road\nLeicester LE3 9QP');
    await page.locator('#capacity').fill('40');
    await page.locator('#accessibilityNotes').fill('Lift to the first floor; hearing loop');
    await page.getByRole('button', { name: 'Save venue' }).click();
    await page.waitForURL(/\/venues$/);
    await page.getByTestId('venues-table').waitFor();
    expect(await page.getByTestId('success-banner').textContent()).toContain('Glenfield Hospital');
    expect(await page.getByTestId('venues-table').textContent()).toContain(
      'Glenfield Hospital, Clinical Education Centre',
    );
  });

  it('can be completed with the keyboard alone', async () => {
    const { page } = browser;
    await page.goto('/cohorts/new');
    await page.locator('#name').waitFor();
    await tabTo(page, 'programmeId');
    await page.waitForFunction(() =>
      Array.from((document.querySelector('#programmeId') as HTMLSelectElement | null)?.options ?? []).some(
        (option) => option.textContent === 'Active Bystander Programme',
      ),
    );
    // With more than one programme, choose it by typing the start of its name, as a keyboard user would.
    if (!(await page.locator('#programmeId').inputValue())) await page.keyboard.type('Active');
    expect(await page.locator('#programmeId option:checked').textContent()).toBe(
      'Active Bystander Programme',
    );
    await tabTo(page, 'name');
    await page.keyboard.type(KEYBOARD_COHORT);
    await tabTo(page, 'systemOdsCode');
    await page.waitForFunction(
      () => (document.querySelector('#systemOdsCode') as HTMLSelectElement | null)?.value === 'QK1',
    );
    await tabTo(page, 'startDate');
    await typeDate(page, '2027-05-13');
    expect(await dateValue(page, 'startDate')).toBe('2027-05-13');
    await tabTo(page, 'capacity');
    await page.keyboard.press('Enter'); // submits the form: Continue

    await page.waitForURL(/step=people$/);
    await page.locator('#venueId').waitFor();
    await tabTo(page, 'joinUrl');
    await page.keyboard.type('https://teams.microsoft.com/l/meetup-join/keyboard');
    await tabTo(page, 'Continue');
    await page.keyboard.press('Enter');

    await page.waitForURL(/step=check$/);
    await page.getByTestId('preview-table').waitFor();
    expect((await tableRows(page, 'preview-table'))[0].slice(1, 3)).toEqual(['Thursday', '13 May 2027']);
    await tabTo(page, 'Save cohort', 80);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cohorts\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('success-banner').textContent()).toContain(
      `Cohort ${KEYBOARD_COHORT} created`,
    );
  });

  it('shows a facilitator their sessions and a calendar subscription link', async () => {
    const { page } = browser;
    await signOut(page);
    await signIn(page, 'facilitator@demo.upstand.test');
    await (await navLink(page, 'My sessions')).click();
    await page.getByRole('heading', { level: 2, name: 'Calendar subscription' }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Loading your'));
    const sessions = page.getByTestId('my-sessions');
    if ((await sessions.count()) > 0) {
      expect(await sessions.textContent()).toContain('Active Bystander workshop: day 1');
      expect(await sessions.textContent()).toContain('Thursday 25 March 2027, 9:00am to 4:30pm');
    }
    await expectNoAxeViolations(page, 'my sessions');

    const feedUrl = page.locator('#feedUrl');
    if ((await feedUrl.count()) === 0) {
      await page.getByRole('button', { name: 'Create subscription link' }).click();
      await feedUrl.waitFor();
    }
    expect(await feedUrl.inputValue()).toMatch(/^https?:\/\/.+/);
    expect(await feedUrl.getAttribute('readonly')).not.toBeNull();
    await expectNoAxeViolations(page, 'my sessions with a subscription link');
    const first = await feedUrl.inputValue();
    await page.getByRole('button', { name: 'Replace link' }).click();
    await page.waitForFunction(
      (old) => (document.querySelector('#feedUrl') as HTMLInputElement | null)?.value !== old,
      first,
    );
    await page.getByRole('button', { name: 'Stop subscription' }).click();
    await page.getByRole('button', { name: 'Create subscription link' }).waitFor();

    await (await navLink(page, 'Calendar')).click();
    await page.getByTestId('calendar-grid').waitFor();
    expect(await page.locator('#facilitatorId').count()).toBe(0);
    await expectNoAxeViolations(page, 'calendar as a facilitator');
    await page.goto('/calendar?view=list&from=2027-03-01');
    await page.getByTestId('calendar-list').waitFor();
    expect(await page.getByTestId('calendar-list').textContent()).toContain(COHORT);

    await (await navLink(page, 'Cohorts')).click();
    await page.getByTestId('cohorts-table').waitFor();
    expect(await page.getByRole('button', { name: 'Create cohort' }).count()).toBe(0);
    await page.getByLabel('Search by cohort name').fill(COHORT);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('cohorts-table').getByRole('link', { name: COHORT }).waitFor();
    await page.getByRole('link', { name: COHORT }).click();
    await page.getByTestId('sessions-table').waitFor();
    expect(await page.getByTestId('sessions-table').getByRole('link', { name: /^Move/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'cohort page as a facilitator');
  });
});
