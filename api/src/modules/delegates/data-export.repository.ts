import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AccountRow {
  email: string;
  fullName: string;
  organisation: string | null;
  roles: string[];
  createdAt: Date;
}
export interface EnrolmentRow {
  cohort: string;
  programme: string;
  status: string;
  createdAt: Date;
  statusChangedAt: Date;
}
export interface AttendanceRow {
  cohort: string;
  session: string;
  startsAt: Date;
  status: string;
  recordedAt: Date;
}
export interface AnswerRow {
  responseId: string;
  cohort: string;
  stage: string;
  submittedAt: Date;
  itemCode: string | null;
  valueNumber: string | null;
  valueText: string | null;
}
export interface EmailRow {
  subject: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}
export interface AuditRow {
  action: string;
  occurredAt: Date;
  details: Record<string, unknown> | null;
}

/** Reads for the subject access export: every query is keyed by the one person's id or address. */
@Injectable()
export class DataExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async account(userId: string): Promise<AccountRow | null> {
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT u.email, u.full_name AS "fullName", o.name AS organisation, u.created_at AS "createdAt",
              COALESCE(array_agg(DISTINCT r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM app_user u
         LEFT JOIN organisation o ON o.id = u.organisation_id
         LEFT JOIN user_role r ON r.user_id = u.id
        WHERE u.id = $1
        GROUP BY u.id, o.name`,
      [userId],
    );
    return rows[0] ?? null;
  }

  enrolments(userId: string): Promise<EnrolmentRow[]> {
    return this.dataSource.query(
      `SELECT c.name AS cohort, p.name AS programme, e.status, e.created_at AS "createdAt",
              e.status_changed_at AS "statusChangedAt"
         FROM enrolment e
         JOIN cohort c ON c.id = e.cohort_id
         JOIN programme p ON p.id = e.programme_id
        WHERE e.delegate_user_id = $1
        ORDER BY e.created_at`,
      [userId],
    );
  }

  attendance(userId: string): Promise<AttendanceRow[]> {
    return this.dataSource.query(
      `SELECT c.name AS cohort, s.title AS session, s.starts_at AS "startsAt", a.status,
              a.recorded_at AS "recordedAt"
         FROM attendance a
         JOIN enrolment e ON e.id = a.enrolment_id
         JOIN session s ON s.id = a.session_id
         JOIN cohort c ON c.id = e.cohort_id
        WHERE e.delegate_user_id = $1
        ORDER BY s.starts_at`,
      [userId],
    );
  }

  /** Only responses linked to the person; anonymous-mode responses carry no user id and cannot be found. */
  answers(userId: string): Promise<AnswerRow[]> {
    return this.dataSource.query(
      `SELECT r.id AS "responseId", c.name AS cohort, r.stage, r.submitted_at AS "submittedAt",
              a.item_code AS "itemCode", a.value_number AS "valueNumber", a.value_text AS "valueText"
         FROM evaluation_response r
         JOIN cohort c ON c.id = r.cohort_id
         LEFT JOIN evaluation_answer a ON a.response_id = r.id
        WHERE r.delegate_user_id = $1
        ORDER BY r.submitted_at, r.id, a.item_code`,
      [userId],
    );
  }

  /** Emails to the address, without bodies: those carry live sign-in and approval links. */
  emails(email: string): Promise<EmailRow[]> {
    return this.dataSource.query(
      `SELECT subject, status, created_at AS "createdAt", sent_at AS "sentAt"
         FROM outbox_message
        WHERE lower(to_address) = lower($1)
        ORDER BY created_at`,
      [email],
    );
  }

  /** Events about the person's account, and what they did themselves. */
  auditEvents(userId: string): Promise<AuditRow[]> {
    return this.dataSource.query(
      `SELECT action, occurred_at AS "occurredAt", details
         FROM audit_event
        WHERE (entity_type = 'user' AND entity_id = $1::text) OR actor_user_id = $1::uuid
        ORDER BY occurred_at, id`,
      [userId],
    );
  }
}
