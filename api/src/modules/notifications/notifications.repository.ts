import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SessionMode, SessionStatus } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';

export interface Recipient {
  enrolmentId: string;
  email: string;
  fullName: string;
}

export interface SessionForMail {
  id: string;
  cohortId: string | null;
  cohortName: string | null;
  setId: string | null;
  title: string;
  mode: SessionMode;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  calendarUid: string;
  calendarSequence: number;
  updatedAt: Date;
  venueName: string | null;
  venueAddress: string | null;
  cohortVenue: string | null;
  joinUrl: string | null;
}

export interface EnrolmentForMail extends Recipient {
  status: string;
  cohortId: string;
  cohortName: string;
  programmeName: string;
  offerExpiresAt: Date | null;
}

const SESSION_SELECT = `
  SELECT s.id, s.cohort_id AS "cohortId", c.name AS "cohortName", s.set_id AS "setId", s.title, s.mode, s.status,
         s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.calendar_uid AS "calendarUid", s.calendar_sequence AS "calendarSequence",
         s.updated_at AS "updatedAt", v.name AS "venueName", v.address AS "venueAddress", c.venue AS "cohortVenue", s.join_url AS "joinUrl"
  FROM session s LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN venue v ON v.id = s.venue_id`;

/** Everything the journey emails need, read in the caller's transaction. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enrolment(enrolmentId: string, manager: EntityManager): Promise<EnrolmentForMail | null> {
    const [row] = (await manager.query(
      `SELECT e.id AS "enrolmentId", e.status, e.cohort_id AS "cohortId", c.name AS "cohortName", p.name AS "programmeName",
              e.offer_expires_at AS "offerExpiresAt", u.email, u.full_name AS "fullName"
       FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN programme p ON p.id = c.programme_id JOIN app_user u ON u.id = e.delegate_user_id
       WHERE e.id = $1`,
      [enrolmentId],
    )) as EnrolmentForMail[];
    return row ?? null;
  }

  /** The sessions a delegate of this enrolment attends: whole-cohort ones, plus their own set's. */
  async sessionsOfEnrolment(enrolmentId: string, manager: EntityManager): Promise<SessionForMail[]> {
    return (await manager.query(
      `${SESSION_SELECT}
       JOIN enrolment e ON e.cohort_id = s.cohort_id
       LEFT JOIN learning_set_member m ON m.enrolment_id = e.id
       WHERE e.id = $1 AND (s.set_id IS NULL OR s.set_id = m.set_id)
         AND NOT (s.kind = 'action-learning-set' AND s.set_id IS NULL AND s.status = 'cancelled' AND m.set_id IS NOT NULL)
       ORDER BY s.starts_at`,
      [enrolmentId],
    )) as SessionForMail[];
  }

  async session(sessionId: string, manager: EntityManager): Promise<SessionForMail | null> {
    const [row] = (await manager.query(`${SESSION_SELECT} WHERE s.id = $1`, [sessionId])) as SessionForMail[];
    return row ?? null;
  }

  /** Delegates booked on a session: confirmed places in the cohort (only the set's members for a set session). */
  async recipientsOfSession(sessionId: string, manager: EntityManager): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT e.id AS "enrolmentId", u.email, u.full_name AS "fullName"
       FROM session s
       JOIN enrolment e ON e.cohort_id = s.cohort_id AND e.status = 'confirmed'
       JOIN app_user u ON u.id = e.delegate_user_id
       WHERE s.id = $1
         AND (s.set_id IS NULL OR EXISTS (SELECT 1 FROM learning_set_member m WHERE m.enrolment_id = e.id AND m.set_id = s.set_id))
       ORDER BY u.email`,
      [sessionId],
    )) as Recipient[];
  }

  /** Raises the calendar SEQUENCE of these sessions by one; the new value of each, by session id. */
  async raiseSequences(sessionIds: string[], manager: EntityManager): Promise<Map<string, number>> {
    const [rows] = (await manager.query(
      `UPDATE session SET calendar_sequence = calendar_sequence + 1 WHERE id = ANY($1::uuid[])
       RETURNING id, calendar_sequence AS "calendarSequence"`,
      [sessionIds],
    )) as [{ id: string; calendarSequence: number }[], number];
    return new Map(rows.map((row) => [row.id, row.calendarSequence]));
  }

  /** Scheduled sessions starting within the window, each with its booked delegates still lacking this reminder. */
  async dueReminders(from: Date, to: Date, reminderKey: string): Promise<(SessionForMail & Recipient)[]> {
    return (await this.dataSource.query(
      `SELECT x.*, e.id AS "enrolmentId", u.email, u.full_name AS "fullName"
       FROM (${SESSION_SELECT} WHERE s.status = 'scheduled' AND s.cohort_id IS NOT NULL AND s.starts_at > $1 AND s.starts_at <= $2) x
       JOIN enrolment e ON e.cohort_id = x."cohortId" AND e.status = 'confirmed'
       JOIN app_user u ON u.id = e.delegate_user_id
       WHERE (x."setId" IS NULL OR EXISTS (SELECT 1 FROM learning_set_member m WHERE m.enrolment_id = e.id AND m.set_id = x."setId"))
         AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.dedupe_key = $3 || ':' || x.id || ':' || e.id)
       LIMIT 5000`,
      [from, to, reminderKey],
    )) as (SessionForMail & Recipient)[];
  }
}
