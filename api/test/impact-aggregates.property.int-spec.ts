import { INestApplication } from '@nestjs/common';
import { AnalyticsFilters, BREAKDOWN_DIMENSIONS, BreakdownDimension, RoleGrant } from '@upstand/contracts';
import fc from 'fast-check';
import { AuthenticatedUser } from '../src/common/auth/authenticated-user';
import { DomainError } from '../src/common/domain-errors';
import { AnalyticsScopeResolver } from '../src/modules/analytics/analytics-scope.resolver';
import { AnalyticsService } from '../src/modules/analytics/analytics.service';
import { EnrolmentsService } from '../src/modules/enrolments/enrolments.service';
import { TransferOffersService } from '../src/modules/enrolments/transfer-offers.service';
import { ErasureService } from '../src/modules/erasure/erasure.service';
import { ResponseImportService } from '../src/modules/imports/response-import.service';
import { createReferenceImpactApp } from './support/impact-reference/reference-app';
import { jsonDifference } from './support/json-difference';
import { settleImpactAggregates } from './support/settle-impact-aggregates';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Issue 13, item 2: whatever the Impact repositories become (aggregates kept up to date as answers arrive), every
 * report must give the figures of the full computation from every answer as it stood before. The app runs beside a
 * second app on the same database whose repositories are frozen copies of that computation
 * (support/impact-reference); random programmes are built, changed (more answers, an import, a transfer, an
 * organisation change, a withdrawal, an erasure) and after each batch of changes every report is asked of both, as
 * a lead, a system-scoped lead, the steering group, a system steering member and a sponsor, with every filter.
 * Counts and withheld cells must agree exactly, statistics within 1e-12 relative.
 *
 * Reproduce a failure with the seed fast-check prints: IMPACT_PROPERTY_SEED=<seed>; IMPACT_PROPERTY_RUNS sets the
 * number of programmes (3 by default, to keep the file near a minute on two busy cores; more for a nightly run).
 */

type Stage = 'pre' | 'post' | 'follow-up';

/** The financial year (April–March) a date falls in, named by the year it starts in. */
const financialYearOf = (date: string) => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 4 ? 1 : 0);
type Rng = ReturnType<typeof rng>;

/** mulberry32: a small seeded generator, so one fast-check integer reproduces a whole programme and its changes. */
function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const chance = (p: number) => next() < p;
  const some = <T>(values: readonly T[], count: number): T[] =>
    [...values]
      .map((value) => ({ value, key: next() }))
      .sort((a, b) => a.key - b.key)
      .slice(0, count)
      .map(({ value }) => value);
  /** A date between two ISO dates, any day (not only financial-year boundaries). */
  const date = (from: string, to: string) => {
    const start = Date.parse(`${from}T00:00:00Z`);
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / 86_400_000);
    return new Date(start + int(0, days) * 86_400_000).toISOString().slice(0, 10);
  };
  return { next, int, pick, chance, some, date };
}

const RUNS = Number(process.env['IMPACT_PROPERTY_RUNS'] ?? 3);
const SEED = process.env['IMPACT_PROPERTY_SEED'] ? Number(process.env['IMPACT_PROPERTY_SEED']) : undefined;
/** Random (viewer, filter, report) checks per comparison on top of the planned ones (each asks both apps). */
const EXTRA_CHECKS = Number(process.env['IMPACT_PROPERTY_CHECKS'] ?? 0);

const STAFF_GROUPS = [
  'Nursing and Midwifery Registered',
  'Administrative and Clerical',
  'Allied Health Professionals',
  'Medical and Dental',
  'Estates and Ancillary',
];
const PAY_SCHEMES = ['agenda-for-change', 'agenda-for-change', 'medical-and-dental', 'very-senior-manager'];
const PAY_BANDS = ['2', '3', '5', '6', '7', '8a', '9'];
const ETHNIC_CATEGORIES = [null, 'A', 'B', 'C', 'D', 'H', 'M', 'N', 'R', 'S', 'Z'];
const DISABILITY = [null, 'yes', 'no', 'no', 'prefer-not-to-say'];
const LIKERT_LABELS = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
];
const STATUSES = [
  ['completed', 40],
  ['confirmed', 22],
  ['withdrawn', 10],
  ['did-not-complete', 10],
  ['waitlisted', 6],
  ['pending-approval', 6],
  ['declined', 6],
] as const;

interface System {
  id: string;
  odsCode: string;
  isHome: boolean;
  regionId: string;
}

interface Item {
  code: string;
  type: string;
}

interface Person {
  userId: string;
  enrolmentId: string;
  cohort: number;
  status: string;
  employerId: string | null;
}

interface Programme {
  index: number;
  id: string;
  anonymous: boolean;
  systems: System[];
  organisationIds: string[];
  /** Organisations and the ICBs people may be employed by directly. */
  employerIds: string[];
  /** Each employer's system (an ICB is its own). */
  systemOf: Record<string, string>;
  /**
   * The cohort most of an employer's staff go to: views whose people all sit in one cohort (or one organisation)
   * bring that cohort into the disclosure checks, so the data must hold some.
   */
  usualCohortOf: Record<string, number>;
  cohorts: { id: string; startDate: string; systemId: string; sessionIds: string[] }[];
  communitySessionIds: string[];
  instruments: Record<Stage, { id: string; items: Item[] }>;
  people: Person[];
  anonymousCodes: string[];
}

