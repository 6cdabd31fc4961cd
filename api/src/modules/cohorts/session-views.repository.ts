import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FacilitatorLevel, SessionKind, SessionMode, SessionStatus } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { systemScopeSql } from '../../common/auth/access-scope';

export interface SessionViewFilter {
  from?: Date;
  to?: Date;
  cohortId?: string;
  sessionIds?: string[];
  setId?: string;
  /** ODS code of an ICB */
  system?: string;
  kind?: SessionKind;
  facilitatorId?: string;
  facilitatorUserId?: string;
  /** Sessions this user is booked on as a delegate: a confirmed or completed place, their own set's sessions. */
  bookedUserId?: string;
  /**
   * Only sessions of these systems (the cohort's, else the series') and of series for the whole region; null
   * or absent: every system. Pass visibleSystemIds(...) for a viewer's scope.
   */
  visibleSystemIds?: string[] | null;
  limit?: number;
}

export interface SessionViewRow {
  id: string;
  cohortId: string | null;
  cohortName: string | null;
  cohortCapacity: number | null;
  cohortVenue: string | null;
  seriesId: string | null;
  setId: string | null;
  stageKey: string;
  sequence: number;
  title: string;
  kind: SessionKind;
  mode: SessionMode;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  calendarUid: string;
  calendarSequence: number;
  updatedAt: Date;
  systemOdsCode: string | null;
  venueId: string | null;
  venueName: string | null;
  venueAddress: string | null;
  venueCapacity: number | null;
  joinUrl: string | null;
  facilitators: { facilitatorId: string; fullName: string; level: FacilitatorLevel }[];
}

/**
 * Sessions with everything a schedule or calendar shows (cohort, system, venue, facilitators), assembled
 * by PostgreSQL in one query.
 */
@Injectable()
export class SessionViewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    filter: SessionViewFilter,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionViewRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.from) conditions.push(`s.starts_at >= ${param(filter.from)}`);
    if (filter.to) conditions.push(`s.starts_at < ${param(filter.to)}`);
    if (filter.cohortId) conditions.push(`s.cohort_id = ${param(filter.cohortId)}`);
    if (filter.setId) conditions.push(`s.set_id = ${param(filter.setId)}`);
    if (filter.sessionIds) conditions.push(`s.id = ANY(${param(filter.sessionIds)}::uuid[])`);
    if (filter.system)
      conditions.push(`COALESCE(cohort_system.ods_code, series_system.ods_code) = ${param(filter.system)}`);
    if (filter.kind) conditions.push(`s.kind = ${param(filter.kind)}`);
    if (filter.visibleSystemIds)
      conditions.push(systemScopeSql('COALESCE(c.system_id, se.system_id)', filter.visibleSystemIds, param));
    if (filter.facilitatorId) {
      conditions.push(
        `EXISTS (SELECT 1 FROM session_facilitator f WHERE f.session_id = s.id AND f.active AND f.facilitator_id = ${param(filter.facilitatorId)})`,
      );
    }
    if (filter.facilitatorUserId) {
      conditions.push(
        `EXISTS (SELECT 1 FROM session_facilitator f JOIN facilitator fa ON fa.id = f.facilitator_id WHERE f.session_id = s.id AND f.active AND fa.user_id = ${param(filter.facilitatorUserId)})`,
      );
    }
    if (filter.bookedUserId) {
      // The same rule as the journey page: whole-cohort sessions, and of learning sets only their own set's
      // (the cohort-wide placeholders go once sets are made).
      conditions.push(
        `EXISTS (SELECT 1 FROM enrolment e LEFT JOIN learning_set_member m ON m.enrolment_id = e.id
                 WHERE e.cohort_id = s.cohort_id AND e.delegate_user_id = ${param(filter.bookedUserId)}
                   AND e.status IN ('confirmed', 'completed')
                   AND (s.set_id = m.set_id OR (s.set_id IS NULL AND NOT (m.set_id IS NOT NULL AND s.kind = 'action-learning-set'))))`,
      );
    }
    const limit = param(filter.limit ?? 10_000);
    const sql = `
      SELECT s.id, s.cohort_id AS "cohortId", c.name AS "cohortName", c.capacity AS "cohortCapacity", c.venue AS "cohortVenue",
             s.series_id AS "seriesId", s.set_id AS "setId", s.stage_key AS "stageKey", s.sequence, s.title, s.kind, s.mode, s.status,
             s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.calendar_uid AS "calendarUid", s.calendar_sequence AS "calendarSequence",
             s.updated_at AS "updatedAt",
             COALESCE(cohort_system.ods_code, series_system.ods_code) AS "systemOdsCode",
             s.venue_id AS "venueId", v.name AS "venueName", v.address AS "venueAddress", v.capacity AS "venueCapacity", s.join_url AS "joinUrl",
             COALESCE((
               SELECT json_agg(json_build_object('facilitatorId', fa.id, 'fullName', u.full_name, 'level', fa.level) ORDER BY sf.position)
               FROM session_facilitator sf JOIN facilitator fa ON fa.id = sf.facilitator_id JOIN app_user u ON u.id = fa.user_id
               WHERE sf.session_id = s.id AND sf.active
             ), '[]'::json) AS facilitators
      FROM session s
      LEFT JOIN cohort c ON c.id = s.cohort_id
      LEFT JOIN organisation cohort_system ON cohort_system.id = c.system_id
      LEFT JOIN session_series se ON se.id = s.series_id
      LEFT JOIN organisation series_system ON series_system.id = se.system_id
      LEFT JOIN venue v ON v.id = s.venue_id
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY s.starts_at, s.sequence
      LIMIT ${limit}`;
    return (await manager.query(sql, params)) as SessionViewRow[];
  }
}
