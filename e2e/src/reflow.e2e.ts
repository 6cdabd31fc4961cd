import { Browser as Chromium, BrowserContext, chromium, Page } from 'playwright-core';
import { baseUrl, signIn, waitUntilLoaded } from './support/browser';
import { sql } from './support/database';
import { CHROMIUM } from './support/paths';

/**
 * WCAG 2.2 reflow (1.4.10): at 320 CSS pixels wide no page may scroll sideways. Every route of the web app is
 * opened at that width by every demo role that can open it (and by a visitor for the public pages), and the test
 * fails listing each page whose document is wider than the viewport, with the elements that stick out. Wide
 * tables may scroll inside their own container; the page itself may not.
 *
 * Records with ids are the demo's own (the busiest cohort, a session with a register, and so on), read from the
 * database; nothing is changed.
 */

const WIDTH = 320;

type Role = 'visitor' | 'lead' | 'facilitator' | 'delegate' | 'manager' | 'sponsor' | 'steering';

const EMAILS: Record<Exclude<Role, 'visitor'>, string> = {
  lead: 'lead@demo.upstand.test',
  facilitator: 'facilitator@demo.upstand.test',
  delegate: 'delegate@demo.upstand.test',
  manager: 'manager@demo.upstand.test',
  sponsor: 'sponsor@demo.upstand.test',
  steering: 'steering@demo.upstand.test',
};

interface Ids {
  cohort: string;
  session: string;
  enrolment: string;
  facilitatorSession: string;
  facilitatorCohort: string;
  catchUp: string;
  facilitator: string;
  venue: string;
  programme: string;
  organisation: string;
  user: string;
  review: string | null;
  action: string | null;
}

async function one(query: string): Promise<string> {
  const [row] = await sql<{ id: string }>(query);
  if (!row) throw new Error(`The demo has nothing for: ${query}`);
  return row.id;
}

async function demoIds(): Promise<Ids> {
  // The cohort with the most delegates makes the widest tables.
  const cohort = await one(
    `SELECT c.id FROM cohort c JOIN enrolment e ON e.cohort_id = c.id
     GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1`,
  );
  const [facilitatorSession] = await sql<{ id: string; cohort_id: string }>(
    `SELECT s.id, s.cohort_id FROM session s
     JOIN session_facilitator sf ON sf.session_id = s.id
     JOIN facilitator f ON f.id = sf.facilitator_id
     JOIN app_user u ON u.id = f.user_id
     WHERE u.email = $1 AND s.cohort_id IS NOT NULL
     ORDER BY abs(extract(epoch FROM s.starts_at - now())) LIMIT 1`,
    [EMAILS.facilitator],
  );
  const [review] = await sql<{ id: string }>(
    'SELECT id FROM programme_review ORDER BY period_end DESC LIMIT 1',
  );
  const [action] = await sql<{ id: string }>('SELECT id FROM programme_action ORDER BY id LIMIT 1');
  return {
    cohort,
    session: await one(
      `SELECT s.id FROM session s WHERE s.cohort_id = '${cohort}' ORDER BY s.starts_at LIMIT 1`,
    ),
    enrolment: await one(`SELECT id FROM enrolment WHERE cohort_id = '${cohort}' ORDER BY id LIMIT 1`),
    facilitatorSession:
      facilitatorSession?.id ?? (await one('SELECT id FROM session WHERE cohort_id IS NOT NULL LIMIT 1')),
    facilitatorCohort: facilitatorSession?.cohort_id ?? cohort,
    catchUp: await one(
      `SELECT id FROM session WHERE kind = 'community-of-practice' ORDER BY starts_at DESC LIMIT 1`,
    ),
    facilitator: await one('SELECT id FROM facilitator ORDER BY id LIMIT 1'),
    venue: await one('SELECT id FROM venue ORDER BY id LIMIT 1'),
    programme: await one('SELECT id FROM programme ORDER BY created_at LIMIT 1'),
    organisation: await one(`SELECT id FROM organisation WHERE ods_code = 'RWE'`),
    user: await one(`SELECT id FROM app_user WHERE email = '${EMAILS.delegate}'`),
    review: review?.id ?? null,
    action: action?.id ?? null,
  };
}