describe('Impact figures against the full computation (issue 13 reference)', () => {
  let testApp: TestApp;
  let reference: INestApplication;
  let lead: ApiClient;
  let leadUser: AuthenticatedUser;
  let icbs: System[];
  let checks = 0;
  /** How the checks came out, so a run that only ever compared refusals or empty reports would show. */
  const outcomes = { refused: 0, withheld: 0, published: 0, soleContainer: 0 };
  const timing = process.env['IMPACT_PROPERTY_TIMING']
    ? (label: string, since: number) => console.log(`${label}: ${Date.now() - since} ms`)
    : () => undefined;

  beforeAll(async () => {
    const started = Date.now();
    // The lowest threshold allowed: programmes of 20–80 people then have views above it at every level, so the
    // disclosure policy's overlap and secondary withholding is exercised, not only "too small".
    testApp = await createTestApp({ SUPPRESSION_THRESHOLD: '5' });
    const appReady = Date.now();
    reference = await createReferenceImpactApp(testApp);
    if (process.env['IMPACT_PROPERTY_TIMING'])
      console.log(`app ${appReady - started} ms, reference app ${Date.now() - appReady} ms`);
    lead = await testApp.signedIn('lead@demo.upstand.test');
    const [leadRow] = await testApp.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'lead@demo.upstand.test'`,
    );
    leadUser = user(leadRow!.id, [grant('programme-lead', null, 'region')]);
    icbs = (
      await testApp.sql<{ id: string; ods_code: string; is_home_system: boolean; region_id: string }>(
        `SELECT id, ods_code, is_home_system, region_id FROM organisation WHERE type = 'icb' ORDER BY ods_code`,
      )
    ).map((row) => ({
      id: row.id,
      odsCode: row.ods_code,
      isHome: row.is_home_system,
      regionId: row.region_id,
    }));
    if (!icbs.some((icb) => icb.isHome) || icbs.filter((icb) => !icb.isHome).length < 2)
      throw new Error('The demo seed should hold a home system and at least two scale-up systems');
  }, 60_000);

  afterAll(async () => {
    await reference?.close();
    await testApp?.close();
  });

  function grant(
    role: RoleGrant['role'],
    organisationId: string | null,
    kind: 'region' | 'system' | 'organisation',
  ) {
    return {
      role,
      organisationId,
      organisationName: null,
      scope: { kind, odsCode: kind === 'region' ? 'Y60' : 'ZZZ', name: kind },
    } satisfies RoleGrant;
  }

  function user(id: string, roles: RoleGrant[]): AuthenticatedUser {
    return {
      id,
      email: `${id}@viewer.test`,
      fullName: 'Viewer',
      organisationId: null,
      roles,
      sessionId: 'none',
    };
  }

  it('gives every report the reference figures for random programmes, before and after each batch of changes', async () => {
    let programmes = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 0x7fffffff }), async (seed) => {
        const r = rng(seed);
        let since = Date.now();
        const programme = await buildProgramme(r, programmes++);
        timing(`programme ${programme.index} (${programme.people.length} people) built`, since);
        const viewers = viewersOf(r, programme);
        const step = async (label: string, change: () => Promise<void>) => {
          since = Date.now();
          await change();
          timing(`  ${label}`, since);
        };
        await step('compared as built', () => compareEverything(r, programme, viewers, 'as built', true));
        await step('more answers and an import', () => moreAnswers(r, programme));
        await step('compared', () =>
          compareEverything(r, programme, viewers, 'after more answers and an import'),
        );
        await step('transfer, withdrawal, organisation changes', () => movePeople(r, programme));
        await step('compared', () =>
          compareEverything(r, programme, viewers, 'after a transfer, organisation changes and a withdrawal'),
        );
        await step('erasures', () => erase(r, programme));
        await step('compared', () => compareEverything(r, programme, viewers, 'after erasures'));
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, verbose: true },
    );
    // Every report, viewer and kind of filter was asked at least once per comparison (see compareEverything), and
    // most checks compared figures (not refusals), withheld and published alike.
    timing(`checks ${checks} ${JSON.stringify(outcomes)}`, Date.now());
    expect(checks).toBeGreaterThanOrEqual(RUNS * 4 * REPORTS.length);
    expect(outcomes.refused).toBeLessThan(checks / 3);
    expect(outcomes.withheld).toBeGreaterThan(0);
    expect(outcomes.published).toBeGreaterThan(0);
  }, 300_000);

  // ---------------------------------------------------------------------------------------------------------
  // Building a random programme

  async function buildProgramme(r: Rng, index: number): Promise<Programme> {
    const sql = testApp.sql;
    // The first programme names delegates (so answers can be imported), the second is anonymous, then either.
    const anonymous = index === 0 ? false : index === 1 ? true : r.chance(0.5);
    const [programmeRow] = await sql<{ id: string }>(
      `INSERT INTO programme (name, anonymous_evaluation) VALUES ($1, $2) RETURNING id`,
      [`Property programme ${index}`, anonymous],
    );
    const programmeId = programmeRow!.id;
    const rule = r.pick([
      { workshop: 'all' },
      { workshop: 'all', 'action-learning-set': 2 },
      { workshop: 'all', 'action-learning-set': 'all' },
      { workshop: 'all', 'action-learning-set': 5 },
    ]);
    const [template] = await sql<{ id: string }>(
      `INSERT INTO journey_template (programme_id, version, stages, completion_rule) VALUES ($1, 1, '[]'::jsonb, $2::jsonb) RETURNING id`,
      [programmeId, JSON.stringify(rule)],
    );
    await lead.get(`/api/programmes/${programmeId}/instruments`).expect(200);
    const instrumentRows = await sql<{ id: string; stage: Stage; items: Item[] }>(
      `SELECT DISTINCT ON (stage) id, stage, items FROM instrument WHERE programme_id = $1 ORDER BY stage, version DESC`,
      [programmeId],
    );
    const instruments = Object.fromEntries(
      instrumentRows.map((row) => [row.stage, { id: row.id, items: row.items }]),
    ) as Programme['instruments'];

    // Systems: always a home one and a scale-up one, sometimes more.
    const home = icbs.filter((icb) => icb.isHome);
    const scaleUp = icbs.filter((icb) => !icb.isHome);
    const systems = [r.pick(home), ...r.some(scaleUp, r.int(1, Math.min(3, scaleUp.length)))];

    const organisationIds: string[] = [];
    const systemOf: Record<string, string> = Object.fromEntries(
      systems.map((system) => [system.id, system.id]),
    );
    for (let o = 0; o < r.int(1, 4); o++) {
      const system = r.pick(systems);
      const headcount = r.chance(0.6) ? r.int(50, 9000) : null;
      const [row] = await sql<{ id: string }>(
        `INSERT INTO organisation (ods_code, name, type, region_id, system_id, valid_from, headcount, headcount_as_of)
         VALUES ($1, $2, $3, $4, $5, '2020-01-01', $6, CASE WHEN $6::int IS NULL THEN NULL ELSE date '2024-04-01' END)
         RETURNING id`,
        [
          `P${index.toString(36).toUpperCase()}X${o}`,
          `Property trust ${index}-${o}`,
          r.pick(['acute-trust', 'mental-health-community-trust', 'primary-care', 'social-care']),
          system.regionId,
          system.id,
          headcount,
        ],
      );
      organisationIds.push(row!.id);
      systemOf[row!.id] = system.id;
    }
    // ICBs employ people too: then the person's system is the ICB itself (an organisation without a system).
    const employerIds = [...organisationIds, ...organisationIds, ...r.some(systems, 2).map((s) => s.id)];

    const cohorts: Programme['cohorts'] = [];
    for (let c = 0; c < r.int(2, 5); c++) {
      // Start dates across several financial years, some still to come (their post questionnaire not yet asked).
      const startDate = r.date('2021-02-01', '2027-06-30');
      const cohortSystem = r.pick(systems).id;
      const [cohort] = await sql<{ id: string }>(
        `INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity)
         VALUES ($1, $2, $3, $4, $5, 200) RETURNING id`,
        [programmeId, template!.id, `Property ${index}-${c}`, cohortSystem, startDate],
      );
      const sessionIds: string[] = [];
      const sessions: [string, number, number, string][] = [['workshop', 1, 0, 'scheduled']];
      const sets = r.int(0, 3);
      for (let s = 1; s <= sets; s++)
        sessions.push(['action-learning-set', s, 14 * s, r.chance(0.1) ? 'cancelled' : 'scheduled']);
      if (r.chance(0.3)) sessions.push(['action-learning-set', 1, 20, 'scheduled']); // a set run twice
      if (r.chance(0.4)) sessions.push(['celebration-event', 1, r.int(60, 400), 'scheduled']);
      for (const [kind, sequence, offset, status] of sessions) {
        const [session] = await sql<{ id: string }>(
          `INSERT INTO session (cohort_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, status, calendar_uid)
           VALUES ($1, $2, $2, 'in-person', $3, $2, $4::date + $5::int + time '09:00', $4::date + $5::int + time '16:30', $6,
                   gen_random_uuid()::text)
           RETURNING id`,
          [cohort!.id, kind, sequence, startDate, offset, status],
        );
        sessionIds.push(session!.id);
      }
      cohorts.push({ id: cohort!.id, startDate, systemId: cohortSystem, sessionIds });
    }

    // Community of Practice catch-ups across the years, some in the future.
    const [series] = await sql<{ id: string }>(
      `INSERT INTO session_series (programme_id, kind, title, mode, start_date, start_time, end_time, rrule)
       VALUES ($1, 'community-of-practice', 'Catch-up', 'virtual', '2021-06-01', '12:30', '13:30', 'FREQ=MONTHLY;COUNT=1')
       RETURNING id`,
      [programmeId],
    );
    const communitySessionIds: string[] = [];
    for (let s = 0; s < r.int(1, 4); s++) {
      const [session] = await sql<{ id: string }>(
        `INSERT INTO session (series_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
         VALUES ($1, 'series', $2, 'virtual', $3, 'Catch-up', $4::date + time '12:30', $4::date + time '13:30',
                 gen_random_uuid()::text)
         RETURNING id`,
        [
          series!.id,
          r.pick(['community-of-practice', 'community-of-practice', 'celebration-event']),
          s + 1,
          r.date('2021-04-01', '2027-03-31'),
        ],
      );
      communitySessionIds.push(session!.id);
    }

    const usualCohortOf = Object.fromEntries(
      employerIds.map((id) => {
        const own = cohorts.flatMap((cohort, i) => (cohort.systemId === systemOf[id] ? [i] : []));
        return [id, own.length && r.chance(0.8) ? r.pick(own) : r.int(0, cohorts.length - 1)];
      }),
    );
    const programme: Programme = {
      index,
      id: programmeId,
      anonymous,
      systems,
      organisationIds,
      employerIds,
      systemOf,
      usualCohortOf,
      cohorts,
      communitySessionIds,
      instruments,
      people: [],
      anonymousCodes: [],
    };
    const count = r.int(20, 80);
    for (let i = 0; i < count; i++) await addPerson(r, programme, i);
    if (anonymous) for (let a = 0; a < r.int(4, 16); a++) await addAnonymous(r, programme);
    return programme;
  }

  function weightedStatus(r: Rng): string {
    let roll = r.int(
      1,
      STATUSES.reduce((sum, [, weight]) => sum + weight, 0),
    );
    for (const [status, weight] of STATUSES) if ((roll -= weight) <= 0) return status;
    return 'confirmed';
  }

  async function addPerson(r: Rng, programme: Programme, i: number): Promise<void> {
    const sql = testApp.sql;
    const employerId = r.chance(0.15) ? null : r.pick(programme.employerIds);
    const [userRow] = await sql<{ id: string }>(
      `INSERT INTO app_user (email, full_name, password_hash, organisation_id) VALUES ($1, $2, 'not-a-hash', $3) RETURNING id`,
      [`property-${programme.index}-${i}@nhs.test`, `Property${programme.index} Person${i}`, employerId],
    );
    const userId = userRow!.id;
    if (r.chance(0.85)) {
      const scheme = r.pick(PAY_SCHEMES);
      await sql(
        `INSERT INTO delegate_profile (user_id, job_title, staff_group, pay_scheme, pay_band, line_manager_name, line_manager_email)
         VALUES ($1, 'Nurse', $2, $3, $4, 'Manager', 'manager@nhs.test')`,
        [userId, r.pick(STAFF_GROUPS), scheme, scheme === 'agenda-for-change' ? r.pick(PAY_BANDS) : null],
      );
    }
    if (r.chance(0.7))
      await sql(
        `INSERT INTO equality_monitoring (user_id, ethnic_category, disability) VALUES ($1, $2, $3)`,
        [userId, r.pick(ETHNIC_CATEGORIES), r.pick(DISABILITY)],
      );
    const cohort =
      employerId && r.chance(0.6)
        ? programme.usualCohortOf[employerId]!
        : r.int(0, programme.cohorts.length - 1);
    // An earlier place elsewhere that ended: the person counts once, by their latest place.
    if (r.chance(0.12))
      await sql(
        `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, created_at, confirmed_at)
         VALUES ($1, $2, $3, $4::varchar, now() - interval '400 days',
                 CASE WHEN $4::varchar = 'withdrawn' THEN now() - interval '390 days' END)`,
        [
          r.pick(programme.cohorts).id,
          programme.id,
          userId,
          r.pick(['withdrawn', 'declined', 'did-not-complete']),
        ],
      );
    const status = weightedStatus(r);
    const held = ['confirmed', 'completed', 'did-not-complete'].includes(status);
    const confirmed = held || (status === 'withdrawn' && r.chance(0.6));
    const startDate = programme.cohorts[cohort]!.startDate;
    const [enrolment] = await sql<{ id: string }>(
      `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at, completed_at, withdrawn_at,
                              did_not_complete_at, waitlisted_at, waitlist_rank)
       VALUES ($1, $2, $3, $4::varchar, CASE WHEN $5 THEN now() - interval '300 days' END,
               CASE WHEN $4::varchar = 'completed' THEN ($6::date + $7::int + time '15:00') AT TIME ZONE 'Europe/London' END,
               CASE WHEN $4::varchar = 'withdrawn' THEN now() END, CASE WHEN $4::varchar = 'did-not-complete' THEN now() END,
               CASE WHEN $4::varchar = 'waitlisted' THEN now() END, CASE WHEN $4::varchar = 'waitlisted' THEN $8::bigint END)
       RETURNING id`,
      [programme.cohorts[cohort]!.id, programme.id, userId, status, confirmed, startDate, r.int(20, 400), i],
    );
    const enrolmentId = enrolment!.id;
    if (held || status === 'withdrawn')
      for (const sessionId of programme.cohorts[cohort]!.sessionIds)
        if (r.chance(0.75))
          await sql(`INSERT INTO attendance (session_id, enrolment_id, status) VALUES ($1, $2, $3)`, [
            sessionId,
            enrolmentId,
            r.pick(['present', 'present', 'present', 'late', 'absent', 'apologies']),
          ]);
    if (status === 'completed')
      for (const sessionId of programme.communitySessionIds)
        if (r.chance(0.35))
          await sql(`INSERT INTO community_attendance (session_id, user_id) VALUES ($1, $2)`, [
            sessionId,
            userId,
          ]);
    const person: Person = { userId, enrolmentId, cohort, status, employerId };
    programme.people.push(person);
    const pre = r.chance(0.8);
    const post = r.chance(status === 'completed' ? 0.7 : 0.15);
    const followUp = post && r.chance(0.45);
    if (pre) await respond(r, programme, person, 'pre');
    if (post) await respond(r, programme, person, 'post');
    if (followUp || (!post && r.chance(0.05))) await respond(r, programme, person, 'follow-up');
  }

  /** Random answers to a stage's questionnaire; later stages lean higher, some items left unanswered. */
  function answers(r: Rng, programme: Programme, stage: Stage): [string, number | null, string | null][] {
    const lift = stage === 'pre' ? 0 : 1;
    const result: [string, number | null, string | null][] = [];
    for (const item of programme.instruments[stage].items) {
      if (r.chance(0.07)) continue;
      if (item.type === 'likert-5')
        result.push([item.code, Math.min(5, r.int(1, 4) + (r.chance(0.5) ? lift : 0)), null]);
      else if (item.type === 'scale-0-10')
        result.push([item.code, Math.min(10, r.int(0, 8) + (r.chance(0.6) ? 2 * lift : 0)), null]);
      else if (item.type === 'yes-no') result.push([item.code, r.int(0, 1), null]);
      else if (item.type === 'free-text' && r.chance(0.4))
        result.push([item.code, null, `Comment ${r.int(1, 1_000_000)} from a delegate`]);
    }
    return result;
  }

  async function insertResponse(
    programme: Programme,
    stage: Stage,
    identity: { cohortId: string; enrolmentId: string | null; userId: string | null; pairingKey: string },
    given: [string, number | null, string | null][],
    updatedDaysAgo: number,
  ): Promise<void> {
    const [response] = await testApp.sql<{ id: string }>(
      `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, stage, instrument_id,
                                        submitted_at, updated_at)
       VALUES ($1, $2, $3, $4::uuid, $5, $6, $7, now() - $8::int * interval '1 day', now() - $8::int * interval '1 day')
       RETURNING id`,
      [
        programme.id,
        identity.cohortId,
        identity.enrolmentId,
        identity.userId,
        identity.pairingKey,
        stage,
        programme.instruments[stage].id,
        updatedDaysAgo,
      ],
    );
    await testApp.sql(
      `INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
       SELECT $1, x.code, x.num, x.txt FROM unnest($2::text[], $3::numeric[], $4::text[]) AS x(code, num, txt)`,
      [response!.id, given.map(([code]) => code), given.map(([, n]) => n), given.map(([, , t]) => t)],
    );
  }

  async function respond(r: Rng, programme: Programme, person: Person, stage: Stage): Promise<void> {
    await insertResponse(
      programme,
      stage,
      {
        cohortId: programme.cohorts[person.cohort]!.id,
        enrolmentId: person.enrolmentId,
        userId: person.userId,
        pairingKey: person.userId,
      },
      answers(r, programme, stage),
      r.int(1, 500),
    );
  }

  /** A self-generated code's answers; its later stages may come from another cohort (the latest one counts). */
  async function addAnonymous(r: Rng, programme: Programme, code = `SGC${programme.index}-${r.int(0, 1e9)}`) {
    programme.anonymousCodes.push(code);
    for (const stage of ['pre', 'post', 'follow-up'] as const)
      if (r.chance(stage === 'pre' ? 0.9 : stage === 'post' ? 0.6 : 0.3))
        await insertResponse(
          programme,
          stage,
          { cohortId: r.pick(programme.cohorts).id, enrolmentId: null, userId: null, pairingKey: code },
          answers(r, programme, stage),
          r.int(1, 500),
        );
  }

  // ---------------------------------------------------------------------------------------------------------
  // Changes between comparisons

  async function missing(programme: Programme, person: Person, stage: Stage): Promise<boolean> {
    const rows = await testApp.sql(
      `SELECT 1 FROM evaluation_response WHERE programme_id = $1 AND pairing_key = $2 AND stage = $3 AND session_key = ''`,
      [programme.id, person.userId, stage],
    );
    return rows.length === 0;
  }

  /** More answers straight in the database, edited answers, and (named programmes) an import through the service. */
  async function moreAnswers(r: Rng, programme: Programme): Promise<void> {
    for (const person of r.some(programme.people, Math.ceil(programme.people.length / 4))) {
      const stage = r.pick(['pre', 'post', 'post', 'follow-up'] as const);
      if (await missing(programme, person, stage)) await respond(r, programme, person, stage);
    }
    // Answers edited in place (a delegate changing a submitted answer).
    await testApp.sql(
      `UPDATE evaluation_answer a SET value_number = CASE WHEN a.value_number >= 3 THEN a.value_number - 1 ELSE a.value_number + 1 END
       FROM evaluation_response r
       WHERE r.id = a.response_id AND r.programme_id = $1 AND a.value_number IS NOT NULL AND a.item_code <> 'know_support'
         AND abs(hashtext(a.response_id::text || a.item_code || $2::text)) % 9 = 0`,
      [programme.id, r.int(0, 1000)],
    );
    if (programme.anonymous) {
      for (let a = 0; a < r.int(2, 6); a++) await addAnonymous(r, programme);
      // A code answering again later from another cohort.
      if (programme.anonymousCodes.length) {
        const code = r.pick(programme.anonymousCodes);
        await testApp.sql(
          `UPDATE evaluation_response SET cohort_id = $3, updated_at = now() WHERE programme_id = $1 AND pairing_key = $2
             AND id = (SELECT id FROM evaluation_response WHERE programme_id = $1 AND pairing_key = $2 ORDER BY stage LIMIT 1)`,
          [programme.id, code, r.pick(programme.cohorts).id],
        );
      }
      return;
    }
    const imported: string[] = [];
    const candidates = programme.people.filter((person) =>
      ['confirmed', 'completed'].includes(person.status),
    );
    for (const person of r.some(candidates, candidates.length)) {
      if (imported.length >= 6) break;
      const stage = r.pick(['pre', 'post', 'follow-up'] as const);
      if (!(await missing(programme, person, stage))) continue;
      const [email] = await testApp.sql<{ email: string }>(`SELECT email FROM app_user WHERE id = $1`, [
        person.userId,
      ]);
      for (const [code, number, text] of answers(r, programme, stage)) {
        const item = programme.instruments[stage].items.find((candidate) => candidate.code === code);
        const value =
          item?.type === 'likert-5' && r.chance(0.5)
            ? LIKERT_LABELS[(number as number) - 1]
            : item?.type === 'yes-no'
              ? number === 1
                ? 'yes'
                : 'no'
              : (text ?? String(number));
        imported.push(
          `${email!.email},${stage},${code},"${String(value).replace(/"/g, '""')}",10/03/2024 09:41`,
        );
      }
    }
    if (imported.length === 0) return;
    const report = await testApp.app
      .get(ResponseImportService)
      .importLong(
        programme.id,
        { kind: 'csv', text: ['delegate_email,stage,item_code,value,submitted_at', ...imported].join('\n') },
        { dryRun: false, dateFormat: 'uk' },
        leadUser,
      );
    expect(report.errors).toEqual([]);
    expect(report.responsesCreated).toBeGreaterThan(0);
  }

  /** A transfer and a withdrawal through their services, organisation changes, attendance and certification. */
  async function movePeople(r: Rng, programme: Programme): Promise<void> {
    const places = async () =>
      testApp.sql<{ id: string; user_id: string; cohort_id: string; status: string }>(
        `SELECT DISTINCT ON (delegate_user_id) id, delegate_user_id AS user_id, cohort_id, status FROM enrolment
         WHERE programme_id = $1 ORDER BY delegate_user_id, created_at DESC`,
        [programme.id],
      );
    const confirmed = (await places()).filter((place) => place.status === 'confirmed');
    let transferred = 0;
    for (const place of r.some(confirmed, 3)) {
      const targets = programme.cohorts.filter((cohort) => cohort.id !== place.cohort_id);
      const outcome = await testApp.app
        .get(TransferOffersService)
        .transfer(place.id, r.pick(targets).id, leadUser)
        .catch((error: Error) => error);
      if (!(outcome instanceof Error) && outcome.kind === 'moved') transferred++;
      if (transferred >= 2) break;
    }
    if (confirmed.length > 0) expect(transferred).toBeGreaterThan(0);

    const stillConfirmed = (await places()).filter((place) => place.status === 'confirmed');
    for (const place of r.some(stillConfirmed, 2))
      await testApp.app.get(EnrolmentsService).withdraw(place.id, leadUser, 'Left the trust');

    for (const person of r.some(programme.people, 4))
      await testApp.sql(`UPDATE app_user SET organisation_id = $2 WHERE id = $1`, [
        person.userId,
        r.chance(0.2) ? null : r.pick(programme.employerIds),
      ]);
    for (const person of r.some(programme.people, 3))
      await testApp.sql(
        `INSERT INTO equality_monitoring (user_id, ethnic_category, disability) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET ethnic_category = EXCLUDED.ethnic_category, disability = EXCLUDED.disability`,
        [person.userId, r.pick(ETHNIC_CATEGORIES), r.pick(DISABILITY)],
      );
    await testApp.sql(`UPDATE delegate_profile SET staff_group = $2 WHERE user_id = ANY($1::uuid[])`, [
      r.some(programme.people, 3).map((person) => person.userId),
      r.pick(STAFF_GROUPS),
    ]);
    // Attendance recorded late, and a certification.
    const current = await places();
    for (const place of r.some(
      current.filter((p) => p.status === 'confirmed' || p.status === 'completed'),
      4,
    )) {
      await testApp.sql(
        `INSERT INTO attendance (session_id, enrolment_id, status)
         SELECT s.id, $1, 'present' FROM session s WHERE s.cohort_id = $2 ON CONFLICT DO NOTHING`,
        [place.id, place.cohort_id],
      );
    }
    for (const place of r.some(
      current.filter((p) => p.status === 'confirmed'),
      2,
    ))
      await testApp.sql(
        `UPDATE enrolment SET status = 'completed', completed_at = now() - interval '3 days', status_changed_at = now() WHERE id = $1`,
        [place.id],
      );
    if (programme.communitySessionIds.length)
      for (const place of r.some(
        current.filter((p) => p.status === 'completed'),
        3,
      ))
        await testApp.sql(
          `INSERT INTO community_attendance (session_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [r.pick(programme.communitySessionIds), place.user_id],
        );
  }

  /** Erasure through the real service (it anonymises the person and what they answered), and an anonymous code gone. */
  async function erase(r: Rng, programme: Programme): Promise<void> {
    const answered = await testApp.sql<{ user_id: string }>(
      `SELECT DISTINCT delegate_user_id AS user_id FROM evaluation_response WHERE programme_id = $1 AND delegate_user_id IS NOT NULL`,
      [programme.id],
    );
    const chosen = [
      ...r.some(answered, 2).map((row) => row.user_id),
      ...r.some(programme.people, 1).map((person) => person.userId),
    ];
    for (const userId of new Set(chosen)) await testApp.app.get(ErasureService).erase(userId, leadUser);
    if (programme.anonymous && programme.anonymousCodes.length)
      await testApp.sql(`DELETE FROM evaluation_response WHERE programme_id = $1 AND pairing_key = $2`, [
        programme.id,
        r.pick(programme.anonymousCodes),
      ]);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Viewers, filters and reports

  interface Viewer {
    name: string;
    user: AuthenticatedUser;
    kind: 'lead' | 'steering' | 'sponsor';
    /** The one system a scoped grant covers, or the sponsor's organisation. */
    systemId?: string;
    organisationId?: string;
  }

  function viewersOf(r: Rng, programme: Programme): Viewer[] {
    const [firstSystem, secondSystem] = r.some(programme.systems, 2).map((system) => system.id);
    const leadSystem = firstSystem!;
    const steeringSystem = secondSystem ?? leadSystem;
    const sponsored = r.pick(programme.organisationIds);
    return [
      { name: 'programme lead', kind: 'lead', user: leadUser },
      {
        name: 'system-scoped lead',
        kind: 'lead',
        systemId: leadSystem,
        user: user(leadUser.id, [grant('programme-lead', leadSystem, 'system')]),
      },
      {
        name: 'steering group',
        kind: 'steering',
        user: user(leadUser.id, [grant('steering', null, 'region')]),
      },
      {
        name: 'system steering member',
        kind: 'steering',
        systemId: steeringSystem,
        user: user(leadUser.id, [grant('steering', steeringSystem, 'system')]),
      },
      {
        name: 'sponsor',
        kind: 'sponsor',
        organisationId: sponsored,
        user: user(leadUser.id, [grant('sponsor', sponsored, 'organisation')]),
      },
    ];
  }

  type Filters = Omit<AnalyticsFilters, 'programmeId'>;

  /**
   * One filter of each kind the viewer may send, with values drawn from the programme (dates any day, not only
   * financial-year boundaries). A scoped viewer mostly filters inside their system and a sponsor on their own
   * organisation; now and then a value outside, whose refusal must be the same on both sides too.
   */
  function filtersFor(r: Rng, programme: Programme, viewer: Viewer): { kind: string; filters: Filters }[] {
    const day = () => r.date('2020-10-01', '2027-09-30');
    const [a, b] = [day(), day()].sort();
    const fy = r.int(2020, 2027);
    const within = viewer.systemId && r.chance(0.85) ? viewer.systemId : null;
    const inside = <T>(values: T[], systemOf: (value: T) => string) => {
      const kept = within ? values.filter((value) => systemOf(value) === within) : values;
      return r.pick(kept.length ? kept : values);
    };
    const system = within ?? r.pick(programme.systems).id;
    const group = within
      ? programme.systems.find((candidate) => candidate.id === within)!.isHome
        ? 'home'
        : 'scale-up'
      : r.pick(['home', 'scale-up'] as const);
    const organisation =
      viewer.organisationId && r.chance(0.8)
        ? viewer.organisationId
        : inside(programme.employerIds, (id) => programme.systemOf[id]!);
    const cohort = inside(programme.cohorts, (candidate) => candidate.systemId).id;
    const sets: { kind: string; filters: Filters }[] = [
      { kind: 'none', filters: {} },
      { kind: 'startFrom', filters: { startFrom: day() } },
      { kind: 'startTo', filters: { startTo: day() } },
      { kind: 'date range', filters: { startFrom: a, startTo: b } },
      { kind: 'organisationId', filters: { organisationId: organisation } },
      { kind: 'cohortId', filters: { cohortId: cohort } },
    ];
    // Sponsors are refused group and system filters (checked once in a while, not every time).
    if (viewer.kind !== 'sponsor' || r.chance(0.1))
      sets.push({ kind: 'group', filters: { group } }, { kind: 'systemId', filters: { systemId: system } });
    if (viewer.kind === 'lead')
      sets.push({
        kind: 'combined',
        filters: Object.fromEntries(
          Object.entries({
            startFrom: a,
            startTo: b,
            group,
            systemId: system,
            organisationId: organisation,
            cohortId: cohort,
          }).filter(() => r.chance(0.5)),
        ),
      });
    // A unit in one financial year: narrow views, near the threshold, where the disclosure policy does most. An
    // organisation in the year of its usual cohort often has all its people there, so that cohort joins the checks.
    if (viewer.kind !== 'lead') {
      const usual = programme.cohorts[programme.usualCohortOf[organisation] ?? -1];
      const unit = r.pick([
        { filters: { cohortId: cohort }, year: programme.cohorts.find((c) => c.id === cohort)!.startDate },
        { filters: { organisationId: organisation }, year: (usual ?? r.pick(programme.cohorts)).startDate },
        { filters: { organisationId: organisation }, year: (usual ?? r.pick(programme.cohorts)).startDate },
        ...(viewer.kind === 'sponsor'
          ? []
          : [
              { filters: { systemId: system }, year: r.pick(programme.cohorts).startDate },
              { filters: { group }, year: r.pick(programme.cohorts).startDate },
            ]),
      ]);
      const year = financialYearOf(unit.year);
      sets.push({
        kind: 'unit x financial year',
        filters: {
          ...unit.filters,
          startFrom: r.date(`${year}-04-01`, `${year}-09-30`),
          startTo: `${year + 1}-03-31`,
        },
      });
    }
    if (viewer.kind === 'steering')
      sets.push({
        kind: 'system x financial year',
        filters: { systemId: system, startFrom: `${fy}-04-01`, startTo: `${fy + 1}-03-31` },
      });
    if (viewer.kind === 'sponsor')
      sets.push({ kind: 'cohort and dates', filters: { cohortId: cohort, startFrom: a, startTo: b } });
    return sets;
  }

  type Scope = Awaited<ReturnType<AnalyticsScopeResolver['resolve']>>;
  type Report = { name: string; run: (service: AnalyticsService, scope: Scope) => Promise<unknown> };

  const REPORTS: Report[] = [
    { name: 'overview', run: (s, scope) => s.overview(scope) },
    ...(
      [
        ['pre', 'post'],
        ['pre', 'follow-up'],
        ['post', 'follow-up'],
      ] as const
    ).map(([from, to]) => ({
      name: `items ${from}→${to}`,
      run: (s: AnalyticsService, scope: Scope) => s.items(scope, from, to),
    })),
    ...BREAKDOWN_DIMENSIONS.map((dimension: BreakdownDimension) => ({
      name: `breakdown ${dimension}`,
      run: (s: AnalyticsService, scope: Scope) => s.breakdown(scope, dimension, 'all'),
    })),
    // A page of categories: the same figures for those categories as the whole list gives them.
    ...(['organisation', 'cohort'] as const).map((dimension) => ({
      name: `breakdown ${dimension}, page 2 of 2 categories a page`,
      run: (s: AnalyticsService, scope: Scope) => s.breakdown(scope, dimension, { page: 2, pageSize: 2 }),
    })),
    { name: 'funnel', run: (s, scope) => s.funnel(scope) },
    { name: 'reach', run: (s, scope) => s.reach(scope) },
    { name: 'cumulative', run: (s, scope) => s.cumulative(scope) },
    { name: 'response rates', run: (s, scope) => s.responseRates(scope) },
    { name: 'comments post', run: (s, scope) => s.comments(scope, 'post') },
  ];

  /** The report as one app gives it, or the refusal it answers with (a filter outside the viewer's reach). */
  async function ask(app: INestApplication, viewer: Viewer, filters: AnalyticsFilters, report: Report) {
    try {
      const scope = await app.get(AnalyticsScopeResolver).resolve(viewer.user, filters);
      // A view all of whose people share a cohort or an organisation it does not name (the reference's count).
      if (
        app === reference &&
        scope.chain.some((unit, i) => i > 0 && (unit.level === 'cohort' || unit.level === 'organisation')) &&
        !filters.cohortId &&
        !filters.organisationId
      )
        outcomes.soleContainer++;
      return {
        report: JSON.parse(JSON.stringify(await report.run(app.get(AnalyticsService), scope))) as unknown,
      };
    } catch (error) {
      // A refusal (a filter outside the viewer's reach) must be the same on both sides; anything else is a crash.
      if (!(error instanceof DomainError)) throw error;
      return { refused: { type: error.constructor.name, message: error.message } };
    }
  }

  /**
   * Compares one batch's figures: on the first comparison (`thorough`) every report unfiltered and every kind of
   * filter for every viewer; later every report unfiltered for one viewer each, and two kinds of filter per viewer,
   * each with a report drawn at random; then
   * IMPACT_PROPERTY_CHECKS random (viewer, filter, report) triples. Over a run of three programmes that asks each
   * report of each viewer with most filters while keeping the file near a minute on two busy cores.
   */
  async function compareEverything(
    r: Rng,
    programme: Programme,
    viewers: Viewer[],
    when: string,
    thorough = false,
  ): Promise<void> {
    await settleImpactAggregates(testApp.app);
    await settleImpactAggregates(reference);
    const triples: [Viewer, { kind: string; filters: Filters }, Report][] = [];
    // Every report, unfiltered: for every viewer on the first comparison (each reads its own grain: a steering
    // group's national breakdown by cohort the whole-cohort one), then for a viewer taken in turn (from a random
    // start, so each comparison differs).
    const offset = r.int(0, viewers.length - 1);
    REPORTS.forEach((report, i) => {
      for (const viewer of thorough ? viewers : [viewers[(i + offset) % viewers.length]!])
        triples.push([viewer, { kind: 'none', filters: {} }, report]);
    });
    // Every kind of filter for every viewer on the first comparison, a few kinds after each batch of changes.
    for (const viewer of viewers) {
      const filters = filtersFor(r, programme, viewer);
      // The narrow unit-and-year views always: that is where the disclosure policy withholds most.
      const narrow = filters.filter((filter) => filter.kind === 'unit x financial year');
      const others = filters.filter((filter) => filter.kind !== 'unit x financial year');
      for (const filter of [...narrow, ...(thorough ? others : r.some(others, 2))])
        triples.push([viewer, filter, r.pick(REPORTS)]);
    }
    for (let i = 0; i < EXTRA_CHECKS; i++) {
      const viewer = r.pick(viewers);
      triples.push([viewer, r.pick(filtersFor(r, programme, viewer)), r.pick(REPORTS)]);
    }
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < triples.length && failures.length === 0) {
        const [viewer, filter, report] = triples[next++]!;
        const filters = { programmeId: programme.id, ...filter.filters };
        const [actual, expected] = await Promise.all([
          ask(testApp.app, viewer, filters, report),
          ask(reference, viewer, filters, report),
        ]);
        checks++;
        if ('refused' in expected) outcomes.refused++;
        else {
          const text = JSON.stringify(expected.report);
          if (text.includes('"suppressed":true')) outcomes.withheld++;
          if (/"value":[1-9]/.test(text)) outcomes.published++;
        }
        const difference = jsonDifference(actual, expected);
        if (difference)
          failures.push(
            `${report.name} for the ${viewer.name} with ${filter.kind} ${JSON.stringify(filter.filters)}, programme ${programme.index} ${when}: ${difference}`,
          );
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    if (failures.length) throw new Error(failures[0]);
  }
});
