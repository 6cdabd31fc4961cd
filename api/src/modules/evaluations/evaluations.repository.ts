import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EvaluationAnswer,
  EvaluationStage,
  InstrumentItem,
  SESSION_FEEDBACK_WINDOW_DAYS,
  SessionKind,
} from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { FOLLOW_UP_CLOSES_AFTER_DAYS } from './evaluation-windows';
import { InstrumentEntity } from './instrument.entity';

export interface EnrolmentTimes {
  enrolmentId: string;
  programmeId: string;
  cohortId: string;
  status: string;
  /** The programme's anonymous-evaluation setting */
  anonymous: boolean;
  createdAt: Date;
  firstStart: Date | null;
  lastSetEnd: Date | null;
  lastEnd: Date | null;
}

/** A session a delegate attended (present or late) that has ended, with what feedback on it needs. */
export interface AttendedSession {
  sessionId: string;
  title: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  enrolmentId: string;
  programmeId: string;
  cohortId: string;
  anonymous: boolean;
  completedAt: Date | null;
}

/** A delegate whose journey questionnaires may need an invitation or a reminder. */
export interface JourneyRecipient extends Omit<EnrolmentTimes, 'status'> {
  delegateUserId: string;
  email: string;
  fullName: string;
  cohortName: string;
  completed: EvaluationStage[];
}

/** A delegate who attended a session that ended in the last 14 days and has not given feedback on it. */
export interface FeedbackRecipient {
  sessionId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  cohortName: string;
  enrolmentId: string;
  email: string;
  fullName: string;
}

export interface ResponseToSave {
  programmeId: string;
  cohortId: string;
  stage: EvaluationStage;
  /** '' for the journey stages */
  sessionKey: string;
  pairingKey: string;
  /** null in anonymous mode */
  identity: { enrolmentId: string; delegateUserId: string } | null;
  instrumentId: string;
}

const ENROLMENT_TIMES = `
  SELECT e.id AS "enrolmentId", e.delegate_user_id AS "delegateUserId", e.programme_id AS "programmeId",
         e.cohort_id AS "cohortId", e.status,
         e.created_at AS "createdAt", min(s.starts_at) AS "firstStart",
         max(s.ends_at) FILTER (WHERE s.kind = 'action-learning-set') AS "lastSetEnd", max(s.ends_at) AS "lastEnd"
  FROM enrolment e
  LEFT JOIN learning_set_member m ON m.enrolment_id = e.id
  LEFT JOIN session s ON s.cohort_id = e.cohort_id AND s.status = 'scheduled' AND (s.set_id IS NULL OR s.set_id = m.set_id)`;

/** Completions count for every enrolment of the same delegate on the programme (a transfer starts a new one). */
const COMPLETED_BY_DELEGATE = `
  SELECT 1 FROM evaluation_completion c JOIN enrolment ce ON ce.id = c.enrolment_id
  WHERE ce.delegate_user_id = $1 AND ce.programme_id = $2 AND c.stage = $3 AND c.session_key = $4`;

