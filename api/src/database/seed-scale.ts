/**
 * National-scale SYNTHETIC data for benchmarks and capacity tests: by default 200,000 delegates in ~40 ICBs and
 * ~400 organisations, 10,000 cohorts (2019–2026) with their sessions, sets, attendance and ~400,000 evaluation
 * responses. Generated inside PostgreSQL (INSERT … SELECT over generate_series), every value a hash of the
 * row number and the seed, so the same seed and `asOf` give the same data. Ids are sequential UUIDs
 * (5ca1e…), so rows are written in index order and foreign keys are computed rather than looked up.
 *
 * Run it on a database the application has started on once (migrated, reference data and demo users seeded):
 * `npm run seed:scale` does that, see seed-scale.main.ts.
 */
import { InstrumentItem } from '@upstand/contracts';
import { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_INSTRUMENTS } from '../modules/evaluations/default-instruments';
import { MIDLANDS_ICBS } from '../modules/organisations/reference-data';
import {
  AGE_BAND_WEIGHTS,
  DISABILITY_WEIGHTS,
  DO_DIFFERENTLY,
  ETHNIC_CATEGORY_WEIGHTS,
  FIRST_NAMES,
  FIVE_D_MEANS,
  SEX_WEIGHTS,
  STAFF_GROUP_PROFILES,
  SURNAMES,
  SYNTHETIC_EMAIL_DOMAIN,
  Weighted,
} from '../modules/demo/pilot-seed';

export interface ScaleOptions {
  delegates: number;
  seed?: number;
  /** "Now" for the data: later sessions have no attendance, later questionnaires are not yet answered */
  asOf?: Date;
  programmeName?: string;
  log?: (message: string) => void;
}

export interface ScaleSummary {
  /** regions added */
  regions: number;
  /** every ICB cohorts were spread over (the Midlands ones and those added) */
  icbs: number;
  /** organisations added (providers under the ICBs) */
  organisations: number;
  delegates: number;
  cohorts: number;
  learningSets: number;
  sessions: number;
  enrolments: number;
  certified: number;
  attendance: number;
  communityMembers: number;
  responses: number;
  answers: number;
  milliseconds: number;
}

export const SCALE_DEFAULT_SEED = 2019;

export class ScaleDataPresentError extends Error {
  constructor() {
    super('This database already holds scale data: start from a fresh one');
    this.name = 'ScaleDataPresentError';
  }
}
export const DELEGATES_PER_COHORT = 20;
const SETS_PER_COHORT = 3;
const ORGANISATIONS_PER_ICB = 10;
export const scaleEmail = (n: number) => `scale.${n}@${SYNTHETIC_EMAIL_DOMAIN}`;

/** Table numbers inside the sequential ids: 5ca1e<table>-0000-4000-8000-<row number> */
const ID = {
  organisation: 1,
  user: 2,
  cohort: 3,
  session: 4,
  learningSet: 5,
  enrolment: 6,
  response: 7,
  attendance: 8,
  userRole: 9,
} as const;

/** The id pg_temp.sid(table, n) gives (below), for looking rows up from TypeScript. */
const scaleId = (table: number, n: number) =>
  `5ca1e${table.toString(16).padStart(3, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const SYNTHETIC_REGIONS: { odsCode: string; name: string; short: string; icbs: number }[] = [
  { odsCode: 'SYR1', name: 'London (synthetic)', short: 'London', icbs: 5 },
  { odsCode: 'SYR2', name: 'South East (synthetic)', short: 'South East', icbs: 6 },
  { odsCode: 'SYR3', name: 'South West (synthetic)', short: 'South West', icbs: 5 },
  { odsCode: 'SYR4', name: 'East of England (synthetic)', short: 'East of England', icbs: 5 },
  { odsCode: 'SYR5', name: 'North West (synthetic)', short: 'North West', icbs: 4 },
  {
    odsCode: 'SYR6',
    name: 'North East and Yorkshire (synthetic)',
    short: 'North East and Yorkshire',
    icbs: 4,
  },
];

/** Each ICB's ten synthetic organisations: type, name and how many of its delegates work there. */
const ORGANISATION_SLOTS: { type: string; label: string; weight: number }[] = [
  { type: 'acute-trust', label: 'acute hospitals 1', weight: 25 },
  { type: 'acute-trust', label: 'acute hospitals 2', weight: 20 },
  { type: 'mental-health-community-trust', label: 'community and mental health services', weight: 15 },
  { type: 'primary-care', label: 'general practices north', weight: 6 },
  { type: 'primary-care', label: 'general practices south', weight: 6 },
  { type: 'primary-care', label: 'general practices east', weight: 6 },
  { type: 'primary-care', label: 'general practices west', weight: 6 },
  { type: 'social-care', label: 'adult social care', weight: 8 },
  { type: 'voluntary-sector', label: 'voluntary sector partners', weight: 4 },
  { type: 'other', label: 'hospice', weight: 4 },
];

/** Mean before and typical change after, for the likert items the default questionnaire has. */
const LIKERT: Record<string, { mean: number; change: number }> = {
  confidence_intervene: { mean: 2.9, change: 1 },
  retro_confidence_intervene: { mean: 2.6, change: 0 },
  likely_intervene: { mean: 3.4, change: 0.7 },
  safe_speak_up: { mean: 3.1, change: 0.4 },
};

const literal = (value: string | null) => (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);

/** A CASE choosing from weighted values by a uniform [0, 1) expression. */
function weightedCase<T extends string | null>(uniform: string, options: Weighted<T>): string {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let cumulative = 0;
  const branches = options.slice(0, -1).map(([value, weight]) => {
    cumulative += weight / total;
    return `WHEN ${uniform} < ${cumulative.toFixed(6)} THEN ${literal(value)}`;
  });
  return `CASE ${branches.join(' ')} ELSE ${literal((options[options.length - 1] as readonly [T, number])[0])} END`;
}

function stringHash(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return hash % 1_000_000;
}

/** Session j (0–17) of a cohort: workshop days 0–1, sets' action learning sets 2–16 (5 each), catch-up 17. */
const SESSION_FUNCTIONS = `
CREATE OR REPLACE FUNCTION pg_temp.session_day(start date, j int) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN j = 0 THEN start WHEN j = 1 THEN start + 1 WHEN j = 17 THEN start + 168
              ELSE start + 28 * ((j - 2) % 5 + 1) END $$;
