import { Page } from 'playwright-core';
import {
  baseUrl,
  Browser,
  dateValue,
  expectNoAxeViolations,
  fillDate,
  navLink,
  openBrowser,
  signIn,
  waitUntilLoaded,
} from './support/browser';

/**
 * The steering group's impact dashboard on the synthetic pilot data: headline tiles, charts drawn on canvas with
 * a table of the same figures, a filter changed with the keyboard (and kept in the address), downloads, and axe.
 */

const CHARTS = ['chart-answers', 'chart-funnel', 'chart-cumulative'];
const TABLES = ['answers-table', 'items-table', 'breakdown-table', 'funnel-table', 'cumulative-table'];

async function waitForDashboard(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Impact' }).waitFor();
  await page.getByTestId('tile-trained').waitFor();
  for (const id of [...CHARTS, ...TABLES]) await page.getByTestId(id).first().waitFor();
}

/** Waits until chart.js has painted something on the canvas. */
async function waitForDrawing(page: Page, testId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-testid="${id}"]`);
      const context = canvas?.getContext('2d');
      if (!canvas || !context || canvas.width === 0 || canvas.height === 0) return false;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index] !== 0) return true;
      return false;
    },
    testId,
    { timeout: 10_000 },
  );
}

const tileValue = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).locator('.app-tile__value').textContent()) ?? '').trim();

describe('the impact dashboard in the browser', () => {
  let steering: Browser;

  beforeAll(async () => {
    steering = await openBrowser();
    // Charts are drawn at once, without animation, for people who ask for less motion.
    await steering.page.emulateMedia({ reducedMotion: 'reduce' });
    await signIn(steering.page, 'steering@demo.upstand.test');
  });

  afterAll(async () => {
    await steering?.close();
  });

  it('shows the headline figures, the charts with their tables, and passes axe', async () => {
    const { page } = steering;
    await (await navLink(page, 'Impact')).click();
    await page.waitForURL(/\/impact/);
    await waitForDashboard(page);

    expect(await tileValue(page, 'tile-trained')).toMatch(/^\d[\d,]*$/);
    expect(await tileValue(page, 'tile-paired')).toMatch(/^\d[\d,]*$/);
    expect(await tileValue(page, 'tile-headline')).toMatch(/^[+−]?\d\.\d\d$/);
    const headline = (await page.getByTestId('tile-headline').textContent()) ?? '';
    expect(headline).toMatch(/95% CI/);
    expect(headline).toMatch(/p (<|=) 0\.\d{3}/);
    expect(headline).toMatch(/a (negligible|small|moderate|large) effect/);

    for (const id of CHARTS) {
      const canvas = page.getByTestId(id);
      expect(await canvas.getAttribute('role')).toBe('img');
      expect((await canvas.getAttribute('aria-label'))?.length ?? 0).toBeGreaterThan(20);
      await waitForDrawing(page, id);
    }

    for (const id of TABLES) {
      const table = page.getByTestId(id);
      expect(await table.isVisible()).toBe(true);
      expect(await table.locator('caption').count()).toBe(1);
    }
    const funnelCells = await page.getByTestId('funnel-table').locator('tbody td').allTextContents();
    expect(funnelCells.some((cell) => /\d/.test(cell))).toBe(true);
    const itemCells = await page.getByTestId('items-table').locator('tbody td').allTextContents();
    expect(itemCells.some((cell) => /\d\.\d\d/.test(cell))).toBe(true);

    await expectNoAxeViolations(page, 'impact dashboard');
  });

  it('changes a filter with the keyboard: the address keeps it and the figures reload', async () => {
    const { page } = steering;
    await page.locator('#group').focus();
    await page.keyboard.type('Midlands');
    expect(await page.locator('#group').inputValue()).toBe('scale-up');
    // Tab on to "Apply filters" and press Enter, as a keyboard user would.
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
      if (focused === 'Apply filters') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Apply filters');
    await page.keyboard.press('Enter');

    await page.waitForURL(/[?&]group=scale-up/);
    await waitForDashboard(page);
    expect(await page.locator('#group').inputValue()).toBe('scale-up');
    expect(await page.getByRole('link', { name: 'Clear filters' }).count()).toBe(1);
    expect(await tileValue(page, 'tile-trained')).toMatch(/^(\d[\d,]*|Withheld)$/);
    await expectNoAxeViolations(page, 'impact dashboard filtered to the scale-up systems');
  });

  it('takes a date typed as day, month and year, and names the filter when the date is not real', async () => {
    const { page } = steering;
    await fillDate(page, 'startFrom', '2025-02-31');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Cohorts starting from must be a real date',
    ]);
    expect(page.url()).not.toContain('startFrom');

    // Early enough to keep every pilot cohort, so the figures are not withheld for being few.
    await fillDate(page, 'startFrom', '2020-04-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/[?&]startFrom=2020-04-01/);
    await page.getByTestId('tile-trained').waitFor();
    await waitUntilLoaded(page);
    expect(await dateValue(page, 'startFrom')).toBe('2020-04-01');
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(0);
    await expectNoAxeViolations(page, 'impact dashboard filtered by a typed date');
  });

  it('links to downloads with the same filters, but not to the matched responses', async () => {
    const { page, context } = steering;
    const csv = await page
      .getByRole('link', { name: /^CSV of the results for each statement/ })
      .getAttribute('href');
    expect(csv).toMatch(/^\/api\/analytics\/export\/items\.csv\?.*group=scale-up/);
    const response = await context.request.get(`${baseUrl()}${csv}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/text\/csv/);

    const report = await page
      .getByRole('link', { name: 'Download the board report (PDF)' })
      .getAttribute('href');
    expect(report).toMatch(/^\/api\/analytics\/board-report\.pdf\?.*group=scale-up/);
    expect(await page.getByRole('link', { name: 'Matched responses (XLSX)' }).count()).toBe(0);
  });
});
