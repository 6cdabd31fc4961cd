import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import {
  Cohort,
  CohortEnrolment,
  CohortEnrolmentPage,
  CohortSession,
  MyDataExport,
  Programme,
  ProgrammeAction,
} from '@upstand/contracts';
import { addDays, dayOfWeek } from '@upstand/schedule';
import {
  Browser,
  api,
  expectNoAxeViolations,
  openBrowser,
  registerByEmail,
  signIn,
  waitUntilLoaded,
  navLink,
} from './support/browser';
import { sql } from './support/database';

/**
 * Every page of the web app passes axe, including the pages no other browser test reaches (edit forms, the
 * transfer of a delegate, session feedback) and the error and empty states that are easy to come by (an unknown
 * address, a form sent empty, a link without its code). Pages are reached the way a user would where practical.
 * Then a form is filled in with the keyboard alone, and the skip link is checked.
 *
 * The data this changes is the test's own: a programme with two cohorts and a delegate, an action in that
 * programme's log and an organisation added by keyboard. Demo records are opened and sent with errors, never saved.
 */

const STAMP = Date.now().toString(36);
const PROGRAMME = `Every page programme ${STAMP}`;
const COHORT = `Every page cohort ${STAMP}`;
const LATER_COHORT = `Every page later cohort ${STAMP}`;
const DELEGATE = `Morgan Blake ${STAMP}`;
const DELEGATE_EMAIL = `morgan.blake.${STAMP}@example.nhs.uk`;
const ACTION = `Share the pilot findings with the ICB board ${STAMP}`;
const WORKSHOP = 'Active Bystander workshop: day 1';
/** Well formed, so the API answers 404 rather than 400. */
const UNKNOWN_ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

/** A Thursday at least `days` ahead (London date), clear of Christmas and New Year. */
function thursdayAfter(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  let date = addDays(today, days);
  while (dayOfWeek(date) !== 4 || /-(12-2[4-9]|12-3[01]|01-0[1-2])$/.test(date)) date = addDays(date, 1);
  return date;
}

/**
 * The NHS.UK font stack without Frutiger (its files are not served here): Arial first. A browser falls back to
 * its serif default when no family is set, so the body, the heading and every form control on the page
 * (which browsers do not let inherit by default) must all name Arial first.
 */
async function expectArialFont(page: Page, label: string): Promise<void> {
  const fonts = await page.evaluate(() =>
    [document.body, ...Array.from(document.querySelectorAll('h1, input, select, textarea, button'))].map(
      (element) => ({
        element: element === document.body ? 'body' : element.tagName.toLowerCase(),
        family: getComputedStyle(element).fontFamily,
      }),
    ),
  );
  const firstFamily = (family: string) =>
    family
      .split(',')[0]
      .trim()
      .replace(/^["']|["']$/g, '');
  const wrong = fonts.filter(({ family }) => firstFamily(family).toLowerCase() !== 'arial');
  expect({ page: label, wrong }).toEqual({ page: label, wrong: [] });
}

/** Waits for the page's heading and for every "Loading…" status to go, then checks the font and runs axe. */
async function checkPage(page: Page, label: string, heading?: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) }).waitFor();
  await waitUntilLoaded(page);
  await expectArialFont(page, label);
  await expectNoAxeViolations(page, label);
}

/** Waits for the error summary, checks it lists `text`, then checks the font and runs axe. */
async function checkErrors(page: Page, label: string, text: string): Promise<void> {
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  expect(await summary.textContent()).toContain(text);
  await expectArialFont(page, label);
  await expectNoAxeViolations(page, label);
}

async function bannerText(page: Page): Promise<string> {
  const banner = page.getByTestId('success-banner');
  await banner.waitFor();
  return ((await banner.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** What has focus: its id, else its text (a link or button), else its class. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    return element.id || (element.textContent ?? '').replace(/\s+/g, ' ').trim() || element.className;
  });
}

