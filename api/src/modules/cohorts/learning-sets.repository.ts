import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { LearningSetMemberEntity } from './learning-set-member.entity';
import { LearningSetEntity } from './learning-set.entity';
import { SessionEntity } from './session.entity';

export interface ConfirmedDelegateRow {
  enrolmentId: string;
  organisationId: string | null;
}

export interface SetMemberRow {
  setId: string;
  enrolmentId: string;
  fullName: string;
  organisationName: string | null;
}

@Injectable()
export class LearningSetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async lockCohort(cohortId: string, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query('SELECT id FROM cohort WHERE id = $1 FOR UPDATE', [
      cohortId,
    ])) as unknown[];
    return rows.length > 0;
  }

  sets(cohortId: string, manager: EntityManager = this.dataSource.manager): Promise<LearningSetEntity[]> {
    return manager.find(LearningSetEntity, {
      where: { cohortId },
      relations: { facilitator: { user: true } },
      order: { number: 'ASC' },
    });
  }

  /** Locks the set for the rest of the transaction. */
  lockSet(id: string, manager: EntityManager): Promise<LearningSetEntity | null> {
    return manager.findOne(LearningSetEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Confirmed delegates of the cohort with their organisation, oldest enrolment first. */
  async confirmedDelegates(cohortId: string, manager: EntityManager): Promise<ConfirmedDelegateRow[]> {
    return (await manager.query(
      `SELECT e.id AS "enrolmentId", u.organisation_id AS "organisationId"
       FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id
       WHERE e.cohort_id = $1 AND e.status = 'confirmed' ORDER BY e.created_at, e.id`,
      [cohortId],
    )) as ConfirmedDelegateRow[];
  }

  async members(cohortId: string): Promise<SetMemberRow[]> {
    return (await this.dataSource.query(
      `SELECT m.set_id AS "setId", m.enrolment_id AS "enrolmentId", u.full_name AS "fullName", o.name AS "organisationName"
       FROM learning_set_member m
       JOIN learning_set s ON s.id = m.set_id
       JOIN enrolment e ON e.id = m.enrolment_id
       JOIN app_user u ON u.id = e.delegate_user_id
       LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE s.cohort_id = $1 ORDER BY u.full_name`,
      [cohortId],
    )) as SetMemberRow[];
  }

  async sessionIdsBySet(cohortId: string): Promise<Map<string, string[]>> {
    const rows = (await this.dataSource.query(
      `SELECT s.set_id AS "setId", s.id FROM session s WHERE s.cohort_id = $1 AND s.set_id IS NOT NULL ORDER BY s.starts_at`,
      [cohortId],
    )) as { setId: string; id: string }[];
    const bySet = new Map<string, string[]>();
    for (const row of rows) bySet.set(row.setId, [...(bySet.get(row.setId) ?? []), row.id]);
    return bySet;
  }

  createSet(cohortId: string, number: number, manager: EntityManager): Promise<LearningSetEntity> {
    return manager.save(
      LearningSetEntity,
      manager.create(LearningSetEntity, { cohortId, number, facilitatorId: null }),
    );
  }

  async addMembers(setId: string, enrolmentIds: string[], manager: EntityManager): Promise<void> {
    if (enrolmentIds.length > 0)
      await manager.insert(
        LearningSetMemberEntity,
        enrolmentIds.map((enrolmentId) => ({ enrolmentId, setId })),
      );
  }

  /** Puts the enrolment in this set, moving it out of any other. */
  async placeMember(setId: string, enrolmentId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO learning_set_member (enrolment_id, set_id) VALUES ($1, $2) ON CONFLICT (enrolment_id) DO UPDATE SET set_id = EXCLUDED.set_id`,
      [enrolmentId, setId],
    );
  }

  /** The cohort's action learning set sessions that belong to no set yet. */
  wholeCohortSetSessions(cohortId: string, manager: EntityManager): Promise<SessionEntity[]> {
    return manager.find(SessionEntity, {
      where: { cohortId, kind: 'action-learning-set', setId: IsNull(), status: 'scheduled' },
      order: { startsAt: 'ASC' },
    });
  }

  scheduledSessionsOfSet(setId: string, manager: EntityManager): Promise<SessionEntity[]> {
    return manager.find(SessionEntity, { where: { setId, status: 'scheduled' }, order: { startsAt: 'ASC' } });
  }

  async insertSessions(sessions: Partial<SessionEntity>[], manager: EntityManager): Promise<void> {
    if (sessions.length > 0) await manager.insert(SessionEntity, sessions);
  }

  async setFacilitator(setId: string, facilitatorId: string | null, manager: EntityManager): Promise<void> {
    await manager.update(LearningSetEntity, { id: setId }, { facilitatorId });
  }

  async enrolmentCohort(
    enrolmentId: string,
    manager: EntityManager,
  ): Promise<{ cohortId: string; status: string } | null> {
    const [row] = (await manager.query(
      `SELECT cohort_id AS "cohortId", status FROM enrolment WHERE id = $1`,
      [enrolmentId],
    )) as { cohortId: string; status: string }[];
    return row ?? null;
  }
}