@Injectable()
export class EvaluationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async currentInstrument(
    programmeId: string,
    stage: EvaluationStage,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InstrumentEntity | null> {
    return manager.findOne(InstrumentEntity, { where: { programmeId, stage }, order: { version: 'DESC' } });
  }

  /** The current version of each of these stages' questionnaires that has one, in one query. */
  async currentInstruments(programmeId: string, stages: EvaluationStage[]): Promise<InstrumentEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(InstrumentEntity, 'instrument')
      .distinctOn(['instrument.stage'])
      .where('instrument.programmeId = :programmeId', { programmeId })
      .andWhere('instrument.stage IN (:...stages)', { stages })
      .orderBy('instrument.stage')
      .addOrderBy('instrument.version', 'DESC')
      .getMany();
  }

  /** Publishes the next version; the programme row lock keeps version numbers unique under concurrent edits. */
  async publish(
    programmeId: string,
    stage: EvaluationStage,
    title: string,
    items: InstrumentItem[],
    userId: string | null,
  ): Promise<InstrumentEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM programme WHERE id = $1 FOR UPDATE', [programmeId]);
      const current = await this.currentInstrument(programmeId, stage, manager);
      return manager.save(
        InstrumentEntity,
        manager.create(InstrumentEntity, {
          programmeId,
          stage,
          version: (current?.version ?? 0) + 1,
          title,
          items,
          publishedByUserId: userId,
        }),
      );
    });
  }

  /** The delegate's latest confirmed or completed enrolment with the times its evaluation windows hang on. */
  async enrolmentTimes(delegateUserId: string): Promise<EnrolmentTimes | null> {
    const [row] = (await this.dataSource.query(
      `SELECT x.*, p.anonymous_evaluation AS "anonymous"
       FROM (${ENROLMENT_TIMES}
             WHERE e.delegate_user_id = $1 AND e.status IN ('confirmed', 'completed')
             GROUP BY e.id ORDER BY e.created_at DESC LIMIT 1) x
       JOIN programme p ON p.id = x."programmeId"`,
      [delegateUserId],
    )) as EnrolmentTimes[];
    return row ?? null;
  }

  /** When the delegate last answered each journey stage of the programme. */
  async completedAt(delegateUserId: string, programmeId: string): Promise<Map<EvaluationStage, Date>> {
    const rows = (await this.dataSource.query(
      `SELECT c.stage, max(c.completed_at) AS "at"
       FROM evaluation_completion c JOIN enrolment e ON e.id = c.enrolment_id
       WHERE e.delegate_user_id = $1 AND e.programme_id = $2 AND c.session_key = ''
       GROUP BY c.stage`,
      [delegateUserId, programmeId],
    )) as { stage: EvaluationStage; at: Date }[];
    return new Map(rows.map((row) => [row.stage, row.at]));
  }

  /** The answers stored under a pairing key (identified mode: the delegate's user id). */
  async answers(
    programmeId: string,
    stage: EvaluationStage,
    pairingKey: string,
    sessionKey: string,
  ): Promise<EvaluationAnswer[]> {
    const rows = (await this.dataSource.query(
      `SELECT a.item_code AS "itemCode", a.value_number AS "valueNumber", a.value_text AS "valueText"
       FROM evaluation_response r JOIN evaluation_answer a ON a.response_id = r.id
       WHERE r.programme_id = $1 AND r.stage = $2 AND r.pairing_key = $3 AND r.session_key = $4`,
      [programmeId, stage, pairingKey, sessionKey],
    )) as { itemCode: string; valueNumber: string | null; valueText: string | null }[];
    return rows.map((row) => ({
      itemCode: row.itemCode,
      value: row.valueNumber !== null ? Number(row.valueNumber) : row.valueText,
    }));
  }

  /** Sessions of the delegate's enrolments that they attended and that have ended by `now`, latest first. */
  async attendedSessions(delegateUserId: string, now: Date, sessionId?: string): Promise<AttendedSession[]> {
    return (await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.title, s.kind, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              e.id AS "enrolmentId", e.programme_id AS "programmeId", e.cohort_id AS "cohortId",
              p.anonymous_evaluation AS "anonymous", c.completed_at AS "completedAt"
       FROM attendance a
       JOIN session s ON s.id = a.session_id
       JOIN enrolment e ON e.id = a.enrolment_id
       JOIN programme p ON p.id = e.programme_id
       LEFT JOIN evaluation_completion c
         ON c.enrolment_id = e.id AND c.stage = 'session-feedback' AND c.session_key = s.id::text
       WHERE e.delegate_user_id = $1 AND a.status IN ('present', 'late') AND s.status = 'scheduled'
         AND s.ends_at <= $2 AND ($3::uuid IS NULL OR s.id = $3::uuid)
       ORDER BY s.starts_at DESC`,
      [delegateUserId, now, sessionId ?? null],
    )) as AttendedSession[];
  }

  async sessionExists(sessionId: string): Promise<boolean> {
    const rows = (await this.dataSource.query('SELECT 1 FROM session WHERE id = $1', [
      sessionId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Serialises one delegate's submissions (row lock on the enrolment; FK checks elsewhere are not blocked). */
  async lockEnrolment(enrolmentId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT id FROM enrolment WHERE id = $1 FOR NO KEY UPDATE', [enrolmentId]);
  }

  async isCompleted(
    delegateUserId: string,
    programmeId: string,
    stage: EvaluationStage,
    sessionKey: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = (await manager.query(COMPLETED_BY_DELEGATE, [
      delegateUserId,
      programmeId,
      stage,
      sessionKey,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Whether a journey-stage response with this pairing key exists in one of the delegate's cohorts. */
  async codeResponseExists(
    delegateUserId: string,
    programmeId: string,
    stage: EvaluationStage,
    pairingKey: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM evaluation_response r
       WHERE r.programme_id = $2 AND r.stage = $3 AND r.pairing_key = $4 AND r.session_key = ''
         AND r.cohort_id IN (SELECT cohort_id FROM enrolment WHERE delegate_user_id = $1 AND programme_id = $2)`,
      [delegateUserId, programmeId, stage, pairingKey],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Records (or re-dates) that the delegate of this enrolment has answered. */
  async recordCompletion(
    enrolmentId: string,
    stage: EvaluationStage,
    sessionKey: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO evaluation_completion (enrolment_id, stage, session_key, completed_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (enrolment_id, stage, session_key) DO UPDATE SET completed_at = now()`,
      [enrolmentId, stage, sessionKey],
    );
  }

  /** Latest confirmed or completed enrolment per delegate and programme whose questionnaires may still be open. */
  async journeyRecipients(now: Date): Promise<JourneyRecipient[]> {
    return (await this.dataSource.query(
      `SELECT x.*, u.email, u.full_name AS "fullName", co.name AS "cohortName", p.anonymous_evaluation AS "anonymous",
              array(SELECT DISTINCT c.stage FROM evaluation_completion c JOIN enrolment ce ON ce.id = c.enrolment_id
                    WHERE ce.delegate_user_id = x."delegateUserId" AND ce.programme_id = x."programmeId" AND c.session_key = '') AS completed
       FROM (SELECT DISTINCT ON (t."delegateUserId", t."programmeId") t.*
             FROM (${ENROLMENT_TIMES}
                   WHERE e.status IN ('confirmed', 'completed') GROUP BY e.id) t
             ORDER BY t."delegateUserId", t."programmeId", t."createdAt" DESC) x
       JOIN app_user u ON u.id = x."delegateUserId"
       JOIN cohort co ON co.id = x."cohortId"
       JOIN programme p ON p.id = x."programmeId"
       WHERE x."lastEnd" IS NULL OR x."lastEnd" > $1::timestamptz - interval '${FOLLOW_UP_CLOSES_AFTER_DAYS} days'`,
      [now],
    )) as JourneyRecipient[];
  }

  /** Attended sessions that ended within the feedback window, lacking both feedback and this email. */
  async feedbackRecipients(now: Date, dedupePrefix: string): Promise<FeedbackRecipient[]> {
    return (await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt", co.name AS "cohortName",
              e.id AS "enrolmentId", u.email, u.full_name AS "fullName"
       FROM attendance a
       JOIN session s ON s.id = a.session_id
       JOIN enrolment e ON e.id = a.enrolment_id
       JOIN cohort co ON co.id = e.cohort_id
       JOIN app_user u ON u.id = e.delegate_user_id
       WHERE a.status IN ('present', 'late') AND s.status = 'scheduled' AND e.status IN ('confirmed', 'completed')
         AND s.ends_at <= $1 AND s.ends_at > $1::timestamptz - interval '${SESSION_FEEDBACK_WINDOW_DAYS} days'
         AND NOT EXISTS (SELECT 1 FROM evaluation_completion c
                         WHERE c.enrolment_id = e.id AND c.stage = 'session-feedback' AND c.session_key = s.id::text)
         AND NOT EXISTS (SELECT 1 FROM outbox_message o WHERE o.dedupe_key = $2 || ':' || s.id || ':' || e.id)
       LIMIT 5000`,
      [now, dedupePrefix],
    )) as FeedbackRecipient[];
  }

  /** When each of these emails was queued (absent: never). */
  async queuedAt(dedupeKeys: string[]): Promise<Map<string, Date>> {
    if (dedupeKeys.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      'SELECT dedupe_key AS "key", created_at AS "at" FROM outbox_message WHERE dedupe_key = ANY($1::text[])',
      [dedupeKeys],
    )) as { key: string; at: Date }[];
    return new Map(rows.map((row) => [row.key, row.at]));
  }

  /**
   * One response per pairing key, stage and session (INSERT … ON CONFLICT, so races cannot duplicate).
   * With `replace` an existing response gets the new answers; without it the insert is skipped and null is
   * returned (another delegate's response under the same code is never overwritten). Anonymous responses carry
   * the day only, so their times cannot be matched with the completion or the audit log.
   */
  async saveResponse(
    response: ResponseToSave,
    answers: EvaluationAnswer[],
    replace: boolean,
    manager: EntityManager,
  ): Promise<string | null> {
    const at = response.identity ? 'now()' : "date_trunc('day', now())";
    const [row] = (await manager.query(
      `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, session_key, stage, instrument_id, submitted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ${at}, ${at})
       ON CONFLICT (programme_id, stage, pairing_key, session_key) DO ${
         replace
           ? `UPDATE SET instrument_id = EXCLUDED.instrument_id, enrolment_id = EXCLUDED.enrolment_id,
                delegate_user_id = EXCLUDED.delegate_user_id, cohort_id = EXCLUDED.cohort_id, updated_at = ${at}`
           : 'NOTHING'
       }
       RETURNING id`,
      [
        response.programmeId,
        response.cohortId,
        response.identity?.enrolmentId ?? null,
        response.identity?.delegateUserId ?? null,
        response.pairingKey,
        response.sessionKey,
        response.stage,
        response.instrumentId,
      ],
    )) as { id: string }[];
    if (!row) return null;
    await manager.query('DELETE FROM evaluation_answer WHERE response_id = $1', [row.id]);
    const kept = answers.filter((answer) => answer.value !== null && answer.value !== '');
    if (kept.length > 0)
      await manager.query(
        `INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
         SELECT $1, x.code, x.num, x.txt FROM unnest($2::text[], $3::numeric[], $4::text[]) AS x(code, num, txt)`,
        [
          row.id,
          kept.map((answer) => answer.itemCode),
          kept.map((answer) => (typeof answer.value === 'number' ? answer.value : null)),
          kept.map((answer) => (typeof answer.value === 'string' ? answer.value : null)),
        ],
      );
    return row.id;
  }
}
