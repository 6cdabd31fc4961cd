import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnrolmentImportStatus, EnrolmentStatus, ImportStage } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { ImportProgress } from './import-progress';

export interface ImportProgramme {
  id: string;
  anonymousEvaluation: boolean;
  /** The system (ICB id) of a system's programme; null for a regional one. */
  systemId: string | null;
}

/** A delegate found by email with the enrolment their answers belong to (null when not enrolled). */
export interface DelegateEnrolment {
  email: string;
  userId: string;
  enrolmentId: string | null;
  cohortId: string | null;
  /** The system (ICB id) of the enrolment's cohort */
  cohortSystemId: string | null;
}

export interface NewResponse {
  cohortId: string;
  enrolmentId: string;
  delegateUserId: string;
  stage: ImportStage;
  instrumentId: string;
  submittedAt: Date;
}

export interface NewAnswer {
  responseIndex: number;
  itemCode: string;
  value: number | string;
}

export interface ImportCohort {
  id: string;
  name: string;
  /** The cohort's system (ICB id): what a lead's grant must reach */
  systemId: string;
  /** Whole-cohort scheduled sessions, in the order they happen */
  sessionIds: string[];
  /** When each of sessionIds starts */
  sessionStarts: Date[];
  /** When the cohort's last scheduled session (learning sets included) ends; null when it has none */
  lastEndsAt: Date | null;
}

export interface ExistingUser {
  id: string;
  email: string;
  enrolments: { id: string; cohortId: string; status: EnrolmentStatus; createdAt: Date }[];
}

export interface NewImportedUser {
  email: string;
  fullName: string;
  organisationId: string | null;
  passwordHash: string;
}

