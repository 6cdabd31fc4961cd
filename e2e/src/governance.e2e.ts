import { Page } from 'playwright-core';
import { addDays } from '@upstand/schedule';
import { Browser, expectNoAxeViolations, openBrowser, signIn, navLink } from './support/browser';

/**
 * The steering group's programme review, driven from the keyboard alone once signed in: add a review period,
 * rate an area (after seeing the error summary), add an action to the log. Every page is checked with axe.
 */

const STAMP = Date.now().toString(36);
const REVIEW = `E2E ${STAMP}`;
const EVIDENCE = 'Action learning set attendance rose from 61% to 78% this quarter.';
const ACTION = `Offer an evening workshop for night-shift staff ${STAMP}`;

function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** Types into the focused field, then moves on with Tab. */
async function typeAndTab(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

async function bannerText(page: Page): Promise<string> {
  const banner = page.getByTestId('success-banner');
  await banner.waitFor();
  return ((await banner.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('the programme review in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
    await signIn(browser.page, 'steering@demo.upstand.test');
  });
  afterAll(() => browser.close());

  it('opens the programme review from the navigation', async () => {
    const { page } = browser;
    const link = await navLink(page, 'Programme review');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/governance/);
    await page.getByRole('heading', { level: 1, name: /Programme review/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Action log' }).waitFor();
    await expectNoAxeViolations(page, 'programme review');
  });

  it('adds a review period with the keyboard', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Add a review period' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#label').waitFor();
    await expectNoAxeViolations(page, 'add a review period');
    const today = londonToday();
    const [year, month, day] = today.split('-') as [string, string, string];
    const end = addDays(today, 90).split('-') as [string, string, string];
    await page.locator('#label').focus();
    await typeAndTab(page, REVIEW);
    expect(await focusedId(page)).toBe('periodStart');
    await typeAndTab(page, day);
    await typeAndTab(page, month);
    await typeAndTab(page, year);
    expect(await focusedId(page)).toBe('periodEnd');
    await typeAndTab(page, end[2]);
    await typeAndTab(page, end[1]);
    await typeAndTab(page, end[0]);
    await page.keyboard.press('Enter');

    expect(await bannerText(page)).toContain(`Review period ${REVIEW} added`);
    await page
      .getByTestId('review-heading')
      .filter({ hasText: `Ratings for ${REVIEW}` })
      .waitFor();
    expect(await page.getByTestId('ratings-table').locator('tbody tr').count()).toBe(16);
    await expectNoAxeViolations(page, 'programme review with a new period');
  });

  it('rates an area with the keyboard: errors first, then amber with evidence', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Rate for Relevance' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Rate Relevance/ }).waitFor();
    await expectNoAxeViolations(page, 'rate an area');

    await page.getByRole('button', { name: 'Save rating' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Select a rating: red, amber or green');
    expect(await summary.textContent()).toContain('Enter the evidence for this rating');
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page, 'rate an area with errors');

    // The summary's first link takes focus to the first radio; arrow keys choose within the group.
    await summary.getByRole('link', { name: 'Select a rating: red, amber or green' }).focus();
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('rating');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#rating-2').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('evidence');
    await typeAndTab(page, EVIDENCE);
    await page.keyboard.press('Enter');

    expect(await bannerText(page)).toContain(`Relevance rated Amber for ${REVIEW}`);
    const row = page.getByTestId('ratings-table').locator('tr[data-area="relevance"]');
    expect(await row.locator('.nhsuk-tag').textContent()).toBe('Amber');
    expect(await row.textContent()).toContain(EVIDENCE);
    const history = page.getByTestId('history-table');
    expect(await history.locator('thead th').last().textContent()).toContain(REVIEW);
    await expectNoAxeViolations(page, 'programme review after rating');
  });

  it('adds an action to the log with the keyboard', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Add an action' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    await expectNoAxeViolations(page, 'add an action');
    const due = addDays(londonToday(), 30);
    const [year, month, day] = due.split('-') as [string, string, string];
    await page.locator('#action').focus();
    await typeAndTab(page, ACTION);
    expect(await focusedId(page)).toBe('owner');
    await typeAndTab(page, 'Programme lead');
    expect(await focusedId(page)).toBe('dueDate');
    await typeAndTab(page, day);
    await typeAndTab(page, month);
    await typeAndTab(page, year);
    expect(await focusedId(page)).toBe('area');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('reviewId');
    expect(await page.locator('#reviewId option:checked').textContent()).toBe(REVIEW);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    expect(await bannerText(page)).toContain('Action added');
    const row = page.getByTestId('actions-table').locator('tbody tr', { hasText: ACTION });
    await row.waitFor();
    expect(await row.textContent()).toContain('Programme lead');
    expect(await row.textContent()).toContain(REVIEW);
    expect(await row.locator('.nhsuk-tag').allTextContents()).toEqual(['Open']);
    await expectNoAxeViolations(page, 'programme review with an action');
  });
});
