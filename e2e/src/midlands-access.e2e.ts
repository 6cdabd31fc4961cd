import { AnalyticsOverview, MyDataExport } from '@upstand/contracts';
import { readFileSync } from 'fs';
import { startOidcProvider, TestOidcProvider } from './support/oidc';
import {
  api,
  baseUrl,
  Browser,
  expectNoAxeViolations,
  linkFromMailbox,
  openBrowser,
  signIn,
  signOut,
  waitUntilLoaded,
} from './support/browser';
import { sql } from './support/database';
import { freePort, RunningServer, startServer } from './support/server';

/**
 * Issue 10's "done when", end to end in Chromium on the built app, against its own server (the shared one has no
 * single sign-on) and a real OpenID provider (oidc-provider, a child process):
 *
 * - the regional lead invites a programme lead for NHS Coventry and Warwickshire ICB (QWU). Their first "Sign in
 *   with NHSmail" is refused: the invitation made an account with that email, and an email match never hands
 *   over an account. So they set a password from the invitation, link NHSmail on "Sign-in and security", and
 *   from then on sign in through the provider. They see only QWU's cohorts and Impact, and cannot give a
 *   regional role (not offered, and refused by the API naming the field);
 * - a certified pilot delegate (who has no password: they set one with "Forgotten your password?") downloads
 *   their data and asks for erasure; the regional lead erases them; the Impact totals do not move.
 */

const STAMP = Date.now().toString(36);
const LEAD = 'lead@demo.upstand.test';
const SYSTEM_LEAD_EMAIL = `cw.lead.${STAMP}@example.nhs.uk`;
const SYSTEM_LEAD_NAME = `Morgan Hale ${STAMP}`;
const SYSTEM_LEAD_PASSWORD = 'a password for Morgan';
const DELEGATE_PASSWORD = 'a password for the pilot delegate';
const QWU_SYSTEM = /Coventry and Warwickshire/;
const INVITATION_LINK = /\/reset-password\?token=[A-Za-z0-9_-]{43}/;

/**
 * Follows the browser to the provider after a click on the app (at `from`) and signs in there as `login`; a
 * browser still signed in at the provider may come straight back. Ends once the browser is back on the app.
 */
async function signInAtProvider(
  browser: Browser,
  issuer: string,
  login: string,
  from: string,
): Promise<void> {
  const { page } = browser;
  await page.waitForURL((url) => url.origin === issuer || url.href !== from);
  if (new URL(page.url()).origin === issuer) {
    await page.getByLabel('Email or username').fill(login);
    await page.getByLabel('Password').fill('any password will do');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === baseUrl());
  }
}

/** Clicks what starts single sign-on and signs in at the provider. */
async function throughProvider(browser: Browser, start: () => Promise<void>, issuer: string, login: string) {
  const from = browser.page.url();
  await start();
  await signInAtProvider(browser, issuer, login, from);
}

const overview = (lead: Browser, programmeId: string) =>
  api<AnalyticsOverview>(lead, 'GET', `/api/analytics/overview?programmeId=${programmeId}`);

