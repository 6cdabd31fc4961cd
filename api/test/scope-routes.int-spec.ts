import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  ANALYTICS_EXPORT_TABLES,
  Cohort,
  CohortSession,
  CurrentUser,
  Enrolment,
  Facilitator,
  ImportJob,
  LearningSet,
  Programme,
  ProgrammeAction,
  ProgrammeReview,
  Role,
} from '@upstand/contracts';
import ExcelJS from 'exceljs';
import { Response } from 'supertest';
import { ACCESS_METADATA, AccessRule } from '../src/common/auth/access.decorators';
import { ApiClient, createTestApp, TestApp } from './support/test-app';
import { binaryBody } from './support/binary-body';

/**
 * Issue 10, "Done when": every route, tried as a system-scoped lead, facilitator and steering member (all for
 * NHS Coventry and Warwickshire ICB, QWU) against data of another system (LLR, QK1). The route list comes from
 * Nest's discovery, like the access-rule test, so a new route is called here without anyone remembering to add
 * it; a new route parameter without a mapping below fails the test.
 *
 * Every response is checked for the canary (a string only the other system's rows carry); item routes must
 * answer 404 (403 when the caller's roles cannot use the route at all), writes 4xx, and a checksum of the other
 * system's rows must not move.
 */

const CANARY = 'CANARY-QK1';

/**
 * Routes other branches are scoping in parallel (issue 10). They are still listed by discovery but skipped here
 * until their branch is merged: the merger deletes each entry as its fix lands. Nothing owned by i10-scope-data
 * (programmes, governance, facilitators, imports, organisations, venues) may be on this list.
 */
const PENDING_ELSEWHERE: Record<string, string> = {};

/**
 * Routes about the caller themselves (their own profile, journey, sessions, sign-in): they may succeed, but must
 * still never show or change the other system's rows.
 */
const isSelfRoute = (path: string) =>
  /^\/api\/(me|auth)(\/|$)/.test(path) ||
  ['/api/check-in', '/api/features'].includes(path) ||
  path.startsWith('/api/health');

/**
 * Shared reference data across the region, by decision (see the venues controller): any lead may add or correct
 * a venue, so a write there may succeed. It is still called and checked for the canary and the checksum.
 */
const SHARED_REFERENCE = new Set(['POST /api/venues', 'PATCH /api/venues/:id']);

/**
 * Public by design: the sign-up catalogue lists every system's open cohorts (name, dates, place) to anyone,
 * signed in or not, because a delegate may train in a neighbouring system. It holds no one's personal data.
 */
const PUBLIC_CATALOGUE = new Set(['GET /api/open-cohorts']);

/**
 * For regional grants only: the demo mailbox holds every system's emails and cannot be cut to one system (the
 * outbox knows messages only by address), so anyone narrower gets 404.
 */
const REGIONAL_ONLY = new Set(['GET /api/mailbox']);

interface Route {
  method: string;
  path: string;
  key: string;
  rule: AccessRule;
}

interface Ids {
  programme: string;
  /** The regional programme, which a system lead sees: lists of it must leave the other system out. */
  regionalProgramme: string;
  cohort: string;
  session: string;
  enrolment: string;
  set: string;
  review: string;
  action: string;
  facilitator: string;
  facilitatorEmail: string;
  organisation: string;
  icb: string;
  venue: string;
  importJob: string;
  user: string;
  transferOffer: string;
}

