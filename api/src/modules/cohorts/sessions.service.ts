import { Injectable } from '@nestjs/common';
import { CohortSession, MovedSession, SchedulingWarning } from '@upstand/contracts';
import { buildCalendar, dayWarnings, sessionMoveWarnings, utcToLondonWallClock } from '@upstand/schedule';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser, hasRole } from '../../common/auth/authenticated-user';
import { reachesSystem } from '../../common/auth/access-scope';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { toCohortSession } from './cohort.mapper';
import { CohortsRepository } from './cohorts.repository';
import {
  AssignFacilitatorsDto,
  CancelSessionDto,
  MoveSessionDto,
  UpdateSessionPlaceDto,
} from './dto/cohort.dto';
import { SessionEntity } from './session.entity';
import { SessionViewRow, SessionViewsRepository } from './session-views.repository';
import { StaffingService } from './staffing.service';

const MAX_SESSION_HOURS = 12;

@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: CohortsRepository,
    private readonly views: SessionViewsRepository,
    private readonly staffing: StaffingService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Moves a session, keeping its history and raising its calendar SEQUENCE so invitations update. The
   * facilitators and venue must be free at the new time; otherwise nothing changes (409 naming the clash).
   * An odd date (bank holiday, weekend, sets no longer monthly, a workshop split) is kept but warned about.
   */
  async move(id: string, request: MoveSessionDto, actor: AuthenticatedUser): Promise<MovedSession> {
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    if (endsAt <= startsAt) throw InvalidInputError.field('endsAt', 'endsAt must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_HOURS * 3_600_000) {
      throw InvalidInputError.field('endsAt', `A session cannot last more than ${MAX_SESSION_HOURS} hours`);
    }
    const warnings = await this.repository.transaction(async (manager) => {
      const { session } = await this.lockScheduled(id, actor, manager);
      const warnings = await this.moveWarnings(session, startsAt, manager);
      if (session.startsAt.getTime() === startsAt.getTime() && session.endsAt.getTime() === endsAt.getTime())
        return warnings;
      const slot = { sessionId: id, kind: session.kind, title: session.title, startsAt, endsAt };
      const team = await this.staffing.loadFacilitators(
        await this.staffing.activeFacilitatorIds(id, manager),
        manager,
      );
      await this.staffing.assertCanStaff(slot, team, manager);
      if (session.venueId) await this.staffing.assertVenueFree(session.venueId, slot, manager);
      await this.repository.insertChange(
        {
          sessionId: id,
          changedByUserId: actor.id,
          action: 'moved',
          previousStartsAt: session.startsAt,
          previousEndsAt: session.endsAt,
          newStartsAt: startsAt,
          newEndsAt: endsAt,
          reason: request.reason ?? null,
        },
        manager,
      );
      session.startsAt = startsAt;
      session.endsAt = endsAt;
      session.calendarSequence += 1;
      await this.repository.saveSession(session, manager);
      await this.staffing.retime(id, startsAt, endsAt, manager);
      await this.audit.record(
        { actorUserId: actor.id, action: 'session.moved', entityType: 'session', entityId: id },
        manager,
      );
      await this.notifications.sessionChanged(id, manager);
      return warnings;
    });
    return { ...(await this.view(id, actor)), warnings };
  }

  /** A cohort's session is checked against the cohort's other scheduled sessions; a series session by its day. */
  private async moveWarnings(
    session: SessionEntity,
    startsAt: Date,
    manager: EntityManager,
  ): Promise<SchedulingWarning[]> {
    const date = utcToLondonWallClock(startsAt).date;
    if (!session.cohortId) return dayWarnings(date, session.id);
    const siblings = (await this.repository.sessionsOf(session.cohortId, manager))
      .filter((sibling) => sibling.status === 'scheduled')
      .map((sibling) => ({
        id: sibling.id,
        kind: sibling.kind,
        setId: sibling.setId,
        date: utcToLondonWallClock(sibling.startsAt).date,
      }));
    return sessionMoveWarnings(siblings, { sessionId: session.id, date });
  }

  /** Replaces a session's facilitators (first listed leads). */
  async assignFacilitators(
    id: string,
    request: AssignFacilitatorsDto,
    actor: AuthenticatedUser,
  ): Promise<CohortSession> {
    await this.repository.transaction(async (manager) => {
      const { session, systemId } = await this.lockScheduled(id, actor, manager);
      const team = await this.staffing.loadFacilitators(request.facilitatorIds, manager);
      await this.staffing.assertTeamInScope(team, systemId, manager);
      await this.staffing.assertCanStaff(
        {
          sessionId: id,
          kind: session.kind,
          title: session.title,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
        },
        team,
        manager,
      );
      await this.staffing.replace(id, request.facilitatorIds, session.startsAt, session.endsAt, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'session.staffed',
          entityType: 'session',
          entityId: id,
          details: { facilitators: team.length },
        },
        manager,
      );
    });
    return this.view(id, actor);
  }

  /** Sets the venue and/or join link; a change of place is a change delegates' calendars must see. */
  async updatePlace(
    id: string,
    request: UpdateSessionPlaceDto,
    actor: AuthenticatedUser,
  ): Promise<CohortSession> {
    if (request.venueId) await this.staffing.assertVenueExists(request.venueId);
    await this.repository.transaction(async (manager) => {
      const { session } = await this.lockScheduled(id, actor, manager);
      if (request.venueId)
        await this.staffing.assertVenueFree(
          request.venueId,
          { sessionId: id, startsAt: session.startsAt, endsAt: session.endsAt },
          manager,
        );
      const venueId = request.venueId !== undefined ? request.venueId : session.venueId;
      const joinUrl = request.joinUrl !== undefined ? request.joinUrl || null : session.joinUrl;
      if (venueId === session.venueId && joinUrl === session.joinUrl) return;
      session.venueId = venueId;
      session.joinUrl = joinUrl;
      session.calendarSequence += 1;
      await this.repository.saveSession(session, manager);
      await this.audit.record(
        { actorUserId: actor.id, action: 'session.place-changed', entityType: 'session', entityId: id },
        manager,
      );
      await this.notifications.sessionChanged(id, manager);
    });
    return this.view(id, actor);
  }

  /** Cancels a session: kept with its history, removed from calendars (METHOD:CANCEL), facilitators freed. */
  async cancel(id: string, request: CancelSessionDto, actor: AuthenticatedUser): Promise<CohortSession> {
    await this.repository.transaction(async (manager) => {
      const { session } = await this.lockScheduled(id, actor, manager);
      await this.repository.insertChange(
        {
          sessionId: id,
          changedByUserId: actor.id,
          action: 'cancelled',
          previousStartsAt: session.startsAt,
          previousEndsAt: session.endsAt,
          newStartsAt: session.startsAt,
          newEndsAt: session.endsAt,
          reason: request.reason,
        },
        manager,
      );
      session.status = 'cancelled';
      session.calendarSequence += 1;
      await this.repository.saveSession(session, manager);
      await this.staffing.release(id, manager);
      await this.audit.record(
        { actorUserId: actor.id, action: 'session.cancelled', entityType: 'session', entityId: id },
        manager,
      );
      await this.notifications.sessionChanged(id, manager);
    });
    return this.view(id, actor);
  }

  /** A session's calendar file, for the people whose grant reaches it (404 otherwise, as for a missing one). */
  async ics(id: string, viewer: AuthenticatedUser): Promise<{ filename: string; body: string }> {
    const { exists, systemId } = await this.repository.systemOfSession(id);
    if (!exists || !reachesSystem(viewer, ['programme-lead', 'facilitator'], systemId, 'read'))
      throw new NotFoundError('Session', id);
    const [row] = await this.views.find({ sessionIds: [id] });
    if (!row) throw new NotFoundError('Session', id);
    return { filename: `upstand-session-${row.id}.ics`, body: buildCalendar([toCalendarEvent(row)]) };
  }

  private async view(id: string, viewer: AuthenticatedUser): Promise<CohortSession> {
    const [row] = await this.views.find({ sessionIds: [id] });
    if (!row) throw new NotFoundError('Session', id);
    return toCohortSession(row, hasRole(viewer, 'programme-lead') || hasRole(viewer, 'facilitator'));
  }

  /**
   * A session outside the actor's scope answers as a missing one (no existence leak): a cohort's session by the
   * cohort's system, a series' by the series' (one for the whole region only for a regional lead).
   */
  private async lockScheduled(
    id: string,
    actor: AuthenticatedUser,
    manager: EntityManager,
  ): Promise<{ session: SessionEntity; systemId: string | null }> {
    const session = await this.repository.lockSession(id, manager);
    if (!session) throw new NotFoundError('Session', id);
    const { systemId } = await this.repository.systemOfSession(id, manager);
    if (!reachesSystem(actor, ['programme-lead'], systemId, 'change')) throw new NotFoundError('Session', id);
    if (session.status === 'cancelled')
      throw new ConflictError('This session is cancelled and cannot be changed');
    return { session, systemId };
  }
}

/** One session as a calendar event; used for downloads and feeds. */
export function toCalendarEvent(row: SessionViewRow) {
  return {
    uid: row.calendarUid,
    sequence: row.calendarSequence,
    start: row.startsAt,
    end: row.endsAt,
    summary: `${row.title}${row.cohortName ? ` (${row.cohortName})` : ''}`,
    description:
      row.mode === 'virtual' ? 'Virtual session: the join link is on your Upstand page.' : undefined,
    location:
      row.mode === 'in-person'
        ? [row.venueName, row.venueAddress].filter(Boolean).join(', ') || row.cohortVenue || undefined
        : 'Online',
    status: row.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
    stamp: row.updatedAt,
  };
}