CREATE OR REPLACE FUNCTION pg_temp.session_start(start date, j int) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT (pg_temp.session_day(start, j) + CASE WHEN j < 2 THEN time '09:00' WHEN j = 17 THEN time '12:30' ELSE time '10:00' END)
         AT TIME ZONE 'Europe/London' $$;
CREATE OR REPLACE FUNCTION pg_temp.session_end(start date, j int) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT (pg_temp.session_day(start, j) + CASE j WHEN 0 THEN time '16:30' WHEN 1 THEN time '12:30' WHEN 17 THEN time '13:30'
                                                ELSE time '11:30' END) AT TIME ZONE 'Europe/London' $$;
`;

/**
 * Writes the data in one transaction (all or nothing) and returns the counts. Refuses a database that
 * already holds scale data.
 */
export async function seedScale(dataSource: DataSource, options: ScaleOptions): Promise<ScaleSummary> {
  const delegates = options.delegates;
  if (!Number.isInteger(delegates) || delegates < DELEGATES_PER_COHORT || delegates > 5_000_000)
    throw new Error(`delegates must be a whole number from ${DELEGATES_PER_COHORT} to 5,000,000`);
  const seed = options.seed ?? SCALE_DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 1_000_000_000) throw new Error('seed must be 0 to 1e9');
  const asOf = (options.asOf ?? new Date()).toISOString();
  const log = options.log ?? (() => undefined);
  const cohorts = Math.ceil(delegates / DELEGATES_PER_COHORT);
  const started = Date.now();

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const step = async (label: string, sql: string, params: unknown[] = []): Promise<number> => {
    const at = Date.now();
    const result = (await runner.query(sql, params, true)) as { affected?: number };
    const affected = result.affected ?? 0;
    log(
      `  ${label.padEnd(34)} ${String(affected.toLocaleString('en-GB')).padStart(11)} rows  ${((Date.now() - at) / 1000).toFixed(1).padStart(6)} s`,
    );
    return affected;
  };
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL work_mem = '256MB'`);
    const programme = await programmeOf(runner, options.programmeName ?? 'Active Bystander Programme');
    // By the first delegate's id, not their email: anonymised (by retention, an erasure) they keep their id.
    const [existing] = (await runner.query('SELECT 1 FROM app_user WHERE id = $1 OR email = $2', [
      scaleId(ID.user, 1),
      scaleEmail(1),
    ])) as unknown[];
    if (existing) throw new ScaleDataPresentError();
    const instruments = await ensureInstruments(runner, programme.id);

    await runner.query(`
      CREATE OR REPLACE FUNCTION pg_temp.rnd(k bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
        SELECT (hashint8extended(k, salt::bigint * 7919 + ${seed}) & 4294967295)::float8 / 4294967296.0 $$;
      CREATE OR REPLACE FUNCTION pg_temp.nrm(k bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
        SELECT sqrt(-2 * ln(1 - pg_temp.rnd(k, salt))) * cos(2 * pi() * pg_temp.rnd(k, salt + 1000003)) $$;
      CREATE OR REPLACE FUNCTION pg_temp.sid(t int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
        SELECT ('5ca1e' || lpad(to_hex(t), 3, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$;
      ${SESSION_FUNCTIONS}`);

    log(
      `Writing synthetic data for ${delegates.toLocaleString('en-GB')} delegates in ${cohorts.toLocaleString('en-GB')} cohorts (seed ${seed}, as of ${asOf.slice(0, 10)})`,
    );
    const summary: Omit<ScaleSummary, 'milliseconds' | 'certified'> = {
      regions: await step('regions', ...insertRegions()),
      icbs: 0,
      organisations: 0,
      delegates: 0,
      cohorts: 0,
      learningSets: 0,
      sessions: 0,
      enrolments: 0,
      attendance: 0,
      communityMembers: 0,
      responses: 0,
      answers: 0,
    };
    await step('integrated care boards', ...insertIcbs());
    await runner.query(...icbTable());
    await runner.query('CREATE UNIQUE INDEX ON scale_icb (idx)');
    const [icbs] = (await runner.query('SELECT count(*)::int AS count FROM scale_icb')) as {
      count: number;
    }[];
    summary.icbs = icbs?.count ?? 0;
    summary.organisations = await step('organisations', ...insertOrganisations());
    await runner.query(`
      CREATE TEMP TABLE scale_org ON COMMIT DROP AS
      SELECT i.idx AS icb_idx, s.slot, o.id
      FROM scale_icb i CROSS JOIN generate_series(1, ${ORGANISATIONS_PER_ICB}) AS s(slot)
      JOIN organisation o ON o.ods_code = 'SYO' || lpad(((i.idx - 1) * ${ORGANISATIONS_PER_ICB} + s.slot)::text, 3, '0');
      CREATE UNIQUE INDEX ON scale_org (icb_idx, slot);`);

    await runner.query(cohortTable(cohorts));
    summary.cohorts = await step(
      'cohorts',
      `INSERT INTO cohort (id, programme_id, template_id, name, system_id, start_date, capacity, signups_open, created_at, updated_at)
       SELECT c.id, $1::uuid, $2::uuid, 'Scale ' || to_char(c.start_date, 'YYYY-MM') || ' ' || c.short || ' #' || c.k || ' (synthetic)',
              c.system_id, c.start_date, 24, c.start_date > $3::timestamptz, c.created_at, c.created_at
       FROM scale_cohort c ORDER BY c.k`,
      [programme.id, programme.templateId, asOf],
    );
    summary.learningSets = await step(
      'learning sets',
      `INSERT INTO learning_set (id, cohort_id, number, created_at)
       SELECT pg_temp.sid(${ID.learningSet}, c.k * 4 + s), c.id, s, c.created_at
       FROM scale_cohort c CROSS JOIN generate_series(1, ${SETS_PER_COHORT}) s ORDER BY c.k, s`,
    );
    summary.sessions = await step(
      'sessions',
      `INSERT INTO session (id, cohort_id, set_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid, created_at, updated_at)
       SELECT pg_temp.sid(${ID.session}, c.k * 32 + j), c.id,
              CASE WHEN j BETWEEN 2 AND 16 THEN pg_temp.sid(${ID.learningSet}, c.k * 4 + (j - 2) / 5 + 1) END,
              CASE WHEN j = 0 THEN 'workshop-day-1' WHEN j = 1 THEN 'workshop-day-2' WHEN j = 17 THEN 'community-of-practice' ELSE 'action-learning-sets' END,
              CASE WHEN j < 2 THEN 'workshop' WHEN j = 17 THEN 'community-of-practice' ELSE 'action-learning-set' END,
              CASE WHEN j < 2 THEN 'in-person' ELSE 'virtual' END,
              CASE WHEN j < 2 OR j = 17 THEN 1 ELSE (j - 2) % 5 + 1 END,
              CASE WHEN j = 0 THEN 'Active Bystander workshop: day 1' WHEN j = 1 THEN 'Active Bystander workshop: day 2'
                   WHEN j = 17 THEN 'Community of practice catch-up' ELSE 'Action learning set: set ' || ((j - 2) / 5 + 1) END,
              pg_temp.session_start(c.start_date, j), pg_temp.session_end(c.start_date, j),
              pg_temp.sid(${ID.session}, c.k * 32 + j)::text || '@upstand', c.created_at, c.created_at
       FROM scale_cohort c CROSS JOIN generate_series(0, 17) j ORDER BY c.k, j`,
    );

    await runner.query(enrolmentTable(delegates), [asOf]);
    await runner.query('CREATE UNIQUE INDEX ON scale_enrolment (n); ANALYZE scale_enrolment;');
    summary.delegates = await step('delegates (app_user)', insertUsers(), [FIRST_NAMES, SURNAMES]);
    await step('delegate role', insertUserRoles());
    await step('delegate profiles', insertProfiles(), [FIRST_NAMES, SURNAMES]);
    await step('equality monitoring', insertEquality());
    summary.enrolments = await step('enrolments', insertEnrolments(), [programme.id]);
    await step(
      'learning set members',
      `INSERT INTO learning_set_member (enrolment_id, set_id)
       SELECT pg_temp.sid(${ID.enrolment}, n), pg_temp.sid(${ID.learningSet}, k * 4 + s) FROM scale_enrolment
       WHERE outcome NOT IN ('withdrawn-early', 'declined') ORDER BY n`,
    );
    const batches = batchRanges(delegates);
    for (const [index, [from, to]] of batches.entries())
      summary.attendance += await step(`attendance ${index + 1}/${batches.length}`, insertAttendance(), [
        from,
        to,
        asOf,
      ]);
    summary.communityMembers = await step(
      'community of practice members',
      `INSERT INTO community_member (user_id, joined_at, in_directory)
       SELECT pg_temp.sid(${ID.user}, n), completed_at, pg_temp.rnd(n, 34) < 0.3 FROM scale_enrolment
       WHERE outcome = 'completed' ORDER BY n`,
    );

    await runner.query(responseTable(), [asOf]);
    await runner.query('CREATE INDEX ON scale_response (n); ANALYZE scale_response;');
    summary.responses = await step(
      'evaluation responses',
      `INSERT INTO evaluation_response (id, programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, session_key,
                                        stage, instrument_id, submitted_at, updated_at)
       SELECT r.id, $1::uuid, pg_temp.sid(${ID.cohort}, r.k), pg_temp.sid(${ID.enrolment}, r.n), pg_temp.sid(${ID.user}, r.n),
              pg_temp.sid(${ID.user}, r.n)::text, '', r.stage,
              CASE r.stage WHEN 'pre' THEN $2::uuid WHEN 'post' THEN $3::uuid ELSE $4::uuid END, r.at, r.at
       FROM scale_response r ORDER BY r.rid`,
      [programme.id, instruments.pre.id, instruments.post.id, instruments['follow-up'].id],
    );
    await runner.query(itemTable(), itemRows(instruments));
    for (const [index, [from, to]] of batches.entries())
      summary.answers += await step(`evaluation answers ${index + 1}/${batches.length}`, insertAnswers(), [
        from,
        to,
        DO_DIFFERENTLY,
      ]);
    const [completion] = (await runner.query(
      `SELECT to_regclass('evaluation_completion') IS NOT NULL AS "exists"`,
    )) as { exists: boolean }[];
    if (completion?.exists)
      await step(
        'evaluation completions',
        `INSERT INTO evaluation_completion (enrolment_id, stage, session_key, completed_at)
         SELECT pg_temp.sid(${ID.enrolment}, n), stage, '', at FROM scale_response ORDER BY rid ON CONFLICT DO NOTHING`,
      );
    const [certified] = (await runner.query(
      `SELECT count(*)::int AS count FROM scale_enrolment WHERE outcome = 'completed'`,
    )) as { count: number }[];
    await runner.commitTransaction();

    const analyseAt = Date.now();
    await runner.query(
      `ANALYZE organisation, app_user, user_role, delegate_profile, equality_monitoring, cohort, learning_set, session,
               enrolment, learning_set_member, attendance, community_member, evaluation_response, evaluation_answer`,
    );
    log(
      `  ${'ANALYZE'.padEnd(34)} ${''.padStart(16)} ${((Date.now() - analyseAt) / 1000).toFixed(1).padStart(6)} s`,
    );
    return { ...summary, certified: certified?.count ?? 0, milliseconds: Date.now() - started };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

