import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_ENROLMENT_STATUSES, AttendanceStatus, EnrolmentStatus } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CohortEntity } from '../cohorts/cohort.entity';
import { EnrolmentEntity } from './enrolment.entity';

export interface EnrolmentRow extends EnrolmentEntity {
  cohortName: string;
  waitlistPosition: number | null;
  delegateName: string;
  delegateEmail: string;
  organisationName: string | null;
}

export interface JourneySessionRow {
  id: string;
  stageKey: string;
  title: string;
  kind: string;
  mode: 'in-person' | 'virtual';
  status: 'scheduled' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  venueName: string | null;
  joinUrl: string | null;
  attendance: AttendanceStatus | null;
  setId: string | null;
}

export interface OpenCohortRow {
  id: string;
  name: string;
  programmeId: string;
  programmeName: string;
  systemOdsCode: string;
  systemName: string;
  startDate: string;
  capacity: number;
  holding: number;
  restrictedSystemCodes: string[];
  /** Scheduled sessions, earliest first; times as PostgreSQL writes them in JSON */
  sessions: {
    title: string;
    kind: string;
    mode: 'in-person' | 'virtual';
    startsAt: string;
    endsAt: string;
    venueName: string | null;
    town: string | null;
    setNumber: number | null;
  }[];
}

/**
 * A venue's town from its address, which venues write as "street, town POSTCODE" ("Gwendolen Road, Leicester
 * LE5 4PW" gives "Leicester"): the UK postcode at the end is dropped, then the last comma-separated part kept.
 */
const TOWN_SQL = `NULLIF(btrim(regexp_replace(
    regexp_replace(v.address, '[,[:space:]]*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?[[:space:]]*[0-9][A-Za-z]{2}[[:space:]]*$', ''),
    '^.*,[[:space:]]*', '')), '')`;

const ENROLMENT_SELECT = `
  SELECT e.id, e.cohort_id AS "cohortId", e.programme_id AS "programmeId", e.delegate_user_id AS "delegateUserId", e.status,
         e.waitlist_rank AS "waitlistRank", e.offer_expires_at AS "offerExpiresAt", e.transferred_from_id AS "transferredFromId",
         e.created_at AS "createdAt", e.status_changed_at AS "statusChangedAt", c.name AS "cohortName",
         CASE WHEN e.status = 'waitlisted' THEN (
           SELECT count(*)::int FROM enrolment w WHERE w.cohort_id = e.cohort_id AND w.status = 'waitlisted' AND w.waitlist_rank <= e.waitlist_rank
         ) END AS "waitlistPosition",
         u.full_name AS "delegateName", u.email AS "delegateEmail", o.name AS "organisationName"
  FROM enrolment e
  JOIN cohort c ON c.id = e.cohort_id
  JOIN app_user u ON u.id = e.delegate_user_id
  LEFT JOIN organisation o ON o.id = u.organisation_id`;

const ACTIVE_LIST = ACTIVE_ENROLMENT_STATUSES.map((status) => `'${status}'`).join(', ');

/** How a cohort's delegates list is ordered: the people in the cohort, those waiting, then history. */
const STATUS_ORDER = [
  'confirmed',
  'completed',
  'offered',
  'pending-approval',
  'waitlisted',
  'did-not-complete',
  'declined',
  'withdrawn',
]
  .map((status) => `'${status}'`)
  .join(', ');

const STATUS_TIMESTAMP: Partial<Record<EnrolmentStatus, keyof EnrolmentEntity>> = {
  confirmed: 'confirmedAt',
  waitlisted: 'waitlistedAt',
  offered: 'offeredAt',
  declined: 'declinedAt',
  withdrawn: 'withdrawnAt',
  completed: 'completedAt',
  'did-not-complete': 'didNotCompleteAt',
};

/** A sponsor's view of one enrolment of someone from their organisation. */
export interface SponsorDelegateRow {
  fullName: string;
  jobTitle: string | null;
  cohortName: string;
  status: EnrolmentStatus;
  sessionsAttended: number;
  sessionsHeld: number;
}

