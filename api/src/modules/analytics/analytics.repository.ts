import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { onReplica } from '../../database/read-replica';
import { ImpactAggregatesService } from './aggregates/impact-aggregates.service';
import { Grain, grainFor, KeyColumn } from './aggregates/impact-grains';
import { AnalyticsChangeListener } from './analytics-change-listener';
import { AnalyticsScope, UnitLevel } from './analytics-scope';
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

/** The column holding a unit's key at each level, and its parent's (none for the whole programme). */
const LEVEL_COLUMN: Record<UnitLevel, KeyColumn | null> = {
  organisation: 'organisation_id',
  cohort: 'cohort_id',
  system: 'system_id',
  group: 'grp',
  all: null,
};
const PARENT_COLUMN: Record<UnitLevel, KeyColumn | null> = {
  organisation: 'system_id',
  cohort: 'cohort_system_id',
  system: 'grp',
  group: null,
  all: null,
};

/**
 * `column` is the unit `value`, compared as the column's own type (a uuid, or a group's text): compared as text,
 * PostgreSQL could use no index on the column, and a system's view scanned the whole programme's rows.
 */
function keyIs(column: KeyColumn | null, value: string, params: Params, prefix = ''): string {
  if (column === null) return 'TRUE';
  return `${prefix}${column} = ${params.add(value)}${column === 'grp' ? '' : '::uuid'}`;
}

/** The key columns a unit's own condition (keyIs, and a cohort's own-system rule) and its parent's read. */
const LEVEL_COLUMNS: Record<UnitLevel, KeyColumn[]> = {
  organisation: ['organisation_id'],
  cohort: ['cohort_id', 'system_id', 'cohort_system_id'],
  system: ['system_id'],
  group: ['grp'],
  all: [],
};
const PARENT_COLUMNS: Record<UnitLevel, KeyColumn[]> = {
  organisation: ['system_id'],
  cohort: ['cohort_system_id', 'system_id'],
  system: ['grp'],
  group: [],
  all: [],
};

/** A start date that is the first day of a financial year, or a last day, is a condition on financial years. */
const isYearStart = (date: string) => date.endsWith('-04-01');
const isYearEnd = (date: string) => date.endsWith('-03-31');
const yearOf = (date: string) => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 4 ? 1 : 0);

/** The key columns the viewer's own limits read: a sponsor's organisation, a system member's systems. */
function viewerColumns(scope: AnalyticsScope): KeyColumn[] {
  const columns: KeyColumn[] = [];
  if (scope.sponsorOrganisationId) columns.push('organisation_id');
  if (scope.systemIds) columns.push('system_id');
  return columns;
}

/** The key columns a viewer's scope and view read, so the coarsest grain holding them can answer. */
export function scopeColumns(scope: AnalyticsScope): KeyColumn[] {
  const columns = viewerColumns(scope);
  if (scope.personLevel) {
    const f = scope.filters;
    if (f.startFrom) columns.push(isYearStart(f.startFrom) ? 'fy' : 'start_date');
    if (f.startTo) columns.push(isYearEnd(f.startTo) ? 'fy' : 'start_date');
    if (f.group) columns.push('grp');
    if (f.systemId) columns.push('system_id');
    if (f.organisationId) columns.push('organisation_id');
    if (f.cohortId) columns.push('cohort_id');
    return columns;
  }
  columns.push('fy');
  scope.chain.forEach((unit) => columns.push(...LEVEL_COLUMNS[unit.level]));
  if (scope.siblingsWithin) columns.push(...PARENT_COLUMNS[scope.chain[0].level]);
  return columns;
}

