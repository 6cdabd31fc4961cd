import { Cohort, Programme } from '@upstand/contracts';
import {
  api,
  Browser,
  expectNoAxeViolations,
  openBrowser,
  signIn,
  signOut,
  waitUntilLoaded,
} from './support/browser';
import { sql } from './support/database';

/**
 * A transfer between systems: the Coventry and Warwickshire lead moves a delegate towards an LLR cohort, which
 * becomes an offer; the regional lead accepts it under "Transfers waiting" on a phone-sized screen.
 */
describe('transfers between systems in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser.close());

  it('offers the transfer, tells the lead so, and lets the receiving lead accept it at 390 px', async () => {
    const { page } = browser;
    await signIn(page, 'lead@demo.upstand.test');
    const [programme] = await api<Programme[]>(browser, 'GET', '/api/programmes');
    const cohort = (name: string, systemOdsCode: string) =>
      api<Cohort>(browser, 'POST', '/api/cohorts', {
        programmeId: programme!.id,
        name,
        startDate: '2027-09-16',
        capacity: 20,
        systemOdsCode,
      });
    const coventry = await cohort('Coventry autumn (transfer test)', 'QWU');
    const llr = await cohort('LLR autumn (transfer test)', 'QK1');
    // A delegate with no place on the programme yet gets one on the Coventry cohort.
    const [place] = await sql<{ id: string; fullName: string }>(
      `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at)
       SELECT $1, $2, u.id, 'confirmed', now() FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'delegate'
       WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.delegate_user_id = u.id AND e.programme_id = $2
                         AND e.status IN ('pending-approval', 'confirmed', 'waitlisted', 'offered', 'completed'))
       ORDER BY u.email LIMIT 1
       RETURNING id, (SELECT full_name FROM app_user WHERE id = delegate_user_id) AS "fullName"`,
      [coventry.id, programme!.id],
    );
    await signOut(page);

    await signIn(page, 'system-lead@demo.upstand.test');
    await page.goto(`/cohorts/${coventry.id}/enrolments/${place!.id}/transfer`);
    await page.getByRole('heading', { level: 1, name: `Transfer ${place!.fullName}` }).waitFor();
    await waitUntilLoaded(page);
    await expectNoAxeViolations(page, 'transfer page with a cohort of another system');
    await page.getByLabel(llr.name).check();
    await page.getByRole('button', { name: 'Transfer delegate' }).click();
    await page
      .getByText(
        `Transfer offered to NHS Leicester, Leicestershire and Rutland Integrated Care Board: ${place!.fullName} moves to ${llr.name}`,
        { exact: false },
      )
      .waitFor();
    await signOut(page);

    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'lead@demo.upstand.test');
    await page.goto('/cohorts');
    await page.getByRole('heading', { level: 2, name: 'Transfers waiting' }).waitFor();
    await waitUntilLoaded(page);
    await expectNoAxeViolations(page, 'cohorts page with transfers waiting');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page
      .getByRole('button', { name: `Accept ${place!.fullName}` })
      .first()
      .click();
    await page.getByTestId('success-banner').getByText(`${place!.fullName} moved to ${llr.name}`).waitFor();
    const [moved] = await sql<{ cohortId: string; status: string }>(
      `SELECT cohort_id AS "cohortId", status FROM enrolment WHERE transferred_from_id = $1`,
      [place!.id],
    );
    expect(moved).toEqual({ cohortId: llr.id, status: 'confirmed' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