/** Every route of web/src/app/app.routes.ts, with the roles that can open it. */
function pagesFor(ids: Ids): Record<Role, string[]> {
  const everyoneSignedIn = ['/', '/profile/my-data', '/profile/sign-in', '/organisations', '/no-such-page'];
  const c = ids.cohort;
  const s = ids.session;
  return {
    visitor: [
      '/',
      '/login',
      '/register',
      '/forgot-password',
      '/activate',
      '/reset-password',
      '/cohorts/open',
      '/approvals/not-a-real-token',
      '/sign-in-problem?reason=link-required',
      '/privacy',
      '/cookies',
      '/accessibility',
      '/access-denied',
      '/no-such-page',
    ],
    lead: [
      ...everyoneSignedIn,
      '/cohorts',
      '/cohorts/new',
      `/cohorts/${c}`,
      `/cohorts/${c}/sessions/${s}/move`,
      `/cohorts/${c}/sessions/${s}/cancel`,
      `/cohorts/${c}/sessions/${s}/facilitators`,
      `/cohorts/${c}/sessions/${s}/place`,
      `/cohorts/${c}/enrolments/${ids.enrolment}/transfer`,
      `/cohorts/${c}/enrolments/${ids.enrolment}/withdraw`,
      `/cohorts/${c}/edit`,
      `/cohorts/${c}/add`,
      `/cohorts/${c}/bulk?action=withdraw&ids=${ids.enrolment}`,
      `/cohorts/${c}/bulk?action=transfer&ids=${ids.enrolment}`,
      `/sessions/${s}/register`,
      `/sessions/${ids.catchUp}/community-attendance`,
      '/calendar',
      '/calendar?view=month',
      '/calendar?view=week',
      '/calendar?view=list',
      '/session-feedback',
      '/community',
      '/facilitators',
      '/facilitators/new',
      `/facilitators/${ids.facilitator}/edit`,
      '/venues',
      '/venues/new',
      `/venues/${ids.venue}/edit`,
      '/organisations/new',
      `/organisations/${ids.organisation}/edit`,
      '/programmes',
      `/programmes/${ids.programme}/settings`,
      `/programmes/${ids.programme}/questionnaires`,
      `/programmes/${ids.programme}/questionnaires/pre`,
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${ids.user}`,
      '/admin/audit',
      '/admin/erasure-requests',
      '/imports',
      '/imports/question-codes',
      '/mailbox',
      '/impact',
      '/governance',
      '/governance/reviews/new',
      '/governance/actions/new',
      ...(ids.review ? [`/governance/reviews/${ids.review}/areas/relevance`] : []),
      ...(ids.action ? [`/governance/actions/${ids.action}/edit`] : []),
      '/profile/equality',
    ],
    facilitator: [
      ...everyoneSignedIn,
      '/my-sessions',
      '/calendar',
      '/calendar?view=list',
      '/cohorts',
      `/cohorts/${ids.facilitatorCohort}`,
      `/sessions/${ids.facilitatorSession}/register`,
      '/community',
      '/session-feedback',
    ],
    delegate: [
      ...everyoneSignedIn,
      '/journey',
      '/journey/questionnaires/pre',
      '/journey/questionnaires/post',
      '/profile',
      '/profile/equality',
      '/check-in',
      '/community',
      '/cohorts/open',
    ],
    manager: [...everyoneSignedIn, '/manager', '/manager/approve'],
    sponsor: [...everyoneSignedIn, '/sponsor', '/impact'],
    steering: [...everyoneSignedIn, '/impact', '/governance'],
  };
}

interface TooWide {
  page: string;
  width: number;
  /** The outermost elements whose right edge is past the viewport, as tag.class (text). */
  culprits: string[];
}

/** Opens `path`, waits for the heading and the reports to load, and measures the page against the viewport. */
async function measure(page: Page, path: string): Promise<TooWide | null> {
  await page.goto(path);
  await page.locator('h1').first().waitFor();
  await waitUntilLoaded(page);
  // Charts and tables lay out after their data arrives; let the last frame settle.
  await page.waitForTimeout(150);
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const limit = root.clientWidth;
    const culprits: string[] = [];
    const wide = Array.from(document.body.querySelectorAll<HTMLElement>('*')).filter(
      (element) => element.getBoundingClientRect().right > limit + 0.5,
    );
    for (const element of wide) {
      if (wide.includes(element.parentElement as HTMLElement)) continue;
      const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/)[0] : '';
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      culprits.push(
        `${element.tagName.toLowerCase()}${classes ? '.' + classes : ''} → ${Math.round(element.getBoundingClientRect().right)} px (${text})`,
      );
      if (culprits.length >= 5) break;
    }
    return { width: root.scrollWidth, culprits };
  });
  return result ? { page: path, ...result } : null;
}

describe(`no page scrolls sideways at ${WIDTH} px (WCAG 1.4.10 reflow)`, () => {
  let browser: Chromium;
  let ids: Ids;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
    ids = await demoIds();
  });

  afterAll(async () => {
    await browser.close();
  });

  it.each(['visitor', 'lead', 'facilitator', 'delegate', 'manager', 'sponsor', 'steering'] as Role[])(
    'every page the %s can open fits a 320 px wide screen',
    async (role) => {
      const context: BrowserContext = await browser.newContext({
        baseURL: baseUrl(),
        viewport: { width: WIDTH, height: 800 },
      });
      try {
        const page = await context.newPage();
        if (role !== 'visitor') await signIn(page, EMAILS[role]);
        const tooWide: TooWide[] = [];
        for (const path of pagesFor(ids)[role]) {
          const found = await measure(page, path);
          if (found) tooWide.push(found);
        }
        expect({ role, tooWide }).toEqual({ role, tooWide: [] });
      } finally {
        await context.close();
      }
    },
    300_000,
  );
});
