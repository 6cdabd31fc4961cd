import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
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

  /** Every cohort, or only those of these systems (null: every system). */
  async listCohorts(systemIds: string[] | null): Promise<CohortEntity[]> {
    if (systemIds?.length === 0) return [];
    return this.dataSource.getRepository(CohortEntity).find({
      where: systemIds ? { systemId: In(systemIds) } : {},
      relations: { system: true, template: true },
      order: { startDate: 'DESC', name: 'ASC' },
    });
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

  /** Saves a lead's changes to a cohort's name, capacity or sign-ups (the caller holds the cohort's lock). */
  async updateCohort(
    id: string,
    changes: Partial<Pick<CohortEntity, 'name' | 'capacity' | 'signupsOpen'>>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(CohortEntity, { id }, changes);
  }
}
