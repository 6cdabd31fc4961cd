import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SessionKind } from '@upstand/contracts';
import { DataSource } from 'typeorm';
import { systemScopeSql } from '../../common/auth/access-scope';

/** Which sessions a results query covers. `facilitatorUserId` limits it to sessions that user staffs. */
export interface SessionFeedbackSelection {
  programmeId: string;
  startFrom: string | null;
  startTo: string | null;
  cohortId: string | null;
  kind: SessionKind | null;
  facilitatorUserId: string | null;
  /** Only sessions of these systems (the cohort's, else the series'); null: every system. */
  systemIds: string[] | null;
}

export interface SessionFeedbackRow {
  sessionId: string;
  cohortName: string | null;
  kind: SessionKind;
  title: string;
  startsAt: Date;
  responses: number;
  attended: number;
  usefulAnswers: number;
  meanUseful: number | null;
  distribution: number[];
}

export interface SessionFeedbackKindRow {
  kind: SessionKind;
  sessions: number;
  responses: number;
  meanUseful: number | null;
  withheldSessions: number;
}

/**
 * The sessions chosen, and for each its feedback responses with the usefulness answer. The usefulness item is read
 * from the questionnaire version the response used: `session_useful` if that version has it, else its first
 * likert-5 item, so a renamed item still counts.
 */
function feedbackSql(selection: SessionFeedbackSelection, values: unknown[]): string {
  const add = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const programme = add(selection.programmeId);
  const conditions = [`coalesce(c.programme_id, ss.programme_id) = ${programme}`];
  const londonDate = `(s.starts_at AT TIME ZONE 'Europe/London')::date`;
  if (selection.startFrom) conditions.push(`${londonDate} >= ${add(selection.startFrom)}::date`);
  if (selection.startTo) conditions.push(`${londonDate} <= ${add(selection.startTo)}::date`);
  if (selection.cohortId) conditions.push(`s.cohort_id = ${add(selection.cohortId)}::uuid`);
  if (selection.kind) conditions.push(`s.kind = ${add(selection.kind)}`);
  if (selection.systemIds)
    conditions.push(systemScopeSql('coalesce(c.system_id, ss.system_id)', selection.systemIds, add));
  if (selection.facilitatorUserId)
    conditions.push(
      `EXISTS (SELECT 1 FROM session_facilitator sf JOIN facilitator f ON f.id = sf.facilitator_id
               WHERE sf.session_id = s.id AND sf.active AND f.user_id = ${add(selection.facilitatorUserId)}::uuid)`,
    );
  return `
    sel AS (
      SELECT s.id, s.kind, s.title, s.starts_at, c.name AS cohort_name
      FROM session s
      LEFT JOIN cohort c ON c.id = s.cohort_id
      LEFT JOIN session_series ss ON ss.id = s.series_id
      WHERE ${conditions.join(' AND ')}
    ),
    useful_item AS (
      SELECT i.id AS instrument_id,
             (SELECT item->>'code' FROM jsonb_array_elements(i.items) WITH ORDINALITY AS t(item, n)
              WHERE item->>'type' = 'likert-5'
              ORDER BY (item->>'code' = 'session_useful') DESC, n LIMIT 1) AS code
      FROM instrument i WHERE i.programme_id = ${programme} AND i.stage = 'session-feedback'
    ),
    resp AS (
      SELECT r.id, r.session_key, r.instrument_id, r.submitted_at, a.value_number AS useful
      FROM evaluation_response r
      JOIN useful_item ui ON ui.instrument_id = r.instrument_id
      LEFT JOIN evaluation_answer a ON a.response_id = r.id AND a.item_code = ui.code
      WHERE r.programme_id = ${programme} AND r.stage = 'session-feedback'
        AND r.session_key IN (SELECT id::text FROM sel)
    ),
    per_session AS (
      SELECT sel.id, sel.kind, sel.title, sel.starts_at, sel.cohort_name,
             count(resp.id)::int AS responses,
             count(resp.useful)::int AS useful_answers,
             sum(resp.useful)::float8 AS useful_sum,
             avg(resp.useful)::float8 AS mean_useful,
             ARRAY[
               count(*) FILTER (WHERE resp.useful = 1), count(*) FILTER (WHERE resp.useful = 2),
               count(*) FILTER (WHERE resp.useful = 3), count(*) FILTER (WHERE resp.useful = 4),
               count(*) FILTER (WHERE resp.useful = 5)
             ]::int[] AS distribution
      FROM sel LEFT JOIN resp ON resp.session_key = sel.id::text
      GROUP BY sel.id, sel.kind, sel.title, sel.starts_at, sel.cohort_name
    )`;
}

