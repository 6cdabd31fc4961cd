import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ScopeRef } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SessionFacilitatorEntity } from './session-facilitator.entity';

export interface BookingClash {
  ownerName: string;
  title: string;
  cohortName: string | null;
  startsAt: Date;
  endsAt: Date;
}

@Injectable()
export class StaffingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The scopes of each facilitator's facilitator grants, by facilitator id (none: no grant at all). */
  async facilitatorScopes(
    facilitatorIds: string[],
    manager: EntityManager,
  ): Promise<Map<string, ScopeRef[]>> {
    const rows = (await manager.query(
      `SELECT f.id AS "facilitatorId", ur.scope_kind AS "kind", ur.organisation_id AS "organisationId"
       FROM facilitator f JOIN user_role ur ON ur.user_id = f.user_id AND ur.role = 'facilitator'
       WHERE f.id = ANY($1::uuid[])`,
      [facilitatorIds],
    )) as { facilitatorId: string; kind: string | null; organisationId: string | null }[];
    const scopes = new Map<string, ScopeRef[]>();
    for (const row of rows) {
      const scope: ScopeRef | null =
        row.kind === 'region'
          ? { kind: 'region' }
          : (row.kind === 'system' || row.kind === 'organisation') && row.organisationId
            ? { kind: row.kind, organisationId: row.organisationId }
            : null;
      if (scope) scopes.set(row.facilitatorId, [...(scopes.get(row.facilitatorId) ?? []), scope]);
    }
    return scopes;
  }

  /** The first other live booking of any of these facilitators overlapping [startsAt, endsAt). */
  async findFacilitatorClash(
    facilitatorIds: string[],
    startsAt: Date,
    endsAt: Date,
    exceptSessionId: string | null,
    manager: EntityManager,
  ): Promise<BookingClash | null> {
    if (facilitatorIds.length === 0) return null;
    const [row] = (await manager.query(
      `SELECT u.full_name AS "ownerName", s.title, c.name AS "cohortName", s.starts_at AS "startsAt", s.ends_at AS "endsAt"
       FROM session_facilitator sf
       JOIN session s ON s.id = sf.session_id
       LEFT JOIN cohort c ON c.id = s.cohort_id
       JOIN facilitator fa ON fa.id = sf.facilitator_id
       JOIN app_user u ON u.id = fa.user_id
       WHERE sf.active AND sf.facilitator_id = ANY($1::uuid[])
         AND tstzrange(sf.starts_at, sf.ends_at) && tstzrange($2, $3)
         AND ($4::uuid IS NULL OR sf.session_id <> $4::uuid)
       ORDER BY s.starts_at LIMIT 1`,
      [facilitatorIds, startsAt, endsAt, exceptSessionId],
    )) as BookingClash[];
    return row ?? null;
  }

  async findVenueClash(
    venueId: string,
    startsAt: Date,
    endsAt: Date,
    exceptSessionId: string | null,
    manager: EntityManager,
  ): Promise<BookingClash | null> {
    const [row] = (await manager.query(
      `SELECT v.name AS "ownerName", s.title, c.name AS "cohortName", s.starts_at AS "startsAt", s.ends_at AS "endsAt"
       FROM session s JOIN venue v ON v.id = s.venue_id LEFT JOIN cohort c ON c.id = s.cohort_id
       WHERE s.status = 'scheduled' AND s.venue_id = $1
         AND tstzrange(s.starts_at, s.ends_at) && tstzrange($2, $3)
         AND ($4::uuid IS NULL OR s.id <> $4::uuid)
       ORDER BY s.starts_at LIMIT 1`,
      [venueId, startsAt, endsAt, exceptSessionId],
    )) as BookingClash[];
    return row ?? null;
  }

  async replace(
    sessionId: string,
    facilitatorIds: string[],
    startsAt: Date,
    endsAt: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.delete(SessionFacilitatorEntity, { sessionId });
    if (facilitatorIds.length > 0) {
      await manager.insert(
        SessionFacilitatorEntity,
        facilitatorIds.map((facilitatorId, position) => ({
          sessionId,
          facilitatorId,
          position,
          startsAt,
          endsAt,
          active: true,
        })),
      );
    }
  }

  async activeFacilitatorIds(sessionId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.find(SessionFacilitatorEntity, {
      where: { sessionId, active: true },
      order: { position: 'ASC' },
    });
    return rows.map((row) => row.facilitatorId);
  }

  /** Keeps the copied times in step with a moved session. */
  async retime(sessionId: string, startsAt: Date, endsAt: Date, manager: EntityManager): Promise<void> {
    await manager.update(SessionFacilitatorEntity, { sessionId }, { startsAt, endsAt });
  }

  async release(sessionId: string, manager: EntityManager): Promise<void> {
    await manager.update(SessionFacilitatorEntity, { sessionId }, { active: false });
  }
}