function batchRanges(delegates: number): [number, number][] {
  const count = Math.min(10, Math.max(1, Math.ceil(delegates / 20_000)));
  const size = Math.ceil(delegates / count);
  return Array.from({ length: count }, (_unused, i) => [i * size + 1, Math.min(delegates, (i + 1) * size)]);
}

async function programmeOf(runner: QueryRunner, name: string): Promise<{ id: string; templateId: string }> {
  const [row] = (await runner.query(
    `SELECT p.id, t.id AS "templateId" FROM programme p JOIN journey_template t ON t.programme_id = p.id
     WHERE p.name = $1 ORDER BY t.version DESC LIMIT 1`,
    [name],
  )) as { id: string; templateId: string }[];
  if (!row)
    throw new Error(`No programme named "${name}": start the application on this database once first`);
  return row;
}

type Stage = 'pre' | 'post' | 'follow-up';
type Instruments = Record<Stage, { id: string; items: InstrumentItem[] }>;

/** The current questionnaire of each stage; the default one (version 1) where the programme has none. */
async function ensureInstruments(runner: QueryRunner, programmeId: string): Promise<Instruments> {
  const result = {} as Instruments;
  for (const stage of ['pre', 'post', 'follow-up'] as Stage[]) {
    const fallback = DEFAULT_INSTRUMENTS.find((instrument) => instrument.stage === stage);
    await runner.query(
      `INSERT INTO instrument (programme_id, stage, version, title, items)
       SELECT $1::uuid, $2::text, 1, $3::text, $4::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM instrument WHERE programme_id = $1::uuid AND stage = $2::text)`,
      [programmeId, stage, fallback?.title, JSON.stringify(fallback?.items ?? [])],
    );
    const [row] = (await runner.query(
      `SELECT id, items FROM instrument WHERE programme_id = $1 AND stage = $2 ORDER BY version DESC LIMIT 1`,
      [programmeId, stage],
    )) as { id: string; items: InstrumentItem[] }[];
    result[stage] = row as { id: string; items: InstrumentItem[] };
  }
  return result;
}

