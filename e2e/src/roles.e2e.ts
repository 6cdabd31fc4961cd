import { Browser, expectNoAxeViolations, openBrowser, signIn, signOut } from './support/browser';

/** Each demo role signs in and sees only the navigation it may use. */
const ROLES: { email: string; nav: string[]; landing: RegExp }[] = [
  {
    email: 'lead@demo.upstand.test',
    nav: [
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
    ],
    landing: /\/$/,
  },
  {
    email: 'facilitator@demo.upstand.test',
    nav: ['Home', 'My sessions', 'Calendar', 'Cohorts', 'Community'],
    landing: /\/$/,
  },
  {
    email: 'cofacilitator@demo.upstand.test',
    nav: ['Home', 'My sessions', 'Calendar', 'Cohorts', 'Community'],
    landing: /\/$/,
  },
  {
    email: 'delegate@demo.upstand.test',
    nav: ['Home', 'My journey', 'Open cohorts', 'Community'],
    landing: /\/$/,
  },
  { email: 'manager@demo.upstand.test', nav: ['Home', 'My team'], landing: /\/$/ },
  { email: 'sponsor@demo.upstand.test', nav: ['Home', 'Our delegates', 'Impact'], landing: /\/$/ },
  { email: 'steering@demo.upstand.test', nav: ['Home', 'Impact', 'Programme review'], landing: /\/$/ },
];

describe('signing in as each demo role', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('shows a signed-out visitor the start page: the programme, open cohorts and how to join', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'The Active Bystander Programme' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Upcoming open cohorts' }).waitFor();
    await page.getByText('Loading open cohorts…').waitFor({ state: 'detached' });
    const actions = page.getByTestId('start-actions');
    expect(
      (await actions.getByRole('button', { includeHidden: true }).allTextContents()).map((t) => t.trim()),
    ).toEqual(['Create an account', 'Sign in']);
    expect(await page.title()).toMatch(/Active Bystander Programme/);
    await expectNoAxeViolations(page, 'start page');
    await actions.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/login$/);
  });

  it('shows an accessible login page', async () => {
    const { page } = browser;
    await page.goto('/login');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.title()).toMatch(/Upstand/);
    const signedOutNav = (
      await page.getByTestId('nav').getByRole('link', { includeHidden: true }).allTextContents()
    ).map((t) => t.trim());
    expect(signedOutNav).toEqual(['Open cohorts', 'Sign in']);
    await expectNoAxeViolations(page, 'login page');
  });

  it('shows an error summary for a wrong password', async () => {
    const { page } = browser;
    await page.goto('/login');
    await page.locator('#email').fill('lead@demo.upstand.test');
    await page.locator('#password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Email or password is incorrect');
    await expectNoAxeViolations(page, 'login page with error');
  });

  it.each(ROLES)('$email sees $nav', async ({ email, nav, landing }) => {
    const { page } = browser;
    await signIn(page, email);
    await page.waitForURL(landing);
    const navigation = page.getByTestId('nav');
    await navigation.waitFor();
    const links = (await navigation.getByRole('link', { includeHidden: true }).allTextContents()).map(
      (text) => text.trim(),
    );
    expect(links).toEqual(nav);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Each role's home leads with one next step, with a button to take it.
    const next = page.getByTestId('next-step').first();
    await next.waitFor();
    expect((await next.getByTestId('next-step-heading').textContent())?.trim()).toBeTruthy();
    expect(await next.locator('a.nhsuk-button').count()).toBe(1);
    await expectNoAxeViolations(page, `home page for ${email}`);
    await signOut(page);
  });

  it('works by keyboard alone: tab to the fields, type, press Enter', async () => {
    const { page } = browser;
    await page.goto('/login');
    await page.locator('#email').waitFor();
    await page.keyboard.press('Tab'); // the skip link comes first
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(
      /Skip to main content/i,
    );
    await page.locator('#email').focus();
    await page.keyboard.type('lead@demo.upstand.test');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type('upstand-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav').waitFor();
    await signOut(page);
  });

  it('sends a signed-out visitor of a protected page to login and back', async () => {
    const { page } = browser;
    await page.goto('/organisations');
    await page.waitForURL(/\/login\?returnUrl=/);
    await page.locator('#email').fill('lead@demo.upstand.test');
    await page.locator('#password').fill('upstand-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/organisations$/);
    await signOut(page);
  });
});
