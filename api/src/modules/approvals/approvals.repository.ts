import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnrolmentStatus, TeamMemberProgress } from '@upstand/contracts';
import { DataSource, EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import { ApprovalRequestEntity } from './approval-request.entity';

export interface ApprovalDetailsRow {
  id: string;
  enrolmentId: string;
  cohortId: string;
  expiresAt: Date;
  decision: 'approved' | 'declined' | null;
  delegateName: string;
  delegateEmail: string;
  delegateJobTitle: string | null;
  organisationName: string | null;
  cohortName: string;
  programmeName: string;
  managerEmail: string;
  managerName: string | null;
}

const DETAILS = `
  SELECT a.id, a.enrolment_id AS "enrolmentId", e.cohort_id AS "cohortId", a.expires_at AS "expiresAt", a.decision,
         u.full_name AS "delegateName", u.email AS "delegateEmail", dp.job_title AS "delegateJobTitle", o.name AS "organisationName",
         c.name AS "cohortName", p.name AS "programmeName", a.manager_email AS "managerEmail", dp.line_manager_name AS "managerName"
  FROM approval_request a
  JOIN enrolment e ON e.id = a.enrolment_id
  JOIN cohort c ON c.id = e.cohort_id
  JOIN programme p ON p.id = c.programme_id
  JOIN app_user u ON u.id = e.delegate_user_id
  LEFT JOIN delegate_profile dp ON dp.user_id = u.id
  LEFT JOIN organisation o ON o.id = u.organisation_id`;

@Injectable()
export class ApprovalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Creates or replaces the enrolment's request (undecided, not reminded); returns its id. */
  async upsert(
    request: Pick<ApprovalRequestEntity, 'enrolmentId' | 'tokenHash' | 'managerEmail' | 'expiresAt'>,
    manager: EntityManager,
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO approval_request (enrolment_id, token_hash, manager_email, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (enrolment_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, manager_email = EXCLUDED.manager_email,
         expires_at = EXCLUDED.expires_at, created_at = now(), reminded_at = NULL, decided_at = NULL, decision = NULL, decided_by_user_id = NULL
       RETURNING id`,
      [request.enrolmentId, request.tokenHash, request.managerEmail, request.expiresAt],
    )) as [{ id: string }];
    return row.id;
  }

  /**
   * Gives an undecided, unexpired request a new link token (the previous link stops working); with `validMs`
   * the expiry restarts from now. Returns the expiry, or null when the request was decided, expired or removed.
   */
  async mintToken(
    id: string,
    tokenHash: string,
    validMs: number | null,
    manager: EntityManager,
  ): Promise<Date | null> {
    const [rows] = (await manager.query(
      `UPDATE approval_request
       SET token_hash = $2,
           expires_at = CASE WHEN $3::bigint IS NULL THEN expires_at ELSE now() + $3::bigint * interval '1 millisecond' END
       WHERE id = $1 AND decision IS NULL AND expires_at > now()
       RETURNING expires_at AS "expiresAt"`,
      [id, tokenHash, validMs],
    )) as [{ expiresAt: Date }[], number];
    return rows[0]?.expiresAt ?? null;
  }

  async details(
    where: { tokenHash?: string; id?: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApprovalDetailsRow | null> {
    const [row] = (await manager.query(
      `${DETAILS} WHERE ${where.tokenHash ? 'a.token_hash = $1' : 'a.id = $1'}`,
      [where.tokenHash ?? where.id],
    )) as ApprovalDetailsRow[];
    return row ?? null;
  }

  /**
   * One page of the undecided, unexpired requests sent to this manager, oldest first, and how many there are:
   * `pattern` (an ILIKE pattern) matches the person's name or the cohort's name.
   */
  async forManager(
    managerEmail: string,
    pattern: string | null,
    take: number,
    skip: number,
  ): Promise<{ rows: ApprovalDetailsRow[]; total: number }> {
    const where = `WHERE a.manager_email = $1 AND a.decision IS NULL AND a.expires_at > now()
      AND ($2::text IS NULL OR u.full_name ILIKE $2 OR c.name ILIKE $2)`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<ApprovalDetailsRow[]>(
        `${DETAILS} ${where} ORDER BY a.created_at, a.id LIMIT $3 OFFSET $4`,
        [managerEmail, pattern, take, skip],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM approval_request a
         JOIN enrolment e ON e.id = a.enrolment_id JOIN cohort c ON c.id = e.cohort_id
         JOIN app_user u ON u.id = e.delegate_user_id ${where}`,
        [managerEmail, pattern],
      ),
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  lock(id: string, manager: EntityManager): Promise<ApprovalRequestEntity | null> {
    return manager.findOne(ApprovalRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async decide(
    id: string,
    decision: 'approved' | 'declined',
    userId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      ApprovalRequestEntity,
      { id },
      { decision, decidedAt: new Date(), decidedByUserId: userId },
    );
  }

  /** Undecided, unexpired requests older than `before` that have had no reminder. */
  dueForReminder(before: Date): Promise<ApprovalRequestEntity[]> {
    return this.dataSource.getRepository(ApprovalRequestEntity).find({
      where: {
        decision: IsNull(),
        remindedAt: IsNull(),
        createdAt: LessThan(before),
        expiresAt: MoreThan(new Date()),
      },
      take: 500,
    });
  }

  /** Claims the reminder (only one instance wins); its link is minted when the reminder is sent. */
  async markReminded(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.update(
      ApprovalRequestEntity,
      { id, remindedAt: IsNull(), decision: IsNull() },
      { remindedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * One page of the enrolments of people who name this line manager, by name, and how many match: `pattern` (an
   * ILIKE pattern) matches the person's or the cohort's name.
   */
  async teamProgress(
    managerEmail: string,
    filter: { pattern: string | null; status: EnrolmentStatus | null },
    take: number,
    skip: number,
  ): Promise<{ rows: TeamMemberProgress[]; total: number }> {
    const from = `FROM delegate_profile dp
       JOIN app_user u ON u.id = dp.user_id
       JOIN enrolment e ON e.delegate_user_id = u.id
       JOIN cohort c ON c.id = e.cohort_id
       WHERE dp.line_manager_email = $1
         AND ($2::text IS NULL OR u.full_name ILIKE $2 OR c.name ILIKE $2)
         AND ($3::text IS NULL OR e.status = $3)`;
    const params = [managerEmail, filter.pattern, filter.status];
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<TeamMemberProgress[]>(
        `SELECT u.full_name AS "delegateName", c.name AS "cohortName", e.status,
                (SELECT count(*)::int FROM attendance a WHERE a.enrolment_id = e.id AND a.status IN ('present', 'late')) AS "sessionsAttended",
                (SELECT count(*)::int FROM attendance a WHERE a.enrolment_id = e.id) AS "sessionsHeld"
         ${from}
         ORDER BY lower(u.full_name), e.created_at DESC, e.id LIMIT $4 OFFSET $5`,
        [...params, take, skip],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { rows, total: count?.total ?? 0 };
  }
}
