import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BreakdownDimension, SystemGroup } from '@upstand/contracts';
import { DataSource } from 'typeorm';
import { AnalyticsScope, UnitLevel, ViewUnit } from './analytics-scope';

/** Collects query parameters and hands out their placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A count of people in one cell, at one level of the hierarchy, for one financial year. */
export interface LevelCellRow {
  level: UnitLevel | 'view';
  key: string;
  fy: number;
  cell: string;
  n: number;
}

export interface JointRow {
  itemCode: string;
  from: number;
  to: number;
  n: number;
}

export interface ConstructRow {
  construct: string;
  n: number;
  meanFrom: number;
  meanTo: number;
  meanChange: number;
  sdChange: number | null;
}

export interface MatchedRow {
  respondent: string;
  cohort: string;
  odsCode: string | null;
  answers: Record<string, string>;
}

export interface CategoryChangeRow {
  key: string;
  n: number;
  sumChange: number;
  improved: number;
}

const LEVEL_KEY: Record<UnitLevel, string> = {
  organisation: 'organisation_id::text',
  cohort: 'cohort_id::text',
  system: 'system_id::text',
  group: 'grp',
  all: "''",
};

const PARENT_KEY: Record<UnitLevel, string> = {
  organisation: 'system_id::text',
  cohort: 'cohort_system_id::text',
  system: 'grp',
  group: "''",
  all: "''",
};

/** The category a person falls in for each breakdown (equality data is only ever grouped, never listed). */
const DIMENSION_KEY: Record<BreakdownDimension, string> = {
  group: 'p.grp',
  system: 'p.system_id::text',
  organisation: "coalesce(p.organisation_id::text, 'unknown')",
  cohort: 'p.cohort_id::text',
  'staff-group': "coalesce(dp.staff_group, 'not-known')",
  'pay-band':
    "coalesce(CASE WHEN dp.pay_band IS NOT NULL THEN 'band-' || dp.pay_band ELSE dp.pay_scheme END, 'not-known')",
  ethnicity: `CASE WHEN em.ethnic_category IN ('A', 'B', 'C') THEN 'white'
                   WHEN em.ethnic_category IS NOT NULL AND em.ethnic_category <> 'Z' THEN 'bme'
                   ELSE 'not-stated' END`,
  disability: "coalesce(em.disability, 'not-stated')",
};

const JOURNEY_RESPONSE = `r.programme_id = p_programme AND r.pairing_key = p.person_key AND r.session_key = ''`;