/** Presses Tab until `target` (an id or a link's or button's text) has focus; fails if it is not reachable. */
async function tabTo(page: Page, target: string, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach "${target}" with the Tab key (focus is on "${await focused(page)}")`);
}

describe('every page in the browser passes axe', () => {
  const browsers: Browser[] = [];
  let lead: Browser;
  let delegate: Browser;
  let programme: Programme;
  let cohort: Cohort;
  let workshop: CohortSession;
  let enrolment: CohortEnrolment;

  /** A fresh browser, signed in as `email` unless it is omitted; closed after the tests. */
  async function browserFor(email?: string): Promise<Page> {
    const browser = await openBrowser();
    browsers.push(browser);
    if (email) await signIn(browser.page, email);
    return browser.page;
  }

  beforeAll(async () => {
    // The test's own programme (no manager approval), a cohort to join and a later one to move to, both without
    // facilitators or venue so that nothing clashes with other tests' sessions.
    lead = await openBrowser();
    browsers.push(lead);
    await signIn(lead.page, 'lead@demo.upstand.test');
    programme = await api<Programme>(lead, 'POST', '/api/programmes', {
      name: PROGRAMME,
      requiresManagerApproval: false,
    });
    const cohortRequest = { programmeId: programme.id, capacity: 12, systemOdsCode: 'QK1' };
    cohort = await api<Cohort>(lead, 'POST', '/api/cohorts', {
      ...cohortRequest,
      name: COHORT,
      startDate: thursdayAfter(70),
    });
    await api<Cohort>(lead, 'POST', '/api/cohorts', {
      ...cohortRequest,
      name: LATER_COHORT,
      startDate: thursdayAfter(126),
    });
    await api<ProgrammeAction>(lead, 'POST', `/api/programmes/${programme.id}/actions`, {
      action: ACTION,
      owner: 'Steering group chair',
      dueDate: thursdayAfter(30),
    });

    delegate = await openBrowser();
    browsers.push(delegate);
    await registerByEmail(delegate, lead, {
      email: DELEGATE_EMAIL,
      password: 'a long enough password',
      fullName: DELEGATE,
    });
    await api(delegate, 'PUT', '/api/me/profile', {
      jobTitle: 'Occupational therapist',
      staffGroup: 'Allied Health Professionals',
      payScheme: 'agenda-for-change',
      payBand: '6',
      lineManagerName: 'Helen Carter',
      lineManagerEmail: 'manager@demo.upstand.test',
    });
    const place = await api<{ status: string }>(delegate, 'POST', `/api/cohorts/${cohort.id}/enrolments`);
    expect(place.status).toBe('confirmed');

    // The delegate attended the first workshop, which ended an hour ago: its feedback is open.
    const enrolments = (await api<CohortEnrolmentPage>(lead, 'GET', `/api/cohorts/${cohort.id}/enrolments`))
      .items;
    enrolment = enrolments.find(
      (candidate) => candidate.delegate.email === DELEGATE_EMAIL,
    ) as CohortEnrolment;
    const sessions = await api<CohortSession[]>(lead, 'GET', `/api/cohorts/${cohort.id}/sessions`);
    workshop = sessions.find((session) => session.title === WORKSHOP) as CohortSession;
    await sql(
      `UPDATE session SET starts_at = now() - interval '4 hours', ends_at = now() - interval '1 hour'
       WHERE id = $1`,
      [workshop.id],
    );
    // A register can be taken only once the session has started, so after moving it into the past.
    await api(lead, 'PUT', `/api/sessions/${workshop.id}/attendance`, {
      entries: [{ enrolmentId: enrolment.id, status: 'present' }],
    });
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
  });

  describe('signed out', () => {
    let page: Page;
    beforeAll(async () => {
      page = await browserFor();
    });

    it('shows the open cohorts to a visitor', async () => {
      await page.goto('/login');
      await (await navLink(page, 'Open cohorts')).click();
      await page.waitForURL(/\/cohorts\/open$/);
      await page.locator(`[data-cohort-id="${cohort.id}"]`).waitFor();
      await checkPage(page, 'open cohorts, signed out');
    });

    it('summarises the errors of an empty "Create an account" form', async () => {
      await page.goto('/login');
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.locator('#fullName').waitFor();
      await waitUntilLoaded(page);
      await page.getByRole('button', { name: 'Continue' }).click();
      await checkErrors(page, 'create an account with errors', 'Enter your full name');
      expect(await page.title()).toMatch(/^Error: /);
    });

    it('explains an activation link without its code', async () => {
      await page.goto('/activate');
      await checkPage(page, 'activate your account, incomplete link', 'This link is not complete');
    });

    it('explains a set-your-password link without its code', async () => {
      await page.goto('/reset-password');
      await checkPage(page, 'set your password, incomplete link', 'This link is not complete');
    });

    it.each([
      ['Privacy notice', /\/privacy$/],
      ['Cookies', /\/cookies$/],
      ['Accessibility statement', /\/accessibility$/],
    ])('opens the %s from the footer', async (link, address) => {
      await page.goto('/login');
      await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
      await page.waitForURL(address);
      await checkPage(page, `${link.toLowerCase()}, signed out`, link);
    });

    it('names who runs the service in the footer and links to their contact address', async () => {
      await page.goto('/login');
      const footer = page.getByRole('contentinfo');
      await footer.getByText('© Leicester, Leicestershire and Rutland Integrated Care Board').waitFor();
      expect(await footer.getByRole('link', { name: 'Contact us' }).getAttribute('href')).toBe(
        'mailto:dataprotection@example.nhs.uk',
      );
    });

    it('explains a refused single sign-on', async () => {
      await page.goto('/sign-in-problem?reason=link-required');
      await checkPage(page, 'sign-in problem, link required', 'You already have an Upstand account');
    });

    it('shows "Page not found" for an unknown address', async () => {
      await page.goto('/no-such-page');
      await checkPage(page, 'page not found, signed out', 'Page not found');
    });
  });

  describe('as the programme lead', () => {
    let page: Page;
    beforeAll(() => {
      page = lead.page;
    });

    it('edits an organisation: the form, and the error summary when the name is cleared (not saved)', async () => {
      await (await navLink(page, 'Organisations')).click();
      await page.getByTestId('organisations-table').waitFor();
      await page.getByRole('link', { name: 'Edit University Hospitals of Leicester NHS Trust' }).click();
      await page.locator('#name').waitFor();
      await checkPage(page, 'edit organisation', /Edit University Hospitals of Leicester NHS Trust/);
      expect(await page.locator('#odsCode').inputValue()).toBe('RWE');

      await page.locator('#name').fill('');
      await page.getByRole('button', { name: 'Save organisation' }).click();
      await checkErrors(page, 'edit organisation with errors', 'Enter the organisation name');
    });

    it('says when an organisation does not exist', async () => {
      await page.goto(`/organisations/${UNKNOWN_ID}/edit`);
      await page.getByText('This organisation does not exist.').waitFor();
      await checkPage(page, 'edit organisation, unknown');
    });

    it('adds a venue sent empty, edits a venue (not saved) and says when one does not exist', async () => {
      await (await navLink(page, 'Venues')).click();
      await page.getByTestId('venues-table').waitFor();
      await page.getByRole('button', { name: 'Add venue' }).click();
      await page.locator('#name').waitFor();
      await page.getByRole('button', { name: 'Save venue' }).click();
      await checkErrors(page, 'add venue with errors', 'Enter the name of the venue');

      await (await navLink(page, 'Venues')).click();
      await page.getByRole('link', { name: 'Edit Loughborough Hospital, Training Room 2' }).click();
      await page.locator('#capacity').waitFor();
      await checkPage(page, 'edit venue', 'Edit Loughborough Hospital, Training Room 2');
      expect(await page.locator('#capacity').inputValue()).toBe('16');
      await page.locator('#capacity').fill('many');
      await page.getByRole('button', { name: 'Save venue' }).click();
      await checkErrors(page, 'edit venue with errors', 'Capacity must be a whole number');

      await page.goto(`/venues/${UNKNOWN_ID}/edit`);
      await page.getByText('This venue does not exist.').waitFor();
      await checkPage(page, 'edit venue, unknown');
    });

    it("opens a delegate's transfer from the cohort page and summarises an empty choice", async () => {
      await (await navLink(page, 'Cohorts')).click();
      await page.getByLabel('Search by cohort name').fill(COHORT);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByTestId('cohorts-table').getByRole('link', { name: COHORT, exact: true }).click();
      const delegates = page.getByTestId('enrolments-table');
      await delegates.waitFor();
      await delegates.getByRole('link', { name: `Transfer ${DELEGATE}` }).click();
      await page.waitForURL(/\/enrolments\/[0-9a-f-]{36}\/transfer$/);
      await page.getByRole('heading', { level: 1, name: new RegExp(`Transfer ${DELEGATE}`) }).waitFor();
      await page.getByLabel(LATER_COHORT).waitFor();
      await checkPage(page, 'transfer a delegate');

      await page.getByRole('button', { name: 'Transfer delegate' }).click();
      await checkErrors(page, 'transfer a delegate with errors', 'Select the cohort to move the delegate to');

      await page.goto(`/cohorts/${cohort.id}/enrolments/${UNKNOWN_ID}/transfer`);
      await page.getByText('This delegate is not enrolled on this cohort.').waitFor();
      await checkPage(page, 'transfer a delegate, unknown');
    });

    it('opens who came to a Community of Practice catch-up (not saved)', async () => {
      const [catchUp] = await sql<{ id: string }>(
        `SELECT s.id FROM session s JOIN session_series se ON se.id = s.series_id
         WHERE s.kind = 'community-of-practice' AND s.status = 'scheduled' AND s.starts_at < now()
         ORDER BY s.starts_at DESC LIMIT 1`,
      );
      await page.goto(`/sessions/${catchUp!.id}/community-attendance`);
      await page.getByTestId('community-people').waitFor();
      await checkPage(page, 'who came to a catch-up', /Who came/);
      // Ticking a box is keyboard-reachable and changes nothing until saved.
      const first = page.getByTestId('community-people').getByRole('checkbox').first();
      const wasChecked = await first.isChecked();
      await first.focus();
      await page.keyboard.press('Space');
      expect(await first.isChecked()).toBe(!wasChecked);
    });

    it('says when a cohort or a session register does not exist', async () => {
      await page.goto(`/cohorts/${UNKNOWN_ID}`);
      await page.getByText('This cohort does not exist.').waitFor();
      await checkPage(page, 'cohort, unknown', 'Cohort');

      await page.goto(`/sessions/${UNKNOWN_ID}/register`);
      await page.locator('.nhsuk-error-summary').waitFor();
      await checkPage(page, 'register, unknown session');
    });

    it('takes a register listing everyone enrolled, clears a mark and prints the sign-in sheet', async () => {
      // Someone who withdrew before the workshop: listed with their place, but not markable.
      await sql(
        `WITH leaver AS (
           INSERT INTO app_user (email, full_name, password_hash) VALUES ($3, 'Riley Stone (synthetic)', 'not-a-hash')
           RETURNING id
         )
         INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, withdrawn_at, status_changed_at)
         SELECT $1, $2, id, 'withdrawn', now() - interval '2 days', now() - interval '2 days' FROM leaver`,
        [cohort.id, programme.id, `riley.stone.${STAMP}@example.nhs.uk`],
      );
      await page.goto(`/sessions/${workshop.id}/register?cohort=${cohort.id}`);
      await page.getByTestId('register-table').waitFor();
      await checkPage(page, 'register, with a withdrawn delegate', /Register/);
      expect(await page.getByTestId('register-place').allTextContents()).toEqual([
        'Place confirmed',
        'Withdrawn',
      ]);
      expect(await page.getByTestId('not-markable').count()).toBe(1);

      await page.getByRole('button', { name: `Clear the mark for ${DELEGATE}` }).click();
      expect(await bannerText(page)).toContain(`Mark cleared for ${DELEGATE}`);
      await checkPage(page, 'register, a mark cleared', /Register/);

      // On paper: the sign-in sheet alone, without the service's header, the form or its buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('sign-in-sheet').isVisible()).toBe(true);
      expect(await page.getByTestId('register-table').isVisible()).toBe(false);
      expect(await page.locator('header.nhsuk-header').isVisible()).toBe(false);
      expect(await page.getByTestId('sign-in-sheet').locator('tbody tr').allTextContents()).toEqual([
        expect.stringContaining(DELEGATE),
      ]);
      await page.emulateMedia({ media: 'screen' });
      expect(await page.getByTestId('sign-in-sheet').isVisible()).toBe(false);

      // The delegate did attend: their mark goes back for the tests that follow.
      await api(lead, 'PUT', `/api/sessions/${workshop.id}/attendance`, {
        entries: [{ enrolmentId: enrolment.id, status: 'present' }],
      });
    });

    it.each([
      ['edit facilitator', () => `/facilitators/${UNKNOWN_ID}/edit`],
      ['programme settings', () => `/programmes/${UNKNOWN_ID}/settings`],
      ['questionnaires', () => `/programmes/${UNKNOWN_ID}/questionnaires`],
      ['edit questions', () => `/programmes/${UNKNOWN_ID}/questionnaires/pre`],
      ['move a session', () => `/cohorts/${cohort.id}/sessions/${UNKNOWN_ID}/move`],
      ['rate an area', () => `/governance/reviews/${UNKNOWN_ID}/areas/relevance`],
      ['edit an action', () => `/governance/actions/${UNKNOWN_ID}/edit`],
    ])('says when what the %s page is about does not exist', async (label, address) => {
      await page.goto(address());
      await page.locator('.nhsuk-error-summary').waitFor();
      await checkPage(page, `${label}, unknown`);
    });

    it('shows the impact dashboard and the Community of Practice to the lead', async () => {
      await page.goto('/');
      await (await navLink(page, 'Impact')).click();
      await page.getByTestId('tile-trained').waitFor();
      await checkPage(page, 'impact dashboard (lead)', 'Impact');

      await page.goto('/community');
      await checkPage(page, 'community of practice (lead)');
    });

    it('shows the open requests to erase data', async () => {
      await page.goto('/admin/erasure-requests');
      await checkPage(page, 'requests to erase data', 'Requests to erase data');
    });

    it('shows "Page not found" to a signed-in user', async () => {
      await page.goto('/cohorts/open/no-such-page');
      await checkPage(page, 'page not found, signed in', 'Page not found');
    });
  });

  describe('as a delegate', () => {
    it('gives feedback on a session attended: the form, its error summary, then saved', async () => {
      const { page } = delegate;
      await page.goto('/journey');
      const feedback = page.getByTestId('session-feedback');
      await feedback.waitFor();
      await feedback.getByRole('link', { name: new RegExp(`on ${WORKSHOP}$`) }).click();
      await page.waitForURL(/\/journey\/session-feedback\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: 'Send feedback' }).waitFor();
      await checkPage(page, 'session feedback', new RegExp(WORKSHOP));

      await page.getByRole('button', { name: 'Send feedback' }).click();
      await checkErrors(page, 'session feedback with errors', 'This session was useful to me');

      await page.locator('[data-item="session_useful"]').getByLabel('Agree', { exact: true }).check();
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await page.waitForURL(/\/journey$/);
      expect(await bannerText(page)).toContain(`Thank you for your feedback on ${WORKSHOP}`);
      await checkPage(page, 'my journey after session feedback', 'My journey');
    });

    it('sees and downloads their data from their profile', async () => {
      const { page } = delegate;
      await page.goto('/profile');
      await page.getByRole('link', { name: 'See and download the data we hold about you' }).click();
      await page.waitForURL(/\/profile\/my-data$/);
      const summary = page.getByTestId('my-data-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain(DELEGATE_EMAIL);
      await checkPage(page, 'your data', 'Your data');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download my data (JSON)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('upstand-my-data.json');
      const file = await download.path();
      const data = JSON.parse(readFileSync(file, 'utf8')) as MyDataExport;
      expect(data.account.email).toBe(DELEGATE_EMAIL);
      expect(data.enrolments.map((enrolment) => enrolment.cohort)).toEqual([COHORT]);

      // Asking to be deleted without ticking the box sends nothing: its error summary (the request is not made).
      await page.getByRole('button', { name: 'Ask for my data to be deleted' }).click();
      await checkErrors(page, 'your data, erasure not confirmed', 'Tick the box');
    });

    it('opens "Sign-in and security" from their profile', async () => {
      const { page } = delegate;
      await page.goto('/profile');
      await page.getByRole('main').getByRole('link', { name: 'Sign-in and security' }).click();
      await page.waitForURL(/\/profile\/sign-in$/);
      await page.getByRole('heading', { level: 2, name: 'Two-step verification' }).waitFor();
      await checkPage(page, 'sign-in and security', 'Sign-in and security');
    });

    it('says when there is no feedback to give for a session', async () => {
      const { page } = delegate;
      await page.goto(`/journey/session-feedback/${UNKNOWN_ID}`);
      await page.getByText('There is no feedback to give for this session.').waitFor();
      await checkPage(page, 'session feedback, unknown session');
    });

    it('shows a questionnaire that has closed and one that is not open yet', async () => {
      const { page } = delegate;
      // "Before the programme" closed when the first workshop started.
      await page.goto('/journey/questionnaires/pre');
      await page.getByTestId('questionnaire-state').waitFor();
      expect(await page.getByTestId('questionnaire-state').textContent()).toContain(
        'can no longer be answered',
      );
      await checkPage(page, 'questionnaire, closed', 'Before the programme');

      await page.goto('/journey/questionnaires/post');
      await page.getByTestId('questionnaire-state').waitFor();
      expect(await page.getByTestId('questionnaire-state').textContent()).toContain('not open yet');
      await checkPage(page, 'questionnaire, not open yet', 'After the programme');
    });

    it('says when a questionnaire does not exist', async () => {
      const { page } = delegate;
      await page.goto('/journey/questionnaires/no-such-stage');
      await page.locator('.nhsuk-error-summary').waitFor();
      await checkPage(page, 'questionnaire, unknown');
    });

    it('tells the demo delegate when a page is not theirs', async () => {
      const page = await browserFor('delegate@demo.upstand.test');
      await page.goto('/organisations/new');
      await checkPage(page, 'access denied', 'You do not have access');
    });
  });

  describe('as the steering group', () => {
    let page: Page;
    beforeAll(async () => {
      page = await browserFor('steering@demo.upstand.test');
    });

    it("edits an action in a programme's log (not saved) after choosing the programme", async () => {
      await (await navLink(page, 'Programme review')).click();
      await page.locator('#programme').waitFor();
      await waitUntilLoaded(page);
      await page.locator('#programme').selectOption({ label: PROGRAMME });
      await page.getByRole('button', { name: 'Show programme' }).click();
      await page.waitForURL(new RegExp(`programmeId=${programme.id}`));
      await page.getByRole('heading', { level: 1, name: new RegExp(PROGRAMME) }).waitFor();
      await page.getByRole('link', { name: `Edit action: ${ACTION}` }).click();
      await page.locator('#owner').waitFor();
      await checkPage(page, 'edit an action', 'Edit action');
      expect(await page.locator('#action').inputValue()).toBe(ACTION);

      await page.locator('#owner').fill('');
      await page.getByRole('button', { name: 'Save action' }).click();
      await checkErrors(page, 'edit an action with errors', 'Enter who owns the action');
    });

    it('summarises the errors of an empty review period and an empty action', async () => {
      await page.goto(`/governance?programmeId=${programme.id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(PROGRAMME) }).waitFor();
      await waitUntilLoaded(page);
      await page.getByRole('button', { name: 'Add a review period' }).click();
      await page.locator('#label').waitFor();
      await page.getByRole('button', { name: 'Add review period' }).click();
      await checkErrors(page, 'add a review period with errors', 'Enter a name for the review period');

      await page.goto(`/governance?programmeId=${programme.id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(PROGRAMME) }).waitFor();
      await waitUntilLoaded(page);
      await page.getByRole('button', { name: 'Add an action' }).click();
      await page.locator('#action').waitFor();
      await page.getByRole('button', { name: 'Add action' }).click();
      await checkErrors(page, 'add an action with errors', 'Enter what will be done');
    });

    it('says when the programme asked for does not exist', async () => {
      await page.goto(`/governance?programmeId=${UNKNOWN_ID}`);
      await page.getByText('This programme does not exist.').waitFor();
      await checkPage(page, 'programme review, unknown programme');
    });
  });

  describe('user administration (programme lead)', () => {
    let page: Page;
    beforeAll(async () => {
      page = await browserFor('lead@demo.upstand.test');
    });

    it('lists and searches users, and opens one', async () => {
      await (await navLink(page, 'Users')).click();
      await page.getByTestId('users-table').waitFor();
      await checkPage(page, 'users', 'Users');
      await page.locator('#q').fill('Tom Okafor');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/q=Tom/);
      await page.getByRole('link', { name: 'Tom Okafor' }).click();
      await page.getByRole('heading', { level: 2, name: 'Roles' }).waitFor();
      await checkPage(page, 'a user', /Tom Okafor/);
      await page.getByRole('button', { name: 'Deactivate account' }).click();
      await page.getByTestId('confirm-deactivate').waitFor();
      await expectNoAxeViolations(page, 'a user, confirming deactivation');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Add role' }).click();
      await checkErrors(page, 'a user, adding a role with errors', 'Select a role');
      await page.getByRole('heading', { level: 2, name: 'Two-step verification' }).waitFor();
    });

    it('summarises the errors of an empty invitation', async () => {
      await page.goto('/admin/users/new');
      await page.locator('#email').waitFor();
      await checkPage(page, 'invite a user', 'Invite a user');
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await checkErrors(page, 'invite a user with errors', 'Enter their email address');
    });

    it('shows the audit log, filtered', async () => {
      await (await navLink(page, 'Audit log')).click();
      await page.getByTestId('audit-table').waitFor();
      await checkPage(page, 'audit log', 'Audit log');
      await page.goto('/admin/audit?action=auth.login');
      await page.getByTestId('audit-table').waitFor();
      await checkPage(page, 'audit log, filtered', 'Audit log');
    });
  });

  describe('as the sponsor and the facilitator', () => {
    it("shows the sponsor the impact dashboard for their organisation's view", async () => {
      const page = await browserFor('sponsor@demo.upstand.test');
      await (await navLink(page, 'Impact')).click();
      await page.waitForURL(/\/impact/);
      await checkPage(page, 'impact dashboard (sponsor)', 'Impact');
    });

    it('shows the facilitator the Community of Practice', async () => {
      const page = await browserFor('facilitator@demo.upstand.test');
      await (await navLink(page, 'Community')).click();
      await page.waitForURL(/\/community$/);
      await checkPage(page, 'community of practice (facilitator)');
    });
  });

  describe('by keyboard alone', () => {
    it('offers "Skip to main content" as the first tab stop; it moves focus to the main content', async () => {
      const page = await browserFor('lead@demo.upstand.test');
      await page.goto('/venues');
      await page.getByTestId('venues-table').waitFor();
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Skip to main content');
      // Visible once focused (it is hidden off-screen until then).
      const box = await page.locator('.nhsuk-skip-link').boundingBox();
      expect((box?.width ?? 0) > 10 && (box?.height ?? 0) > 10 && (box?.y ?? -1) >= 0).toBe(true);
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('maincontent');
      // The next Tab continues inside the main content, past the header's links.
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => document.getElementById('maincontent')?.contains(document.activeElement)),
      ).toBe(true);
    });

    it('adds an organisation: fields in order, errors summarised and linked, then saved', async () => {
      const page = await browserFor('lead@demo.upstand.test');
      const odsCode = `K${STAMP.slice(-5).toUpperCase()}`;
      const name = `Keyboard Community Interest Company ${STAMP}`;
      await page.goto('/organisations');
      await page.getByTestId('organisations-table').waitFor();
      await tabTo(page, 'Add organisation');
      await page.keyboard.press('Space'); // a link that looks like a button works like one
      await page.waitForURL(/\/organisations\/new$/);
      await page.locator('#odsCode').waitFor();
      // Focus moves to the heading of the new page; from there Tab visits each field once, in order.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      const order: string[] = [];
      while (order[order.length - 1] !== 'Cancel' && order.length < 30) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        if (now !== order[order.length - 1]) order.push(now);
      }
      expect(order).toEqual([
        'odsCode',
        'name',
        'type',
        'systemId',
        'validFrom',
        'validFrom-month',
        'validFrom-year',
        'validTo',
        'validTo-month',
        'validTo-year',
        'headcount',
        'headcountAsOf',
        'headcountAsOf-month',
        'headcountAsOf-year',
        'Save organisation',
        'Cancel',
      ]);

      // Back to the button with Shift+Tab, and send the form empty with Enter.
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('Save organisation');
      await page.keyboard.press('Enter');
      const summary = page.locator('.nhsuk-error-summary');
      await summary.waitFor();
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary'));
      expect(await page.title()).toMatch(/^Error: /);
      expect(await summary.getByRole('link').allTextContents()).toEqual([
        'Enter the ODS code',
        'Enter the organisation name',
        'Select the type of organisation',
      ]);
      await expectNoAxeViolations(page, 'add organisation by keyboard, with errors');

      // Each link of the summary takes focus to its field.
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Enter the ODS code');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('odsCode');
      await page.keyboard.type(odsCode);
      await page.keyboard.press('Shift+Tab'); // back to the summary's last link
      expect(await focused(page)).toBe('Select the type of organisation');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe('type');
      await page.keyboard.type('Other');
      expect(await page.locator('#type').inputValue()).toBe('other');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('systemId');
      for (let presses = 0; presses < 20; presses++) {
        if ((await page.locator('#systemId option:checked').textContent())?.includes('(QK1)')) break;
        await page.keyboard.press('ArrowDown');
      }
      expect(await page.locator('#systemId option:checked').textContent()).toContain('(QK1)');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('name');
      await page.keyboard.type(name);
      await page.keyboard.press('Enter'); // submits from a text field

      await page.waitForURL(/\/organisations$/);
      expect(await bannerText(page)).toContain(`Organisation ${odsCode} saved`);
      await page
        .getByTestId('organisations-table')
        .locator(`tr[data-ods-code="${odsCode}"]`)
        .filter({ hasText: name })
        .waitFor();
    });
  });
});