describe('access across the Midlands (issue 10)', () => {
  let server: RunningServer;
  let provider: TestOidcProvider;
  let lead: Browser;
  let systemLead: Browser;
  let delegate: Browser;
  const saved = { url: process.env['UPSTAND_E2E_URL'], dataDir: process.env['UPSTAND_E2E_DATA_DIR'] };

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUris: [`${url}/api/auth/oidc/callback`] });
    server = await startServer({
      port,
      env: { NODE_ENV: 'development', PUBLIC_BASE_URL: url, ...provider.env('NHSmail') },
    });
    // The browser helpers and sql() talk to "the" server: this file's own, until afterAll.
    process.env['UPSTAND_E2E_URL'] = server.url;
    process.env['UPSTAND_E2E_DATA_DIR'] = server.dataDir;
    [lead, systemLead, delegate] = await Promise.all([openBrowser(), openBrowser(), openBrowser()]);
    await signIn(lead.page, LEAD);
  });
  afterAll(async () => {
    try {
      await Promise.all([lead, systemLead, delegate].map((browser) => browser?.close()));
    } finally {
      await server?.stop();
      await provider?.stop();
      process.env['UPSTAND_E2E_URL'] = saved.url;
      process.env['UPSTAND_E2E_DATA_DIR'] = saved.dataDir;
    }
  });

  it('lets the regional lead invite a programme lead for Coventry and Warwickshire', async () => {
    const { page } = lead;
    await page.goto('/admin/users');
    await page.getByTestId('users-table').waitFor();
    await expectNoAxeViolations(page, 'users (regional lead)');
    await page.getByRole('button', { name: 'Invite a user' }).click();
    await page.waitForURL(/\/admin\/users\/new$/);
    await page.locator('#email').fill(SYSTEM_LEAD_EMAIL);
    await page.locator('#fullName').fill(SYSTEM_LEAD_NAME);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Programme lead' });
    const scopes = await page.getByLabel('Where the role applies').locator('option').allTextContents();
    const qwu = scopes.find((scope) => QWU_SYSTEM.test(scope) && scope.endsWith('(whole system)'));
    expect(qwu).toBeDefined();
    await page.getByLabel('Where the role applies').selectOption({ label: qwu as string });
    await expectNoAxeViolations(page, 'invite a user (regional lead)');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    expect(await page.getByTestId('success-banner').textContent()).toContain(
      `Invitation sent to ${SYSTEM_LEAD_NAME}`,
    );
  });

  it('refuses the invited lead single sign-on until they link it, then signs them in through the provider', async () => {
    const { page } = systemLead;
    // Straight to single sign-on: an account with this email exists (the invitation made it), not linked yet.
    await page.goto('/login');
    await throughProvider(
      systemLead,
      () => page.getByRole('link', { name: 'Sign in with NHSmail' }).click(),
      provider.issuer,
      SYSTEM_LEAD_EMAIL,
    );
    await page.waitForURL(/\/sign-in-problem\?reason=link-required$/);
    await page.getByRole('heading', { level: 1, name: 'You already have an Upstand account' }).waitFor();
    await expectNoAxeViolations(page, 'sign-in problem (link required)');

    // The invitation's link sets a password; with it they sign in and link their provider account.
    const link = await linkFromMailbox(
      lead,
      SYSTEM_LEAD_EMAIL,
      'You have been invited to Upstand',
      INVITATION_LINK,
    );
    // Which is what the invitation tells them to do.
    const { items: mailbox } = await api<{ items: { to: string; text: string }[] }>(
      lead,
      'GET',
      `/api/mailbox?pageSize=100&q=${encodeURIComponent(SYSTEM_LEAD_EMAIL)}`,
    );
    expect(mailbox.find((message) => message.to === SYSTEM_LEAD_EMAIL)?.text).toContain(
      'sign in with your password once, then choose "Link your NHSmail account"',
    );
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(SYSTEM_LEAD_PASSWORD);
    await page.getByLabel('Confirm new password').fill(SYSTEM_LEAD_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('success-banner').getByText('Your password has been set').waitFor();
    await signIn(page, SYSTEM_LEAD_EMAIL, SYSTEM_LEAD_PASSWORD);

    await page.goto('/profile/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign-in and security' }).waitFor();
    await waitUntilLoaded(page);
    await expectNoAxeViolations(page, 'sign-in and security (not linked)');
    await throughProvider(
      systemLead,
      () => page.getByRole('button', { name: 'Link your NHSmail account' }).click(),
      provider.issuer,
      SYSTEM_LEAD_EMAIL,
    );
    await page.waitForURL(/\/profile\?linked=1$/);
    await page.goto('/profile/sign-in');
    expect(await page.getByTestId('linked-identities').textContent()).toContain(
      'Linked to your NHSmail account',
    );
    await expectNoAxeViolations(page, 'sign-in and security (linked)');

    // Signed out, they come back through the provider alone: no Upstand password.
    await signOut(page);
    await throughProvider(
      systemLead,
      () => page.getByRole('link', { name: 'Sign in with NHSmail' }).click(),
      provider.issuer,
      SYSTEM_LEAD_EMAIL,
    );
    await page.waitForURL((url) => !/^\/(login|sign-in-problem)/.test(url.pathname));
    const me = await api<{ email: string; roles: { role: string; scope: unknown }[] }>(
      systemLead,
      'GET',
      '/api/auth/me',
    );
    expect(me.email).toBe(SYSTEM_LEAD_EMAIL);
    // This session came from the provider, not from the password.
    const [{ sessions }] = await sql<{ sessions: number }>(
      `SELECT count(*)::int AS sessions FROM audit_event e JOIN app_user u ON u.id::text = e.entity_id
       WHERE u.email = $1 AND e.action = 'user.signed-in-sso'`,
      [SYSTEM_LEAD_EMAIL],
    );
    expect(sessions).toBe(1);
    expect(me.roles).toEqual([expect.objectContaining({ role: 'programme-lead' })]);
  });

  it('shows the system lead only their own system', async () => {
    // The regional lead sees cohorts of other systems than QWU, so the system lead's list is a real filter.
    // Every cohort on one page (the demo has fewer than 100), so both systems' appear.
    await lead.page.goto('/cohorts?pageSize=100');
    await lead.page.getByTestId('cohorts-table').waitFor();
    const everySystem = await lead.page
      .getByTestId('cohorts-table')
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(everySystem.some((system) => !system.includes('(QWU)'))).toBe(true);
    expect(everySystem.some((system) => system.includes('(QWU)'))).toBe(true);

    const { page } = systemLead;
    await page.goto('/cohorts?pageSize=100');
    await page.getByTestId('cohorts-table').waitFor();
    const systems = await page
      .getByTestId('cohorts-table')
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(systems.length).toBeGreaterThan(0);
    expect(systems.filter((system) => !system.includes('(QWU)'))).toEqual([]);

    await page.goto('/impact');
    await page.locator('#systemId').waitFor();
    await waitUntilLoaded(page);
    const offered = await page.locator('#systemId option').allTextContents();
    expect(offered.map((option) => option.trim())).toEqual([
      'All systems',
      expect.stringMatching(QWU_SYSTEM),
    ]);
  });

  it('does not let the system lead give a regional role', async () => {
    const { page } = systemLead;
    await page.goto('/admin/users');
    await page.getByTestId('users-table').waitFor();
    await page.getByRole('button', { name: 'Invite a user' }).click();
    await page.waitForURL(/\/admin\/users\/new$/);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Programme lead' });
    const scopes = await page.getByLabel('Where the role applies').locator('option').allTextContents();
    expect(scopes.some((scope) => /region/i.test(scope))).toBe(false);
    expect(scopes.filter((scope) => scope.endsWith('(whole system)'))).toEqual([
      expect.stringMatching(QWU_SYSTEM),
    ]);
    await expectNoAxeViolations(page, 'invite a user (system lead)');

    // Nor by calling the API from the page: refused, naming the scope of the grant.
    const response = await page.evaluate(async () => {
      const token = /(?:^|; )XSRF-TOKEN=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      const answer = await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-xsrf-token': decodeURIComponent(token) },
        body: JSON.stringify({
          email: `regional.${Date.now()}@example.nhs.uk`,
          fullName: 'Not A Regional Lead',
          grants: [{ role: 'programme-lead', scope: { region: 'Y60' } }],
        }),
      });
      return { status: answer.status, body: await answer.text() };
    });
    expect([400, 403]).toContain(response.status);
    expect(response.body).toContain('grants.0.scope');
    expect(response.body).toContain('Only a regional programme lead can give regional roles');
  });

  it('lets a delegate download their data and ask for erasure, and the lead erase them, totals unchanged', async () => {
    // A certified pilot delegate with answers before and after: one the Impact totals count.
    const [pilot] = await sql<{ email: string; fullName: string; programmeId: string }>(PILOT_DELEGATE_SQL);
    expect(pilot).toBeDefined();
    const before = await overview(lead, pilot.programmeId);
    expect(before.trained.value).toBeGreaterThan(0);
    expect(before.pairedPrePost.value).toBeGreaterThan(0);

    const { page } = delegate;
    await page.goto('/forgot-password');
    await page.locator('#email').fill(pilot.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    const reset = await linkFromMailbox(
      lead,
      pilot.email,
      'Set a new password for Upstand',
      /\/reset-password\?token=[A-Za-z0-9_-]{43}/,
    );
    await page.goto(reset);
    await page.getByLabel('New password', { exact: true }).fill(DELEGATE_PASSWORD);
    await page.getByLabel('Confirm new password').fill(DELEGATE_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('success-banner').waitFor();
    await signIn(page, pilot.email, DELEGATE_PASSWORD);

    await page.goto('/profile/my-data');
    const summary = page.getByTestId('my-data-summary');
    await summary.waitFor();
    await waitUntilLoaded(page);
    expect(await summary.textContent()).toContain(pilot.email);
    await expectNoAxeViolations(page, 'your data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data (JSON)' }).click(),
    ]);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as MyDataExport;
    expect(data.account.email).toBe(pilot.email);
    expect(data.enrolments.length).toBeGreaterThan(0);

    await page.getByTestId('erasure-confirm').check();
    await page.getByRole('button', { name: 'Ask for my data to be deleted' }).click();
    await page.getByTestId('erasure-confirmation').getByText('We have your request').waitFor();
    await expectNoAxeViolations(page, 'your data (erasure asked)');

    await lead.page.goto('/admin/erasure-requests');
    const request = lead.page
      .getByTestId('erasure-requests')
      .getByRole('listitem')
      .filter({ hasText: pilot.email });
    await request.waitFor();
    await expectNoAxeViolations(lead.page, 'requests to erase data');
    await request.getByTestId('erase').click();
    await request.getByTestId('erase-confirm').click();
    expect(await lead.page.getByTestId('erased-panel').textContent()).toContain(
      `${pilot.fullName}'s data has been erased`,
    );
    await expectNoAxeViolations(lead.page, 'requests to erase data (erased)');

    expect(await overview(lead, pilot.programmeId)).toEqual(before);
    // They are gone: signed out, and their email no longer signs in.
    await page.goto('/profile/my-data');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await sql(`SELECT 1 FROM app_user WHERE email = $1`, [pilot.email])).toEqual([]);
  });

  it('fits a phone-sized screen on the new pages', async () => {
    const widths: Record<string, number> = {};
    const measure = async (browser: Browser, path: string) => {
      await browser.page.goto(path);
      await browser.page.locator('h1').first().waitFor();
      await waitUntilLoaded(browser.page);
      widths[path] = await browser.page.evaluate(() => document.documentElement.scrollWidth);
    };
    await lead.page.setViewportSize({ width: 390, height: 844 });
    await systemLead.page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/admin/users', '/admin/users/new', '/admin/erasure-requests'])
      await measure(lead, path);
    for (const path of ['/profile/sign-in', '/profile/my-data']) await measure(systemLead, path);
    expect(widths).toEqual({
      '/admin/users': expect.any(Number),
      '/admin/users/new': expect.any(Number),
      '/admin/erasure-requests': expect.any(Number),
      '/profile/sign-in': expect.any(Number),
      '/profile/my-data': expect.any(Number),
    });
    expect(Object.entries(widths).filter(([, width]) => width > 390)).toEqual([]);
  });
});

/** A pilot delegate (no password; synthetic) who completed the journey and answered before and after. */
const PILOT_DELEGATE_SQL = `
  SELECT u.email, u.full_name AS "fullName", e.programme_id AS "programmeId"
  FROM app_user u JOIN enrolment e ON e.delegate_user_id = u.id
  WHERE u.email LIKE 'pilot.%' AND e.status = 'completed'
    AND EXISTS (SELECT 1 FROM evaluation_response r
                WHERE r.delegate_user_id = u.id AND r.session_key = '' AND r.stage = 'pre')
    AND EXISTS (SELECT 1 FROM evaluation_response r
                WHERE r.delegate_user_id = u.id AND r.session_key = '' AND r.stage = 'post')
  ORDER BY u.email LIMIT 1`;
