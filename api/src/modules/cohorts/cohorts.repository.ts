import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CohortTiming } from '@upstand/contracts';
import { CohortEntity } from './cohort.entity';
import { SessionChangeEntity } from './session-change.entity';
import { SessionEntity } from './session.entity';

@Injectable()
export class CohortsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertCohort(
    cohort: Partial<CohortEntity>,
    sessions: Partial<SessionEntity>[],
    manager: EntityManager,
  ): Promise<CohortEntity> {
    const saved = await manager.save(CohortEntity, manager.create(CohortEntity, cohort));
    await manager.save(
      SessionEntity,
      sessions.map((session) => manager.create(SessionEntity, { ...session, cohortId: saved.id })),
    );
    return saved;
  }

  findCohort(id: string): Promise<CohortEntity | null> {
    return this.dataSource
      .getRepository(CohortEntity)
      .findOne({ where: { id }, relations: { system: true, template: true } });
  }

  /** The cohort's system (an ICB's organisation id), or null for no such cohort. */
  /**
   * The system a session belongs to: its cohort's, else its series'. `exists` is false for no such session;
   * `systemId` is null for a series run for the whole region.
   */
  async systemOfSession(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ exists: boolean; systemId: string | null }> {
    const [row] = (await manager.query(
      `SELECT COALESCE(c.system_id, se.system_id) AS "systemId"
       FROM session s LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN session_series se ON se.id = s.series_id
       WHERE s.id = $1`,
      [sessionId],
    )) as { systemId: string | null }[];
    return { exists: row !== undefined, systemId: row?.systemId ?? null };
  }

  async systemOfCohort(
    cohortId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const cohort = await manager.findOne(CohortEntity, {
      where: { id: cohortId },
      select: { systemId: true },
    });
    return cohort?.systemId ?? null;
  }

  /** Every cohort, or only those of these systems (null: every system), by name: for pickers. */
  async listCohorts(systemIds: string[] | null): Promise<CohortEntity[]> {
    if (systemIds?.length === 0) return [];
    return this.dataSource.getRepository(CohortEntity).find({
      where: systemIds ? { systemId: In(systemIds) } : {},
      relations: { system: true, template: true },
      order: { name: 'ASC', startDate: 'DESC' },
    });
  }

  /**
   * One page of the cohorts of these systems (null: every system), newest first, and how many match. `pattern`
   * (an ILIKE pattern) matches the name, venue, or system name or ODS code; `when` compares the first workshop
   * with today in London and, once started, whether any session is still to end.
   */
  async pageCohorts(
    systemIds: string[] | null,
    filter: { pattern: string | null; when: CohortTiming | null },
    take: number,
    skip: number,
  ): Promise<{ rows: CohortEntity[]; total: number }> {
    if (systemIds?.length === 0) return { rows: [], total: 0 };
    const query = this.dataSource
      .getRepository(CohortEntity)
      .createQueryBuilder('cohort')
      .innerJoinAndSelect('cohort.system', 'system')
      .innerJoinAndSelect('cohort.template', 'template');
    if (systemIds) query.andWhere('cohort.systemId IN (:...systemIds)', { systemIds });
    if (filter.pattern)
      query.andWhere(
        `(cohort.name ILIKE :pattern OR cohort.venue ILIKE :pattern OR system.name ILIKE :pattern
          OR system.odsCode ILIKE :pattern)`,
        { pattern: filter.pattern },
      );
    const today = `(now() AT TIME ZONE 'Europe/London')::date`;
    const stillToEnd = `EXISTS (SELECT 1 FROM session s WHERE s.cohort_id = cohort.id
      AND s.status = 'scheduled' AND s.ends_at > now())`;
    if (filter.when === 'upcoming') query.andWhere(`cohort.startDate > ${today}`);
    if (filter.when === 'running') query.andWhere(`cohort.startDate <= ${today} AND ${stillToEnd}`);
    if (filter.when === 'finished') query.andWhere(`cohort.startDate <= ${today} AND NOT ${stillToEnd}`);
    const [rows, total] = await query
      .orderBy('cohort.startDate', 'DESC')
      .addOrderBy('cohort.name', 'ASC')
      .addOrderBy('cohort.id', 'ASC')
      .take(take)
      .skip(skip)
      .getManyAndCount();
    return { rows, total };
  }

  sessionsOf(cohortId: string, manager: EntityManager): Promise<SessionEntity[]> {
    return manager.find(SessionEntity, { where: { cohortId }, order: { startsAt: 'ASC', sequence: 'ASC' } });
  }

  /** Locks the session row for the rest of the transaction, so concurrent moves apply one after the other. */
  lockSession(id: string, manager: EntityManager): Promise<SessionEntity | null> {
    return manager
      .getRepository(SessionEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async saveSession(session: SessionEntity, manager: EntityManager): Promise<SessionEntity> {
    return manager.save(SessionEntity, session);
  }

  async insertChange(change: Partial<SessionChangeEntity>, manager: EntityManager): Promise<void> {
    await manager.save(SessionChangeEntity, manager.create(SessionChangeEntity, change));
  }

  listChanges(sessionId: string): Promise<SessionChangeEntity[]> {
    return this.dataSource
      .getRepository(SessionChangeEntity)
      .find({ where: { sessionId }, order: { id: 'ASC' } });
  }

  /** The cohort's system and programme, or null for no such cohort (Impact's filters check both). */
  async placeOf(cohortId: string): Promise<{ systemId: string; programmeId: string } | null> {
    const [row] = (await this.dataSource.query(
      'SELECT system_id AS "systemId", programme_id AS "programmeId" FROM cohort WHERE id = $1',
      [cohortId],
    )) as { systemId: string; programmeId: string }[];
    return row ?? null;
  }

  /** The programme's cohorts, earliest start first, for Impact's filters and tables. */
  async ofProgramme(programmeId: string): Promise<CohortSummary[]> {
    return (await this.dataSource.query(
      `SELECT id, name, to_char(start_date, 'YYYY-MM-DD') AS "startDate", system_id AS "systemId"
       FROM cohort WHERE programme_id = $1 ORDER BY start_date, name`,
      [programmeId],
    )) as CohortSummary[];
  }

  /** The cohorts with these ids (in no particular order), for a page of an Impact table. */
  async summariesOf(ids: readonly string[]): Promise<CohortSummary[]> {
    if (ids.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT id, name, to_char(start_date, 'YYYY-MM-DD') AS "startDate", system_id AS "systemId"
       FROM cohort WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as CohortSummary[];
  }

  /** Saves a lead's changes to a cohort's name, capacity or sign-ups (the caller holds the cohort's lock). */
  async updateCohort(
    id: string,
    changes: Partial<Pick<CohortEntity, 'name' | 'capacity' | 'signupsOpen'>>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(CohortEntity, { id }, changes);
  }
}

export interface CohortSummary {
  id: string;
  name: string;
  startDate: string;
  systemId: string;
}