function insertRegions(): [string, unknown[]] {
  return [
    `INSERT INTO region (ods_code, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (ods_code) DO NOTHING`,
    [SYNTHETIC_REGIONS.map((r) => r.odsCode), SYNTHETIC_REGIONS.map((r) => r.name)],
  ];
}

/** The Midlands ICBs the application seeds, then synthetic ones in the other regions. */
function icbList(): { odsCode: string; short: string; regionOdsCode: string | null; synthetic: boolean }[] {
  const midlands = MIDLANDS_ICBS.map((icb) => ({
    odsCode: icb.odsCode,
    short: icb.name.replace(/^NHS /, '').replace(/ Integrated Care Board$/, ''),
    regionOdsCode: null,
    synthetic: false,
  }));
  let number = 0;
  const synthetic = SYNTHETIC_REGIONS.flatMap((region) =>
    Array.from({ length: region.icbs }, (_unused, i) => ({
      odsCode: `SYI${String(++number).padStart(3, '0')}`,
      short: `${region.short} ${String.fromCharCode(65 + i)}`,
      regionOdsCode: region.odsCode,
      synthetic: true,
    })),
  );
  // home system first, so early cohorts (before others adopted the programme) are all there
  return [...midlands.sort((a, b) => (a.odsCode === 'QK1' ? -1 : b.odsCode === 'QK1' ? 1 : 0)), ...synthetic];
}

function insertIcbs(): [string, unknown[]] {
  const synthetic = icbList().filter((icb) => icb.synthetic);
  return [
    `INSERT INTO organisation (id, ods_code, name, type, region_id, valid_from)
     SELECT pg_temp.sid(${ID.organisation}, 100000 + x.n), x.code, 'NHS ' || x.short || ' Integrated Care Board (synthetic)', 'icb', r.id, date '2022-07-01'
     FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(code, short, region_code, n)
     JOIN region r ON r.ods_code = x.region_code`,
    [synthetic.map((i) => i.odsCode), synthetic.map((i) => i.short), synthetic.map((i) => i.regionOdsCode)],
  ];
}

/**
 * Every ICB with its position, short name and when it took the programme up: the home system (LLR) in 2019,
 * the rest of the Midlands 2019–2022, other regions 2021–2025.
 */