/** What each route parameter stands for, by the path segment before it (or by its name alone). */
function parameterValue(previous: string, name: string, ids: Ids): string | undefined {
  const byPlace: Record<string, string> = {
    'cohorts/:id': ids.cohort,
    'sessions/:id': ids.session,
    'enrolments/:id': ids.enrolment,
    'enrolments/:enrolmentId': ids.enrolment,
    'sets/:id': ids.set,
    'programmes/:id': ids.programme,
    'programmes/:programmeId': ids.programme,
    'reviews/:reviewId': ids.review,
    'actions/:actionId': ids.action,
    'facilitators/:id': ids.facilitator,
    'organisations/:id': ids.organisation,
    'venues/:id': ids.venue,
    'import-jobs/:id': ids.importJob,
    'users/:id': ids.user,
    'transfer-offers/:id': ids.transferOffer,
    // A line manager's decision on an approval: the test callers are not line managers (403 first).
    'approvals/:id': ids.enrolment,
    'approvals/:token': 'not-a-real-approval-token',
    'attendance/:enrolmentId': ids.enrolment,
    'community-attendance/:userId': ids.user,
    'session-feedback/:sessionId': ids.session,
    'evaluations/:stage': 'pre',
    'instruments/:stage': 'pre',
    'ratings/:area': 'overall-effectiveness',
    'export/:file': `${ANALYTICS_EXPORT_TABLES[0]}.csv`,
    'feed/:file': 'not-a-real-feed-token.ics',
    'templates/:file': 'enrolments.csv',
  };
  return byPlace[`${previous}/:${name}`];
}