@Injectable()
export class EnrolmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Locks the cohort row: sign-ups, withdrawals and offers for one cohort then happen one at a time. */
  lockCohort(cohortId: string, manager: EntityManager): Promise<CohortEntity | null> {
    return manager
      .getRepository(CohortEntity)
      .findOne({ where: { id: cohortId }, lock: { mode: 'pessimistic_write' } });
  }

  async countHoldingPlaces(cohortId: string, manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS count FROM enrolment WHERE cohort_id = $1 AND status IN ('confirmed', 'offered', 'completed')`,
      [cohortId],
    )) as [{ count: number }];
    return row.count;
  }

  async nextWaitlistRank(manager: EntityManager): Promise<string> {
    const [row] = (await manager.query(`SELECT nextval('enrolment_waitlist_rank_seq')::text AS rank`)) as [
      { rank: string },
    ];
    return row.rank;
  }

  firstWaitlisted(cohortId: string, manager: EntityManager): Promise<EnrolmentEntity | null> {
    return manager
      .getRepository(EnrolmentEntity)
      .findOne({ where: { cohortId, status: 'waitlisted' }, order: { waitlistRank: 'ASC' } });
  }

  insert(
    enrolment: Partial<EnrolmentEntity> & { status: EnrolmentStatus },
    manager: EntityManager,
  ): Promise<EnrolmentEntity> {
    const now = new Date();
    const stamp = STATUS_TIMESTAMP[enrolment.status];
    return manager.save(
      EnrolmentEntity,
      manager.create(EnrolmentEntity, {
        ...enrolment,
        statusChangedAt: now,
        ...(stamp ? { [stamp]: now } : {}),
      }),
    );
  }

  lockEnrolment(id: string, manager: EntityManager): Promise<EnrolmentEntity | null> {
    return manager
      .getRepository(EnrolmentEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Moves an enrolment to a new status, stamping when it happened. */
  async setStatus(
    enrolment: EnrolmentEntity,
    status: EnrolmentStatus,
    manager: EntityManager,
    extra: Partial<EnrolmentEntity> = {},
  ): Promise<void> {
    const now = new Date();
    const stamp = STATUS_TIMESTAMP[status];
    await manager.update(
      EnrolmentEntity,
      { id: enrolment.id },
      { status, statusChangedAt: now, ...(stamp ? { [stamp]: now } : {}), ...extra },
    );
  }

  /** Offers past their expiry (not locked: each is re-checked under its cohort's lock). */
  expiredOffers(now: Date): Promise<EnrolmentEntity[]> {
    return this.dataSource
      .getRepository(EnrolmentEntity)
      .createQueryBuilder('enrolment')
      .where(`enrolment.status = 'offered' AND enrolment.offerExpiresAt < :now`, { now })
      .orderBy('enrolment.offerExpiresAt', 'ASC')
      .limit(500)
      .getMany();
  }

  /** The place moved or was given up: an open offer to transfer it elsewhere no longer applies. */
  async closePendingTransferOffers(enrolmentId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE enrolment_transfer_offer SET status = 'withdrawn', decided_at = now() WHERE enrolment_id = $1 AND status = 'pending'`,
      [enrolmentId],
    );
  }

  findEnrolment(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EnrolmentEntity | null> {
    return manager.getRepository(EnrolmentEntity).findOne({ where: { id } });
  }

  async findRows(where: {
    id?: string;
    cohortId?: string;
    delegateUserId?: string;
  }): Promise<EnrolmentRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [
      ['e.id', where.id],
      ['e.cohort_id', where.cohortId],
      ['e.delegate_user_id', where.delegateUserId],
    ] as const) {
      if (value) {
        params.push(value);
        conditions.push(`${column} = $${params.length}`);
      }
    }
    return (await this.dataSource.query(
      `${ENROLMENT_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY e.created_at, e.waitlist_rank`,
      params,
    )) as EnrolmentRow[];
  }

  /** The delegate's active place on any cohort of the programme, if they hold one (under the caller's locks). */
  async activePlaceInProgramme(
    programmeId: string,
    delegateUserId: string,
    manager: EntityManager,
  ): Promise<{ cohortId: string; cohortName: string; status: EnrolmentStatus } | null> {
    const [row] = (await manager.query(
      `SELECT e.cohort_id AS "cohortId", c.name AS "cohortName", e.status FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
       WHERE e.programme_id = $1 AND e.delegate_user_id = $2 AND e.status IN (${ACTIVE_LIST})`,
      [programmeId, delegateUserId],
    )) as { cohortId: string; cohortName: string; status: EnrolmentStatus }[];
    return row ?? null;
  }

  /**
   * One page of a cohort's enrolments: people in (or waiting for) the cohort first, the waiting list in its
   * order, then history; searched by name or email (an escaped ILIKE pattern). Paged in SQL.
   */
  async pageForCohort(
    cohortId: string,
    filter: { pattern: string | null; status: EnrolmentStatus | null; ids: string[] | null },
    limit: number,
    offset: number,
  ): Promise<{ rows: EnrolmentRow[]; total: number }> {
    const where = `e.cohort_id = $1 AND ($2::text IS NULL OR u.full_name ILIKE $2 OR u.email ILIKE $2)
      AND ($3::text IS NULL OR e.status = $3) AND ($4::uuid[] IS NULL OR e.id = ANY($4))`;
    const params = [cohortId, filter.pattern, filter.status, filter.ids];
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<EnrolmentRow[]>(
        `${ENROLMENT_SELECT} WHERE ${where}
         ORDER BY array_position(ARRAY[${STATUS_ORDER}]::text[], e.status), e.waitlist_rank, lower(u.full_name), e.id
         LIMIT $5 OFFSET $6`,
        [...params, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  /** How many of the cohort's enrolments are in each status. */
  async countsForCohort(cohortId: string): Promise<Partial<Record<EnrolmentStatus, number>>> {
    const rows = await this.dataSource.query<{ status: EnrolmentStatus; count: number }[]>(
      `SELECT status, count(*)::int AS count FROM enrolment WHERE cohort_id = $1 GROUP BY status`,
      [cohortId],
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  }

  /**
   * One page of the cohorts taking sign-ups (open, not yet started), with places held and every scheduled session
   * (where and when only) gathered in the same query, and how many there are in all. `pattern` is an ILIKE
   * pattern over the cohort's name, its system's name or code, and its venues' names and towns.
   */
  async openCohorts(
    today: string,
    window: { take: number; skip: number },
    pattern: string | null,
  ): Promise<{ rows: OpenCohortRow[]; total: number }> {
    const where = `c.signups_open AND c.start_date > $1
       AND ($2::text IS NULL OR c.name ILIKE $2 OR s.name ILIKE $2 OR s.ods_code ILIKE $2 OR c.venue ILIKE $2
            OR EXISTS (SELECT 1 FROM session vs JOIN venue vv ON vv.id = vs.venue_id
                       WHERE vs.cohort_id = c.id AND vs.status = 'scheduled' AND (vv.name ILIKE $2 OR vv.address ILIKE $2)))`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id, c.name, c.programme_id AS "programmeId", p.name AS "programmeName", s.ods_code AS "systemOdsCode", s.name AS "systemName", c.start_date::text AS "startDate",
                c.capacity,
                (SELECT count(*)::int FROM enrolment e WHERE e.cohort_id = c.id AND e.status IN ('confirmed', 'offered', 'completed')) AS holding,
                COALESCE((SELECT array_agg(r.ods_code ORDER BY r.ods_code) FROM organisation r WHERE r.id = ANY(c.restricted_system_ids)), '{}') AS "restrictedSystemCodes",
                COALESCE((
                  SELECT json_agg(json_build_object(
                           'title', se.title, 'kind', se.kind, 'mode', se.mode,
                           'startsAt', se.starts_at, 'endsAt', se.ends_at,
                           'venueName', CASE WHEN se.mode = 'in-person' THEN COALESCE(v.name, c.venue) END,
                           'town', CASE WHEN se.mode = 'in-person' THEN ${TOWN_SQL} END,
                           'setNumber', ls.number
                         ) ORDER BY se.starts_at, ls.number)
                  FROM session se
                  LEFT JOIN venue v ON v.id = se.venue_id
                  LEFT JOIN learning_set ls ON ls.id = se.set_id
                  WHERE se.cohort_id = c.id AND se.status = 'scheduled'), '[]') AS sessions
         FROM cohort c JOIN programme p ON p.id = c.programme_id JOIN organisation s ON s.id = c.system_id
         WHERE ${where}
         ORDER BY c.start_date, c.name, c.id
         LIMIT $3 OFFSET $4`,
        [today, pattern, window.take, window.skip],
      ) as Promise<OpenCohortRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM cohort c JOIN organisation s ON s.id = c.system_id WHERE ${where}`,
        [today, pattern],
      ) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  /** Journey sessions of an enrolment: whole-cohort ones, and its own set's (never other sets'). */
  async journeySessions(enrolmentId: string): Promise<JourneySessionRow[]> {
    return (await this.dataSource.query(
      `SELECT s.id, s.stage_key AS "stageKey", s.title, s.kind, s.mode, s.status, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
              COALESCE(v.name, c.venue) AS "venueName", s.join_url AS "joinUrl", a.status AS attendance, s.set_id AS "setId"
       FROM enrolment e
       JOIN cohort c ON c.id = e.cohort_id
       JOIN session s ON s.cohort_id = e.cohort_id
       LEFT JOIN venue v ON v.id = s.venue_id
       LEFT JOIN learning_set_member m ON m.enrolment_id = e.id
       LEFT JOIN attendance a ON a.session_id = s.id AND a.enrolment_id = e.id
       WHERE e.id = $1
         AND (s.set_id = m.set_id OR (s.set_id IS NULL AND NOT (m.set_id IS NOT NULL AND s.kind = 'action-learning-set')))
       ORDER BY s.starts_at`,
      [enrolmentId],
    )) as JourneySessionRow[];
  }

  async setNameOf(enrolmentId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ls.number FROM learning_set_member m JOIN learning_set ls ON ls.id = m.set_id WHERE m.enrolment_id = $1`,
      [enrolmentId],
    )) as { number: number }[];
    return row ? `Set ${row.number}` : null;
  }

  async templateStages(cohortId: string): Promise<{ key: string; title: string }[]> {
    const [row] = (await this.dataSource.query(
      `SELECT t.stages FROM cohort c JOIN journey_template t ON t.id = c.template_id WHERE c.id = $1`,
      [cohortId],
    )) as { stages: { key: string; title: string }[] }[];
    return row?.stages ?? [];
  }

  /** Delegates from these organisations with their progress (no equality data; aggregates of attendance only). */
  /**
   * One page of the enrolments of people from these organisations, by name, and how many match: `pattern` (an
   * ILIKE pattern) matches the person's or the cohort's name.
   */
  async sponsorDelegates(
    organisationIds: string[],
    filter: { pattern: string | null; status: EnrolmentStatus | null },
    take: number,
    skip: number,
  ): Promise<{ rows: SponsorDelegateRow[]; total: number }> {
    if (organisationIds.length === 0) return { rows: [], total: 0 };
    const from = `FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id JOIN cohort c ON c.id = e.cohort_id
       WHERE u.organisation_id = ANY($1::uuid[])
         AND ($2::text IS NULL OR u.full_name ILIKE $2 OR c.name ILIKE $2)
         AND ($3::text IS NULL OR e.status = $3)`;
    const params = [organisationIds, filter.pattern, filter.status];
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<SponsorDelegateRow[]>(
        `SELECT u.full_name AS "fullName", dp.job_title AS "jobTitle", c.name AS "cohortName", e.status,
                (SELECT count(*)::int FROM attendance a WHERE a.enrolment_id = e.id AND a.status IN ('present', 'late')) AS "sessionsAttended",
                (SELECT count(*)::int FROM attendance a WHERE a.enrolment_id = e.id) AS "sessionsHeld"
         ${from.replace('WHERE', 'LEFT JOIN delegate_profile dp ON dp.user_id = u.id WHERE')}
         ORDER BY lower(u.full_name), c.start_date DESC, e.id LIMIT $4 OFFSET $5`,
        [...params, take, skip],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { rows, total: count?.total ?? 0 };
  }

  /** The ICB a user's organisation belongs to (itself for an ICB), or null. */
  async systemOfUser(userId: string, manager: EntityManager): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT COALESCE(o.system_id, CASE WHEN o.type = 'icb' THEN o.id END) AS "systemId" FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [userId],
    )) as { systemId: string | null }[];
    return row?.systemId ?? null;
  }
}