function icbTable(): [string, unknown[]] {
  const icbs = icbList();
  return [
    `CREATE TEMP TABLE scale_icb ON COMMIT DROP AS
     SELECT x.idx::int AS idx, o.id, x.short,
            CASE WHEN x.idx = 1 THEN date '2019-01-01'
                 WHEN NOT x.synthetic THEN date '2019-09-01' + floor(pg_temp.rnd(x.idx, 70) * 900)::int
                 ELSE date '2021-01-01' + floor(pg_temp.rnd(x.idx, 70) * 1600)::int END AS adopt_date
     FROM unnest($1::text[], $2::text[], $3::boolean[]) WITH ORDINALITY AS x(code, short, synthetic, idx)
     JOIN organisation o ON o.ods_code = x.code AND o.type = 'icb'`,
    [icbs.map((icb) => icb.odsCode), icbs.map((icb) => icb.short), icbs.map((icb) => icb.synthetic)],
  ];
}

function insertOrganisations(): [string, unknown[]] {
  const slots = ORGANISATION_SLOTS;
  return [
    `INSERT INTO organisation (id, ods_code, name, type, region_id, system_id, valid_from)
     SELECT pg_temp.sid(${ID.organisation}, (i.idx - 1) * ${ORGANISATIONS_PER_ICB} + s.slot),
            'SYO' || lpad(((i.idx - 1) * ${ORGANISATIONS_PER_ICB} + s.slot)::text, 3, '0'),
            i.short || ' ' || s.label || ' (synthetic)', s.type, icb.region_id, icb.id, date '2019-01-01'
     FROM scale_icb i JOIN organisation icb ON icb.id = i.id
     CROSS JOIN unnest($1::text[], $2::text[]) WITH ORDINALITY AS s(type, label, slot)
     ORDER BY i.idx, s.slot`,
    [slots.map((s) => s.type), slots.map((s) => s.label)],
  ];
}

/** Cohorts from January 2019 to December 2026, more each year; each in an ICB that had the programme by then. */
function cohortTable(cohorts: number): string {
  const first = '2019-01-07';
  const spanDays = 2899; // to mid-December 2026
  return `
    CREATE TEMP TABLE scale_cohort ON COMMIT DROP AS
    WITH d AS (
      SELECT k, date '${first}' + floor(power((k - 0.5) / ${cohorts}, 0.7) * ${spanDays})::int AS d
      FROM generate_series(1, ${cohorts}) k
    ), s AS (
      -- workshops start Tuesday to Thursday, so day 2 is a weekday too
      SELECT k, d + CASE extract(isodow FROM d)::int WHEN 1 THEN 1 WHEN 5 THEN 4 WHEN 6 THEN 3 WHEN 7 THEN 2 ELSE 0 END AS start_date
      FROM d
    )
    SELECT s.k, pg_temp.sid(${ID.cohort}, s.k) AS id, s.start_date, i.idx AS icb_idx, i.id AS system_id, i.short,
           (s.start_date - 100)::timestamptz AS created_at
    FROM s CROSS JOIN LATERAL (
      SELECT * FROM scale_icb i WHERE i.adopt_date <= s.start_date ORDER BY i.idx
      OFFSET floor(pg_temp.rnd(s.k, 71) * (SELECT count(*) FROM scale_icb j WHERE j.adopt_date <= s.start_date)) LIMIT 1
    ) i;
    CREATE UNIQUE INDEX ON scale_cohort (k);`;
}

/**
 * One enrolment per delegate, 20 to a cohort, with its outcome and the times that follow from it. Cohorts
 * still to start are confirmed; running ones confirmed with attendance so far; finished ones completed,
 * did not complete, withdrawn or declined.
 */