/** Query strings and bodies that aim a route at the other system (anything not listed gets an empty body). */
function requestFor(
  key: string,
  ids: Ids,
): { query?: string; body?: unknown; csv?: string; refused?: (response: Response) => boolean } {
  const csvEnrolment = `email,full_name,organisation_ods,cohort_name,status\nnew.person@nhs.test,New Person,RWE,${CANARY} cohort,confirmed\n`;
  const requests: Record<string, ReturnType<typeof requestFor>> = {
    'POST /api/programmes': { body: { name: `Mine for ${CANARY}`, systemOdsCode: 'QK1' } },
    'PATCH /api/programmes/:id/settings': { body: { offerHoldHours: 24 } },
    'PUT /api/programmes/:id/template': { body: { stages: [] } },
    'PUT /api/programmes/:id/instruments/:stage': {
      body: {
        title: 'Changed',
        items: [{ code: 'confidence_intervene', wording: 'Changed', type: 'likert-5', required: true }],
      },
    },
    'POST /api/programmes/:programmeId/reviews': {
      body: { label: 'Q9', periodStart: '2027-01-01', periodEnd: '2027-03-31' },
    },
    'PUT /api/reviews/:reviewId/ratings/:area': { body: { rating: 'red', evidence: 'Changed' } },
    'POST /api/programmes/:programmeId/actions': {
      body: { action: 'Changed', owner: 'Someone', dueDate: '2027-06-01' },
    },
    'PATCH /api/actions/:actionId': { body: { status: 'done' } },
    'POST /api/cohorts': {
      body: {
        programmeId: ids.programme,
        name: 'Mine',
        startDate: '2027-06-07',
        capacity: 10,
        systemOdsCode: 'QWU',
      },
    },
    'POST /api/cohorts/preview': { body: { programmeId: ids.programme, startDate: '2027-06-07' } },
    'POST /api/facilitators': {
      body: { email: ids.facilitatorEmail, level: 'co-facilitator', sessionKinds: ['workshop'] },
    },
    'PATCH /api/facilitators/:id': { body: { active: false, unavailableDates: ['2027-07-01'] } },
    'POST /api/organisations': {
      body: { odsCode: 'ZZQ1', name: 'Not in my system', type: 'other', systemId: ids.icb },
    },
    'PATCH /api/organisations/:id': { body: { name: 'Renamed' } },
    'POST /api/organisations/import': {
      query: 'dryRun=true',
      csv: 'ods_code,name,type,system_ods_code\nRWE,Renamed,acute-trust,QK1\nZZQ2,New,other,QK1\n',
      // A dry run always answers 200 with its report: every row must be refused.
      refused: (response) =>
        response.status === 200 &&
        (response.body as { rejected: number; rows: unknown[] }).rejected ===
          (response.body as { rows: unknown[] }).rows.length,
    },
    'POST /api/organisations/headcounts/import': {
      query: 'dryRun=true',
      csv: 'ods_code,headcount,as_of\nRWE,18000,2026-03-31\nQK1,420,2026-03-31\n',
      // A dry run answers 200 with its report: every row must be refused.
      refused: (response) =>
        response.status === 200 &&
        (response.body as { rowsRejected: number; rowsRead: number }).rowsRejected ===
          (response.body as { rowsRead: number }).rowsRead,
    },
    'POST /api/imports/enrolments': { query: `programmeId=${ids.programme}`, csv: csvEnrolment },
    'POST /api/imports/responses': {
      query: `programmeId=${ids.programme}`,
      csv: 'delegate_email,stage,item_code,value,submitted_at\nnew.person@nhs.test,pre,confidence_intervene,5,01/11/2026\n',
    },
    'POST /api/imports/responses/wide/preview': {
      query: `programmeId=${ids.programme}&stage=pre`,
      csv: 'Email,Submitted\nnew.person@nhs.test,01/01/2027\n',
    },
    'POST /api/imports/responses/wide': { query: `programmeId=${ids.programme}&stage=pre` },
    'GET /api/calendar': { query: 'from=2027-01-01&to=2027-12-31' },
    // Delivery writes with bodies that would work in scope, so a refusal is the scope's and not validation's.
    'PUT /api/sessions/:id/attendance': {
      body: { entries: [{ enrolmentId: ids.enrolment, status: 'present' }] },
    },
    'PUT /api/sessions/:id/facilitators': { body: { facilitatorIds: [] } },
    'PATCH /api/sessions/:id/place': { body: { joinUrl: null } },
    'POST /api/sessions/:id/cancel': { body: { reason: 'Not my system' } },
    'PATCH /api/sessions/:id': {
      body: { startsAt: '2027-05-10T10:00:00+01:00', endsAt: '2027-05-10T17:00:00+01:00' },
    },
    'PUT /api/sets/:id/facilitator': { body: { facilitatorId: null } },
    'POST /api/sets/:id/members': { body: { enrolmentId: ids.enrolment } },
    'POST /api/enrolments/:id/transfer': { body: { cohortId: ids.cohort } },
    'POST /api/enrolments/:id/withdraw': { body: { reason: 'Not my system' } },
    'PATCH /api/cohorts/:id': { body: { capacity: 40, signupsOpen: false } },
    'GET /api/cohorts/:id/people': { query: 'q=Load' },
    'POST /api/cohorts/:id/delegates': { body: { email: 'scope.new@nhs.test', fullName: 'Not my system' } },
    'POST /api/cohorts/:id/bulk-withdraw': { body: { enrolmentIds: [ids.enrolment], reason: 'Not mine' } },
    'POST /api/cohorts/:id/bulk-transfer': { body: { enrolmentIds: [ids.enrolment], cohortId: ids.cohort } },
    'POST /api/series': {
      body: {
        programmeId: ids.programme,
        kind: 'community-of-practice',
        title: 'Coffee',
        mode: 'virtual',
        systemOdsCode: 'QK1',
        startDate: '2027-06-02',
        startTime: '12:30',
        endTime: '13:30',
        rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=3',
      },
    },
    // Impact figures of the regional programme, which holds the other system's respondents too.
    ...Object.fromEntries(
      [
        'filter-options',
        'overview',
        'items',
        'funnel',
        'reach',
        'cumulative',
        'response-rates',
        'export/:file',
        'board-report.pdf',
        'matched-export.xlsx',
        'comments',
      ].map((route) => [`GET /api/analytics/${route}`, { query: `programmeId=${ids.regionalProgramme}` }]),
    ),
    'GET /api/analytics/breakdowns': { query: `programmeId=${ids.regionalProgramme}&dimension=cohort` },
    'GET /api/session-feedback/results': { query: `programmeId=${ids.regionalProgramme}` },
  };
  return requests[key] ?? {};
}

