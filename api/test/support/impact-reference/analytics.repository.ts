/**
 * REFERENCE COPY, frozen: AnalyticsRepository (people, view condition, countCells, soleContainers), without its cache, as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import type { DataSource } from 'typeorm';
import type { AnalyticsScope, UnitLevel } from './scope';
import { CellSource, Params } from './impact-sql';

/** A count of people in one cell, at one level of the hierarchy, for one financial year. */
export interface LevelCellRow {
  level: UnitLevel | 'view';
  key: string;
  fy: number;
  cell: string;
  n: number;
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

/**
 * The core of every Impact report: the people a viewer may see (`p`), the view's condition on them, and counts per
 * cell at every level the disclosure policy checks, kept in the aggregate cache until the data changes. Each report's
 * own SQL (its source of cells) lives in its repository under reports/.
 */
export class ReferenceAnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The people of the programme the viewer may see: each delegate once (their latest place), plus, for
   * programmes evaluated anonymously, each self-generated code once (known only by its cohort).
   */
  people(
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
  viewCondition(scope: AnalyticsScope, params: Params): string {
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
  aggregate(sql: string, params: unknown[]): Promise<unknown[]> {
    // The reference never keeps results: every comparison reads the data as it is now.
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      return (await manager.query(sql, params)) as unknown[];
    });
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

  /** Names of the programme's delegates, to take out of comments shown beyond the programme team. */
  async delegateNames(programmeId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT u.full_name AS name FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id WHERE e.programme_id = $1`,
      [programmeId],
    )) as { name: string }[];
    return rows.map((row) => row.name);
  }
}