/**
 * The core of every Impact report: the people a viewer may see (`p`), the view's condition on them, and counts per
 * cell at every level the disclosure policy checks, kept in the aggregate cache until the data changes. Each report's
 * own SQL (its source of cells) lives in its repository under reports/.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: AnalyticsChangeListener,
    private readonly aggregates: ImpactAggregatesService,
  ) {}

  /**
   * The kept counts of one fact a viewer may see, at the coarsest grain holding every column the view and
   * `needs` read, as rows named like impact_person's columns (so viewCondition applies) plus `dims`, the count
   * `n` and the fact's sums `s1`–`s3`.
   * Starts applying what is waiting in the change log first (waiting for it up to IMPACT_READ_WAIT_MS).
   */
  async cells(
    scope: AnalyticsScope,
    fact: string,
    params: Params,
    needs: KeyColumn[] = [],
  ): Promise<{ grain: Grain; sql: string }> {
    await this.aggregates.catchUp();
    return this.cellsHolding(scope, fact, params, [...scopeColumns(scope), ...needs]);
  }

  /** The viewer's kept counts of a fact at the coarsest grain with `columns` (and the viewer's own). */
  private cellsHolding(
    scope: AnalyticsScope,
    fact: string,
    params: Params,
    columns: KeyColumn[],
  ): { grain: Grain; sql: string } {
    const grain = grainFor([...viewerColumns(scope), ...columns], fact);
    const conditions = [`programme_id = ${params.add(scope.programmeId)}`, `fact = ${params.add(fact)}`];
    if (scope.sponsorOrganisationId)
      conditions.push(`organisation_id = ${params.add(scope.sponsorOrganisationId)}::uuid`);
    if (scope.systemIds) conditions.push(`system_id = ANY(${params.add(scope.systemIds)}::uuid[])`);
    return {
      grain,
      sql: `SELECT ${grain.columns.join(', ')}, dims, n, s1, s2, s3 FROM ${grain.table} WHERE ${conditions.join(' AND ')}`,
    };
  }

  /** Starts applying what is waiting in the change log, waiting for it up to IMPACT_READ_WAIT_MS. */
  catchUp(): Promise<void> {
    return this.aggregates.catchUp();
  }

  /**
   * The people of the programme the viewer may see (`p`), from impact_person: each delegate once (their latest
   * place), plus, for programmes evaluated anonymously, each self-generated code once (known only by its cohort).
   * A person belongs to one system only (their latest place's), whoever is asking. Call catchUp() first.
   */
  people(
    scope: Pick<AnalyticsScope, 'programmeId' | 'sponsorOrganisationId' | 'systemIds'>,
    params: Params,
  ): string {
    const conditions = [`ip.programme_id = ${params.add(scope.programmeId)}`];
    if (scope.sponsorOrganisationId)
      conditions.push(`ip.organisation_id = ${params.add(scope.sponsorOrganisationId)}::uuid`);
    if (scope.systemIds) conditions.push(`ip.system_id = ANY(${params.add(scope.systemIds)}::uuid[])`);
    return `
      p AS (
        SELECT ip.*, ip.programme_id AS p_programme, c.name AS cohort_name
        FROM impact_person ip JOIN cohort c ON c.id = ip.cohort_id
        WHERE ${conditions.join(' AND ')}
      )`;
  }

  /** The condition selecting the requested view's people from `p`. */
  viewCondition(scope: AnalyticsScope, params: Params): string {
    const conditions: string[] = ['TRUE'];
    if (scope.personLevel) {
      const f = scope.filters;
      // Whole financial years are read as years, so the coarser grains can answer them.
      if (f.startFrom)
        conditions.push(
          isYearStart(f.startFrom)
            ? `p.fy >= ${params.add(yearOf(f.startFrom))}::int`
            : `p.start_date >= ${params.add(f.startFrom)}::date`,
        );
      if (f.startTo)
        conditions.push(
          isYearEnd(f.startTo)
            ? `p.fy <= ${params.add(yearOf(f.startTo))}::int`
            : `p.start_date <= ${params.add(f.startTo)}::date`,
        );
      if (f.group) conditions.push(`p.grp = ${params.add(f.group)}`);
      if (f.systemId) conditions.push(`p.system_id = ${params.add(f.systemId)}::uuid`);
      if (f.organisationId) conditions.push(`p.organisation_id = ${params.add(f.organisationId)}::uuid`);
      if (f.cohortId) conditions.push(`p.cohort_id = ${params.add(f.cohortId)}::uuid`);
      return conditions.join(' AND ');
    }
    const unit = scope.chain[0];
    if (unit.level !== 'all') conditions.push(keyIs(LEVEL_COLUMN[unit.level], unit.value, params, 'p.'));
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
   * and for each ancestor, one query per level (joined with UNION ALL), so wider views and siblings can be checked
   * before anything is published. A source's `measures` are summed beside `n` and handed to `toCells`.
   */
  async countCells(scope: AnalyticsScope, source: CellSource): Promise<LevelCellRow[]> {
    const params = new Params();
    const dims = source.dimensions.map((_, i) => `d${i + 1}`);
    const dimensions = [
      ...source.dimensions.map((sql, i) => `${sql} AS d${i + 1}`),
      ...(source.measures ?? []).map((sql, i) => `${sql} AS m${i + 1}`),
    ];
    const measures = (source.measures ?? []).map((_, i) => `m${i + 1}`);
    const sums = ['sum(n)::int AS n', ...measures.map((m) => `sum(${m})::int AS ${m}`)].join(', ');
    const measured = (row: Record<string, unknown>) => measures.map((m) => Number(row[m]));
    const only = (from: string) => `(${from}) p ${source.where ? `WHERE ${source.where(params)}` : ''}`;
    if (scope.personLevel) {
      const cells = await this.cells(scope, source.fact, params, source.needs);
      const where = this.viewCondition(scope, params);
      const sql = `SELECT ${[...dims, sums].join(', ')}
                   FROM (SELECT ${[...cells.grain.columns, ...dimensions, 'n'].join(', ')} FROM ${only(cells.sql)}) p
                   WHERE ${where} ${dims.length ? `GROUP BY ${dims.join(', ')}` : ''}`;
      const rows = (await this.aggregate(sql, params.values)) as Record<string, unknown>[];
      return rows.flatMap((row) =>
        source
          .toCells(
            dims.map((d) => row[d]),
            Number(row['n']),
            measured(row),
          )
          .map(([cell, n]): LevelCellRow => ({ level: 'view', key: '', fy: 0, cell, n })),
      );
    }
    // Everyone else: per financial year, the unit and its siblings (inside the unit's parent) and each ancestor.
    // Each level is read from the coarsest grain with the columns it needs and only the rows it covers, so a
    // system's view sums the system grain and the whole programme's, not a cohort × organisation row per person.
    await this.aggregates.catchUp();
    const [unit, ...ancestors] = scope.chain;
    const within = scope.siblingsWithin;
    const parts = [unit, ...ancestors].map((level, i) => {
      const columns: KeyColumn[] = ['fy', ...LEVEL_COLUMNS[level.level], ...(source.needs ?? [])];
      if (i === 0 && within) columns.push(...PARENT_COLUMNS[level.level]);
      const cells = this.cellsHolding(scope, source.fact, params, columns);
      const conditions =
        i === 0
          ? [
              ...(level.level === 'all' ? [] : [`${LEVEL_COLUMN[level.level]} IS NOT NULL`]),
              ...(within && within.level !== 'all'
                ? [keyIs(PARENT_COLUMN[level.level], within.value, params)]
                : []),
            ]
          : level.level === 'all'
            ? []
            : [keyIs(LEVEL_COLUMN[level.level], level.value, params)];
      // A cohort's view counts the delegates from the cohort's own system, so it nests inside that system's view.
      if (level.level === 'cohort') conditions.push('system_id = cohort_system_id');
      if (source.where) conditions.push(source.where(params));
      const key = i === 0 && level.level !== 'all' ? LEVEL_KEY[level.level] : "''";
      return `SELECT ${i} AS level, k, fy${dims.map((d) => `, ${d}`).join('')}, ${sums}
              FROM (SELECT ${key} AS k, fy, ${[...dimensions, 'n'].join(', ')} FROM (${cells.sql}) p
                    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}) keyed
              GROUP BY k, fy${dims.map((d) => `, ${d}`).join('')}`;
    });
    const rows = (await this.aggregate(parts.join('\nUNION ALL\n'), params.values)) as Record<
      string,
      unknown
    >[];
    const result: LevelCellRow[] = [];
    for (const row of rows) {
      const level = (scope.chain[Number(row['level'])] ?? unit).level;
      const key = Number(row['level']) === 0 ? String(row['k']) : '';
      const fy = Number(row['fy']);
      for (const [cell, n] of source.toCells(
        dims.map((d) => row[d]),
        Number(row['n']),
        measured(row),
      ))
        result.push({ level, key, fy, cell, n });
    }
    return result;
  }

  /**
   * Runs a large aggregate with enough sort/hash memory that national-scale joins stay in memory instead of
   * spilling to temporary files (set locally: only for this read-only transaction), on the read replica when one is
   * configured. The result is reused until the data it reads changes, so a dashboard's reports, exports and board
   * report share one computation (the cache is off with a replica: see AnalyticsChangeListener).
   */
  aggregate(sql: string, params: unknown[]): Promise<unknown[]> {
    return this.changes.cache.rows(
      JSON.stringify([sql, params]),
      () => this.changes.version(),
      () =>
        onReplica(this.dataSource, (replica) =>
          replica.transaction('READ COMMITTED', async (manager) => {
            // No parallel workers either: on a database server of two cores, busy with other requests,
            // PostgreSQL's parallel plans for these reads were slower (a national breakdown by cohort 241 ms against
            // 198 ms, a steering member's items for a system and year 125 against 92; none faster). One round trip.
            await manager.query(
              `SELECT set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)`,
            );
            return (await manager.query(sql, params)) as unknown[];
          }),
        ),
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
    const cells = await this.cells(scope, 'responses', params, ['cohort_id', 'organisation_id']);
    const where = this.viewCondition(scope, params);
    const [row] = (await this.aggregate(
      `WITH p AS (${cells.sql})
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