function enrolmentTable(delegates: number): string {
  const orgPick = weightedIndexCase(
    'pg_temp.rnd(n, 5)',
    ORGANISATION_SLOTS.map((slot) => slot.weight),
  );
  return `
    CREATE TEMP TABLE scale_enrolment ON COMMIT DROP AS
    WITH e AS (
      SELECT n, (n - 1) / ${DELEGATES_PER_COHORT} + 1 AS k, (n - 1) % ${SETS_PER_COHORT} + 1 AS s, pg_temp.rnd(n, 1) AS u
      FROM generate_series(1, ${delegates}) n
    ), c AS (
      SELECT e.*, c.start_date, c.icb_idx,
             CASE WHEN pg_temp.rnd(n, 4) < 0.9 THEN c.icb_idx ELSE 1 + floor(pg_temp.rnd(n, 6) * (SELECT count(*) FROM scale_icb))::int END AS org_icb,
             pg_temp.session_start(c.start_date, 0) AS first_start,
             pg_temp.session_end(c.start_date, 6) AS last_set_end,
             least(pg_temp.session_start(c.start_date, 0) - (12 + pg_temp.rnd(n, 2) * 63) * interval '1 day',
                   $1::timestamptz - pg_temp.rnd(n, 3) * interval '3 days') AS created_at,
             CASE WHEN pg_temp.rnd(n, 20) < 0.3 THEN 1 + floor(pg_temp.rnd(n, 21) * 5)::int ELSE 0 END AS missed_set,
             floor(pg_temp.rnd(n, 23) * 4)::int AS sets_attended,
             1 + (pg_temp.rnd(n, 24) < 0.5)::int AS left_after_set,
             pg_temp.rnd(n, 22) < 0.2 AS missed_day_two
      FROM e JOIN scale_cohort c ON c.k = e.k
    ), t AS (
      SELECT c.*, least(created_at + (5 + pg_temp.rnd(n, 7) * 600) * interval '1 minute', $1::timestamptz) AS confirmed_at,
             pg_temp.session_end(start_date, 1 + left_after_set) + (1 + pg_temp.rnd(n, 25) * 11) * interval '1 day' AS left_at,
             CASE WHEN first_start > $1::timestamptz THEN 'future'
                  WHEN last_set_end + interval '21 days' > $1::timestamptz THEN 'running' ELSE 'past' END AS phase
      FROM c
    ), o AS (
      SELECT t.*, CASE phase
        WHEN 'past' THEN CASE WHEN u < 0.71 THEN 'completed' WHEN u < 0.88 THEN 'did-not-complete' WHEN u < 0.95 THEN 'withdrawn-early'
                              WHEN u < 0.98 THEN 'withdrawn-late' ELSE 'declined' END
        WHEN 'running' THEN CASE WHEN u < 0.07 THEN 'withdrawn-early' WHEN u < 0.10 AND left_at <= $1::timestamptz THEN 'withdrawn-late'
                                 WHEN u >= 0.10 AND u < 0.12 THEN 'declined' ELSE 'confirmed' END
        ELSE CASE WHEN u < 0.05 THEN 'withdrawn-early' ELSE 'confirmed' END END AS outcome
      FROM t
    )
    SELECT n, k, s, start_date, first_start, last_set_end, created_at, outcome, missed_set, sets_attended, left_after_set, missed_day_two,
           (SELECT id FROM scale_org WHERE icb_idx = org_icb AND slot = ${orgPick}) AS organisation_id,
           CASE WHEN outcome = 'declined' THEN NULL ELSE confirmed_at END AS confirmed_at,
           CASE outcome WHEN 'withdrawn-early' THEN greatest(confirmed_at, confirmed_at + (least(first_start, $1::timestamptz) - confirmed_at) * pg_temp.rnd(n, 26) * 0.9)
                        WHEN 'withdrawn-late' THEN left_at END AS withdrawn_at,
           CASE WHEN outcome = 'completed'
                THEN pg_temp.session_end(start_date, CASE WHEN missed_set BETWEEN 1 AND 4 THEN 6 ELSE 5 END) + interval '30 minutes' END AS completed_at,
           CASE WHEN outcome = 'did-not-complete' THEN last_set_end + (3 + pg_temp.rnd(n, 27) * 18) * interval '1 day' END AS did_not_complete_at,
           CASE WHEN outcome = 'declined' THEN created_at + (2 + pg_temp.rnd(n, 28) * 7) * interval '1 day' END AS offered_at
    FROM o`;
}

/** CASE giving a 1-based index from weights */
function weightedIndexCase(uniform: string, weights: number[]): string {
  return weightedCase(
    uniform,
    weights.map((weight, index) => [String(index + 1), weight] as const),
  ).replace(/'(\d+)'/g, '$1');
}

/** A name from the first and last names passed as $1 and $2 */
const fullName = (salt: number) =>
  `($1::text[])[1 + floor(pg_temp.rnd(n, ${salt}) * array_length($1::text[], 1))::int] || ' ' || ` +
  `($2::text[])[1 + floor(pg_temp.rnd(n, ${salt + 1}) * array_length($2::text[], 1))::int] || ' (synthetic)'`;

function insertUsers(): string {
  return `
    INSERT INTO app_user (id, email, full_name, password_hash, organisation_id, created_at, updated_at)
    SELECT pg_temp.sid(${ID.user}, n), 'scale.' || n || '@${SYNTHETIC_EMAIL_DOMAIN}', ${fullName(60)},
           '!synthetic-no-sign-in', organisation_id, created_at, created_at
    FROM scale_enrolment ORDER BY n`;
}

function insertUserRoles(): string {
  return `
    INSERT INTO user_role (id, user_id, role, created_at)
    SELECT pg_temp.sid(${ID.userRole}, n), pg_temp.sid(${ID.user}, n), 'delegate', created_at FROM scale_enrolment ORDER BY n`;
}

function insertProfiles(): string {
  const groups = Object.entries(STAFF_GROUP_PROFILES);
  const group = weightedCase(
    'pg_temp.rnd(n, 10)',
    groups.map(([name, profile]) => [name, profile.weight] as const),
  );
  const byGroup = (value: (profile: (typeof groups)[number][1]) => string) =>
    `CASE g ${groups.map(([name, profile]) => `WHEN ${literal(name)} THEN ${value(profile)}`).join(' ')} END`;
  const title = byGroup((profile) =>
    weightedCase(
      'pg_temp.rnd(n, 11)',
      profile.jobTitles.map((jobTitle) => [jobTitle, 1] as const),
    ),
  );
  const scheme = byGroup((profile) => literal(profile.payScheme));
  const band = byGroup((profile) =>
    profile.bands ? weightedCase('pg_temp.rnd(n, 12)', profile.bands) : 'NULL',
  );
  return `
    INSERT INTO delegate_profile (user_id, job_title, staff_group, pay_scheme, pay_band, line_manager_name, line_manager_email, updated_at)
    SELECT pg_temp.sid(${ID.user}, n), ${title}, g, ${scheme}, ${band}, ${fullName(62)},
           'scale.manager.' || (n / 15) || '@${SYNTHETIC_EMAIL_DOMAIN}', created_at
    FROM (SELECT n, created_at, ${group} AS g FROM scale_enrolment) x ORDER BY n`;
}

