import {
  Browser,
  expectNoAxeViolations,
  linkFromMailbox,
  openBrowser,
  signIn,
  navLink,
} from './support/browser';

/**
 * User and role administration in the browser (issue 10), in demo mode where email goes to the lead's in-app
 * mailbox: the regional lead invites a lead for LLR (QK1); they set a password from the emailed link, sign in,
 * see only their own system's people and are offered no regional role; the regional lead sees their sign-in and
 * deactivates them, which signs them out at once.
 */

const STAMP = Date.now().toString(36);
const EMAIL = `llr.lead.${STAMP}@example.nhs.uk`;
const NAME = `Rowan Ellis ${STAMP}`;
const PASSWORD = 'a password for Rowan';

describe('user administration in the browser', () => {
  let lead: Browser;
  let invited: Browser;

  beforeAll(async () => {
    lead = await openBrowser();
    invited = await openBrowser();
    await signIn(lead.page, 'lead@demo.upstand.test');
  });
  afterAll(async () => {
    await Promise.all([lead, invited].map((browser) => browser?.close()));
  });

  it('lets the regional lead invite a lead for one system', async () => {
    const { page } = lead;
    await (await navLink(page, 'Users')).click();
    await page.getByRole('button', { name: 'Invite a user' }).click();
    await page.locator('#email').fill(EMAIL);
    await page.locator('#fullName').fill(NAME);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Programme lead' });
    const scopes = await page.getByLabel('Where the role applies').locator('option').allTextContents();
    expect(scopes).toContain('The whole region (NHS England Midlands)');
    await page.getByLabel('Where the role applies').selectOption({
      label: 'NHS Leicester, Leicestershire and Rutland Integrated Care Board (whole system)',
    });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    expect(await page.getByTestId('success-banner').textContent()).toContain(`Invitation sent to ${NAME}`);
    await page.locator('#q').fill(STAMP);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByTestId('users-table').getByRole('row', { name: new RegExp(NAME) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Programme lead, QK1.*Never.*Invited/);
  });

  it('lets the invited lead set a password, sign in and administer only their own system', async () => {
    const link = await linkFromMailbox(
      lead,
      EMAIL,
      'You have been invited to Upstand',
      /\/reset-password\?token=[A-Za-z0-9_-]{43}/,
    );
    const { page } = invited;
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm new password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('success-banner').getByText('Your password has been set').waitFor();
    await signIn(page, EMAIL, PASSWORD);

    await (await navLink(page, 'Users')).click();
    await page.getByTestId('users-table').waitFor();
    // Someone of Coventry and Warwickshire (QWU) is not theirs to see.
    await page.locator('#q').fill('Nadia Brooks');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Nobody matches your search.').waitFor();
    // Someone employed in LLR is.
    await page.locator('#q').fill('Sam Patel');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('users-table').getByRole('link', { name: 'Sam Patel' }).waitFor();

    await page.goto('/admin/users/new');
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Steering group' });
    const scopes = await page.getByLabel('Where the role applies').locator('option').allTextContents();
    expect(scopes).toEqual([
      'Select where',
      'NHS Leicester, Leicestershire and Rutland Integrated Care Board (whole system)',
    ]);
    await expectNoAxeViolations(page, 'invite a user (system lead)');
  });

  it('shows the regional lead their sign-in, and deactivating them signs them out at once', async () => {
    const { page } = lead;
    await page.goto(`/admin/users?q=${STAMP}`);
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { level: 2, name: 'Roles' }).waitFor();
    const summary = (await page.locator('.nhsuk-summary-list').textContent()) ?? '';
    expect(summary).toContain('Active');
    expect(summary).not.toContain('Never');
    // A time as the NHS style writes it: "9:05am", or "midday" and "midnight" on the hour (this failed at 12:00).
    expect(summary).toMatch(/\d{4}, (\d{1,2}:\d{2}(am|pm)|midday|midnight)/);

    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await page.getByRole('button', { name: 'Yes, deactivate' }).click();
    expect(await page.getByTestId('success-banner').textContent()).toContain('deactivated');

    await invited.page.goto('/admin/users');
    await invited.page.waitForURL((url) => url.pathname === '/login');
  });
});