/** Rows per statement: keeps each unnest() array well within PostgreSQL's parameter and memory comfort. */
const RESPONSE_BATCH = 2_000;
const ANSWER_BATCH = 10_000;

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async programme(id: string): Promise<ImportProgramme | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id, anonymous_evaluation AS "anonymousEvaluation", system_id AS "systemId" FROM programme WHERE id = $1`,
      [id],
    )) as ImportProgramme[];
    return row ?? null;
  }

  /**
   * Delegates by (lower-cased) email with their enrolment on the programme: a confirmed or completed one if
   * they have it, else their latest.
   */
  async delegateEnrolments(programmeId: string, emails: string[]): Promise<DelegateEnrolment[]> {
    if (emails.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT DISTINCT ON (u.id) u.email, u.id AS "userId", e.id AS "enrolmentId", e.cohort_id AS "cohortId",
              c.system_id AS "cohortSystemId"
       FROM app_user u
       LEFT JOIN enrolment e ON e.delegate_user_id = u.id AND e.programme_id = $1
       LEFT JOIN cohort c ON c.id = e.cohort_id
       WHERE u.email = ANY($2::text[])
       ORDER BY u.id, (e.status IN ('confirmed', 'completed')) DESC NULLS LAST, e.created_at DESC NULLS LAST`,
      [programmeId, emails],
    )) as DelegateEnrolment[];
  }

  /** Which of these (pairing key, stage) pairs already have a response, as `key|stage`. */
  async existingResponses(
    programmeId: string,
    pairs: { pairingKey: string; stage: ImportStage }[],
  ): Promise<Set<string>> {
    const found = new Set<string>();
    for (const batch of chunks(pairs, RESPONSE_BATCH)) {
      const rows = (await this.dataSource.query(
        `SELECT r.pairing_key AS "pairingKey", r.stage FROM evaluation_response r
         JOIN unnest($2::text[], $3::text[]) AS x(key, stage) ON x.key = r.pairing_key AND x.stage = r.stage
         WHERE r.programme_id = $1 AND r.session_key = ''`,
        [programmeId, batch.map((pair) => pair.pairingKey), batch.map((pair) => pair.stage)],
      )) as { pairingKey: string; stage: string }[];
      for (const row of rows) found.add(`${row.pairingKey}|${row.stage}`);
    }
    return found;
  }

  /**
   * Writes responses (replacing any for the same programme, stage and delegate, answers and all) in batches.
   * Identified responses pair by the delegate's user id, as EvaluationsRepository.saveResponse does.
   * Returns how many were new and how many replaced.
   */
  async saveResponses(
    programmeId: string,
    responses: NewResponse[],
    answers: NewAnswer[],
    manager: EntityManager,
    progress?: ImportProgress,
  ): Promise<{ created: number; replaced: number }> {
    const idByKey = new Map<string, string>();
    let created = 0;
    let done = 0;
    for (const batch of chunks(responses, RESPONSE_BATCH)) {
      const rows = (await manager.query(
        `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, session_key, stage, instrument_id, submitted_at, updated_at)
         SELECT $1, x.cohort_id, x.enrolment_id, x.user_id, x.user_id::text, '', x.stage, x.instrument_id, x.at, x.at
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::timestamptz[])
           AS x(cohort_id, enrolment_id, user_id, stage, instrument_id, at)
         ON CONFLICT (programme_id, stage, pairing_key, session_key) DO UPDATE
           SET instrument_id = EXCLUDED.instrument_id, enrolment_id = EXCLUDED.enrolment_id,
               cohort_id = EXCLUDED.cohort_id, delegate_user_id = EXCLUDED.delegate_user_id,
               submitted_at = EXCLUDED.submitted_at, updated_at = EXCLUDED.updated_at
         RETURNING id, pairing_key AS "pairingKey", stage, (xmax = 0) AS inserted`,
        [
          programmeId,
          batch.map((response) => response.cohortId),
          batch.map((response) => response.enrolmentId),
          batch.map((response) => response.delegateUserId),
          batch.map((response) => response.stage),
          batch.map((response) => response.instrumentId),
          batch.map((response) => response.submittedAt.toISOString()),
        ],
      )) as { id: string; pairingKey: string; stage: string; inserted: boolean }[];
      for (const row of rows) {
        idByKey.set(`${row.pairingKey}|${row.stage}`, row.id);
        if (row.inserted) created += 1;
      }
      // Who has answered what (kept apart from the answers): due lists and reminders read it.
      await manager.query(
        `INSERT INTO evaluation_completion (enrolment_id, stage, session_key, completed_at)
         SELECT x.enrolment_id, x.stage, '', x.at FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS x(enrolment_id, stage, at)
         ON CONFLICT (enrolment_id, stage, session_key) DO UPDATE SET completed_at = EXCLUDED.completed_at`,
        [
          batch.map((response) => response.enrolmentId),
          batch.map((response) => response.stage),
          batch.map((response) => response.submittedAt.toISOString()),
        ],
      );
      done += batch.length;
      await progress?.advance(done);
    }
    const ids = responses.map((response) => idByKey.get(`${response.delegateUserId}|${response.stage}`));
    for (const batch of chunks([...idByKey.values()], RESPONSE_BATCH))
      await manager.query(`DELETE FROM evaluation_answer WHERE response_id = ANY($1::uuid[])`, [batch]);
    for (const batch of chunks(answers, ANSWER_BATCH)) {
      await manager.query(
        `INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
         SELECT x.response_id, x.code, x.num, x.txt FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::text[]) AS x(response_id, code, num, txt)`,
        [
          batch.map((answer) => ids[answer.responseIndex]),
          batch.map((answer) => answer.itemCode),
          batch.map((answer) => (typeof answer.value === 'number' ? answer.value : null)),
          batch.map((answer) => (typeof answer.value === 'string' ? answer.value : null)),
        ],
      );
      await progress?.advance(done);
    }
    return { created, replaced: idByKey.size - created };
  }

  // ── Enrolment history ──

  async cohorts(programmeId: string): Promise<ImportCohort[]> {
    return (await this.dataSource.query(
      `SELECT c.id, c.name, c.system_id AS "systemId",
              coalesce(array_agg(s.id ORDER BY s.starts_at, s.sequence) FILTER (WHERE s.id IS NOT NULL), '{}') AS "sessionIds",
              coalesce(array_agg(s.starts_at ORDER BY s.starts_at, s.sequence) FILTER (WHERE s.id IS NOT NULL), '{}') AS "sessionStarts",
              (SELECT max(x.ends_at) FROM session x WHERE x.cohort_id = c.id AND x.status = 'scheduled') AS "lastEndsAt"
       FROM cohort c
       LEFT JOIN session s ON s.cohort_id = c.id AND s.set_id IS NULL AND s.status = 'scheduled'
       WHERE c.programme_id = $1
       GROUP BY c.id`,
      [programmeId],
    )) as ImportCohort[];
  }

  async organisationIds(odsCodes: string[]): Promise<Map<string, string>> {
    if (odsCodes.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT ods_code AS "odsCode", id FROM organisation WHERE ods_code = ANY($1::text[])`,
      [odsCodes],
    )) as { odsCode: string; id: string }[];
    return new Map(rows.map((row) => [row.odsCode, row.id]));
  }

  /** Users by (lower-cased) email with their enrolments on the programme. */
  async usersWithEnrolments(programmeId: string, emails: string[]): Promise<ExistingUser[]> {
    if (emails.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT u.id, u.email,
              coalesce(json_agg(json_build_object('id', e.id, 'cohortId', e.cohort_id, 'status', e.status, 'createdAt', e.created_at)
                ORDER BY e.created_at DESC) FILTER (WHERE e.id IS NOT NULL), '[]') AS enrolments
       FROM app_user u
       LEFT JOIN enrolment e ON e.delegate_user_id = u.id AND e.programme_id = $1
       WHERE u.email = ANY($2::text[])
       GROUP BY u.id`,
      [programmeId, emails],
    )) as ExistingUser[];
  }

  /** New delegate accounts; returns their ids by email. */
  async insertDelegates(users: NewImportedUser[], manager: EntityManager): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const batch of chunks(users, RESPONSE_BATCH)) {
      const rows = (await manager.query(
        `INSERT INTO app_user (email, full_name, password_hash, organisation_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[])
         RETURNING id, email`,
        [
          batch.map((user) => user.email),
          batch.map((user) => user.fullName),
          batch.map((user) => user.passwordHash),
          batch.map((user) => user.organisationId),
        ],
      )) as { id: string; email: string }[];
      for (const row of rows) ids.set(row.email, row.id);
    }
    return ids;
  }

  async grantDelegateRole(userIds: string[], manager: EntityManager): Promise<void> {
    for (const batch of chunks(userIds, RESPONSE_BATCH))
      await manager.query(
        `INSERT INTO user_role (user_id, role) SELECT unnest($1::uuid[]), 'delegate'
         ON CONFLICT (user_id, role) WHERE organisation_id IS NULL DO NOTHING`,
        [batch],
      );
  }

  /**
   * Creates or updates enrolments with their status and its timestamp; returns the enrolment ids in input
   * order. A completion is dated by the cohort's last session when that is past, so certificates show when
   * the course ended.
   */
  async saveEnrolments(
    programmeId: string,
    rows: { existingId: string | null; cohortId: string; userId: string; status: EnrolmentImportStatus }[],
    manager: EntityManager,
  ): Promise<string[]> {
    const ended = `least(now(), (SELECT max(s.ends_at) FROM session s WHERE s.cohort_id = x.cohort_id AND s.status = 'scheduled'))`;
    const idByKey = new Map<string, string>();
    const updates = rows.filter((row) => row.existingId !== null);
    for (const batch of chunks(updates, RESPONSE_BATCH)) {
      const saved = (await manager.query(
        `UPDATE enrolment e SET status = x.status, status_changed_at = now(),
           confirmed_at = CASE WHEN x.status IN ('confirmed', 'completed') THEN coalesce(e.confirmed_at, now()) ELSE e.confirmed_at END,
           completed_at = CASE WHEN x.status = 'completed' THEN coalesce(${ended}, now()) END,
           withdrawn_at = CASE WHEN x.status = 'withdrawn' THEN now() ELSE e.withdrawn_at END,
           did_not_complete_at = CASE WHEN x.status = 'did-not-complete' THEN now() ELSE e.did_not_complete_at END,
           waitlist_rank = NULL, offer_expires_at = NULL
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x(id, cohort_id, status)
         WHERE e.id = x.id
         RETURNING e.id, e.cohort_id AS "cohortId", e.delegate_user_id AS "userId"`,
        [
          batch.map((row) => row.existingId),
          batch.map((row) => row.cohortId),
          batch.map((row) => row.status),
        ],
      )) as [{ id: string; cohortId: string; userId: string }[], number];
      for (const row of saved[0]) idByKey.set(`${row.userId}|${row.cohortId}`, row.id);
    }
    const inserts = rows.filter((row) => row.existingId === null);
    for (const batch of chunks(inserts, RESPONSE_BATCH)) {
      const saved = (await manager.query(
        `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, status_changed_at, confirmed_at, completed_at, withdrawn_at, did_not_complete_at)
         SELECT x.cohort_id, $1, x.user_id, x.status, now(),
                CASE WHEN x.status IN ('confirmed', 'completed') THEN now() END,
                CASE WHEN x.status = 'completed' THEN coalesce(${ended}, now()) END,
                CASE WHEN x.status = 'withdrawn' THEN now() END,
                CASE WHEN x.status = 'did-not-complete' THEN now() END
         FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS x(cohort_id, user_id, status)
         RETURNING id, cohort_id AS "cohortId", delegate_user_id AS "userId"`,
        [
          programmeId,
          batch.map((row) => row.cohortId),
          batch.map((row) => row.userId),
          batch.map((row) => row.status),
        ],
      )) as { id: string; cohortId: string; userId: string }[];
      for (const row of saved) idByKey.set(`${row.userId}|${row.cohortId}`, row.id);
    }
    return rows.map((row) => idByKey.get(`${row.userId}|${row.cohortId}`) as string);
  }

  /** Marks these (session, enrolment) pairs present, as a register would. */
  async markPresent(
    marks: { sessionId: string; enrolmentId: string }[],
    recordedByUserId: string,
    manager: EntityManager,
  ): Promise<void> {
    for (const batch of chunks(marks, ANSWER_BATCH))
      await manager.query(
        `INSERT INTO attendance (session_id, enrolment_id, status, method, recorded_by_user_id)
         SELECT x.session_id, x.enrolment_id, 'present', 'register', $3 FROM unnest($1::uuid[], $2::uuid[]) AS x(session_id, enrolment_id)
         ON CONFLICT (session_id, enrolment_id) DO UPDATE SET status = 'present', recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = now()`,
        [batch.map((mark) => mark.sessionId), batch.map((mark) => mark.enrolmentId), recordedByUserId],
      );
  }
}
