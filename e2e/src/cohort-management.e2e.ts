import { Cohort, OpenCohort, Paged, Programme } from '@upstand/contracts';
import { Page } from 'playwright-core';
import { ReceivedMail, SmtpSink } from './support/smtp';
import { api, Browser, expectNoAxeViolations, openBrowser, signIn, waitUntilLoaded } from './support/browser';
import { sql } from './support/database';
import { RunningServer, startServer } from './support/server';

/**
 * Issue 12, "Done when": a lead runs a cohort in the browser. They add a delegate by hand (a new person, invited),
 * change the number of places, close sign-ups, take the register once the workshop has started, clear a mark and
 * print the sign-in sheet; they withdraw a second delegate in bulk through the confirmation page. The first
 * delegate sets their password from the invitation and withdraws: the test SMTP server receives a METHOD:CANCEL
 * for each of their sessions still to come.
 *
 * This file runs its own server (with SMTP pointing at a sink in this process) and points the shared helpers at it.
 */

const STAMP = Date.now().toString(36);
const DELEGATE = 'Ada Okafor (synthetic)';
const DELEGATE_EMAIL = `ada.okafor.${STAMP}@example.nhs.uk`;
const SECOND = 'Bo Lindqvist (synthetic)';
const SECOND_EMAIL = `bo.lindqvist.${STAMP}@example.nhs.uk`;
const PASSWORD = 'a long synthetic password';

