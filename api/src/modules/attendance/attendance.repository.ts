import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AttendanceStatus, CompletionRule, RegisterPlace, SessionKind } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { systemScopeSql } from '../../common/auth/access-scope';

export interface BookedRow {
  enrolmentId: string;
  delegateUserId: string;
  fullName: string;
  organisationName: string | null;
  status: AttendanceStatus | null;
  method: 'register' | 'self-check-in' | null;
}

export interface RegisterRow extends BookedRow {
  place: RegisterPlace;
  markable: boolean;
}

export interface SessionRow {
  id: string;
  title: string;
  kind: SessionKind;
  status: string;
  cohortId: string | null;
  cohortName: string | null;
  /** The cohort's system, else the series'; null for a series run for the whole region. */
  systemId: string | null;
  startsAt: Date;
  endsAt: Date;
  checkInCode: string | null;
  venue: string | null;
}

export interface ProgressRow {
  kind: SessionKind;
  held: number;
  attended: number;
}

/**
 * Who a register may mark: a delegate who held a place when the session started. A confirmed or completed place
 * does; so does one withdrawn (or transferred) or closed as did-not-complete after the start, since the delegate
 * was expected in the room and a correction to that day's mark must stay possible. A place withdrawn before the
 * start, and anyone who never held one (waiting for approval, on the waiting list, offered, declined), was not
 * expected: a mark for them would be a mistake, so the register lists them with their status but unmarkable.
 */
const MARKABLE = `(e.status IN ('confirmed', 'completed')
  OR (e.status = 'withdrawn' AND e.withdrawn_at > s.starts_at)
  OR (e.status = 'did-not-complete' AND (e.did_not_complete_at IS NULL OR e.did_not_complete_at > s.starts_at)))`;

/** Everyone enrolled on a session's cohort, whatever their status (for a set session, the set's members). */
const ENROLLED = `
  FROM session s
  JOIN enrolment e ON e.cohort_id = s.cohort_id
  JOIN app_user u ON u.id = e.delegate_user_id
  LEFT JOIN organisation o ON o.id = u.organisation_id
  LEFT JOIN attendance a ON a.session_id = s.id AND a.enrolment_id = e.id
  WHERE s.id = $1 AND (s.set_id IS NULL OR EXISTS (SELECT 1 FROM learning_set_member m WHERE m.enrolment_id = e.id AND m.set_id = s.set_id))`;

/** Delegates booked on a session: confirmed or completed places in its cohort (for a set session, its members). */
const BOOKED = `
  FROM session s
  JOIN enrolment e ON e.cohort_id = s.cohort_id AND e.status IN ('confirmed', 'completed')
  JOIN app_user u ON u.id = e.delegate_user_id
  LEFT JOIN organisation o ON o.id = u.organisation_id
  LEFT JOIN attendance a ON a.session_id = s.id AND a.enrolment_id = e.id
  WHERE s.id = $1 AND (s.set_id IS NULL OR EXISTS (SELECT 1 FROM learning_set_member m WHERE m.enrolment_id = e.id AND m.set_id = s.set_id))`;

