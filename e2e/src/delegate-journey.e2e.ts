import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import { Cohort, Facilitator, Programme } from '@upstand/contracts';
import { addDays, dayOfWeek } from '@upstand/schedule';
import {
  ACTIVATION_LINK,
  ACTIVATION_SUBJECT,
  api,
  Browser,
  expectNoAxeViolations,
  linkFromMailbox,
  openBrowser,
  signIn,
  navLink,
} from './support/browser';
import { sql } from './support/database';

/**
 * The delegate journey end to end: a new delegate registers, fills in their profile and the optional equality
 * questions and signs up for a cohort; their line manager approves through the emailed link (read from the
 * lead's mailbox); the facilitator takes the register; the delegate completes and downloads the certificate.
 * Also the line manager's and the sponsor's pages, check-in with a wrong code and the Community of Practice.
 * Every page is checked with axe.
 *
 * The cohort belongs to a programme of its own (one-day workshop, completion = the workshop, manager approval on),
 * so other browser tests are not affected by its settings.
 */

const STAMP = Date.now().toString(36);
const PROGRAMME = 'Journey test programme';
const COHORT = `Journey test cohort ${STAMP}`;
const DELEGATE = `Jordan Ellis ${STAMP}`;
const DELEGATE_EMAIL = `jordan.ellis.${STAMP}@example.nhs.uk`;

/** Lists show a page at a time: search one for `text` (its form's search box has id `<id>-q`). */
async function searchList(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}-q`).fill(text);
  await page.locator(`#${id}-q`).press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === text);
}
const PASSWORD = 'a long enough password';
const WORKSHOP = 'Active Bystander workshop: day 1';

/** A Thursday about eight weeks ahead (London date), clear of the dates the cohort browser test books. */
function workshopDate(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  let date = addDays(today, 56);
  while (dayOfWeek(date) !== 4) date = addDays(date, 1);
  while (['2027-03-25', '2027-05-13'].includes(date)) date = addDays(date, 7);
  return date;
}

async function navLabels(page: Page): Promise<string[]> {
  const navigation = page.getByTestId('nav');
  await navigation.waitFor();
  return (await navigation.getByRole('link', { includeHidden: true }).allTextContents()).map((text) =>
    text.trim(),
  );
}