async function bannerText(page: Page): Promise<string> {
  const banner = page.getByTestId('success-banner');
  await banner.waitFor();
  return ((await banner.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function checkPage(page: Page, label: string, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await waitUntilLoaded(page);
  await expectNoAxeViolations(page, label);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 1280,
  );
}

/** Waits until the sink holds messages matching `predicate`, at least `count` of them. */
async function received(
  smtp: SmtpSink,
  predicate: (mail: ReceivedMail) => boolean,
  count = 1,
): Promise<ReceivedMail[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = smtp.received.filter(predicate);
    if (found.length >= count) return found;
    if (Date.now() > deadline)
      throw new Error(
        `Expected ${count} emails, got ${found.length}. Received: ${smtp.received.map((mail) => `${mail.to}: ${mail.subject}`).join('; ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('a programme lead runs a cohort', () => {
  const saved = { url: process.env['UPSTAND_E2E_URL'], dataDir: process.env['UPSTAND_E2E_DATA_DIR'] };
  let smtp: SmtpSink;
  let server: RunningServer;
  let lead: Browser;
  let delegate: Browser;
  let cohort: Cohort;
  let programme: Programme;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    server = await startServer({
      env: {
        NODE_ENV: 'development',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_WORKER_INTERVAL_MS: '250',
      },
    });
    process.env['UPSTAND_E2E_URL'] = server.url;
    process.env['UPSTAND_E2E_DATA_DIR'] = server.dataDir;
    lead = await openBrowser();
    delegate = await openBrowser();
    await signIn(lead.page, 'lead@demo.upstand.test');
    [programme] = (await api<Programme[]>(lead, 'GET', '/api/programmes')) as [Programme];
    cohort = await api<Cohort>(lead, 'POST', '/api/cohorts', {
      programmeId: programme.id,
      name: `Managed cohort ${STAMP}`,
      startDate: '2027-06-07',
      capacity: 1,
      systemOdsCode: 'QK1',
    });
  });

  afterAll(async () => {
    await lead?.close();
    await delegate?.close();
    await server?.stop();
    await smtp?.stop();
    process.env['UPSTAND_E2E_URL'] = saved.url;
    process.env['UPSTAND_E2E_DATA_DIR'] = saved.dataDir;
  });

  it('adds a delegate by hand, changes the places and closes sign-ups', async () => {
    const { page } = lead;
    await page.goto(`/cohorts/${cohort.id}`);
    await checkPage(page, 'cohort page, nobody yet', cohort.name);
    await page.getByRole('link', { name: 'Add a delegate' }).click();
    await checkPage(page, 'add a delegate', /Add a delegate/);
    expect(await page.getByTestId('no-approval-note').textContent()).toContain(
      'does not need their line manager',
    );
    await page.getByLabel('No, invite them').check();
    await page.getByRole('button', { name: 'Invite and add to the cohort' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Enter their full name').waitFor();
    await expectNoAxeViolations(page, 'add a delegate, with errors');
    await page.getByLabel('Full name').fill(DELEGATE);
    await page.getByLabel('Email address').fill(DELEGATE_EMAIL);
    await page.getByRole('button', { name: 'Invite and add to the cohort' }).click();
    expect(await bannerText(page)).toContain(`${DELEGATE} has a confirmed place`);

    // The cohort is full now: the second person waits. Invited the same way.
    await page.getByRole('link', { name: 'Add a delegate' }).click();
    await page.getByLabel('No, invite them').check();
    await page.getByLabel('Full name').fill(SECOND);
    await page.getByLabel('Email address').fill(SECOND_EMAIL);
    await page.getByRole('button', { name: 'Invite and add to the cohort' }).click();
    expect(await bannerText(page)).toContain(`${SECOND} is on the waiting list`);
    await page.getByTestId('waiting-list').getByText(SECOND).waitFor();

    // More places: the person waiting is offered one at once; then sign-ups close.
    await page.getByRole('link', { name: /Change cohort details/ }).click();
    await checkPage(page, 'change cohort details', /Change cohort details/);
    await page.getByLabel('Number of places').fill('0');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.nhsuk-error-summary').getByText('between 1 and 500').waitFor();
    await page.getByLabel('Number of places').fill('12');
    await page.getByLabel('No, sign-ups are closed').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await bannerText(page)).toContain('new places are offered to the waiting list');
    expect((await page.getByTestId('cohort-capacity').textContent())?.trim()).toBe('12');
    expect(await page.getByTestId('cohort-signups').textContent()).toContain('Closed');
    const row = page.getByTestId('enrolments-table').locator('tr', { hasText: SECOND });
    expect(await row.textContent()).toContain('Place offered');
    await checkPage(page, 'cohort page with delegates', cohort.name);
    const open = await api<Paged<OpenCohort>>(lead, 'GET', '/api/open-cohorts?pageSize=100');
    expect(open.items.map((item) => item.id)).not.toContain(cohort.id);
    await received(smtp, (mail) => mail.to.includes(SECOND_EMAIL) && mail.subject.startsWith('A place on'));
  });

  it('withdraws in bulk through a confirmation page that lists who and which emails', async () => {
    const { page } = lead;
    await page.goto(`/cohorts/${cohort.id}`);
    await waitUntilLoaded(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Select at least one delegate').waitFor();
    await page.getByLabel(`Select ${SECOND}`).check();
    await page.getByLabel('Withdraw', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await checkPage(page, 'bulk withdrawal confirmation', /Withdraw 1 delegate/);
    const people = page.getByTestId('bulk-people');
    expect(await people.locator('tbody tr').count()).toBe(1);
    expect(await people.textContent()).toContain(SECOND);
    expect(await people.textContent()).toContain('The place they were offered passes to the next person');
    await page.getByRole('button', { name: 'Withdraw 1 delegate' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Enter why you are withdrawing them').waitFor();
    await page.getByLabel('Why are you withdrawing them?').fill('Could not be released from the ward');
    await page.getByRole('button', { name: 'Withdraw 1 delegate' }).click();
    await checkPage(page, 'bulk withdrawal results', /Withdrawals: 1 done/);
    expect(await page.getByTestId('bulk-results').textContent()).toContain('Withdrawn');
    const [audit] = await sql<{ reason: string }>(
      `SELECT details->>'reason' AS reason FROM audit_event WHERE action = 'enrolment.withdrawn-by-lead'
       ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect(audit?.reason).toBe('Could not be released from the ward');
  });

  it('takes the register once the workshop has started, clears a mark and prints the sign-in sheet', async () => {
    const { page } = lead;
    // The first workshop session began a minute ago.
    const [workshop] = await sql<{ id: string }>(
      `UPDATE session SET starts_at = now() - interval '1 minute', ends_at = now() + interval '3 hours'
       WHERE id = (SELECT id FROM session WHERE cohort_id = $1 ORDER BY starts_at LIMIT 1) RETURNING id`,
      [cohort.id],
    );
    await page.goto(`/sessions/${workshop!.id}/register?cohort=${cohort.id}`);
    const table = page.getByTestId('register-table');
    await table.waitFor();
    await checkPage(page, 'register', /Register/);
    const row = table.locator('tbody tr', { hasText: DELEGATE });
    await row.getByLabel('Present', { exact: true }).check();
    await page.getByRole('button', { name: 'Save register' }).click();
    expect(await bannerText(page)).toContain('Register saved: 1 present');
    await page.getByRole('button', { name: `Clear the mark for ${DELEGATE}` }).click();
    await page.getByTestId('success-banner').getByText(`Mark cleared for ${DELEGATE}`).waitFor();
    expect(await row.getByLabel('Present', { exact: true }).isChecked()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('sign-in-sheet').isVisible()).toBe(true);
    expect(await page.getByTestId('register-table').isVisible()).toBe(false);
    expect(await page.locator('header.nhsuk-header').isVisible()).toBe(false);
    expect(await page.getByTestId('sign-in-sheet').textContent()).toContain(DELEGATE);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the delegate sets a password from the invitation, withdraws, and gets a CANCEL per future session', async () => {
    const [invitation] = await received(
      smtp,
      (mail) => mail.to.includes(DELEGATE_EMAIL) && mail.subject.startsWith('You have been invited'),
    );
    expect(invitation!.text).toContain(`put you on ${cohort.name}`);
    const link = /\/reset-password\?token=[A-Za-z0-9_-]{43}/.exec(invitation!.text)?.[0];
    expect(link).toBeDefined();
    // The confirmation and one invitation per session arrived too (the place needed no manager's approval).
    const invites = await received(
      smtp,
      (mail) => mail.to.includes(DELEGATE_EMAIL) && mail.subject.startsWith('Invitation:'),
    );
    expect(invites.every((mail) => mail.calendar?.includes('METHOD:REQUEST'))).toBe(true);

    const { page } = delegate;
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('success-banner').getByText('Your password has been set').waitFor();
    await signIn(page, DELEGATE_EMAIL, PASSWORD);
    await page.goto('/journey');
    await page.getByRole('button', { name: 'Withdraw from this cohort' }).click();
    await page.getByRole('button', { name: 'Yes, withdraw' }).click();
    await page.getByTestId('success-banner').getByText(`You have withdrawn from ${cohort.name}`).waitFor();

    // Every session still to come (the workshop under way is not), each in its own CANCEL.
    const future = await sql<{ uid: string }>(
      `SELECT calendar_uid AS uid FROM session WHERE cohort_id = $1 AND set_id IS NULL AND status = 'scheduled' AND starts_at > now()`,
      [cohort.id],
    );
    expect(future.length).toBeGreaterThan(1);
    const cancels = await received(
      smtp,
      (mail) => mail.to.includes(DELEGATE_EMAIL) && (mail.calendar ?? '').includes('METHOD:CANCEL'),
      future.length,
    );
    expect(cancels).toHaveLength(future.length);
    const uids = cancels.map((mail) => /UID:(.+)/.exec(mail.calendar ?? '')?.[1]?.trim());
    expect(uids.sort()).toEqual(future.map((session) => session.uid).sort());
    expect(cancels.every((mail) => mail.calendarContentType?.includes('method=CANCEL'))).toBe(true);
  });
});
