import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Params } from '../impact-sql';
import { communityYearsDue, FACTS, peopleSql, windowsDue } from './impact-facts';
import {
  COARSE_GRAINS,
  COHORT_GRAIN,
  COHORT_WHOLE_GRAIN,
  Grain,
  keeps,
  KeyColumn,
  ORGANISATION_GRAIN,
  PROGRAMME_GRAIN,
  SYSTEM_GRAIN,
} from './impact-grains';

/** A change-log entry: someone whose figures may have changed. */
export interface PersonChange {
  programmeId: string;
  personKey: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COHORT_COLUMNS = COHORT_GRAIN.columns.join(', ');
/** The advisory lock every writer of the aggregates holds, on any instance. */
const LOCK = `hashtext('impact-aggregates')`;

const SUMS = ['s1', 's2', 's3'];
/** The counted and summed columns of a cell, summed over the rows of a group. */
const TOTALS = `sum(n)::int AS n, ${SUMS.map((s) => `sum(${s}) AS ${s}`).join(', ')}`;

interface PreparingClient {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * Runs a statement every turn repeats as a named prepared statement with a generic plan, on the transaction's own
 * connection. Recomputing groups is one statement over every fact (a plan of 1,200 lines): PostgreSQL took 35 to
 * 85 ms to plan it, each turn, as long as running it for a cohort's groups. A prepared statement is planned once
 * per connection, and its generic plan ran as fast as the custom ones (0.3 ms to plan; measured at 200,000
 * delegates). Named by its text, so a statement that differs is prepared afresh rather than confused with it.
 */
async function prepared(
  manager: EntityManager,
  text: string,
  values: unknown[],
  transactionPooled: boolean,
): Promise<Record<string, unknown>[]> {
  // Behind PgBouncer in transaction mode the next turn may get another server connection, where a statement this
  // client prepared does not exist: there each turn plans it afresh, as before.
  if (!manager.queryRunner || transactionPooled)
    return (await manager.query(text, values)) as Record<string, unknown>[];
  const client = (await manager.queryRunner.connect()) as PreparingClient;
  const name = `impact_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  // For this statement only (a failed one ends the transaction, and the setting with it).
  await manager.query(`SELECT set_config('plan_cache_mode', 'force_generic_plan', true)`);
  const { rows } = await client.query({ name, text, values });
  await manager.query(`SELECT set_config('plan_cache_mode', 'auto', true)`);
  return rows;
}

/** Each fact's rows for the people in `p`, counted (and summed, for facts with sums) per cohort-grain cell. */
function freshCells(params: Params, programme: string): string {
  return FACTS.map((fact) => {
    const sums = SUMS.map((s, i) => `${fact.sums ? `sum(${fact.sums[i]})` : 'NULL::numeric'} AS ${s}`);
    return `SELECT programme_id, ${COHORT_COLUMNS}, ${params.add(fact.name)}::varchar AS fact, dims, count(*)::int AS n,
                   ${sums.join(', ')}
            FROM (${fact.sql(params, programme)}) f GROUP BY programme_id, ${COHORT_COLUMNS}, dims`;
  }).join('\nUNION ALL\n');
}

/** The condition keeping only a grain's facts (nothing for a grain that keeps every fact). */
function keptFacts(grain: Grain): string {
  // The names are the code's own constants, written into the statement so its text (and prepared plan) stays put.
  return grain.facts ? `WHERE fact IN (${grain.facts.map((fact) => `'${fact}'`).join(', ')})` : '';
}

/**
 * Adds `delta` (rows of cohort-grain cells, negative for removed ones) into a coarser grain. A group whose count
 * is unchanged may still have changed sums (someone's score moved), so both are tested.
 */
function addToCoarse(grain: Grain, delta: string): string {
  const columns = ['programme_id', 'fact', ...grain.columns, 'dims'].join(', ');
  return `INSERT INTO ${grain.table} (${columns}, n, ${SUMS.join(', ')})
          SELECT ${columns}, ${TOTALS} FROM ${delta} ${keptFacts(grain)} GROUP BY ${columns}
          HAVING sum(n) <> 0 ${SUMS.map((s) => `OR coalesce(sum(${s}), 0) <> 0`).join(' ')}
          ON CONFLICT ON CONSTRAINT "UQ_${grain.table}" DO UPDATE SET n = ${grain.table}.n + excluded.n,
            ${SUMS.map((s) => `${s} = ${grain.table}.${s} + excluded.${s}`).join(', ')}`;
}

/**
 * The only code that writes the Impact aggregates (see the ImpactAggregates migration for the tables). Everything
 * here runs inside the caller's transaction, which holds the aggregates lock, so two instances never apply at
 * once and no increment is lost.
 */
@Injectable()
export class ImpactAggregatesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  /** Only one applier at a time, across instances; the others skip their turn. */
  async tryLock(manager: EntityManager): Promise<boolean> {
    const [row] = (await manager.query(`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`)) as {
      locked: boolean;
    }[];
    return row?.locked === true;
  }

  /** Waits for the aggregates lock until the transaction ends (or the transaction's lock_timeout passes). */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
  }

  /** How many people are waiting to be applied, in all (read without the lock). */
  async waiting(): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT programme_id, person_key FROM impact_change) waiting`,
    )) as { n: number }[];
    return Number(row?.n ?? 0);
  }

  /** The people waiting to be applied, per programme. */
  async backlog(manager: EntityManager): Promise<{ programmeId: string; changes: number }[]> {
    const rows = (await manager.query(
      `SELECT programme_id AS "programmeId", count(DISTINCT person_key)::int AS changes FROM impact_change GROUP BY programme_id`,
    )) as { programmeId: string; changes: number }[];
    return rows;
  }

  /**
   * Takes the oldest changes off the log. Deleting (rather than reading, then deleting later) means exactly the
   * rows committed before this statement are taken; a change committed while the batch is applied stays for the
   * next turn, so it is never lost and never half-applied.
   */
  async takeChanges(manager: EntityManager, limit: number): Promise<PersonChange[]> {
    return (await manager.query(
      // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      `WITH taken AS (DELETE FROM impact_change WHERE id IN (SELECT id FROM impact_change ORDER BY id LIMIT $1)
                      RETURNING programme_id, person_key)
       SELECT programme_id AS "programmeId", person_key AS "personKey" FROM taken`,
      [limit],
    )) as PersonChange[];
  }

  async takeProgrammeChanges(manager: EntityManager, programmeId: string): Promise<void> {
    await manager.query(`DELETE FROM impact_change WHERE programme_id = $1`, [programmeId]);
  }

  /**
   * Recomputes some people: their row in impact_person, then every cohort-grain cell of the cohort ×
   * organisation groups they were in or are now in, and the coarser grains by the difference.
   */
  async applyPeople(manager: EntityManager, programmeId: string, personKeys: string[]): Promise<void> {
    const keys = [...new Set(personKeys)];
    const userIds = keys.filter((key) => UUID.test(key));
    const groupsOf = `SELECT DISTINCT cohort_id, organisation_id FROM impact_person WHERE programme_id = $1 AND person_key = ANY($2::text[])`;
    const before = (await manager.query(groupsOf, [programmeId, keys])) as Group[];
    await manager.query(
      `DELETE FROM impact_person WHERE programme_id = $1 AND person_key = ANY($2::text[])`,
      [programmeId, keys],
    );
    const params = new Params();
    const programme = params.add(programmeId);
    const people = peopleSql(programme, { userIds: params.add(userIds), codes: params.add(keys) });
    await manager.query(`INSERT INTO impact_person ${people}`, params.values);
    const after = (await manager.query(groupsOf, [programmeId, keys])) as Group[];
    // A cohort whose sessions just changed may have opened (or closed) a questionnaire, and the programme's
    // Community of Practice year may have moved (a session changed, or one has started since): record those first.
    const cohorts = [...new Set(after.map((group) => group.cohort_id))];
    if (cohorts.length > 0) await this.recordWindows(manager, cohorts);
    await this.recordCommunityYears(manager, [programmeId]);
    const groups = new Map<string, Group>();
    for (const group of [...before, ...after])
      groups.set(`${group.cohort_id}/${group.organisation_id ?? ''}`, group);
    if (groups.size > 0) await this.recomputeGroups(manager, programmeId, [...groups.values()]);
  }

  private async recomputeGroups(manager: EntityManager, programmeId: string, groups: Group[]): Promise<void> {
    const params = new Params();
    const programme = params.add(programmeId);
    const cohorts = params.add(groups.map((group) => group.cohort_id));
    const organisations = params.add(groups.map((group) => group.organisation_id));
    const inGroup = (alias: string) =>
      `${alias}.cohort_id = g.cohort_id AND ${alias}.organisation_id IS NOT DISTINCT FROM g.organisation_id`;
    const fresh = freshCells(params, programme);
    const result = await prepared(
      manager,
      `WITH g AS (SELECT * FROM unnest(${cohorts}::uuid[], ${organisations}::uuid[]) AS g(cohort_id, organisation_id)),
       removed AS (DELETE FROM impact_cell_cohort c USING g WHERE c.programme_id = ${programme} AND ${inGroup('c')}
                   RETURNING c.*),
       p AS (SELECT ip.*, ip.programme_id AS p_programme FROM impact_person ip JOIN g ON ${inGroup('ip')}
             WHERE ip.programme_id = ${programme}),
       fresh AS (${fresh}),
       inserted AS (INSERT INTO impact_cell_cohort (programme_id, ${COHORT_COLUMNS}, fact, dims, n, ${SUMS.join(', ')})
                    SELECT * FROM fresh RETURNING 1),
       delta AS (SELECT programme_id, ${COHORT_COLUMNS}, fact, dims, n, ${SUMS.join(', ')} FROM fresh
                 UNION ALL SELECT programme_id, ${COHORT_COLUMNS}, fact, dims, -n, ${SUMS.map((s) => `-${s}`).join(', ')}
                 FROM removed),
       ${COARSE_GRAINS.map((grain, i) => `coarse${i} AS (${addToCoarse(grain, 'delta')} RETURNING ctid AS at, n)`).join(',\n')}
       SELECT (SELECT count(*) FROM inserted) AS written,
              ${COARSE_GRAINS.map((_, i) => `array(SELECT at FROM coarse${i} WHERE n = 0)::text[] AS empty${i}`).join(', ')}`,
      params.values,
      // DATABASE_SESSION_URL is set exactly when DATABASE_URL goes through a transaction pooler.
      this.config.database.sessionUrl !== null,
    );
    // A cell whose people have all gone is deleted, so the coarse tables hold only what exists. Only the cells
    // this statement touched can have become empty: deleting them by row (this transaction holds the only
    // writer's lock, so the rows stay where they are) rather than looking for n = 0 among a programme's million
    // rows, which at national scale took most of each turn.
    for (const [i, grain] of COARSE_GRAINS.entries()) {
      const empty = result[0]?.[`empty${i}`] as string[] | undefined;
      if (empty && empty.length > 0)
        await manager.query(`DELETE FROM ${grain.table} WHERE ctid = ANY($1::tid[])`, [empty]);
    }
  }

  /**
   * Recomputes a whole programme from scratch (after a large import or a new questionnaire, or on request): its
   * rows are deleted, its people written `batch` at a time, then the cohort grain is filled for a few hundred
   * cohorts at a time (about `batch` people, so no statement runs long), and each coarser grain is summed from
   * the next finer one, per fact and slice of systems. Nothing is upserted: applying people one batch at a time, as
   * the applier does, would update each organisation's and system's rows once per batch, which at national scale
   * took most of the time and left the tables bloated.
   */
  async rebuildProgramme(manager: EntityManager, programmeId: string, batch: number): Promise<void> {
    await this.writePeople(manager, programmeId, batch);
    for (const cohorts of await this.slices(manager, programmeId, 'cohort_id', batch))
      await this.insertCohortCells(manager, programmeId, cohorts);
    await this.sumCoarse(manager, programmeId, batch);
  }

  /**
   * The same rebuild for a command that has the database to itself (seed:scale after a bulk load): the cohort
   * grain is filled by `workers` connections at once, each slice in a transaction of its own, while one session
   * holds the aggregates lock throughout so no applier runs in between. Readers may see a programme half
   * computed meanwhile, so nothing that serves reports uses this.
   */
  async rebuildProgrammeInParallel(programmeId: string, batch: number, workers: number): Promise<void> {
    const holder = this.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(${LOCK})`);
      const slices = await this.transaction(async (manager) => {
        await this.takeProgrammeChanges(manager, programmeId);
        await this.writePeople(manager, programmeId, batch);
        return this.slices(manager, programmeId, 'cohort_id', batch);
      });
      await Promise.all(
        Array.from({ length: workers }, async () => {
          for (let slice = slices.shift(); slice; slice = slices.shift()) {
            const cohorts = slice; // a const the closure can rely on (the loop variable is reassigned)
            await this.transaction((manager) => this.insertCohortCells(manager, programmeId, cohorts));
          }
        }),
      );
      await this.transaction((manager) => this.sumCoarse(manager, programmeId, batch));
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(${LOCK})`).catch(() => undefined);
      await holder.release();
    }
  }

  /** Deletes the programme's kept rows and writes its people afresh, `batch` people a statement. */
  private async writePeople(manager: EntityManager, programmeId: string, batch: number): Promise<void> {
    for (const grain of [COHORT_GRAIN, ...COARSE_GRAINS])
      await manager.query(`DELETE FROM ${grain.table} WHERE programme_id = $1`, [programmeId]);
    await manager.query(`DELETE FROM impact_person WHERE programme_id = $1`, [programmeId]);
    const keys = (await manager.query(
      `SELECT DISTINCT delegate_user_id::text AS key FROM enrolment WHERE programme_id = $1
       UNION ALL
       SELECT DISTINCT pairing_key FROM evaluation_response
       WHERE programme_id = $1 AND delegate_user_id IS NULL AND session_key = ''`,
      [programmeId],
    )) as { key: string }[];
    for (let i = 0; i < keys.length; i += batch) {
      const chunk = keys.slice(i, i + batch).map((row) => row.key);
      const params = new Params();
      const programme = params.add(programmeId);
      const people = peopleSql(programme, {
        userIds: params.add(chunk.filter((key) => UUID.test(key))),
        codes: params.add(chunk),
      });
      await manager.query(`INSERT INTO impact_person ${people}`, params.values);
    }
    // The planner must see the new rows' spread to join them to answers by index rather than by scanning.
    await manager.query(`ANALYZE impact_person`);
  }

  /** The coarser grains from the programme's (just written) cohort grain. */
  private async sumCoarse(manager: EntityManager, programmeId: string, batch: number): Promise<void> {
    // Likewise, summing a fact's slice must read the rows just written by index, not scan all of them.
    await manager.query(`ANALYZE impact_cell_cohort`);
    const systems = await this.slices(manager, programmeId, 'system_id', batch);
    await this.sumInto(manager, programmeId, ORGANISATION_GRAIN, COHORT_GRAIN, systems);
    await manager.query(`ANALYZE impact_cell_organisation`);
    await this.sumInto(manager, programmeId, SYSTEM_GRAIN, ORGANISATION_GRAIN, systems);
    await manager.query(`ANALYZE impact_cell_system`);
    // A programme cell spans every system, so it is summed whole (a fact's system rows are few).
    await this.sumInto(manager, programmeId, PROGRAMME_GRAIN, SYSTEM_GRAIN, [systems.flat()]);
    // A whole cohort's cell spans systems, so it is summed by slices of cohorts.
    const cohorts = await this.slices(manager, programmeId, 'cohort_id', batch);
    await this.sumInto(manager, programmeId, COHORT_WHOLE_GRAIN, COHORT_GRAIN, cohorts, 'cohort_id');
    await manager.query(`ANALYZE impact_cell_cohort_whole`);
  }

  /**
   * The values of `key` among the programme's people, in groups of at most `batch` people (a larger value
   * alone): the slices a rebuild's statements each work on.
   */
  private async slices(
    manager: EntityManager,
    programmeId: string,
    key: KeyColumn,
    batch: number,
  ): Promise<(string | null)[][]> {
    const rows = (await manager.query(
      `SELECT ${key} AS key, count(*)::int AS people FROM impact_person WHERE programme_id = $1
       GROUP BY ${key} ORDER BY ${key}`,
      [programmeId],
    )) as { key: string | null; people: number }[];
    const slices: (string | null)[][] = [];
    let people = Infinity;
    for (const row of rows) {
      if (people + row.people > batch) {
        slices.push([]);
        people = 0;
      }
      slices[slices.length - 1]!.push(row.key);
      people += row.people;
    }
    return slices;
  }

  /** The cohort-grain cells of everyone in `cohortIds`, whose rows the caller has just deleted. */
  private async insertCohortCells(
    manager: EntityManager,
    programmeId: string,
    cohortIds: (string | null)[],
  ): Promise<void> {
    const params = new Params();
    const programme = params.add(programmeId);
    const cohorts = params.add(cohortIds);
    await manager.query(
      `WITH p AS (SELECT ip.*, ip.programme_id AS p_programme FROM impact_person ip
                  WHERE ip.programme_id = ${programme} AND ip.cohort_id = ANY(${cohorts}::uuid[]))
       INSERT INTO impact_cell_cohort (programme_id, ${COHORT_COLUMNS}, fact, dims, n, ${SUMS.join(', ')})
       ${freshCells(params, programme)}`,
      params.values,
    );
  }

  /**
   * A coarser grain's rows, summed from a finer grain's (the organisation grain from the cohort grain, the
   * system grain from the organisation grain, the programme grain from the system grain). One statement per fact
   * and slice of systems: the grains are indexed by programme, fact and system, and an organisation's or a
   * system's cell never spans two systems (the programme grain is given every system as one slice).
   */
  private async sumInto(
    manager: EntityManager,
    programmeId: string,
    grain: Grain,
    from: Grain,
    slices: (string | null)[][],
    sliceColumn: 'system_id' | 'cohort_id' = 'system_id',
  ): Promise<void> {
    const columns = ['programme_id', 'fact', ...grain.columns, 'dims'].join(', ');
    for (const fact of FACTS.filter(({ name }) => keeps(grain, name)))
      for (const values of slices) {
        const named = values.filter((value): value is string => value !== null);
        await manager.query(
          `INSERT INTO ${grain.table} (${columns}, n, ${SUMS.join(', ')})
           SELECT ${columns}, ${TOTALS} FROM ${from.table}
           WHERE programme_id = $1 AND fact = $2
             AND (${sliceColumn} = ANY($3::uuid[])${values.includes(null) ? ` OR ${sliceColumn} IS NULL` : ''})
           GROUP BY ${columns}`,
          [programmeId, fact.name, named],
        );
      }
  }

  /**
   * Differences between the kept aggregates and a computation from scratch, per table (0 everywhere when they
   * agree). Computed in one snapshot without changing anything.
   */
  async compareWithScratch(manager: EntityManager, programmeId: string): Promise<Record<string, number>> {
    const params = new Params();
    const programme = params.add(programmeId);
    const people = `SELECT programme_id, person_key, user_id, enrolment_id, status, cohort_id, completed_at,
                           organisation_id, system_id, cohort_system_id, start_date, fy, grp`;
    const differences = (kept: string, scratch: string) =>
      `(SELECT count(*)::int FROM ((${kept} EXCEPT ALL SELECT * FROM ${scratch}) UNION ALL (SELECT * FROM ${scratch} EXCEPT ALL ${kept})) d)`;
    const grainRows = (grain: Grain, from: string) => {
      const columns = ['programme_id', 'fact', ...grain.columns, 'dims'].join(', ');
      return `SELECT ${columns}, ${TOTALS} FROM ${from} ${keptFacts(grain)} GROUP BY ${columns}`;
    };
    const [row] = (await manager.query(
      `WITH scratch_person AS (${peopleSql(programme, null)}),
       p AS (SELECT sp.*, sp.programme_id AS p_programme FROM scratch_person sp),
       fresh AS (${freshCells(params, programme)}),
       ${[COHORT_GRAIN, ...COARSE_GRAINS]
         .map((grain, i) => `scratch${i} AS (${grainRows(grain, 'fresh')})`)
         .join(',\n')}
       SELECT ${differences(`${people} FROM impact_person WHERE programme_id = ${programme}`, 'scratch_person')} AS impact_person,
              ${[COHORT_GRAIN, ...COARSE_GRAINS]
                .map(
                  (grain, i) =>
                    `${differences(`${grainRows(grain, `(SELECT * FROM ${grain.table} WHERE programme_id = ${programme}) kept`)}`, `scratch${i}`)} AS ${grain.table}`,
                )
                .join(', ')}`,
      params.values,
    )) as Record<string, number>[];
    return row ?? {};
  }

  /**
   * Records the post and follow-up questionnaires that have opened (and takes back any whose cohort's sessions
   * moved later), so who was asked changes when this runs — every minute, and when a cohort's people are applied
   * after its sessions changed — not whenever a clock passes a time. Optionally for some cohorts only.
   */
  async recordWindows(manager: EntityManager, cohortIds?: string[]): Promise<void> {
    const values = cohortIds ? [cohortIds] : [];
    const due = windowsDue(cohortIds ? '$1' : undefined);
    await manager.query(
      `WITH due AS (${due})
       DELETE FROM questionnaire_window qw
       WHERE ${cohortIds ? 'qw.cohort_id = ANY($1::uuid[]) AND' : ''}
             NOT EXISTS (SELECT 1 FROM due WHERE due.cohort_id = qw.cohort_id AND due.stage = qw.stage)`,
      values,
    );
    await manager.query(
      `INSERT INTO questionnaire_window (cohort_id, stage, opened_at)
       SELECT cohort_id, stage, opened_at FROM (${due}) due
       ON CONFLICT (cohort_id, stage) DO NOTHING`,
      values,
    );
    if (!cohortIds) await this.recordCommunityYears(manager);
  }

  /**
   * Records each programme's Community of Practice reporting year (see communityYearsDue), or only `programmeIds`',
   * rewriting a row only when its year changed: so the figures change when this runs (every minute, and when a
   * programme's people are applied), not whenever a clock passes a session's start.
   */
  private async recordCommunityYears(manager: EntityManager, programmeIds?: string[]): Promise<void> {
    // One statement (it runs on every turn): the rows it deletes are those it does not insert.
    await manager.query(
      `WITH due AS (${communityYearsDue(programmeIds ? '$1' : undefined)}),
       removed AS (DELETE FROM community_year cy
                   WHERE ${programmeIds ? 'cy.programme_id = ANY($1::uuid[]) AND' : ''}
                         NOT EXISTS (SELECT 1 FROM due WHERE due.programme_id = cy.programme_id))
       INSERT INTO community_year (programme_id, fy)
       SELECT programme_id, fy FROM due
       ON CONFLICT (programme_id) DO UPDATE SET fy = EXCLUDED.fy, recorded_at = now()
       WHERE community_year.fy <> EXCLUDED.fy`,
      programmeIds ? [programmeIds] : [],
    );
  }

  async programmeIds(manager: EntityManager): Promise<string[]> {
    const rows = (await manager.query(`SELECT id FROM programme ORDER BY created_at, id`)) as {
      id: string;
    }[];
    return rows.map((row) => row.id);
  }

  async setStatementTimeout(manager: EntityManager, ms: number): Promise<void> {
    await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [`${ms}ms`]);
  }

  /**
   * PostgreSQL ends this transaction's connection (rolling it back, releasing its locks) if it sits idle between
   * statements for longer than `ms`: its process has stopped part-way.
   */
  async limitIdle(manager: EntityManager, ms: number): Promise<void> {
    await manager.query(`SELECT set_config('idle_in_transaction_session_timeout', $1, true)`, [`${ms}ms`]);
  }
}

interface Group {
  cohort_id: string;
  organisation_id: string | null;
}
