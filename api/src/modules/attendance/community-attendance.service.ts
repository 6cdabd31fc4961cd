import { Injectable } from '@nestjs/common';
import {
  COMMUNITY_SESSION_KINDS,
  CommunityAttendanceRegister,
  CommunitySessionKind,
  SESSION_KIND_LABELS,
} from '@upstand/contracts';
import { toIsoWithOffset } from '@upstand/schedule';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { reachesSystem, visibleSystemIds } from '../../common/auth/access-scope';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { formatLondonDayTime } from '../cohorts/staffing.service';
import { AttendanceRepository, SessionRow } from './attendance.repository';
import { CommunityAttendanceRepository } from './community-attendance.repository';

const isCommunityKind = (kind: string): kind is CommunitySessionKind =>
  (COMMUNITY_SESSION_KINDS as readonly string[]).includes(kind);

/**
 * Attendance at Community of Practice catch-ups and the celebration event: anyone may come (no enrolment or
 * booking), so the lead or a facilitator running the session marks people by account. What Impact's "active in
 * the Community of Practice" counts.
 */
@Injectable()
export class CommunityAttendanceService {
  constructor(
    private readonly sessions: AttendanceRepository,
    private readonly repository: CommunityAttendanceRepository,
    private readonly audit: AuditService,
  ) {}

  async register(sessionId: string, actor: AuthenticatedUser): Promise<CommunityAttendanceRegister> {
    const session = await this.communitySession(sessionId, actor);
    const systemIds = session.systemId
      ? [session.systemId]
      : visibleSystemIds(actor, ['programme-lead', 'facilitator']);
    return {
      sessionId,
      title: session.title,
      kind: session.kind as CommunitySessionKind,
      startsAt: toIsoWithOffset(session.startsAt),
      endsAt: toIsoWithOffset(session.endsAt),
      people: await this.repository.people(sessionId, systemIds),
    };
  }

  /** Marks that someone came. Marking them again changes nothing (the same answer, no second record). */
  async mark(
    sessionId: string,
    userId: string,
    actor: AuthenticatedUser,
    now: Date = new Date(),
  ): Promise<CommunityAttendanceRegister> {
    const session = await this.communitySession(sessionId, actor);
    if (session.status === 'cancelled')
      throw new ConflictError(`${session.title} was cancelled: nobody can have attended it`, 'id');
    // Marks for a session not yet held would be guesses, and would count someone as active too early.
    if (now < session.startsAt)
      throw new ConflictError(
        `${session.title} has not started yet: attendance can be recorded from ${formatLondonDayTime(session.startsAt)}`,
        'id',
      );
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.userExists(userId, manager)))
        throw InvalidInputError.field('userId', 'userId is not the id of anyone with an account');
      if (!(await this.repository.mark(sessionId, userId, actor.id, manager))) return;
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'community-attendance.recorded',
          entityType: 'session',
          entityId: sessionId,
          details: { userId },
        },
        manager,
      );
    });
    return this.register(sessionId, actor);
  }

  /** Takes a mark made in error away; taking away a mark that is not there changes nothing. */
  async unmark(
    sessionId: string,
    userId: string,
    actor: AuthenticatedUser,
  ): Promise<CommunityAttendanceRegister> {
    await this.communitySession(sessionId, actor);
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.unmark(sessionId, userId, manager))) return;
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'community-attendance.cleared',
          entityType: 'session',
          entityId: sessionId,
          details: { userId },
        },
        manager,
      );
    });
    return this.register(sessionId, actor);
  }

  /**
   * A catch-up or celebration (a series session) that a lead whose grant reaches its system, or a facilitator
   * staffing it, may mark; anyone else gets the answer for a missing session. A cohort's session, or another kind,
   * is 409: its attendance goes on its register, against the delegates booked.
   */
  private async communitySession(sessionId: string, actor: AuthenticatedUser): Promise<SessionRow> {
    const session = await this.sessions.session(sessionId);
    if (!session) throw new NotFoundError('Session', sessionId);
    const reaches =
      reachesSystem(actor, ['programme-lead'], session.systemId, 'change') ||
      (reachesSystem(actor, ['facilitator'], session.systemId, 'read') &&
        (await this.sessions.isAssignedFacilitator(sessionId, actor.id)));
    if (!reaches) throw new NotFoundError('Session', sessionId);
    if (session.cohortId !== null || !isCommunityKind(session.kind))
      throw new ConflictError(
        `${session.title} is a ${SESSION_KIND_LABELS[session.kind].toLowerCase()}, not a Community of Practice catch-up or celebration: record its attendance on its register`,
        'id',
      );
    return session;
  }
}