/** Sessions that have ended, or that someone gave feedback on (a moved session keeps its answers). */
const LISTED = `(per_session.responses > 0 OR EXISTS (
  SELECT 1 FROM session s WHERE s.id = per_session.id AND s.status = 'scheduled' AND s.ends_at <= now()))`;

@Injectable()
export class SessionFeedbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of the listed sessions, latest first, and how many there are: `pattern` (an ILIKE pattern) matches
   * the session's title or its cohort's name.
   */
  async sessions(
    selection: SessionFeedbackSelection,
    pattern: string | null,
    take: number,
    skip: number,
  ): Promise<{ rows: SessionFeedbackRow[]; total: number }> {
    const values: unknown[] = [];
    const cte = feedbackSql(selection, values);
    values.push(pattern);
    const where = `${LISTED} AND ($${values.length}::text IS NULL OR title ILIKE $${values.length}
      OR cohort_name ILIKE $${values.length})`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<SessionFeedbackRow[]>(
        `WITH ${cte}
         SELECT per_session.id AS "sessionId", cohort_name AS "cohortName", kind, title, starts_at AS "startsAt",
                responses, useful_answers AS "usefulAnswers", mean_useful AS "meanUseful", distribution,
                (SELECT count(*)::int FROM attendance a
                 WHERE a.session_id = per_session.id AND a.status IN ('present', 'late')) AS attended
         FROM per_session
         WHERE ${where}
         ORDER BY starts_at DESC, title, per_session.id
         LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
        [...values, take, skip],
      ),
      this.dataSource.query<{ total: number }[]>(
        `WITH ${cte} SELECT count(*)::int AS total FROM per_session WHERE ${where}`,
        values,
      ),
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  /**
   * Totals by session kind. Sessions with some but fewer than `minimumForMean` responses count as sessions and
   * responses, but their answers are left out of the mean (0 keeps every answer in).
   */
  async byKind(
    selection: SessionFeedbackSelection,
    minimumForMean: number,
  ): Promise<SessionFeedbackKindRow[]> {
    const values: unknown[] = [];
    const cte = feedbackSql(selection, values);
    values.push(minimumForMean);
    const minimum = `$${values.length}::int`;
    return (await this.dataSource.query(
      `WITH ${cte}
       SELECT kind, count(*)::int AS sessions, sum(responses)::int AS responses,
              (sum(useful_sum) FILTER (WHERE responses >= ${minimum})
                / nullif(sum(useful_answers) FILTER (WHERE responses >= ${minimum}), 0))::float8 AS "meanUseful",
              count(*) FILTER (WHERE responses > 0 AND responses < ${minimum})::int AS "withheldSessions"
       FROM per_session
       WHERE ${LISTED}
       GROUP BY kind
       ORDER BY kind`,
      values,
    )) as SessionFeedbackKindRow[];
  }

  /** Free-text answers per session (items of type free-text in the version answered), newest first. */
  async comments(programmeId: string, sessionIds: string[]): Promise<Map<string, string[]>> {
    if (sessionIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT r.session_key AS "sessionId", array_agg(a.value_text ORDER BY r.submitted_at DESC, a.item_code) AS comments
       FROM evaluation_response r
       JOIN instrument i ON i.id = r.instrument_id
       JOIN evaluation_answer a ON a.response_id = r.id AND btrim(a.value_text) <> ''
       WHERE r.programme_id = $1 AND r.stage = 'session-feedback' AND r.session_key = ANY($2::text[])
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(i.items) item
                     WHERE item->>'code' = a.item_code AND item->>'type' = 'free-text')
       GROUP BY r.session_key`,
      [programmeId, sessionIds],
    )) as { sessionId: string; comments: string[] }[];
    return new Map(rows.map((row) => [row.sessionId, row.comments]));
  }
}