/** Every route the application serves, from Nest's discovery, with its access rule. */
function discoverRoutes(testApp: TestApp): Route[] {
  const discovery = testApp.app.select(DiscoveryModule).get(DiscoveryService);
  const reflector = testApp.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controllerPath = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    const prototype = Object.getPrototypeOf(wrapper.instance as object) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as () => unknown;
      const handlerPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (handlerPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/api/${[controllerPath, handlerPath]
        .map((part) => part.replace(/^\/+|\/+$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      const rule = reflector.getAllAndOverride<AccessRule>(ACCESS_METADATA, [
        handler,
        wrapper.metatype as () => unknown,
      ]);
      routes.push({ method, path, key: `${method} ${path}`, rule });
    }
  }
  return routes;
}

/** The route's path with its parameters filled in, or the parameters nobody mapped. */
function fillPath(route: Route, ids: Ids): { url: string } | { unmapped: string[] } {
  const segments = route.path.split('/');
  const unmapped: string[] = [];
  const filled = segments.map((segment, index) => {
    if (!segment.startsWith(':')) return segment;
    const value = parameterValue(segments[index - 1] ?? '', segment.slice(1), ids);
    if (value === undefined) unmapped.push(`${route.key} (${segments[index - 1]}/${segment})`);
    return encodeURIComponent(value ?? '');
  });
  return unmapped.length > 0 ? { unmapped } : { url: filled.join('/') };
}

/** Parameters that choose a format or a part (a file type, a stage, an area), not a record of some system. */
const SELECTORS = new Set([
  'export/:file',
  'templates/:file',
  'instruments/:stage',
  'evaluations/:stage',
  'ratings/:area',
]);

/** Whether the route names a record (a cohort, a review…) in its path: aimed at the other system's, it is a 404. */
const hasParameters = (route: Route) =>
  route.path
    .split('/')
    .some(
      (segment, index, segments) =>
        segment.startsWith(':') && !SELECTORS.has(`${segments[index - 1]}/${segment}`),
    );

/** What a caller holding `roles` must get from the route aimed at the other system's data. */
function expectation(route: Route, roles: Role[]): { describe: string; ok: (status: number) => boolean } {
  if (route.rule.kind === 'roles' && !route.rule.roles.some((role) => roles.includes(role)))
    return { describe: '403 (not their role)', ok: (status) => status === 403 };
  if (REGIONAL_ONLY.has(route.key))
    return { describe: '404 (regional only)', ok: (status) => status === 404 };
  if (route.rule.kind === 'public' || isSelfRoute(route.path) || SHARED_REFERENCE.has(route.key))
    return { describe: 'no server error', ok: (status) => status < 500 };
  if (hasParameters(route) && route.method === 'GET')
    return { describe: '404 (no existence leak)', ok: (status) => status === 404 };
  if (route.method === 'GET') return { describe: '200 without the rows', ok: (status) => status === 200 };
  return { describe: '4xx (refused)', ok: (status) => status >= 400 && status < 500 };
}

function send(client: ApiClient, route: Route, url: string, ids: Ids) {
  const request = requestFor(route.key, ids);
  const target = request.query ? `${url}?${request.query}` : url;
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const call = client[method](target);
  if (route.method === 'GET') return call.buffer(true);
  if (request.csv !== undefined) return call.set('Content-Type', 'text/csv').send(request.csv);
  return call.send((request.body ?? {}) as object);
}

/** The response as text, whatever it is (JSON, CSV, an image or a spreadsheet). */
function responseText(response: Response): string {
  if (typeof response.text === 'string' && response.text !== '') return response.text;
  if (Buffer.isBuffer(response.body)) return response.body.toString('latin1');
  return JSON.stringify(response.body ?? '');
}

/** Waits for an import job to finish; fails the set-up if it did not succeed. */
async function finished(client: ApiClient, job: ImportJob): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    const current: ImportJob = (await client.get(`/api/import-jobs/${job.id}`).expect(200)).body;
    const rejected = (current.result as { errors?: unknown[] } | null)?.errors ?? [];
    if (current.status === 'succeeded' && rejected.length === 0) return;
    if (current.status !== 'running')
      throw new Error(`Import failed: ${JSON.stringify([...current.errors, ...rejected])}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The import did not finish');
}

/** The other system's rows, one checksum per table, in one query. */
const CHECKSUM_SQL = `
WITH qk1_programmes AS (SELECT id FROM programme WHERE system_id = $1),
     qk1_cohorts AS (SELECT id FROM cohort WHERE system_id = $1),
     qk1_series AS (SELECT id FROM session_series WHERE system_id = $1 OR programme_id IN (SELECT id FROM qk1_programmes)),
     qk1_sessions AS (SELECT id FROM session WHERE cohort_id IN (SELECT id FROM qk1_cohorts) OR series_id IN (SELECT id FROM qk1_series)),
     qk1_enrolments AS (SELECT id FROM enrolment WHERE cohort_id IN (SELECT id FROM qk1_cohorts)),
     qk1_users AS (SELECT id FROM app_user WHERE full_name LIKE '${CANARY}%'),
     qk1_reviews AS (SELECT id FROM programme_review WHERE programme_id IN (SELECT id FROM qk1_programmes)),
     qk1_facilitators AS (SELECT id FROM facilitator WHERE user_id IN (SELECT id FROM qk1_users))
SELECT
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM programme t WHERE id IN (SELECT id FROM qk1_programmes)) AS programme,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM journey_template t WHERE programme_id IN (SELECT id FROM qk1_programmes)) AS journey_template,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM instrument t WHERE programme_id IN (SELECT id FROM qk1_programmes)) AS instrument,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM programme_review t WHERE id IN (SELECT id FROM qk1_reviews)) AS programme_review,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM programme_review_rating t WHERE review_id IN (SELECT id FROM qk1_reviews)) AS programme_review_rating,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM programme_action t WHERE programme_id IN (SELECT id FROM qk1_programmes)) AS programme_action,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM cohort t WHERE id IN (SELECT id FROM qk1_cohorts)) AS cohort,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM session_series t WHERE id IN (SELECT id FROM qk1_series)) AS session_series,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM session t WHERE id IN (SELECT id FROM qk1_sessions)) AS session,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM session_facilitator t WHERE session_id IN (SELECT id FROM qk1_sessions)) AS session_facilitator,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM session_change t WHERE session_id IN (SELECT id FROM qk1_sessions)) AS session_change,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM enrolment t WHERE id IN (SELECT id FROM qk1_enrolments)) AS enrolment,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM attendance t WHERE enrolment_id IN (SELECT id FROM qk1_enrolments)) AS attendance,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM learning_set t WHERE cohort_id IN (SELECT id FROM qk1_cohorts)) AS learning_set,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM learning_set_member t WHERE enrolment_id IN (SELECT id FROM qk1_enrolments)) AS learning_set_member,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM evaluation_response t WHERE programme_id IN (SELECT id FROM qk1_programmes) OR enrolment_id IN (SELECT id FROM qk1_enrolments)) AS evaluation_response,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM app_user t WHERE id IN (SELECT id FROM qk1_users)) AS app_user,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM user_role t WHERE user_id IN (SELECT id FROM qk1_users)) AS user_role,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM facilitator t WHERE id IN (SELECT id FROM qk1_facilitators)) AS facilitator,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM facilitator_unavailability t WHERE facilitator_id IN (SELECT id FROM qk1_facilitators)) AS facilitator_unavailability,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM enrolment_transfer_offer t WHERE enrolment_id IN (SELECT id FROM qk1_enrolments)) AS enrolment_transfer_offer,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM user_second_factor t WHERE user_id IN (SELECT id FROM qk1_users)) AS user_second_factor,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM user_erasure t WHERE user_id IN (SELECT id FROM qk1_users)) AS user_erasure,
  (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM organisation t WHERE id = $1 OR system_id = $1) AS organisation`;

describe('scope: every route against another system', () => {
  let testApp: TestApp;
  let regionalLead: ApiClient;
  let ids: Ids;
  let qk1SystemId: string;
  let routes: Route[];
  const callers: { name: string; client: () => Promise<ApiClient>; roles: Role[] }[] = [];

  const checksum = async () =>
    (await testApp.sql<Record<string, string>>(CHECKSUM_SQL, [qk1SystemId]))[0] as Record<string, string>;

  beforeAll(async () => {
    testApp = await createTestApp();
    regionalLead = await testApp.signedIn('lead@demo.upstand.test');
    const steering = await testApp.signedIn('steering@demo.upstand.test');
    [{ id: qk1SystemId }] = await testApp.sql<{ id: string }>(
      `SELECT id FROM organisation WHERE ods_code = 'QK1'`,
    );
    const [rwe] = await testApp.sql<{ id: string }>(`SELECT id FROM organisation WHERE ods_code = 'RWE'`);

    // The other system's programme, a cohort of it with its sessions, delegates on it and learning sets.
    const programme: Programme = (
      await regionalLead
        .post('/api/programmes')
        .send({ name: `${CANARY} programme`, systemOdsCode: 'QK1' })
        .expect(201)
    ).body;
    expect(programme.system?.odsCode).toBe('QK1');
    const cohort: Cohort = (
      await regionalLead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: `${CANARY} cohort`,
          startDate: '2027-05-10',
          capacity: 20,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body;
    const delegates = await testApp.delegates(4, 'RWE');
    await testApp.sql(`UPDATE app_user SET full_name = '${CANARY} ' || full_name WHERE email LIKE 'load-%'`);
    const enrolments: Enrolment[] = [];
    for (const delegate of delegates)
      enrolments.push((await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body);
    const { sets } = (await regionalLead.post(`/api/cohorts/${cohort.id}/sets`).send({}).expect(201))
      .body as { sets: LearningSet[] };
    const [session] = (await regionalLead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];

    // A cohort of the other system in the regional programme, whose delegates answered the pre questionnaire.
    const [regional] = ((await regionalLead.get('/api/programmes').expect(200)).body as Programme[]).filter(
      (candidate) => candidate.system === null,
    );
    const regionalCohort: Cohort = (
      await regionalLead
        .post('/api/cohorts')
        .send({
          programmeId: regional?.id,
          name: `${CANARY} regional cohort`,
          startDate: '2027-05-17',
          capacity: 20,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body;
    for (const delegate of delegates.slice(2))
      await delegate.post(`/api/cohorts/${regionalCohort.id}/enrolments`).expect(201);
    const answered = await testApp.sql<{ email: string }>(
      `SELECT u.email FROM app_user u JOIN enrolment e ON e.delegate_user_id = u.id WHERE e.cohort_id = $1`,
      [regionalCohort.id],
    );
    const answers: ImportJob = (
      await regionalLead
        .post(`/api/imports/responses?programmeId=${regional?.id}`)
        .set('Content-Type', 'text/csv')
        .send(
          'delegate_email,stage,item_code,value,submitted_at\n' +
            answered.map(({ email }) => `${email},pre,confidence_intervene,4,01/11/2026\n`).join(''),
        )
        .expect(202)
    ).body;
    await finished(regionalLead, answers);

    // Its governance: a review and an action.
    const review: ProgrammeReview = (
      await steering
        .post(`/api/programmes/${programme.id}/reviews`)
        .send({ label: `${CANARY} review`, periodStart: '2026-04-01', periodEnd: '2026-06-30' })
        .expect(201)
    ).body;
    await steering
      .put(`/api/reviews/${review.id}/ratings/overall-effectiveness`)
      .send({ rating: 'amber', evidence: `${CANARY} evidence` })
      .expect(200);
    const action: ProgrammeAction = (
      await steering
        .post(`/api/programmes/${programme.id}/actions`)
        .send({ action: `${CANARY} action`, owner: `${CANARY} owner`, dueDate: '2026-09-30' })
        .expect(201)
    ).body;

    // A facilitator of the other system (the grant an LLR lead would give them).
    const [facilitatorUser] = await testApp.sql<{ id: string; email: string }>(
      `SELECT u.id, u.email FROM app_user u JOIN enrolment e ON e.delegate_user_id = u.id WHERE e.id = $1`,
      [enrolments[0]?.id],
    );
    const facilitator: Facilitator = (
      await regionalLead
        .post('/api/facilitators')
        .send({ email: facilitatorUser?.email, level: 'co-facilitator', sessionKinds: ['workshop'] })
        .expect(201)
    ).body;
    await testApp.sql(
      `UPDATE user_role SET scope_kind = 'system', region_id = NULL, organisation_id = $2
       WHERE user_id = $1 AND role = 'facilitator'`,
      [facilitatorUser?.id, qk1SystemId],
    );
    // Someone of the other system who completed train-the-trainer: a candidate for its pool.
    await testApp.sql(
      `UPDATE session SET kind = 'train-the-trainer' WHERE id = (
         SELECT id FROM session WHERE cohort_id = $1 AND kind = 'workshop' ORDER BY starts_at DESC LIMIT 1)`,
      [cohort.id],
    );
    await testApp.sql(`UPDATE enrolment SET status = 'completed', completed_at = now() WHERE id = $1`, [
      enrolments[1]?.id,
    ]);

    // An import job the regional lead started.
    const job: ImportJob = (
      await regionalLead
        .post(`/api/imports/enrolments?programmeId=${programme.id}`)
        .set('Content-Type', 'text/csv')
        .send(
          `email,full_name,organisation_ods,cohort_name,status\nimported.qk1@nhs.test,${CANARY} Imported,RWE,${CANARY} cohort,confirmed\n`,
        )
        .expect(202)
    ).body;
    await finished(regionalLead, job);
    const [venue] = await testApp.sql<{ id: string }>(`SELECT id FROM venue LIMIT 1`);
    // A transfer offered between two of the other system's cohorts (written directly: a lead covering both
    // systems moves a place at once, so no offer arises through the API between cohorts of one system).
    const [offer] = await testApp.sql<{ id: string }>(
      `INSERT INTO enrolment_transfer_offer (enrolment_id, target_cohort_id, status, offered_by_user_id)
       SELECT $1, c.id, 'pending', (SELECT id FROM app_user WHERE email = 'lead@demo.upstand.test')
         FROM cohort c WHERE c.system_id = $2 AND c.id <> $3 LIMIT 1
       RETURNING id`,
      [enrolments[2]?.id, qk1SystemId, cohort.id],
    );
    ids = {
      programme: programme.id,
      regionalProgramme: regional?.id as string,
      cohort: cohort.id,
      session: session?.id as string,
      enrolment: enrolments[0]?.id as string,
      set: sets[0]?.id as string,
      review: review.id,
      action: action.id,
      facilitator: facilitator.id,
      facilitatorEmail: facilitatorUser?.email as string,
      organisation: rwe?.id as string,
      icb: qk1SystemId,
      venue: venue?.id as string,
      importJob: job.id,
      user: facilitatorUser?.id as string,
      transferOffer: offer?.id as string,
    };

    // The callers: all three scoped to Coventry and Warwickshire (QWU).
    const systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    const [systemFacilitator] = await testApp.delegates(1, 'QWU');
    const [{ email: facilitatorEmail }] = await testApp.sql<{ email: string }>(
      `SELECT email FROM app_user WHERE email LIKE 'load-%' AND full_name NOT LIKE '${CANARY}%'`,
    );
    await systemLead
      .post('/api/facilitators')
      .send({ email: facilitatorEmail, level: 'co-facilitator', sessionKinds: ['workshop'] })
      .expect(201);
    await testApp.sql(
      `DELETE FROM user_role WHERE role = 'delegate' AND user_id = (SELECT id FROM app_user WHERE email = $1)`,
      [facilitatorEmail],
    );
    callers.push(
      {
        name: 'system lead',
        client: () => testApp.signedIn('system-lead@demo.upstand.test'),
        roles: ['programme-lead'],
      },
      {
        name: 'system facilitator',
        client: async () => systemFacilitator as ApiClient,
        roles: ['facilitator'],
      },
      {
        name: 'system steering member',
        client: () => testApp.signedIn('system-steering@demo.upstand.test'),
        roles: ['steering'],
      },
    );
    const me: CurrentUser = (await (systemFacilitator as ApiClient).get('/api/auth/me').expect(200)).body;
    expect(me.roles).toEqual([
      expect.objectContaining({ role: 'facilitator', scope: expect.objectContaining({ odsCode: 'QWU' }) }),
    ]);

    routes = discoverRoutes(testApp);
  });
  afterAll(() => testApp.close());

  it('has the other system’s data where a regional lead sees it (so the checks below mean something)', async () => {
    const lists = [
      '/api/programmes',
      '/api/cohorts',
      '/api/facilitators',
      '/api/facilitators/candidates',
      `/api/programmes/${ids.programme}/reviews`,
      `/api/programmes/${ids.programme}/actions`,
      `/api/cohorts/${ids.cohort}/enrolments`,
      `/api/analytics/filter-options?programmeId=${ids.regionalProgramme}`,
    ];
    for (const url of lists)
      expect(`${url}: ${(await regionalLead.get(url).expect(200)).text}`).toContain(CANARY);
  });

  it('maps every route parameter, and lists only routes that exist as pending elsewhere', () => {
    const unmapped = routes.flatMap((route) => {
      const filled = fillPath(route, ids);
      return 'unmapped' in filled ? filled.unmapped : [];
    });
    expect(unmapped).toEqual([]);
    const keys = new Set(routes.map((route) => route.key));
    expect(Object.keys(PENDING_ELSEWHERE).filter((key) => !keys.has(key))).toEqual([]);
    expect(routes.length).toBeGreaterThan(90);
  });

  it.each([0, 1, 2])(
    'shows and changes nothing of another system to caller %i (lead, facilitator, steering)',
    async (index) => {
      const caller = callers[index] as (typeof callers)[number];
      const client = await caller.client();
      const before = await checksum();
      const problems: string[] = [];
      // Signing out last (with a password or single sign-on), so every other route is called signed in.
      const signsOut = (route: Route) => /^POST \/api\/auth(\/oidc)?\/logout$/.test(route.key);
      const ordered = [...routes].sort((a, b) => Number(signsOut(a)) - Number(signsOut(b)));
      for (const route of ordered) {
        if (route.key in PENDING_ELSEWHERE) continue;
        const filled = fillPath(route, ids);
        if (!('url' in filled)) continue; // reported by the mapping test
        const response = await send(client, route, filled.url, ids);
        const text = responseText(response);
        if (text.includes(CANARY) && !PUBLIC_CATALOGUE.has(route.key))
          problems.push(`${route.key}: the response shows the other system's data`);
        const custom = requestFor(route.key, ids).refused;
        const expected = expectation(route, caller.roles);
        const roleRefused = expected.describe.startsWith('403');
        if (custom && !roleRefused) {
          if (!custom(response))
            problems.push(`${route.key}: not refused (${response.status}) ${text.slice(0, 200)}`);
        } else if (!expected.ok(response.status)) {
          problems.push(
            `${route.key}: ${response.status}, expected ${expected.describe} ${text.slice(0, 200)}`,
          );
        }
        const after = await checksum();
        const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
        if (changed.length > 0) {
          problems.push(`${route.key}: changed the other system's ${changed.join(', ')}`);
          Object.assign(before, after);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  const matchedExport = 'GET /api/analytics/matched-export.xlsx';
  (matchedExport in PENDING_ELSEWHERE ? it.skip : it)(
    "gives a system lead a matched export of their own system's respondents only",
    async () => {
      const outsideQwu = async (client: ApiClient) => {
        const response = await client
          .get(`/api/analytics/matched-export.xlsx?programmeId=${ids.regionalProgramme}`)
          .buffer(true)
          .parse(binaryBody)
          .expect(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.body as ArrayBuffer);
        const sheet = workbook.getWorksheet('Responses');
        const header = (sheet?.getRow(1).values as string[]).slice(1);
        const column = header.indexOf('organisation_ods') + 1;
        const codes = new Set<string>();
        sheet?.eachRow((row, number) => {
          if (number > 1) codes.add(String(row.getCell(column).value ?? ''));
        });
        const qwu = new Set(
          (
            await testApp.sql<{ ods: string }>(
              `SELECT o.ods_code AS ods FROM organisation o JOIN organisation s ON s.id = coalesce(o.system_id, o.id)
               WHERE s.ods_code = 'QWU'`,
            )
          ).map((row) => row.ods),
        );
        return [...codes].filter((code) => !qwu.has(code));
      };
      // The regional lead's export holds the other system's respondents (RWE), so the check below bites.
      expect(await outsideQwu(regionalLead)).toContain('RWE');
      expect(await outsideQwu(await testApp.signedIn('system-lead@demo.upstand.test'))).toEqual([]);
    },
  );
});