async function bannerText(page: Page): Promise<string> {
  const banner = page.getByTestId('success-banner');
  await banner.waitFor();
  return ((await banner.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('the delegate journey in the browser', () => {
  let lead: Browser;
  let delegate: Browser;
  const others: Browser[] = [];
  let cohort: Cohort;
  let approvalToken = '';

  beforeAll(async () => {
    lead = await openBrowser();
    await signIn(lead.page, 'lead@demo.upstand.test');
    const programmes = await api<Programme[]>(lead, 'GET', '/api/programmes');
    const standard = programmes.find((programme) => programme.name === 'Active Bystander Programme');
    if (!standard) throw new Error('The seeded Active Bystander Programme is missing');
    const programme = await api<Programme>(lead, 'POST', '/api/programmes', {
      name: PROGRAMME,
      stages: standard.currentTemplate.stages.filter((stage) => stage.key !== 'workshop-day-2'),
      completionRule: { workshop: 'all' },
      requiresManagerApproval: true,
    });
    const facilitators = await api<Facilitator[]>(lead, 'GET', '/api/facilitators');
    const byEmail = (email: string) => {
      const found = facilitators.find((facilitator) => facilitator.email === email);
      if (!found) throw new Error(`No facilitator ${email}`);
      return found.id;
    };
    cohort = await api<Cohort>(lead, 'POST', '/api/cohorts', {
      programmeId: programme.id,
      name: COHORT,
      startDate: workshopDate(),
      capacity: 10,
      systemOdsCode: 'QK1',
      facilitatorIds: [byEmail('facilitator@demo.upstand.test'), byEmail('cofacilitator@demo.upstand.test')],
    });
    delegate = await openBrowser();
  });

  afterAll(async () => {
    for (const browser of [lead, delegate, ...others]) await browser?.close();
  });

  it('registers a new delegate, who lands on their journey', async () => {
    const { page } = delegate;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'The Active Bystander Programme' }).waitFor();
    expect(await navLabels(page)).toEqual(['Open cohorts', 'Sign in']);
    await page.getByTestId('start-actions').getByRole('button', { name: 'Create an account' }).click();
    await page.locator('#fullName').waitFor();
    await page.waitForFunction(
      () =>
        ((document.querySelector('#organisationId') as HTMLSelectElement | null)?.options.length ?? 0) > 1,
    );
    await expectNoAxeViolations(page, 'create an account');
    await page.locator('#fullName').fill(DELEGATE);
    await page.locator('#email').fill(DELEGATE_EMAIL);
    await page
      .locator('#organisationId')
      .selectOption({ label: 'University Hospitals of Leicester NHS Trust (RWE)' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(DELEGATE_EMAIL);
    await expectNoAxeViolations(page, 'check your email');

    // The activation link arrives by email (in demo mode, the lead's mailbox).
    const link = await linkFromMailbox(lead, DELEGATE_EMAIL, ACTIVATION_SUBJECT, ACTIVATION_LINK);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Activate your account' }).waitFor();
    await expectNoAxeViolations(page, 'activate your account');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#confirmPassword').fill(PASSWORD);
    await page.getByRole('button', { name: 'Activate account' }).click();

    // Home leads with the one next step: find a cohort.
    await page.waitForURL((url) => url.pathname === '/');
    const next = page.getByTestId('next-step');
    await next.waitFor();
    expect(await next.getAttribute('data-kind')).toBe('find-cohort');
    expect(await navLabels(page)).toEqual(['Home', 'My journey', 'Open cohorts', 'Community']);
    await expectNoAxeViolations(page, 'delegate home before signing up');
    await (await navLink(page, 'My journey')).click();
    await page.getByRole('heading', { level: 1, name: 'My journey' }).waitFor();
    await page.getByText('You have not signed up for a cohort yet.').waitFor();
    await expectNoAxeViolations(page, 'my journey before signing up');
  });

  it('fills in the delegate profile: the band appears for Agenda for Change; errors are summarised', async () => {
    const { page } = delegate;
    await page.getByRole('link', { name: 'fill in your delegate profile' }).click();
    await page.waitForURL(/\/profile$/);
    await page.locator('#jobTitle').waitFor();
    expect(await page.locator('#payBand').count()).toBe(0);
    await expectNoAxeViolations(page, 'delegate profile (empty)');

    await page.getByRole('button', { name: 'Save profile' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Enter your job title');
    expect(await summary.textContent()).toContain('Select your pay scheme');
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page, 'delegate profile with errors');

    await page.locator('#jobTitle').fill('Healthcare assistant, ward 7');
    await page.locator('#staffGroup').selectOption('Additional Clinical Services');
    await page.getByLabel('Agenda for Change', { exact: true }).check();
    await page.locator('#payBand').selectOption({ label: 'Band 3' });
    await page.locator('#lineManagerName').fill('Helen Carter');
    await page.locator('#lineManagerEmail').fill('manager@demo.upstand.test');
    await page.getByRole('button', { name: 'Save profile' }).click();
    expect(await bannerText(page)).toContain('Your profile has been saved');
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(0);
    await expectNoAxeViolations(page, 'delegate profile saved');
  });

  it('answers some of the optional equality questions', async () => {
    const { page } = delegate;
    await page.getByRole('link', { name: 'Answer the equality monitoring questions' }).click();
    await page.waitForURL(/\/profile\/equality$/);
    await page.getByRole('heading', { level: 1, name: 'Equality monitoring (optional)' }).waitFor();
    await page.locator('#ethnicCategory').waitFor();
    expect(await page.getByTestId('equality-explanation').textContent()).toContain(
      'never used to make decisions about you',
    );
    await expectNoAxeViolations(page, 'equality monitoring');
    await page.getByLabel('Indian', { exact: true }).check();
    await page.getByLabel('25 to 34', { exact: true }).check();
    await page.getByRole('button', { name: 'Save answers' }).click();
    expect(await bannerText(page)).toContain('Your answers have been saved');
    await page.getByRole('button', { name: 'Remove my answers' }).waitFor();
    await expectNoAxeViolations(page, 'equality monitoring saved');
  });

  it('signs up for the cohort from the open cohorts and waits for manager approval', async () => {
    const { page } = delegate;
    await (await navLink(page, 'Open cohorts')).click();
    await page.waitForURL(/\/cohorts\/open$/);
    const card = page.locator(`[data-cohort-id="${cohort.id}"]`);
    await card.waitFor();
    expect(await card.getByTestId('places').textContent()).toContain('10 places left');
    expect(await card.getByTestId('dates').textContent()).toContain(WORKSHOP);
    await expectNoAxeViolations(page, 'open cohorts');

    await card.getByRole('button', { name: `Sign up for ${COHORT}` }).click();
    await page.waitForURL(/\/journey$/);
    expect(await bannerText(page)).toContain(
      `You have asked for a place on ${COHORT}. We have emailed your line manager to approve it.`,
    );
    const status = page.getByTestId('journey-status-tag');
    expect((await status.textContent())?.trim()).toBe('Waiting for manager approval');
    expect(await page.getByTestId('journey-status').textContent()).toContain(COHORT);
    await page.getByText('Your sessions').waitFor();
    await expectNoAxeViolations(page, 'my journey waiting for approval');
  });

  it('lets the lead read the approval email in the mailbox', async () => {
    const { page } = lead;
    expect(await navLabels(page)).toEqual([
      'Home',
      'Cohorts',
      'Calendar',
      'Facilitators',
      'Venues',
      'Organisations',
      'Programmes',
      'Session feedback',
      'Imports',
      'Users',
      'Audit log',
      'Mailbox',
      'Impact',
      'Programme review',
    ]);
    await linkFromMailbox(
      lead,
      'manager@demo.upstand.test',
      `Please approve ${DELEGATE}`,
      /\/approvals\/[A-Za-z0-9_-]{43}/,
    );
    await (await navLink(page, 'Mailbox')).click();
    await page.getByTestId('mailbox-table').waitFor();
    expect(await page.getByTestId('demo-mailbox').textContent()).toContain('Demo: emails are not sent');
    await expectNoAxeViolations(page, 'mailbox');
    await searchList(page, 'mailbox-search', `Please approve ${DELEGATE}`);
    await page.getByText('Showing 1 to 1 of 1 emails').waitFor();
    const row = page
      .getByTestId('mailbox-table')
      .locator('tbody tr', { hasText: `Please approve ${DELEGATE}'s place on ${COHORT}` });
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toContain('manager@demo.upstand.test');
    await row.getByText(`Please approve ${DELEGATE}'s place`).click();
    const text = (await row.getByTestId('message-text').textContent()) ?? '';
    expect(text).toContain('Approve or decline here:');
    const token = /\/approvals\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    expect(token).toBeDefined();
    approvalToken = token ?? '';
    await expectNoAxeViolations(page, 'mailbox with an email open');
  });

  it('approves through the emailed link without signing in; the link then works no more', async () => {
    const manager = await openBrowser();
    others.push(manager);
    const { page } = manager;
    await page.goto(`/approvals/${approvalToken}`);
    await page.getByRole('heading', { level: 1, name: `Approve ${DELEGATE}'s place` }).waitFor();
    const summary = (await page.getByTestId('approval-summary').textContent()) ?? '';
    expect(summary).toContain('Healthcare assistant, ward 7');
    expect(summary).toContain('University Hospitals of Leicester NHS Trust');
    expect(summary).toContain(COHORT);
    expect(summary).toContain(WORKSHOP);
    await expectNoAxeViolations(page, 'approval link');

    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Place approved' }).waitFor();
    await expectNoAxeViolations(page, 'approval link, approved');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'This link has already been used' }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, 'approval link, used');

    await page.goto('/approvals/not-a-real-link');
    await page.getByRole('heading', { level: 1, name: 'This link is not recognised' }).waitFor();
    await expectNoAxeViolations(page, 'approval link, unknown');
  });

  it("shows the line manager their team's progress in their account", async () => {
    const { page } = others[0];
    await signIn(page, 'manager@demo.upstand.test');
    expect(await navLabels(page)).toEqual(['Home', 'My team']);
    await (await navLink(page, 'My team')).click();
    await page.getByRole('heading', { level: 1, name: 'My team' }).waitFor();
    const team = page.getByTestId('team-table');
    await team.waitFor();
    await searchList(page, 'team-search', DELEGATE);
    await page.getByText('Showing 1 to 1 of 1 places').waitFor();
    const row = team.locator('tbody tr', { hasText: DELEGATE });
    expect(await row.textContent()).toContain('Place confirmed');
    await expectNoAxeViolations(page, 'line manager: my team');
  });

  it('shows the confirmed place on the journey, with the workshop to come', async () => {
    const { page } = delegate;
    await page.reload();
    const status = page.getByTestId('journey-status-tag');
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('Place confirmed');
    expect(await page.getByTestId('next-session').textContent()).toContain(WORKSHOP);
    await expectNoAxeViolations(page, 'my journey with a confirmed place');
  });

  it('lets the facilitator take the register from My sessions', async () => {
    const facilitator = await openBrowser();
    others.push(facilitator);
    const { page } = facilitator;
    // A register can be taken from the session's start: the workshop began a minute ago (still today's list).
    await sql(
      `UPDATE session SET starts_at = now() - interval '1 minute', ends_at = now() + interval '6 hours'
       WHERE cohort_id = $1 AND title = $2`,
      [cohort.id, WORKSHOP],
    );
    await signIn(page, 'facilitator@demo.upstand.test');
    expect(await navLabels(page)).toEqual(['Home', 'My sessions', 'Calendar', 'Cohorts', 'Community']);
    await (await navLink(page, 'My sessions')).click();
    const item = page
      .getByTestId('my-sessions')
      .locator('li', { hasText: COHORT })
      .filter({ hasText: WORKSHOP });
    await item.first().waitFor();
    await item
      .first()
      .getByRole('link', { name: `Register and check-in for ${WORKSHOP}` })
      .click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}\/register$/);
    const table = page.getByTestId('register-table');
    await table.waitFor();
    expect(await page.locator('h1').textContent()).toContain(COHORT);
    expect((await page.getByTestId('check-in-code').textContent())?.trim()).toMatch(/^[A-Z0-9]{6}$/);
    const qr = page.locator('img.app-check-in__qr');
    expect(await qr.getAttribute('alt')).toBe(`QR code to check in to ${WORKSHOP}`);
    await page.waitForFunction(
      () =>
        ((document.querySelector('img.app-check-in__qr') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    );
    await expectNoAxeViolations(page, 'register');

    const row = table.locator('tbody tr', { hasText: DELEGATE });
    await row.getByLabel('Present', { exact: true }).check();
    await page.getByRole('button', { name: 'Save register' }).click();
    expect(await bannerText(page)).toContain('Register saved: 1 present');
    expect(await row.getByLabel('Present', { exact: true }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'register saved');
  });

  it('completes the journey: the delegate downloads the certificate and joins the directory', async () => {
    const { page } = delegate;
    await page.reload();
    const status = page.getByTestId('journey-status-tag');
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('Completed');
    const workshop = page.locator('section[data-stage="workshop-day-1"]');
    expect(await workshop.getByTestId('attendance-tag').textContent()).toBe('Present');
    await expectNoAxeViolations(page, 'my journey, completed');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('certificate-link').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');

    await page.getByLabel('List me in the Community of Practice directory').check();
    await page.getByRole('button', { name: 'Save directory choice' }).click();
    expect(await bannerText(page)).toContain('You are listed in the Community of Practice directory');
    await expectNoAxeViolations(page, 'my journey, listed in the directory');

    await (await navLink(page, 'Community')).click();
    const directory = page.getByTestId('community-table');
    await directory.waitFor();
    await searchList(page, 'member-search', DELEGATE);
    await page.getByText('Showing 1 to 1 of 1 members').waitFor();
    expect(await directory.textContent()).toContain(DELEGATE);
    expect(await page.getByTestId('my-listing').textContent()).toContain('You are listed in the directory');
    await expectNoAxeViolations(page, 'community of practice');
  });

  it('refuses a wrong check-in code with the error summary', async () => {
    const { page } = delegate;
    await page.goto('/check-in?code=ZZZZZZ');
    await page.locator('#code').waitFor();
    expect(await page.locator('#code').inputValue()).toBe('ZZZZZZ');
    await expectNoAxeViolations(page, 'check in');
    await page.getByRole('button', { name: 'Check in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('That check-in code is not right');
    expect(await summary.locator('a').getAttribute('href')).toBe('#code');
    await expectNoAxeViolations(page, 'check in with a wrong code');
  });

  it("shows the sponsor their organisation's delegates", async () => {
    const sponsor = await openBrowser();
    others.push(sponsor);
    const { page } = sponsor;
    await signIn(page, 'sponsor@demo.upstand.test');
    expect(await navLabels(page)).toEqual(['Home', 'Our delegates', 'Impact']);
    await (await navLink(page, 'Our delegates')).click();
    const table = page.getByTestId('sponsor-table');
    await table.waitFor();
    await searchList(page, 'delegate-search', DELEGATE);
    await page.getByText('Showing 1 to 1 of 1 places').waitFor();
    const row = table.locator('tbody tr', { hasText: DELEGATE });
    expect(await row.textContent()).toContain('Completed');
    expect(await row.textContent()).toContain('1 of 1');
    await expectNoAxeViolations(page, 'sponsor: our delegates');
  });

  it("shows the lead the cohort's delegates and learning sets, and the programme settings", async () => {
    const { page } = lead;
    await page.goto(`/cohorts/${cohort.id}`);
    const delegates = page.getByTestId('enrolments-table');
    await delegates.waitFor();
    const row = delegates.locator('tbody tr', { hasText: DELEGATE });
    expect(await row.textContent()).toContain('Completed');
    await page.getByRole('heading', { level: 2, name: 'Learning sets' }).waitFor();
    await page.waitForFunction(() => !document.body.textContent?.includes('Loading learning sets'));
    await expectNoAxeViolations(page, 'cohort page with delegates and learning sets');

    await (await navLink(page, 'Programmes')).click();
    const programmes = page.getByTestId('programmes-table');
    await programmes.waitFor();
    const programme = programmes.locator('tbody tr', { hasText: PROGRAMME });
    expect(await programme.textContent()).toContain('All workshops');
    await expectNoAxeViolations(page, 'programmes');
    await programme.getByRole('link', { name: `Change settings of ${PROGRAMME}` }).click();
    await page.locator('#offerHoldHours').waitFor();
    expect(await page.locator('#requiresManagerApproval').isChecked()).toBe(true);
    await expectNoAxeViolations(page, 'programme settings');
    await page.locator('#offerHoldHours').fill('72');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await bannerText(page)).toContain(`Settings saved for ${PROGRAMME}`);
    expect(await programmes.locator('tbody tr', { hasText: PROGRAMME }).textContent()).toContain('72 hours');
  });
});