@Injectable()
export class AnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The people of the programme the viewer may see: each delegate once (their latest place), plus, for
   * programmes evaluated anonymously, each self-generated code once (known only by its cohort).
   */
  private people(scope: AnalyticsScope, params: Params): string {
    const programme = params.add(scope.programmeId);
    const sponsor = scope.sponsorOrganisationId ? params.add(scope.sponsorOrganisationId) : null;
    const anonymous = sponsor
      ? ''
      : `UNION ALL
        (SELECT DISTINCT ON (r.pairing_key) r.pairing_key, NULL::uuid, NULL::uuid, NULL::varchar, r.cohort_id,
                NULL::timestamptz, NULL::uuid, c.system_id
         FROM evaluation_response r JOIN cohort c ON c.id = r.cohort_id
         WHERE r.programme_id = ${programme} AND r.delegate_user_id IS NULL AND r.session_key = ''
         ORDER BY r.pairing_key, r.updated_at DESC)`;
    return `
      person AS (
        (SELECT DISTINCT ON (e.delegate_user_id) e.delegate_user_id::text AS person_key, e.delegate_user_id AS user_id,
                e.id AS enrolment_id, e.status, e.cohort_id, e.completed_at, u.organisation_id,
                coalesce(CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END, c.system_id) AS system_id
         FROM enrolment e
         JOIN app_user u ON u.id = e.delegate_user_id
         JOIN cohort c ON c.id = e.cohort_id
         LEFT JOIN organisation o ON o.id = u.organisation_id
         WHERE e.programme_id = ${programme} ${sponsor ? `AND u.organisation_id = ${sponsor}` : ''}
         ORDER BY e.delegate_user_id, e.created_at DESC)
        ${anonymous}
      ),
      p AS (
        SELECT person.*, ${programme}::uuid AS p_programme, c.start_date, c.name AS cohort_name, c.system_id AS cohort_system_id,
               (extract(year FROM c.start_date)::int - CASE WHEN extract(month FROM c.start_date) < 4 THEN 1 ELSE 0 END) AS fy,
               CASE WHEN s.is_home_system THEN 'home' ELSE 'scale-up' END AS grp
        FROM person JOIN cohort c ON c.id = person.cohort_id LEFT JOIN organisation s ON s.id = person.system_id
      )`;
  }

  /** The condition selecting the requested view's people from `p`. */
  private viewCondition(scope: AnalyticsScope, params: Params): string {
    const conditions: string[] = ['TRUE'];
    if (scope.personLevel) {
      const f = scope.filters;
      if (f.startFrom) conditions.push(`p.start_date >= ${params.add(f.startFrom)}::date`);
      if (f.startTo) conditions.push(`p.start_date <= ${params.add(f.startTo)}::date`);
      if (f.group) conditions.push(`p.grp = ${params.add(f.group)}`);
      if (f.systemId) conditions.push(`p.system_id = ${params.add(f.systemId)}::uuid`);
      if (f.organisationId) conditions.push(`p.organisation_id = ${params.add(f.organisationId)}::uuid`);
      if (f.cohortId) conditions.push(`p.cohort_id = ${params.add(f.cohortId)}::uuid`);
      return conditions.join(' AND ');
    }
    const unit = scope.chain[0];
    if (unit.level !== 'all') conditions.push(`p.${LEVEL_KEY[unit.level]} = ${params.add(unit.value)}`);
    // A cohort's view counts the delegates from the cohort's own system, so it nests inside that system's view.
    if (unit.level === 'cohort') conditions.push('p.system_id = p.cohort_system_id');
    if (scope.fyFrom !== null) conditions.push(`p.fy >= ${params.add(scope.fyFrom)}::int`);
    if (scope.fyTo !== null) conditions.push(`p.fy <= ${params.add(scope.fyTo)}::int`);
    return conditions.join(' AND ');
  }

  /**
   * Counts people per cell. `cells` selects (person_key, cell) from `p` (a person may be in several cells).
   * Leads get the view directly; for everyone else the counts come per financial year for the unit and its
   * siblings and for each ancestor, so wider views and siblings can be checked before anything is published.
   */
  async countCells(scope: AnalyticsScope, cells: (params: Params) => string): Promise<LevelCellRow[]> {
    const params = new Params();
    const people = this.people(scope, params);
    const cellSql = cells(params);
    let select: string;
    if (scope.personLevel) {
      select = `SELECT 'view' AS level, '' AS key, 0 AS fy, cell, count(*)::int AS n FROM pc p WHERE ${this.viewCondition(scope, params)} GROUP BY cell`;
    } else {
      const [unit, ...ancestors] = scope.chain;
      const parts: string[] = [];
      const within = scope.siblingsWithin;
      const parentFilter =
        within && within.level !== 'all'
          ? `WHERE ${PARENT_KEY[unit.level]} = ${params.add(within.value)}`
          : '';
      parts.push(
        `SELECT '${unit.level}' AS level, ${LEVEL_KEY[unit.level]} AS key, fy, cell, count(*)::int AS n
         FROM pc ${parentFilter} GROUP BY 2, 3, 4`,
      );
      for (const ancestor of ancestors) {
        const where =
          ancestor.level === 'all'
            ? ''
            : `WHERE ${LEVEL_KEY[ancestor.level]} = ${params.add(ancestor.value)}`;
        parts.push(
          `SELECT '${ancestor.level}' AS level, '${ancestor.level === 'all' ? '' : ancestor.value.replace(/'/g, '')}' AS key,
                  fy, cell, count(*)::int AS n FROM pc ${where} GROUP BY 3, 4`,
        );
      }
      select = parts.join('\nUNION ALL\n');
    }
    const sql = `WITH ${people},
      cells AS (${cellSql}),
      pc AS MATERIALIZED (SELECT p.*, cells.cell FROM cells JOIN p ON p.person_key = cells.person_key)
      ${select}`;
    const rows = (await this.dataSource.query(sql, params.values)) as LevelCellRow[];
    return rows.map((row) => ({ ...row, fy: Number(row.fy), n: Number(row.n) }));
  }

  // ── Cells for each report (each returns SQL selecting person_key, cell from p) ──

  static overviewCells(): (params: Params) => string {
    return () => `
      SELECT p.person_key, 'trained:' || p.grp AS cell FROM p WHERE p.status = 'completed'
      UNION ALL
      SELECT p.person_key, 'trained' FROM p WHERE p.status = 'completed'
      UNION ALL
      SELECT p.person_key, 'paired' FROM p
      WHERE EXISTS (SELECT 1 FROM evaluation_response r WHERE ${JOURNEY_RESPONSE} AND r.stage = 'pre')
        AND EXISTS (SELECT 1 FROM evaluation_response r WHERE ${JOURNEY_RESPONSE} AND r.stage = 'post')`;
  }

  /** n answering each item at each stage, n paired, and the paired answers' levels for likert items. */
  static itemCells(fromStage: string, toStage: string, likertCodes: string[]): (params: Params) => string {
    return (params) => {
      const from = params.add(fromStage);
      const to = params.add(toStage);
      const likert = params.add(likertCodes);
      return `
        SELECT p.person_key, 'item:' || a.item_code || CASE WHEN r.stage = ${from} THEN ':from' ELSE ':to' END AS cell
        FROM p JOIN evaluation_response r ON ${JOURNEY_RESPONSE} AND r.stage IN (${from}, ${to})
        JOIN evaluation_answer a ON a.response_id = r.id
        UNION ALL
        SELECT p.person_key, unnest(ARRAY['item:' || f.item_code || ':paired']
                 || CASE WHEN f.item_code = ANY(${likert}::text[])
                      THEN ARRAY['item:' || f.item_code || ':from:' || f.value_number::int, 'item:' || f.item_code || ':to:' || t.value_number::int]
                      ELSE ARRAY[]::text[] END)
        FROM p JOIN evaluation_response rf ON rf.programme_id = p.p_programme AND rf.pairing_key = p.person_key AND rf.session_key = '' AND rf.stage = ${from}
        JOIN evaluation_response rt ON rt.programme_id = p.p_programme AND rt.pairing_key = p.person_key AND rt.session_key = '' AND rt.stage = ${to}
        JOIN evaluation_answer f ON f.response_id = rf.id
        JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code
        WHERE (f.value_number IS NOT NULL AND t.value_number IS NOT NULL) OR (f.value_text IS NOT NULL AND t.value_text IS NOT NULL)`;
    };
  }

  static breakdownCells(dimension: BreakdownDimension): (params: Params) => string {
    const key = DIMENSION_KEY[dimension];
    return () => `
      WITH categorised AS (
        SELECT p.person_key, ${key} AS category, p.status = 'completed' AS trained,
               EXISTS (SELECT 1 FROM evaluation_response r WHERE ${JOURNEY_RESPONSE} AND r.stage = 'pre')
                 AND EXISTS (SELECT 1 FROM evaluation_response r WHERE ${JOURNEY_RESPONSE} AND r.stage = 'post') AS paired
        FROM p LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
      )
      SELECT person_key, 'trained:' || category AS cell FROM categorised WHERE trained
      UNION ALL SELECT person_key, 'trained' FROM categorised WHERE trained
      UNION ALL SELECT person_key, 'paired:' || category FROM categorised WHERE paired
      UNION ALL SELECT person_key, 'paired' FROM categorised WHERE paired`;
  }

  /** Funnel stages per person (cumulative: a certified person also counts as signed up, confirmed, …). */
  static funnelCells(): (params: Params) => string {
    const stages = `
      SELECT p.person_key, p.system_id, p.organisation_id, s.stage FROM p
      CROSS JOIN LATERAL (VALUES
        ('signed-up', p.user_id IS NOT NULL),
        ('confirmed', p.status IN ('confirmed', 'completed', 'did-not-complete')),
        ('attended-workshop', EXISTS (SELECT 1 FROM attendance a JOIN session s ON s.id = a.session_id
            WHERE a.enrolment_id = p.enrolment_id AND a.status IN ('present', 'late') AND s.kind = 'workshop')),
        ('completed-sets', p.status = 'completed' OR (SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id
            WHERE a.enrolment_id = p.enrolment_id AND a.status IN ('present', 'late') AND s.kind = 'action-learning-set') >= 5),
        ('certified', p.status = 'completed'),
        ('community', p.status = 'completed' AND EXISTS (SELECT 1 FROM community_member m WHERE m.user_id = p.user_id))
      ) AS s(stage, reached)
      WHERE s.reached AND p.user_id IS NOT NULL`;
    return () => `
      SELECT person_key, 'stage:' || stage AS cell FROM (${stages}) f
      UNION ALL SELECT person_key, 'system:' || system_id || ':' || stage FROM (${stages}) f WHERE system_id IS NOT NULL
      UNION ALL SELECT person_key, 'org:' || coalesce(organisation_id::text, 'unknown') || ':' || stage FROM (${stages}) f`;
  }

  static reachCells(): (params: Params) => string {
    return () => `
      SELECT p.person_key, 'org:' || coalesce(p.organisation_id::text, 'unknown') AS cell FROM p WHERE p.status = 'completed'
      UNION ALL SELECT p.person_key, 'total' FROM p WHERE p.status = 'completed'`;
  }

  /** Certified people by quarter of certification (calendar quarters in Europe/London) and group. */
  static cumulativeCells(): (params: Params) => string {
    return () => `
      SELECT p.person_key, 'q:' || to_char(p.completed_at AT TIME ZONE 'Europe/London', 'YYYY-"Q"Q') || ':' || p.grp AS cell
      FROM p WHERE p.status = 'completed' AND p.completed_at IS NOT NULL`;
  }

  static responseRateCells(): (params: Params) => string {
    return () => `
      SELECT p.person_key, 'cohort:' || p.cohort_id || ':invited' AS cell FROM p
      WHERE p.status IN ('confirmed', 'completed', 'did-not-complete')
      UNION ALL
      SELECT p.person_key, 'cohort:' || p.cohort_id || ':' || r.stage FROM p
      JOIN evaluation_response r ON ${JOURNEY_RESPONSE} AND r.stage IN ('pre', 'post')`;
  }

  static commentCells(stage: string): (params: Params) => string {
    return (params) => {
      const s = params.add(stage);
      return `
        SELECT DISTINCT p.person_key, 'comments' AS cell FROM p
        JOIN evaluation_response r ON ${JOURNEY_RESPONSE} AND r.stage = ${s}
        JOIN evaluation_answer a ON a.response_id = r.id AND a.value_text IS NOT NULL
        JOIN instrument i ON i.id = r.instrument_id
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(i.items) item
                      WHERE item->>'code' = a.item_code AND item->>'type' = 'free-text')`;
    };
  }

  // ── Statistics over the view's people (only ever run for views already large enough) ──

  /** Paired answers per item as a joint frequency table (at most 11 × 11 rows per item). */
  async jointDistribution(scope: AnalyticsScope, fromStage: string, toStage: string): Promise<JointRow[]> {
    const params = new Params();
    const people = this.people(scope, params);
    const where = this.viewCondition(scope, params);
    const rows = (await this.dataSource.query(
      `WITH ${people}
       SELECT f.item_code AS "itemCode", f.value_number::float8 AS "from", t.value_number::float8 AS "to", count(*)::int AS n
       FROM p
       JOIN evaluation_response rf ON rf.programme_id = p.p_programme AND rf.pairing_key = p.person_key AND rf.session_key = '' AND rf.stage = ${params.add(fromStage)}
       JOIN evaluation_response rt ON rt.programme_id = p.p_programme AND rt.pairing_key = p.person_key AND rt.session_key = '' AND rt.stage = ${params.add(toStage)}
       JOIN evaluation_answer f ON f.response_id = rf.id
       JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code
       WHERE ${where} AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL
       GROUP BY 1, 2, 3`,
      params.values,
    )) as JointRow[];
    return rows.map((row) => ({ ...row, n: Number(row.n) }));
  }

  /**
   * Construct scores: each person's mean over the construct's items (0–10 scales rescaled to 1–5), paired,
   * summarised as n, means and the mean and SD of the change.
   */
  async constructScores(
    scope: AnalyticsScope,
    fromStage: string,
    toStage: string,
    items: { code: string; construct: string; scale: number; offset: number }[],
  ): Promise<ConstructRow[]> {
    if (items.length === 0) return [];
    const params = new Params();
    const people = this.people(scope, params);
    const where = this.viewCondition(scope, params);
    const rows = (await this.dataSource.query(
      `WITH ${people},
       m AS (SELECT * FROM unnest(${params.add(items.map((i) => i.code))}::text[], ${params.add(items.map((i) => i.construct))}::text[],
                                  ${params.add(items.map((i) => i.scale))}::float8[], ${params.add(items.map((i) => i.offset))}::float8[])
             AS m(code, construct, scale, "offset")),
       scores AS (
         SELECT p.person_key, m.construct,
                avg(f.value_number::float8 * m.scale + m."offset") AS s_from, avg(t.value_number::float8 * m.scale + m."offset") AS s_to
         FROM p
         JOIN evaluation_response rf ON rf.programme_id = p.p_programme AND rf.pairing_key = p.person_key AND rf.session_key = '' AND rf.stage = ${params.add(fromStage)}
         JOIN evaluation_response rt ON rt.programme_id = p.p_programme AND rt.pairing_key = p.person_key AND rt.session_key = '' AND rt.stage = ${params.add(toStage)}
         JOIN evaluation_answer f ON f.response_id = rf.id
         JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code
         JOIN m ON m.code = f.item_code
         WHERE ${where} AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL
         GROUP BY 1, 2)
       SELECT construct, count(*)::int AS n, avg(s_from) AS "meanFrom", avg(s_to) AS "meanTo",
              avg(s_to - s_from) AS "meanChange", stddev_samp(s_to - s_from) AS "sdChange"
       FROM scores GROUP BY construct ORDER BY construct`,
      params.values,
    )) as ConstructRow[];
    return rows.map((row) => ({
      construct: row.construct,
      n: Number(row.n),
      meanFrom: Number(row.meanFrom),
      meanTo: Number(row.meanTo),
      meanChange: Number(row.meanChange),
      sdChange: row.sdChange === null ? null : Number(row.sdChange),
    }));
  }

  /** Headline item change per breakdown category among paired people. */
  async headlineChangeByCategory(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    itemCode: string,
  ): Promise<CategoryChangeRow[]> {
    const params = new Params();
    const people = this.people(scope, params);
    const where = this.viewCondition(scope, params);
    const rows = (await this.dataSource.query(
      `WITH ${people}
       SELECT ${DIMENSION_KEY[dimension]} AS key, count(*)::int AS n,
              sum(t.value_number - f.value_number)::float8 AS "sumChange",
              count(*) FILTER (WHERE t.value_number > f.value_number)::int AS improved
       FROM p
       LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
       JOIN evaluation_response rf ON rf.programme_id = p.p_programme AND rf.pairing_key = p.person_key AND rf.session_key = '' AND rf.stage = 'pre'
       JOIN evaluation_response rt ON rt.programme_id = p.p_programme AND rt.pairing_key = p.person_key AND rt.session_key = '' AND rt.stage = 'post'
       JOIN evaluation_answer f ON f.response_id = rf.id AND f.item_code = ${params.add(itemCode)}
       JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code
       WHERE ${where} AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL
       GROUP BY 1`,
      params.values,
    )) as CategoryChangeRow[];
    return rows.map((row) => ({
      ...row,
      n: Number(row.n),
      improved: Number(row.improved),
      sumChange: Number(row.sumChange),
    }));
  }

  async comments(
    scope: AnalyticsScope,
    stage: string,
  ): Promise<{ itemCode: string; text: string; cohortName: string }[]> {
    const params = new Params();
    const people = this.people(scope, params);
    const where = this.viewCondition(scope, params);
    return (await this.dataSource.query(
      `WITH ${people}
       SELECT a.item_code AS "itemCode", a.value_text AS text, p.cohort_name AS "cohortName"
       FROM p
       JOIN evaluation_response r ON r.programme_id = p.p_programme AND r.pairing_key = p.person_key AND r.session_key = '' AND r.stage = ${params.add(stage)}
       JOIN evaluation_answer a ON a.response_id = r.id AND a.value_text IS NOT NULL
       JOIN instrument i ON i.id = r.instrument_id
       WHERE ${where} AND EXISTS (SELECT 1 FROM jsonb_array_elements(i.items) item WHERE item->>'code' = a.item_code AND item->>'type' = 'free-text')
       ORDER BY r.updated_at DESC LIMIT 500`,
      params.values,
    )) as { itemCode: string; text: string; cohortName: string }[];
  }

  /** Names of the programme's delegates, to take out of comments shown beyond the programme team. */
  async delegateNames(programmeId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT u.full_name AS name FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id WHERE e.programme_id = $1`,
      [programmeId],
    )) as { name: string }[];
    return rows.map((row) => row.name);
  }

  // ── Matched-ID export ──

  /**
   * Every respondent's journey answers side by side, streamed from PostgreSQL one row at a time (pg-query-stream)
   * so a national export never sits in memory. Respondents are numbered; the pairing key never leaves the database.
   */
  async streamMatchedResponses(
    programmeId: string,
  ): Promise<{ rows: AsyncIterable<MatchedRow>; release: () => Promise<void> }> {
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    const stream = await runner.stream(
      `SELECT row_number() OVER (ORDER BY r.pairing_key) AS respondent,
              min(c.name) AS cohort, min(o.ods_code) AS "odsCode",
              jsonb_object_agg(r.stage || '.' || a.item_code, coalesce(a.value_number::text, a.value_text)) AS answers
       FROM evaluation_response r
       JOIN evaluation_answer a ON a.response_id = r.id
       JOIN cohort c ON c.id = r.cohort_id
       LEFT JOIN app_user u ON u.id = r.delegate_user_id
       LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE r.programme_id = $1 AND r.session_key = ''
       GROUP BY r.pairing_key
       ORDER BY r.pairing_key`,
      [programmeId],
    );
    return {
      rows: stream as AsyncIterable<MatchedRow>,
      release: async () => {
        stream.destroy();
        await runner.release();
      },
    };
  }

  /** The latest review's framework ratings and the open actions, for the board report. */
  async governanceSummary(programmeId: string): Promise<{
    review: { label: string; ratings: { area: string; rating: string; evidence: string }[] } | null;
    actions: { action: string; owner: string; dueDate: string; status: string }[];
  }> {
    const [review] = (await this.dataSource.query(
      `SELECT id, label FROM programme_review WHERE programme_id = $1 ORDER BY period_end DESC, created_at DESC LIMIT 1`,
      [programmeId],
    )) as { id: string; label: string }[];
    const ratings = review
      ? ((await this.dataSource.query(
          `SELECT area, rating, evidence FROM programme_review_rating WHERE review_id = $1 ORDER BY area`,
          [review.id],
        )) as { area: string; rating: string; evidence: string }[])
      : [];
    const actions = (await this.dataSource.query(
      `SELECT action, owner, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status FROM programme_action
       WHERE programme_id = $1 AND status IN ('open', 'in-progress') ORDER BY due_date, created_at`,
      [programmeId],
    )) as { action: string; owner: string; dueDate: string; status: string }[];
    return { review: review ? { label: review.label, ratings } : null, actions };
  }

  async programmeName(programmeId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query('SELECT name FROM programme WHERE id = $1', [
      programmeId,
    ])) as {
      name: string;
    }[];
    return row?.name ?? null;
  }

  // ── Lookups ──

  async programmeExists(programmeId: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM programme WHERE id = $1', [
      programmeId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async programmes(): Promise<{ id: string; name: string }[]> {
    return (await this.dataSource.query('SELECT id, name FROM programme ORDER BY created_at, name')) as {
      id: string;
      name: string;
    }[];
  }

  async organisation(
    id: string,
  ): Promise<{ id: string; type: string; systemId: string | null; isHomeSystem: boolean } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT o.id, o.type, CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END AS "systemId",
              coalesce(s.is_home_system, false) AS "isHomeSystem"
       FROM organisation o LEFT JOIN organisation s ON s.id = CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END
       WHERE o.id = $1`,
      [id],
    )) as { id: string; type: string; systemId: string | null; isHomeSystem: boolean }[];
    return row ?? null;
  }

  async cohortSystem(cohortId: string, programmeId: string): Promise<{ systemId: string } | null> {
    const [row] = (await this.dataSource.query(
      'SELECT system_id AS "systemId" FROM cohort WHERE id = $1 AND programme_id = $2',
      [cohortId, programmeId],
    )) as { systemId: string }[];
    return row ?? null;
  }

  async systems(): Promise<{ id: string; odsCode: string; name: string; group: SystemGroup }[]> {
    return (await this.dataSource.query(
      `SELECT id, ods_code AS "odsCode", name, CASE WHEN is_home_system THEN 'home' ELSE 'scale-up' END AS "group"
       FROM organisation WHERE type = 'icb' ORDER BY is_home_system DESC, name`,
    )) as { id: string; odsCode: string; name: string; group: SystemGroup }[];
  }

  /** Organisations with delegates on the programme (and the sponsor's own, when given). */
  async organisationsInProgramme(
    programmeId: string,
    onlyOrganisationId: string | null,
  ): Promise<
    { id: string; odsCode: string; name: string; systemId: string | null; headcount: number | null }[]
  > {
    return (await this.dataSource.query(
      `SELECT o.id, o.ods_code AS "odsCode", o.name, CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END AS "systemId", o.headcount
       FROM organisation o
       WHERE ($2::uuid IS NULL OR o.id = $2)
         AND EXISTS (SELECT 1 FROM app_user u JOIN enrolment e ON e.delegate_user_id = u.id WHERE u.organisation_id = o.id AND e.programme_id = $1)
       ORDER BY o.name`,
      [programmeId, onlyOrganisationId],
    )) as { id: string; odsCode: string; name: string; systemId: string | null; headcount: number | null }[];
  }

  async cohorts(
    programmeId: string,
  ): Promise<{ id: string; name: string; startDate: string; systemId: string }[]> {
    return (await this.dataSource.query(
      `SELECT id, name, to_char(start_date, 'YYYY-MM-DD') AS "startDate", system_id AS "systemId"
       FROM cohort WHERE programme_id = $1 ORDER BY start_date, name`,
      [programmeId],
    )) as { id: string; name: string; startDate: string; systemId: string }[];
  }
}

export type { Params };
export type { ViewUnit };
