import {
  Browser,
  baseUrl,
  expectNoAxeViolations,
  linkFromMailbox,
  openBrowser,
  registerByEmail,
  signIn,
} from './support/browser';

/**
 * "Forgotten your password?" end to end in demo mode, where email goes to the lead's in-app mailbox: a person
 * with an account (made here, so no other browser test's demo password changes) asks for a link, follows it,
 * sets a new password and signs in with it; the browser they were signed in on before is signed out.
 */

const STAMP = Date.now().toString(36);
const EMAIL = `forgetful.${STAMP}@example.nhs.uk`;
const OLD_PASSWORD = 'the password I forgot';
const NEW_PASSWORD = 'a password I will remember';

/** Calls the API from this browser's context, echoing the CSRF cookie as the web app does. */
async function call(browser: Browser, method: string, path: string, data?: unknown) {
  await browser.context.request.get(`${baseUrl()}/api/auth/csrf`);
  const token = (await browser.context.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value;
  return browser.context.request.fetch(`${baseUrl()}${path}`, {
    method,
    data,
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  });
}

describe('forgotten password in the browser', () => {
  let earlier: Browser;
  let person: Browser;
  let lead: Browser;

  beforeAll(async () => {
    earlier = await openBrowser();
    person = await openBrowser();
    lead = await openBrowser();
    await signIn(lead.page, 'lead@demo.upstand.test');
    await registerByEmail(earlier, lead, {
      email: EMAIL,
      fullName: `Forgetful ${STAMP}`,
      password: OLD_PASSWORD,
    });
  });
  afterAll(async () => {
    await Promise.all([earlier, person, lead].map((browser) => browser?.close()));
  });

  it('asks for a link from the sign-in page and says the same whoever asks', async () => {
    const { page } = person;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgotten your password?' }).waitFor();
    await expectNoAxeViolations(page, 'forgotten password');

    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Enter your email address').waitFor();
    await expectNoAxeViolations(page, 'forgotten password with an error');

    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(
      `If an account exists for that email, we have sent a link to set a new password to ${EMAIL}`,
    );
    await expectNoAxeViolations(page, 'forgotten password sent');
  });

  it('sets a new password through the emailed link, then signs in with it', async () => {
    const link = await linkFromMailbox(
      lead,
      EMAIL,
      'Set a new password for Upstand',
      /\/reset-password\?token=[A-Za-z0-9_-]{43}/,
    );
    expect(link).toBeDefined();

    const { page } = person;
    await page.goto(link ?? '/');
    await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
    await expectNoAxeViolations(page, 'set your password');

    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm new password').fill('too short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page
      .locator('.nhsuk-error-summary')
      .getByRole('link', { name: 'Password must be 10 characters or more' })
      .waitFor();
    await expectNoAxeViolations(page, 'set your password with an error');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('success-banner').getByText('Your password has been set').waitFor();
    await expectNoAxeViolations(page, 'password set');

    // The browser signed in before the reset is signed out.
    expect((await call(earlier, 'GET', '/api/auth/me')).status()).toBe(401);

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.locator('#email').fill(EMAIL);
    await page.locator('#password').fill(OLD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.nhsuk-error-summary').getByText('Email or password is incorrect').waitFor();
    await signIn(page, EMAIL, NEW_PASSWORD);
    // Signed in: the delegate's home page, not the sign-in page.
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('next-step').waitFor();

    // The link works once.
    const reused = await call(person, 'POST', '/api/auth/password-reset/complete', {
      token: link?.split('token=')[1],
      password: 'another new password',
    });
    expect(reused.status()).toBe(400);
  });
});
