import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BreakdownDimension, FUNNEL_STAGES } from '@upstand/contracts';
import { DataSource } from 'typeorm';
import { FOLLOW_UP_AFTER_DAYS } from '../evaluations/evaluation-windows';
import { AnalyticsChangeListener } from './analytics-change-listener';
import { AnalyticsScope, UnitLevel } from './analytics-scope';

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

/** Where a report's counts come from: rows of p plus dimension columns d1…dn, turned into named cells. */
export interface CellSource {
  dimensions: string[];
  sql: (params: Params) => string;
  toCells: (dimensions: unknown[], n: number) => [string, number][];
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

/** The answer `a` is to a free-text item of the questionnaire version `i` it was given in. */
const IS_FREE_TEXT_ANSWER = `EXISTS (SELECT 1 FROM jsonb_array_elements(i.items) item
  WHERE item->>'code' = a.item_code AND item->>'type' = 'free-text')`;

/**
 * From each person in `p`: their answers at one stage (f) beside their answers to the same items at another (t),
 * optionally for one item only.
 */
function pairedAnswerJoins(params: Params, fromStage: string, toStage: string, itemCode?: string): string {
  return `
    JOIN evaluation_response rf ON rf.programme_id = p.p_programme AND rf.pairing_key = p.person_key AND rf.session_key = '' AND rf.stage = ${params.add(fromStage)}
    JOIN evaluation_response rt ON rt.programme_id = p.p_programme AND rt.pairing_key = p.person_key AND rt.session_key = '' AND rt.stage = ${params.add(toStage)}
    JOIN evaluation_answer f ON f.response_id = rf.id${itemCode === undefined ? '' : ` AND f.item_code = ${params.add(itemCode)}`}
    JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code`;
}

@Injectable()
export class AnalyticsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: AnalyticsChangeListener,
  ) {}

  /**
   * The people of the programme the viewer may see: each delegate once (their latest place), plus, for
   * programmes evaluated anonymously, each self-generated code once (known only by its cohort).
   */
  private people(
    scope: Pick<AnalyticsScope, 'programmeId' | 'sponsorOrganisationId' | 'systemIds'>,
    params: Params,
  ): string {
    const programme = params.add(scope.programmeId);
    // After DISTINCT ON, so a person belongs to one system only (their latest place's), whoever is asking.
    const inSystems = scope.systemIds
      ? `WHERE person.system_id = ANY(${params.add(scope.systemIds)}::uuid[])`
      : '';
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
        ${inSystems}
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
   * Counts people per cell in one aggregate query. `source` selects rows with p's columns plus dimension columns
   * d1, d2, d3 (e.g. item code and the two answers), from which `toCells` makes cells. Leads get the view directly.
   * For everyone else the counts come per financial year for the unit and its siblings (inside the unit's parent)
   * and for each ancestor, through GROUPING SETS over a single scan, so wider views and siblings can be checked
   * before anything is published.
   */
  async countCells(scope: AnalyticsScope, source: CellSource): Promise<LevelCellRow[]> {
    const params = new Params();
    const people = this.people(scope, params);
    const base = source.sql(params);
    const dims = source.dimensions.map((_, i) => `d${i + 1}`);
    let select: string;
    if (scope.personLevel) {
      const where = this.viewCondition(scope, params);
      select = `SELECT ${[...dims, 'count(*)::int AS n'].join(', ')} FROM base p WHERE ${where}
                ${dims.length ? `GROUP BY ${dims.join(', ')}` : ''}`;
    } else {
      const [unit, ...ancestors] = scope.chain;
      const within = scope.siblingsWithin;
      const insideParent = [
        ...(within && within.level !== 'all'
          ? [`${PARENT_KEY[unit.level]} = ${params.add(within.value)}`]
          : []),
        ...(unit.level === 'cohort' ? ['system_id = cohort_system_id'] : []),
      ];
      const keys = [
        unit.level === 'all'
          ? "''"
          : `CASE WHEN ${insideParent.length ? insideParent.join(' AND ') : 'TRUE'} THEN ${LEVEL_KEY[unit.level]} END`,
        ...ancestors.map((ancestor) =>
          ancestor.level === 'all'
            ? "''"
            : `CASE WHEN ${LEVEL_KEY[ancestor.level]} = ${params.add(ancestor.value)}${
                ancestor.level === 'cohort' ? ' AND system_id = cohort_system_id' : ''
              } THEN '' END`,
        ),
      ];
      const keyColumns = keys.map((expression, i) => `${expression} AS k${i}`);
      const sets = keys.map((_, i) => `(k${i}, fy${dims.map((d) => `, ${d}`).join('')})`);
      select = `SELECT ${keys.map((_, i) => `k${i}`).join(', ')}, fy, ${[...dims, `GROUPING(${keys.map((_, i) => `k${i}`).join(', ')}) AS g`, 'count(*)::int AS n'].join(', ')}
                FROM (SELECT ${keyColumns.join(', ')}, fy${dims.map((d) => `, ${d}`).join('')} FROM base) keyed
                GROUP BY GROUPING SETS (${sets.join(', ')})`;
    }
    const sql = `WITH ${people}, base AS (${base}) ${select}`;
    const rows = (await this.aggregate(sql, params.values)) as Record<string, unknown>[];
    const result: LevelCellRow[] = [];
    const levels = scope.personLevel ? [] : scope.chain;
    for (const row of rows) {
      let level: LevelCellRow['level'] = 'view';
      let key = '';
      let fy = 0;
      if (!scope.personLevel) {
        // GROUPING() sets a bit for every key left out of the row's grouping set: exactly one key is kept.
        const kept = levels.findIndex((_, i) => (Number(row['g']) & (1 << (levels.length - 1 - i))) === 0);
        const value = row[`k${kept}`];
        if (kept < 0 || value === null || value === undefined) continue;
        level = levels[kept]?.level ?? 'all';
        key = level === levels[0]?.level ? String(value) : '';
        fy = Number(row['fy']);
      }
      const values = dims.map((d) => row[d]);
      for (const [cell, n] of source.toCells(values, Number(row['n'])))
        result.push({ level, key, fy, cell, n });
    }
    return result;
  }

  /**
   * Runs a large aggregate with enough sort/hash memory that national-scale joins stay in memory instead of
   * spilling to temporary files (SET LOCAL: only for this read-only transaction). The result is reused until
   * the data it reads changes, so a dashboard's reports, exports and board report share one computation.
   */
  private aggregate(sql: string, params: unknown[]): Promise<unknown[]> {
    return this.changes.cache.rows(
      JSON.stringify([sql, params]),
      () => this.changes.version(),
      () =>
        this.dataSource.transaction('READ COMMITTED', async (manager) => {
          await manager.query(`SET LOCAL work_mem = '64MB'`);
          return (await manager.query(sql, params)) as unknown[];
        }),
    );
  }

  /**
   * The one cohort and the one organisation all of a view's people share, if they do: such a cohort or
   * organisation is a wider view of it (a small organisation's staff in one year may all be in one cohort), so
   * its counts must be checked too.
   */
  async soleContainers(
    scope: AnalyticsScope,
  ): Promise<{ cohortId: string | null; organisationId: string | null }> {
    const params = new Params();
    const people = this.people(scope, params);
    const where = this.viewCondition(scope, params);
    const [row] = (await this.aggregate(
      `WITH ${people}
       SELECT count(DISTINCT cohort_id)::int AS cohorts, min(cohort_id::text) AS cohort,
              coalesce(bool_and(system_id = cohort_system_id), false) AS "inCohortSystem",
              count(DISTINCT organisation_id)::int AS organisations, min(organisation_id::text) AS organisation,
              coalesce(bool_and(organisation_id IS NOT NULL), false) AS "allHaveOrganisation"
       FROM p WHERE ${where}`,
      params.values,
    )) as {
      cohorts: number;
      cohort: string | null;
      inCohortSystem: boolean;
      organisations: number;
      organisation: string | null;
      allHaveOrganisation: boolean;
    }[];
    return {
      cohortId: row && row.cohorts === 1 && row.inCohortSystem ? row.cohort : null,
      organisationId: row && row.organisations === 1 && row.allHaveOrganisation ? row.organisation : null,
    };
  }

  // ── Sources of cells for each report ──

  /** Per person: whether they have a pre and a post response (one hash aggregate over the responses). */
  private static readonly RESPONDED = `
    LEFT JOIN (SELECT pairing_key, bool_or(stage = 'pre') AS has_pre, bool_or(stage = 'post') AS has_post
               FROM evaluation_response WHERE programme_id = p_programme_param AND session_key = '' AND stage IN ('pre', 'post')
               GROUP BY pairing_key) responded ON responded.pairing_key = p.person_key`;

  private static responded(params: Params, programmeId: string): string {
    return AnalyticsRepository.RESPONDED.replace('p_programme_param', `${params.add(programmeId)}::uuid`);
  }

  static overviewCells(programmeId: string): CellSource {
    return {
      dimensions: ['trained', 'group', 'paired'],
      sql: (params) => `
        SELECT p.*, p.status = 'completed' AS d1, p.grp AS d2, coalesce(responded.has_pre AND responded.has_post, false) AS d3
        FROM p ${AnalyticsRepository.responded(params, programmeId)}`,
      toCells: ([trained, group, paired], n) => [
        ...(trained
          ? ([
              ['trained', n],
              [`trained:${String(group)}`, n],
            ] as [string, number][])
          : []),
        ...(paired ? ([['paired', n]] as [string, number][]) : []),
      ],
    };
  }

  /**
   * Paired answers per item as a joint frequency table (item, answer before, answer after): n paired (each item's
   * group base), the distributions of likert items and every paired statistic come from it.
   */
  static pairedAnswers(programmeId: string, from: string, to: string, itemCodes: string[]): CellSource {
    return {
      dimensions: ['item', 'from', 'to'],
      sql: (params) => {
        const programme = params.add(programmeId);
        return `
          SELECT p.*, f.item_code AS d1, f.value_number::float8 AS d2, t.value_number::float8 AS d3
          FROM evaluation_response rf
          JOIN evaluation_response rt ON rt.programme_id = rf.programme_id AND rt.pairing_key = rf.pairing_key
               AND rt.stage = ${params.add(to)} AND rt.session_key = ''
          JOIN p ON p.person_key = rf.pairing_key
          JOIN evaluation_answer f ON f.response_id = rf.id AND f.item_code = ANY(${params.add(itemCodes)}::text[])
          JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code
          WHERE rf.programme_id = ${programme} AND rf.stage = ${params.add(from)} AND rf.session_key = ''
            AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL`;
      },
      toCells: ([item, x, y], n) => [
        [`item:${String(item)}:paired`, n],
        [`joint:${String(item)}:${Number(x)}:${Number(y)}`, n],
      ],
    };
  }

  /**
   * The base of each construct's scores: people paired on any of the construct's items (`construct:<name>`), counted
   * per level and year like any cell so the group can be checked against wider views and siblings.
   */
  static constructPairs(
    from: string,
    to: string,
    members: { code: string; construct: string }[],
  ): CellSource {
    return {
      dimensions: ['construct'],
      sql: (params) => `
        SELECT DISTINCT ON (p.person_key, m.construct) p.*, m.construct AS d1
        FROM p ${pairedAnswerJoins(params, from, to)}
        JOIN unnest(${params.add(members.map((m) => m.code))}::text[], ${params.add(members.map((m) => m.construct))}::text[])
             AS m(code, construct) ON m.code = f.item_code
        WHERE f.value_number IS NOT NULL AND t.value_number IS NOT NULL`,
      toCells: ([construct], n) => [[`construct:${String(construct)}`, n]],
    };
  }

  /**
   * The base of the headline item's change in each breakdown category (`headline:<category>`) and in the whole view
   * (`headline`): people paired on the headline item.
   */
  static headlineCategoryPairs(dimension: BreakdownDimension, itemCode: string): CellSource {
    return {
      dimensions: ['category'],
      sql: (params) => `
        SELECT p.*, ${DIMENSION_KEY[dimension]} AS d1
        FROM p LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
        ${pairedAnswerJoins(params, 'pre', 'post', itemCode)}
        WHERE f.value_number IS NOT NULL AND t.value_number IS NOT NULL`,
      toCells: ([category], n) => [
        [`headline:${String(category)}`, n],
        ['headline', n],
      ],
    };
  }

  /**
   * Joins, beside each person of `p`, their place (`pe`) and when their cohort's post questionnaire opened
   * (`win.post_opens`: the end of the cohort's last action learning set, or of its last session when it has none),
   * which asked() reads.
   */
  private static askedJoins(params: Params, programmeId: string): string {
    return `
      LEFT JOIN enrolment pe ON pe.id = p.enrolment_id
      LEFT JOIN (SELECT s.cohort_id,
                        coalesce(max(s.ends_at) FILTER (WHERE s.kind = 'action-learning-set'), max(s.ends_at)) AS post_opens
                 FROM session s JOIN cohort c ON c.id = s.cohort_id
                 WHERE c.programme_id = ${params.add(programmeId)} AND s.status = 'scheduled'
                 GROUP BY s.cohort_id) win ON win.cohort_id = p.cohort_id`;
  }

  /**
   * Whether a person was asked to answer a stage's questionnaire: its window opened while they held a place (see
   * evaluation-windows.ts) — pre opens at sign-up, so everyone whose place was ever confirmed, including those who
   * withdrew later; post and follow-up open after the sets, so places still held then. `answered` (they answered
   * it) makes them asked whatever happened later, so respondents are a subset of the asked by construction and no
   * rate passes 100%. People known only by an anonymous code are asked exactly when they answered.
   */
  private static asked(stage: string, answered: string): string {
    const held = `pe.status IN ('confirmed', 'completed', 'did-not-complete')`;
    const window =
      stage === 'pre'
        ? `(pe.confirmed_at IS NOT NULL OR ${held})`
        : stage === 'post'
          ? `(${held} AND win.post_opens <= now())`
          : stage === 'follow-up'
            ? `(${held} AND win.post_opens + interval '${FOLLOW_UP_AFTER_DAYS} days' <= now())`
            : 'false';
    return `(coalesce(${window}, false) OR coalesce(${answered}, false))`;
  }

  /**
   * People who answered each stage's questionnaire, and the people asked to answer the `to` stage's (asked()),
   * for its response rate.
   */
  static stageResponses(programmeId: string, from: string, to: string): CellSource {
    return {
      dimensions: ['from', 'to', 'asked'],
      sql: (params) => {
        const fromStage = params.add(from);
        const toStage = params.add(to);
        return `
          SELECT p.*, coalesce(answered.has_from, false) AS d1, coalesce(answered.has_to, false) AS d2,
                 ${AnalyticsRepository.asked(to, 'answered.has_to')} AS d3
          FROM p LEFT JOIN (
            SELECT pairing_key, bool_or(stage = ${fromStage}) AS has_from, bool_or(stage = ${toStage}) AS has_to
            FROM evaluation_response
            WHERE programme_id = ${params.add(programmeId)} AND session_key = '' AND stage IN (${fromStage}, ${toStage})
            GROUP BY pairing_key) answered ON answered.pairing_key = p.person_key
          ${AnalyticsRepository.askedJoins(params, programmeId)}`;
      },
      toCells: ([answeredFrom, answeredTo, asked], n) => [
        ...(answeredFrom ? ([['responses:from', n]] as [string, number][]) : []),
        ...(answeredTo ? ([['responses:to', n]] as [string, number][]) : []),
        ...(asked ? ([['asked:to', n]] as [string, number][]) : []),
      ],
    };
  }

  static breakdownCells(programmeId: string, dimension: BreakdownDimension): CellSource {
    return {
      dimensions: ['category', 'trained', 'paired'],
      sql: (params) => `
        SELECT p.*, ${DIMENSION_KEY[dimension]} AS d1, p.status = 'completed' AS d2,
               coalesce(responded.has_pre AND responded.has_post, false) AS d3
        FROM p LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
        ${AnalyticsRepository.responded(params, programmeId)}`,
      toCells: ([category, trained, paired], n) => [
        ...(trained
          ? ([
              [`trained:${String(category)}`, n],
              ['trained', n],
            ] as [string, number][])
          : []),
        ...(paired
          ? ([
              [`paired:${String(category)}`, n],
              ['paired', n],
            ] as [string, number][])
          : []),
      ],
    };
  }

  /**
   * The furthest funnel stage each person reached, so every stage holds everyone in the stages after it:
   * 1 confirmed a place (ever, even if they withdrew later); 2 attended a workshop session; 3 also attended the
   * action learning sets their journey template's completion rule asks for (all sets held when it names a number
   * above those held or none); 4 certified (completed: the rule, sets included, was met); 5 certified and active in
   * the Community of Practice in the reporting year — attended a catch-up or the celebration event (present or
   * late on a cohort's register, or marked by a lead on a series session) in a financial year (April–March,
   * Europe/London) from `years.from` to `years.to`. A missing end is the latest financial year in which the
   * programme has held such a session; a missing start is the end, so a view without dates reports the latest year.
   */
  static funnelCells(programmeId: string, years: { from: number | null; to: number | null }): CellSource {
    return {
      dimensions: ['reached', 'system', 'organisation'],
      sql: (params) => {
        const programme = params.add(programmeId);
        const yearOf = (column: string) =>
          `(extract(year FROM ${column} AT TIME ZONE 'Europe/London')::int
            - CASE WHEN extract(month FROM ${column} AT TIME ZONE 'Europe/London') < 4 THEN 1 ELSE 0 END)`;
        return `
          WITH community_session AS (
            SELECT s.id, s.starts_at, ${yearOf('s.starts_at')} AS fy
            FROM session s
            LEFT JOIN cohort c ON c.id = s.cohort_id
            LEFT JOIN session_series se ON se.id = s.series_id
            WHERE coalesce(c.programme_id, se.programme_id) = ${programme} AND s.status = 'scheduled'
              AND s.kind IN ('community-of-practice', 'celebration-event')),
          reporting AS (
            SELECT coalesce(${params.add(years.from)}::int, ${params.add(years.to)}::int, latest.fy) AS fy_from,
                   coalesce(${params.add(years.to)}::int, latest.fy) AS fy_to
            FROM (SELECT max(fy) AS fy FROM community_session WHERE starts_at <= now()) latest),
          held AS (SELECT cs.id FROM community_session cs JOIN reporting r ON cs.fy BETWEEN r.fy_from AND r.fy_to),
          active AS (
            SELECT ca.user_id FROM held JOIN community_attendance ca ON ca.session_id = held.id
            UNION
            SELECT e.delegate_user_id FROM held
            JOIN attendance a ON a.session_id = held.id AND a.status IN ('present', 'late')
            JOIN enrolment e ON e.id = a.enrolment_id)
          SELECT p.*,
            CASE WHEN p.status = 'completed' AND active.user_id IS NOT NULL THEN 5
                 WHEN p.status = 'completed' THEN 4
                 WHEN coalesce(attended.workshop, false) AND set_sessions.sets > 0
                      AND coalesce(attended.sets, 0) >= CASE
                        WHEN jsonb_typeof(t.completion_rule->'action-learning-set') = 'number'
                          THEN least((t.completion_rule->>'action-learning-set')::int, set_sessions.sets)
                        ELSE set_sessions.sets END THEN 3
                 WHEN coalesce(attended.workshop, false) THEN 2
                 WHEN pe.confirmed_at IS NOT NULL OR p.status IN ('confirmed', 'did-not-complete') THEN 1
                 ELSE 0 END AS d1,
            p.system_id::text AS d2, coalesce(p.organisation_id::text, 'unknown') AS d3
          FROM p
          JOIN enrolment pe ON pe.id = p.enrolment_id
          JOIN cohort pc ON pc.id = p.cohort_id
          LEFT JOIN journey_template t ON t.id = pc.template_id
          LEFT JOIN (SELECT s.cohort_id, count(DISTINCT s.sequence)::int AS sets
                     FROM session s JOIN cohort c ON c.id = s.cohort_id
                     WHERE c.programme_id = ${programme} AND s.kind = 'action-learning-set' AND s.status = 'scheduled'
                     GROUP BY s.cohort_id) set_sessions ON set_sessions.cohort_id = p.cohort_id
          LEFT JOIN (SELECT a.enrolment_id, bool_or(s.kind = 'workshop') AS workshop,
                            count(DISTINCT s.sequence) FILTER (WHERE s.kind = 'action-learning-set') AS sets
                     FROM attendance a JOIN session s ON s.id = a.session_id JOIN cohort c ON c.id = s.cohort_id
                     WHERE c.programme_id = ${programme} AND a.status IN ('present', 'late')
                     GROUP BY a.enrolment_id) attended ON attended.enrolment_id = p.enrolment_id
          LEFT JOIN active ON active.user_id = p.user_id
          WHERE p.user_id IS NOT NULL`;
      },
      toCells: ([reached, system, organisation], n) =>
        FUNNEL_STAGES.slice(0, Number(reached) + 1).flatMap((stage): [string, number][] => [
          [`stage:${stage}`, n],
          ...(system ? ([[`system:${String(system)}:${stage}`, n]] as [string, number][]) : []),
          [`org:${String(organisation)}:${stage}`, n],
        ]),
    };
  }

  /**
   * Certified people by organisation and by the system of their organisation. People whose organisation is not
   * known count in the total only: a system's reach is its organisations' people against their headcounts.
   */
  static reachCells(): CellSource {
    return {
      dimensions: ['organisation', 'system'],
      sql: () =>
        `SELECT p.*, coalesce(p.organisation_id::text, 'unknown') AS d1,
                CASE WHEN p.organisation_id IS NOT NULL THEN p.system_id::text END AS d2
         FROM p WHERE p.status = 'completed'`,
      toCells: ([organisation, system], n) => [
        [`org:${String(organisation)}`, n],
        ...(system ? ([[`system:${String(system)}`, n]] as [string, number][]) : []),
        ['total', n],
      ],
    };
  }

  /** Certified people by calendar quarter of certification (Europe/London) and group. */
  static cumulativeCells(): CellSource {
    return {
      dimensions: ['quarter', 'group'],
      sql: () => `
        SELECT p.*, to_char(p.completed_at AT TIME ZONE 'Europe/London', 'YYYY-"Q"Q') AS d1, p.grp AS d2
        FROM p WHERE p.status = 'completed' AND p.completed_at IS NOT NULL`,
      toCells: ([quarter, group], n) => [[`q:${String(quarter)}:${String(group)}`, n]],
    };
  }

  /** Per cohort: the people asked to answer the pre and the post questionnaires (asked()), and who answered. */
  static responseRateCells(programmeId: string): CellSource {
    return {
      dimensions: ['cohort', 'pre-asked', 'post-asked', 'pre', 'post'],
      sql: (params) => `
        SELECT p.*, p.cohort_id::text AS d1,
               ${AnalyticsRepository.asked('pre', 'responded.has_pre')} AS d2,
               ${AnalyticsRepository.asked('post', 'responded.has_post')} AS d3,
               coalesce(responded.has_pre, false) AS d4, coalesce(responded.has_post, false) AS d5
        FROM p ${AnalyticsRepository.responded(params, programmeId)}
        ${AnalyticsRepository.askedJoins(params, programmeId)}`,
      toCells: ([cohort, preAsked, postAsked, pre, post], n) =>
        (
          [
            ['pre-asked', preAsked],
            ['post-asked', postAsked],
            ['pre', pre],
            ['post', post],
          ] as const
        )
          .filter(([, given]) => given)
          .map(([cell]): [string, number] => [`cohort:${String(cohort)}:${cell}`, n]),
    };
  }

  static commentCells(programmeId: string, stage: string): CellSource {
    return {
      dimensions: [],
      sql: (params) => `
        SELECT p.* FROM p WHERE EXISTS (
          SELECT 1 FROM evaluation_response r
          JOIN evaluation_answer a ON a.response_id = r.id AND a.value_text IS NOT NULL
          JOIN instrument i ON i.id = r.instrument_id
          WHERE r.programme_id = ${params.add(programmeId)} AND r.pairing_key = p.person_key AND r.session_key = ''
            AND r.stage = ${params.add(stage)}
            AND ${IS_FREE_TEXT_ANSWER})`,
      toCells: (_, n) => [['comments', n]],
    };
  }

  // ── Statistics over the view's people (only ever run for views already large enough) ──

  /**
   * Construct scores: each person's mean over the construct's items (0–10 scales rescaled to 1–5), paired,
   * summarised as n, means and the mean and SD of the change. Summed in numeric, which is exact whatever order
   * PostgreSQL reads the rows in: float8 sums differed in the last digit when the same answers were read in
   * another order (after an erasure re-grouped the people), so a figure moved although no answer had.
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
    const rows = (await this.aggregate(
      `WITH ${people},
       m AS (SELECT * FROM unnest(${params.add(items.map((i) => i.code))}::text[], ${params.add(items.map((i) => i.construct))}::text[],
                                  ${params.add(items.map((i) => i.scale))}::float8[], ${params.add(items.map((i) => i.offset))}::float8[])
             AS m(code, construct, scale, "offset")),
       scores AS (
         SELECT p.person_key, m.construct,
                avg(f.value_number::numeric * m.scale::numeric + m."offset"::numeric) AS s_from,
                avg(t.value_number::numeric * m.scale::numeric + m."offset"::numeric) AS s_to
         FROM p ${pairedAnswerJoins(params, fromStage, toStage)}
         JOIN m ON m.code = f.item_code
         WHERE ${where} AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL
         GROUP BY 1, 2)
       SELECT construct, count(*)::int AS n, avg(s_from)::float8 AS "meanFrom", avg(s_to)::float8 AS "meanTo",
              avg(s_to - s_from)::float8 AS "meanChange", stddev_samp(s_to - s_from)::float8 AS "sdChange"
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
    const rows = (await this.aggregate(
      `WITH ${people}
       SELECT ${DIMENSION_KEY[dimension]} AS key, count(*)::int AS n,
              sum(t.value_number - f.value_number)::float8 AS "sumChange",
              count(*) FILTER (WHERE t.value_number > f.value_number)::int AS improved
       FROM p
       LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
       ${pairedAnswerJoins(params, 'pre', 'post', itemCode)}
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
       WHERE ${where} AND ${IS_FREE_TEXT_ANSWER}
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
    systemIds: string[] | null,
  ): Promise<{ rows: AsyncIterable<MatchedRow>; release: () => Promise<void> }> {
    const params = new Params();
    const programme = params.add(programmeId);
    // A lead of some systems gets only the respondents Impact counts in them (people() decides who that is).
    const people = systemIds
      ? `WITH ${this.people({ programmeId, sponsorOrganisationId: null, systemIds }, params)}`
      : '';
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    const stream = await runner.stream(
      `${people}
       SELECT row_number() OVER (ORDER BY r.pairing_key) AS respondent,
              min(c.name) AS cohort, min(o.ods_code) AS "odsCode",
              jsonb_object_agg(r.stage || '.' || a.item_code, coalesce(a.value_number::text, a.value_text)) AS answers
       FROM evaluation_response r
       JOIN evaluation_answer a ON a.response_id = r.id
       JOIN cohort c ON c.id = r.cohort_id
       LEFT JOIN app_user u ON u.id = r.delegate_user_id
       LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE r.programme_id = ${programme} AND r.session_key = ''
         ${systemIds ? 'AND r.pairing_key IN (SELECT person_key FROM p)' : ''}
       GROUP BY r.pairing_key
       ORDER BY r.pairing_key`,
      params.values,
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
}

export type { Params };
