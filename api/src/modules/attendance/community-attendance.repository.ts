import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface CommunityAttendanceRow {
  userId: string;
  fullName: string;
  organisationName: string | null;
  attended: boolean;
}

/** Who came to Community of Practice sessions (community_attendance): the only SQL of that feature. */
@Injectable()
export class CommunityAttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Members of the Community of Practice certified in one of `systemIds` (their completed cohort's system; null =
   * every system), and everyone marked at the session whoever they are, with whether they came.
   */
  async people(sessionId: string, systemIds: string[] | null): Promise<CommunityAttendanceRow[]> {
    return (await this.dataSource.query(
      `WITH marked AS (SELECT user_id FROM community_attendance WHERE session_id = $1),
            members AS (
              SELECT m.user_id FROM community_member m
              WHERE EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
                            WHERE e.delegate_user_id = m.user_id AND e.status = 'completed'
                              AND ($2::uuid[] IS NULL OR c.system_id = ANY($2::uuid[]))))
       SELECT u.id AS "userId", u.full_name AS "fullName", o.name AS "organisationName",
              (u.id IN (SELECT user_id FROM marked)) AS attended
       FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE u.id IN (SELECT user_id FROM marked UNION SELECT user_id FROM members)
       ORDER BY u.full_name, u.id`,
      [sessionId, systemIds],
    )) as CommunityAttendanceRow[];
  }

  async userExists(userId: string, manager: EntityManager): Promise<boolean> {
    return ((await manager.query('SELECT 1 FROM app_user WHERE id = $1', [userId])) as unknown[]).length > 0;
  }

  /** Marks the person as having come; false when they already were (the unique session/person pair). */
  async mark(sessionId: string, userId: string, actorId: string, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO community_attendance (session_id, user_id, recorded_by_user_id) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, user_id) DO NOTHING RETURNING id`,
      [sessionId, userId, actorId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Takes the mark away; false when there was none. */
  async unmark(sessionId: string, userId: string, manager: EntityManager): Promise<boolean> {
    const [, affected] = (await manager.query(
      'DELETE FROM community_attendance WHERE session_id = $1 AND user_id = $2',
      [sessionId, userId],
    )) as [unknown, number];
    return affected > 0;
  }
}