@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async session(id: string, manager: EntityManager = this.dataSource.manager): Promise<SessionRow | null> {
    const [row] = (await manager.query(
      `SELECT s.id, s.title, s.kind, s.status, s.cohort_id AS "cohortId", c.name AS "cohortName",
              COALESCE(c.system_id, se.system_id) AS "systemId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.check_in_code AS "checkInCode",
              COALESCE(v.name || ', ' || v.address, c.venue) AS venue
       FROM session s LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN session_series se ON se.id = s.series_id
       LEFT JOIN venue v ON v.id = s.venue_id
       WHERE s.id = $1`,
      [id],
    )) as SessionRow[];
    return row ?? null;
  }

  async sessionByCode(code: string): Promise<SessionRow | null> {
    const [row] = (await this.dataSource.query(`SELECT id FROM session WHERE check_in_code = $1`, [
      code,
    ])) as { id: string }[];
    return row ? this.session(row.id) : null;
  }

  async isAssignedFacilitator(sessionId: string, userId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM session_facilitator sf JOIN facilitator f ON f.id = sf.facilitator_id WHERE sf.session_id = $1 AND sf.active AND f.user_id = $2`,
      [sessionId, userId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Sets the code unless one exists; returns the code in force. */
  async ensureCheckInCode(sessionId: string, code: string): Promise<string> {
    // For an UPDATE, TypeORM's query() answers [rows, affected count].
    const [rows] = (await this.dataSource.query(
      `UPDATE session SET check_in_code = COALESCE(check_in_code, $2) WHERE id = $1 RETURNING check_in_code AS code`,
      [sessionId, code],
    )) as [{ code: string }[], number];
    return rows[0]?.code ?? code;
  }

  async booked(sessionId: string, manager: EntityManager = this.dataSource.manager): Promise<BookedRow[]> {
    return (await manager.query(
      `SELECT e.id AS "enrolmentId", e.delegate_user_id AS "delegateUserId", u.full_name AS "fullName", o.name AS "organisationName", a.status, a.method ${BOOKED} ORDER BY u.full_name`,
      [sessionId],
    )) as BookedRow[];
  }

  /**
   * The register's lines: everyone enrolled, those who can be marked first, then by name. A withdrawal that
   * created a place in another cohort is shown as a transfer (looked up through the delegate's index).
   */
  async registerRows(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RegisterRow[]> {
    return (await manager.query(
      `SELECT e.id AS "enrolmentId", e.delegate_user_id AS "delegateUserId", u.full_name AS "fullName", o.name AS "organisationName", a.status, a.method,
              CASE WHEN e.status = 'withdrawn' AND EXISTS (SELECT 1 FROM enrolment t WHERE t.delegate_user_id = e.delegate_user_id AND t.transferred_from_id = e.id) THEN 'transferred' ELSE e.status END AS place,
              ${MARKABLE} AS markable
       ${ENROLLED} ORDER BY ${MARKABLE} DESC, u.full_name, e.id`,
      [sessionId],
    )) as RegisterRow[];
  }

  async upsert(
    sessionId: string,
    entries: { enrolmentId: string; status: AttendanceStatus }[],
    method: 'register' | 'self-check-in',
    userId: string,
    manager: EntityManager,
  ): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO attendance (session_id, enrolment_id, status, method, recorded_by_user_id, recorded_at)
       SELECT $1, x.enrolment_id, x.status, $4, $5, now() FROM unnest($2::uuid[], $3::text[]) AS x(enrolment_id, status)
       ON CONFLICT (session_id, enrolment_id) DO UPDATE SET status = EXCLUDED.status, method = EXCLUDED.method, recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = now()`,
      [
        sessionId,
        entries.map((entry) => entry.enrolmentId),
        entries.map((entry) => entry.status),
        method,
        userId,
      ],
    );
  }

  /** Removes a mark; answers whether there was one. */
  async clear(sessionId: string, enrolmentId: string, manager: EntityManager): Promise<boolean> {
    // For a DELETE, TypeORM's query() answers [rows, affected count].
    const [, affected] = (await manager.query(
      `DELETE FROM attendance WHERE session_id = $1 AND enrolment_id = $2`,
      [sessionId, enrolmentId],
    )) as [unknown[], number];
    return affected > 0;
  }

  /** Per session kind: how many of this enrolment's sessions were held and how many it attended (present or late). */
  async progress(enrolmentId: string, manager: EntityManager): Promise<ProgressRow[]> {
    return (await manager.query(
      `SELECT s.kind, count(*)::int AS held, count(*) FILTER (WHERE a.status IN ('present', 'late'))::int AS attended
       FROM enrolment e
       JOIN session s ON s.cohort_id = e.cohort_id AND s.status = 'scheduled'
       LEFT JOIN learning_set_member m ON m.enrolment_id = e.id
       LEFT JOIN attendance a ON a.session_id = s.id AND a.enrolment_id = e.id
       WHERE e.id = $1 AND (s.set_id IS NULL OR s.set_id = m.set_id)
       GROUP BY s.kind`,
      [enrolmentId],
    )) as ProgressRow[];
  }

  async completionContext(
    enrolmentId: string,
    manager: EntityManager,
  ): Promise<{ status: string; delegateUserId: string; cohortId: string; rule: CompletionRule } | null> {
    const [row] = (await manager.query(
      `SELECT e.status, e.delegate_user_id AS "delegateUserId", e.cohort_id AS "cohortId", t.completion_rule AS rule
       FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN journey_template t ON t.id = c.template_id WHERE e.id = $1 FOR UPDATE OF e`,
      [enrolmentId],
    )) as { status: string; delegateUserId: string; cohortId: string; rule: CompletionRule }[];
    return row ?? null;
  }

  async setEnrolmentStatus(
    enrolmentId: string,
    status: 'completed' | 'confirmed',
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE enrolment SET status = $2::varchar, status_changed_at = now(), completed_at = CASE WHEN $2::varchar = 'completed' THEN now() ELSE NULL END WHERE id = $1`,
      [enrolmentId, status],
    );
  }

  async joinCommunity(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO community_member (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`,
      [userId],
    );
  }

  async community(userId: string): Promise<{ inDirectory: boolean } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT in_directory AS "inDirectory" FROM community_member WHERE user_id = $1`,
      [userId],
    )) as { inDirectory: boolean }[];
    return row ?? null;
  }

  async setDirectoryConsent(userId: string, inDirectory: boolean): Promise<boolean> {
    const result = (await this.dataSource.query(
      `UPDATE community_member SET in_directory = $2 WHERE user_id = $1 RETURNING user_id`,
      [userId, inDirectory],
    )) as [unknown[], number];
    return result[1] > 0;
  }

  /**
   * Members who chose to be listed; with `systemIds`, only those who completed a cohort of one of those systems
   * (null: everyone listed).
   */
  async directory(
    systemIds: string[] | null,
    pattern: string | null,
    take: number,
    skip: number,
  ): Promise<{
    rows: { fullName: string; organisationName: string | null; joinedAt: Date }[];
    total: number;
  }> {
    const params: unknown[] = [pattern];
    const inScope = systemScopeSql(
      'c.system_id',
      systemIds,
      (value) => {
        params.push(value);
        return `$${params.length}`;
      },
      'omit',
    );
    const from = `FROM community_member m JOIN app_user u ON u.id = m.user_id LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE m.in_directory
         AND ($1::text IS NULL OR u.full_name ILIKE $1 OR o.name ILIKE $1)
         ${systemIds === null ? '' : `AND EXISTS (SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE e.delegate_user_id = m.user_id AND e.status = 'completed' AND ${inScope})`}`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<{ fullName: string; organisationName: string | null; joinedAt: Date }[]>(
        `SELECT u.full_name AS "fullName", o.name AS "organisationName", m.joined_at AS "joinedAt" ${from}
         ORDER BY lower(u.full_name), m.user_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, take, skip],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  async certificateData(enrolmentId: string): Promise<{
    delegateUserId: string;
    systemId: string;
    status: string;
    fullName: string;
    programmeName: string;
    cohortName: string;
    firstDay: Date | null;
    completedAt: Date | null;
    erased: boolean;
  } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT e.delegate_user_id AS "delegateUserId", c.system_id AS "systemId", e.status, u.full_name AS "fullName", p.name AS "programmeName", c.name AS "cohortName",
              (SELECT min(s.starts_at) FROM session s WHERE s.cohort_id = c.id AND s.status = 'scheduled') AS "firstDay", e.completed_at AS "completedAt",
              EXISTS (SELECT 1 FROM user_erasure x WHERE x.user_id = e.delegate_user_id) AS erased
       FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id JOIN cohort c ON c.id = e.cohort_id JOIN programme p ON p.id = c.programme_id
       WHERE e.id = $1`,
      [enrolmentId],
    )) as {
      delegateUserId: string;
      systemId: string;
      status: string;
      fullName: string;
      programmeName: string;
      cohortName: string;
      firstDay: Date | null;
      completedAt: Date | null;
      erased: boolean;
    }[];
    return row ?? null;
  }
}
