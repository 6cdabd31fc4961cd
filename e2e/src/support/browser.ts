import { readFileSync } from 'fs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { CHROMIUM } from './paths';

export const DEMO_PASSWORD = 'upstand-demo';

export function baseUrl(): string {
  const url = process.env['UPSTAND_E2E_URL'];
  if (!url) throw new Error('UPSTAND_E2E_URL is not set: run the browser tests through e2e/jest.config.ts');
  return url;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile per call (playwright-core refuses --user-data-dir in launch args). */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'upstand-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL: baseUrl(),
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
    },
  };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.x A and AA rules) on the current page and fails on any violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // evaluate() is not subject to the page's Content-Security-Policy, unlike an injected <script>.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  const summary = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  if (summary.length > 0)
    throw new Error(`axe found ${summary.length} violation(s) on ${label}:\n${summary.join('\n')}`);
}

/** Calls the API as the browser's signed-in user (or anonymously), echoing the CSRF cookie as the web app does. */
export async function api<T>(browser: Browser, method: string, path: string, data?: unknown): Promise<T> {
  await browser.context.request.get(`${baseUrl()}/api/auth/csrf`);
  const token = (await browser.context.cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value;
  const response = await browser.context.request.fetch(`${baseUrl()}${path}`, {
    method,
    data,
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Waits until no "Loading…" status remains on the page. Reports that arrive later push the content below them
 * down, so a click aimed at a link further down the page could otherwise land on whatever moved into its place.
 */
export async function waitUntilLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[role="status"]')).every(
      (status) => !/^\s*Loading/.test(status.textContent ?? ''),
    ),
  );
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/**
 * Polls the lead's demo mailbox (email is kept in the app, not sent) until an email to `to` whose subject starts
 * with `subject` holds a link matching `pattern`, and returns the link. Links are minted when the outbox worker
 * handles the email, every few seconds; until then the mailbox shows it waiting, with no link in it.
 */
export async function linkFromMailbox(
  lead: Browser,
  to: string,
  subject: string,
  pattern: RegExp,
): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items: messages } = await api<{ items: { to: string; subject: string; text: string }[] }>(
      lead,
      'GET',
      `/api/mailbox?pageSize=100&q=${encodeURIComponent(to.toLowerCase())}`,
    );
    const link = messages
      .filter((message) => message.to === to.toLowerCase() && message.subject.startsWith(subject))
      .map((message) => pattern.exec(message.text)?.[0])
      .find((found) => found !== undefined);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`No "${subject}" email to ${to} with a link arrived`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const ACTIVATION_SUBJECT = 'Activate your Upstand account';
export const ACTIVATION_LINK = /\/activate\?token=[A-Za-z0-9_-]{43}/;

/**
 * Creates a delegate account as a person does, through the API: asks for it, follows the activation link from the
 * email (read from the lead's demo mailbox) and chooses the password. The browser is then signed in.
 */
export async function registerByEmail(
  browser: Browser,
  lead: Browser,
  account: { email: string; fullName: string; password: string; organisationId?: string },
): Promise<void> {
  const { password, ...request } = account;
  await api(browser, 'POST', '/api/auth/register', request);
  const link = await linkFromMailbox(lead, account.email, ACTIVATION_SUBJECT, ACTIVATION_LINK);
  const token = new URL(link, baseUrl()).searchParams.get('token');
  await api(browser, 'POST', '/api/auth/activate', { token, password });
}

/**
 * A link of the header navigation, opening the "More" menu first when the link is in it (the items that do not
 * fit on one line move there, as in the NHS.UK header). Waits for the navigation to settle on one line first.
 */
export async function navLink(page: Page, name: string): Promise<Locator> {
  const navigation = page.getByTestId('nav');
  await navigation.waitFor();
  await page.waitForFunction(() => {
    const list = document.querySelector('[data-testid="nav"]');
    return list !== null && list.scrollWidth <= list.clientWidth + 1;
  });
  const link = navigation.getByRole('link', { name, includeHidden: true });
  if (!(await link.isVisible())) await navigation.getByRole('button', { name: 'Browse More' }).click();
  return link;
}

/**
 * Fills in the NHS date input whose day box has the id `field` (its month and year boxes are `field-month` and
 * `field-year`) with a date given as YYYY-MM-DD: "2027-03-05" becomes 5, 3 and 2027.
 */
export async function fillDate(page: Page, field: string, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-') as [string, string, string];
  await page.locator(`#${field}`).fill(String(Number(day)));
  await page.locator(`#${field}-month`).fill(String(Number(month)));
  await page.locator(`#${field}-year`).fill(year);
}

/** The date in an NHS date input as YYYY-MM-DD ('' while empty), for comparing with what was filled in. */
export async function dateValue(page: Page, field: string): Promise<string> {
  const [day, month, year] = await Promise.all(
    ['', '-month', '-year'].map((suffix) => page.locator(`#${field}${suffix}`).inputValue()),
  );
  if (!day && !month && !year) return '';
  return `${year}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`;
}