function insertEquality(): string {
  return `
    INSERT INTO equality_monitoring (user_id, ethnic_category, disability, sex, age_band, updated_at)
    SELECT pg_temp.sid(${ID.user}, n),
           CASE WHEN pg_temp.rnd(n, 13) < 0.02 THEN NULL ELSE ${weightedCase('pg_temp.rnd(n, 14)', ETHNIC_CATEGORY_WEIGHTS)} END,
           ${weightedCase('pg_temp.rnd(n, 15)', DISABILITY_WEIGHTS)}, ${weightedCase('pg_temp.rnd(n, 16)', SEX_WEIGHTS)},
           ${weightedCase('pg_temp.rnd(n, 17)', AGE_BAND_WEIGHTS)}, created_at
    FROM scale_enrolment WHERE pg_temp.rnd(n, 18) >= 0.12 ORDER BY n`;
}

function insertEnrolments(): string {
  return `
    INSERT INTO enrolment (id, cohort_id, programme_id, delegate_user_id, status, created_at, status_changed_at, confirmed_at,
                           waitlisted_at, offered_at, offer_expires_at, declined_at, withdrawn_at, completed_at, did_not_complete_at)
    SELECT pg_temp.sid(${ID.enrolment}, n), pg_temp.sid(${ID.cohort}, k), $1::uuid, pg_temp.sid(${ID.user}, n),
           CASE outcome WHEN 'withdrawn-early' THEN 'withdrawn' WHEN 'withdrawn-late' THEN 'withdrawn' ELSE outcome END,
           created_at,
           coalesce(completed_at, did_not_complete_at, withdrawn_at, offered_at + interval '20 hours', confirmed_at),
           confirmed_at,
           CASE WHEN outcome = 'declined' THEN created_at END, offered_at, offered_at + interval '48 hours',
           offered_at + interval '20 hours', withdrawn_at, completed_at, did_not_complete_at
    FROM scale_enrolment ORDER BY n`;
}

/**
 * Registers for every session held so far: slots 0–1 the workshop, 2–6 the delegate's set's five action
 * learning sets, 7 the first community catch-up (for some certified delegates).
 */
function insertAttendance(): string {
  const present = `CASE WHEN pg_temp.rnd(n * 32 + j, 30) < 0.06 THEN 'late' ELSE 'present' END`;
  const missed = `CASE WHEN pg_temp.rnd(n * 32 + j, 31) < 0.6 THEN 'apologies' ELSE 'absent' END`;
  return `
    INSERT INTO attendance (id, session_id, enrolment_id, status, method, recorded_at)
    SELECT pg_temp.sid(${ID.attendance}, n * 32 + j), pg_temp.sid(${ID.session}, k * 32 + j), pg_temp.sid(${ID.enrolment}, n),
           status, method, CASE method WHEN 'self-check-in' THEN pg_temp.session_start(start_date, j) + interval '5 minutes'
                                                           ELSE pg_temp.session_end(start_date, j) + interval '30 minutes' END
    FROM (
      SELECT n, k, j, start_date, status,
             CASE WHEN status IN ('present', 'late') AND pg_temp.rnd(n * 32 + j, 33) < 0.3 THEN 'self-check-in' ELSE 'register' END AS method
      FROM (
        SELECT e.n, e.k, e.start_date, x.j, CASE
          WHEN e.outcome = 'completed' THEN CASE
            WHEN x.slot < 2 THEN ${present}
            WHEN x.slot = 7 THEN CASE WHEN pg_temp.rnd(e.n, 32) < 0.35 THEN ${present} END
            WHEN x.slot - 1 = e.missed_set THEN ${missed} ELSE ${present} END
          WHEN e.outcome = 'did-not-complete' THEN CASE
            WHEN x.slot = 1 AND e.missed_day_two THEN 'absent'
            WHEN x.slot < 2 THEN ${present}
            WHEN x.slot = 7 THEN NULL
            WHEN x.slot - 1 <= e.sets_attended THEN ${present} ELSE ${missed} END
          WHEN e.outcome = 'withdrawn-late' THEN CASE
            WHEN x.slot < 2 OR (x.slot < 7 AND x.slot - 1 <= e.left_after_set) THEN ${present} END
          WHEN e.outcome = 'confirmed' THEN CASE
            WHEN x.slot = 7 THEN NULL
            WHEN pg_temp.rnd(e.n * 32 + x.j, 35) < CASE WHEN x.slot < 2 THEN 0.96 ELSE 0.88 END THEN ${present} ELSE ${missed} END
          END AS status
        FROM scale_enrolment e
        CROSS JOIN LATERAL (
          SELECT slot, CASE WHEN slot < 2 THEN slot WHEN slot = 7 THEN 17 ELSE 2 + (e.s - 1) * 5 + slot - 2 END AS j
          FROM generate_series(0, 7) slot
        ) x
        WHERE e.n BETWEEN $1 AND $2 AND e.outcome IN ('completed', 'did-not-complete', 'withdrawn-late', 'confirmed')
      ) y
      WHERE status IS NOT NULL AND pg_temp.session_start(start_date, j) <= $3::timestamptz
    ) z ORDER BY n, j`;
}

/** Pre, post and follow-up questionnaires as real delegates return them: most before, fewer after. */
function responseTable(): string {
  const post = `((e.outcome = 'completed' AND pg_temp.rnd(e.n, 41) < 0.93) OR (e.outcome = 'did-not-complete' AND pg_temp.rnd(e.n, 41) < 0.3))`;
  return `
    CREATE TEMP TABLE scale_response ON COMMIT DROP AS
    SELECT e.n, e.k, e.n * 4 + x.si AS rid, x.stage, pg_temp.sid(${ID.response}, e.n * 4 + x.si) AS id, x.at
    FROM scale_enrolment e CROSS JOIN LATERAL (VALUES
      (0, 'pre', CASE WHEN e.outcome <> 'declined'
                       AND pg_temp.rnd(e.n, 40) < CASE e.outcome WHEN 'withdrawn-early' THEN 0.4 ELSE 0.95 END
                      THEN e.created_at + (least(e.first_start, e.withdrawn_at, $1::timestamptz) - e.created_at) * (0.05 + 0.9 * pg_temp.rnd(e.n, 43)) END),
      (1, 'post', CASE WHEN ${post} THEN e.last_set_end + (0.2 + pg_temp.rnd(e.n, 44) * 35) * interval '1 day' END),
      (2, 'follow-up', CASE WHEN ${post} AND pg_temp.rnd(e.n, 42) < 0.6
                            THEN e.last_set_end + (91.2 + pg_temp.rnd(e.n, 45) * 25) * interval '1 day' END)
    ) AS x(si, stage, at)
    WHERE x.at IS NOT NULL AND x.at <= $1::timestamptz`;
}

function itemTable(): string {
  return `
    CREATE TEMP TABLE scale_item ON COMMIT DROP AS
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::boolean[], $6::jsonb[], $7::int[], $8::float8[], $9::float8[])
      AS x(stage, code, type, required, retrospective, options, h, mean, change)`;
}

function itemRows(instruments: Instruments): unknown[] {
  const rows = (Object.entries(instruments) as [Stage, { items: InstrumentItem[] }][]).flatMap(
    ([stage, instrument]) => instrument.items.map((item) => ({ stage, item })),
  );
  const mean = (item: InstrumentItem) =>
    item.type === 'scale-0-10'
      ? (FIVE_D_MEANS[item.code] ?? 5)
      : (LIKERT[item.code]?.mean ?? (item.retrospective ? 2.7 : 3));
  const change = (item: InstrumentItem) =>
    item.type === 'scale-0-10' ? 2.1 : (LIKERT[item.code]?.change ?? (item.retrospective ? 0 : 0.6));
  return [
    rows.map((r) => r.stage),
    rows.map((r) => r.item.code),
    rows.map((r) => r.item.type),
    rows.map((r) => r.item.required),
    rows.map((r) => r.item.retrospective ?? false),
    rows.map((r) => JSON.stringify(r.item.options ?? [])),
    rows.map((r) => stringHash(r.item.code)),
    rows.map((r) => mean(r.item)),
    rows.map((r) => change(r.item)),
  ];
}

/**
 * Each person's answer moves from their own "before": z is the person's confidence, e1–e3 their item-level
 * noise, so post = pre + a change that is mostly positive, sometimes none or negative.
 */
function insertAnswers(): string {
  return `
    INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
    SELECT id, code,
           CASE WHEN type IN ('free-text', 'single-choice') THEN NULL
                WHEN stage = 'pre' OR retrospective THEN pre
                WHEN stage = 'post' THEN post
                WHEN type = 'likert-5' THEN greatest(1, least(5, post + round(-0.2 + 0.6 * e3)))
                WHEN type = 'scale-0-10' THEN greatest(0, least(10, post + round(-0.4 + e3)))
                ELSE (u3 < CASE WHEN post = 1 THEN 0.92 ELSE 0.5 END)::int END,
           CASE type WHEN 'free-text' THEN ($3::text[])[1 + floor(u1 * array_length($3::text[], 1))::int]
                     WHEN 'single-choice' THEN options ->> floor(u1 * jsonb_array_length(options))::int END
    FROM (
      SELECT v.*, CASE type
               WHEN 'likert-5' THEN greatest(1, least(5, pre + round(change + 0.9 * e2)))
               WHEN 'scale-0-10' THEN greatest(0, least(10, pre + round(change + 1.4 * e2)))
               WHEN 'yes-no' THEN (u2 < CASE WHEN pre = 1 THEN 0.95 ELSE 0.75 END)::int END AS post
      FROM (
        SELECT r.id, r.rid, r.stage, i.code, i.type, i.required, i.retrospective, i.options, i.change, x.*,
               CASE i.type
                 WHEN 'likert-5' THEN greatest(1, least(5, round(i.mean + 0.75 * x.z + 0.45 * x.e1)))
                 WHEN 'scale-0-10' THEN greatest(0, least(10, round(i.mean + 1.7 * x.z + 1.2 * x.e1)))
                 WHEN 'yes-no' THEN (x.u1 < 0.52 + 0.08 * x.z)::int END AS pre
        FROM scale_response r JOIN scale_item i ON i.stage = r.stage
        CROSS JOIN LATERAL (SELECT pg_temp.nrm(r.n, 50) AS z, pg_temp.nrm(r.n, i.h) AS e1, pg_temp.nrm(r.n, i.h + 1) AS e2,
                                   pg_temp.nrm(r.n, i.h + 2) AS e3, pg_temp.rnd(r.n, i.h + 3) AS u1, pg_temp.rnd(r.n, i.h + 4) AS u2,
                                   pg_temp.rnd(r.n, i.h + 5) AS u3, pg_temp.rnd(r.rid, i.h + 6) AS keep) x
        WHERE r.n BETWEEN $1 AND $2
      ) v
    ) w
    WHERE CASE WHEN type = 'free-text' THEN keep < CASE stage WHEN 'pre' THEN 0.2 WHEN 'post' THEN 0.35 ELSE 0.25 END
               WHEN required THEN true ELSE keep >= 0.05 END
    ORDER BY id, code`;
}
