import { Injectable } from '@nestjs/common';
import { CohortSession } from '@upstand/contracts';
import { buildCalendar } from '@upstand/schedule';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { toCohortSession } from './cohort.mapper';
import { CohortsRepository } from './cohorts.repository';
import { MoveSessionDto } from './dto/cohort.dto';

const MAX_SESSION_HOURS = 12;

@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: CohortsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Moves a session, keeping its history and raising its calendar SEQUENCE so invitations update. */
  async move(id: string, request: MoveSessionDto, actorUserId: string): Promise<CohortSession> {
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    if (endsAt <= startsAt) throw InvalidInputError.field('endsAt', 'endsAt must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_HOURS * 3_600_000) {
      throw InvalidInputError.field('endsAt', `A session cannot last more than ${MAX_SESSION_HOURS} hours`);
    }
    const moved = await this.repository.transaction(async (manager) => {
      const session = await this.repository.lockSession(id, manager);
      if (!session) throw new NotFoundError('Session', id);
      if (session.status === 'cancelled') throw new ConflictError('This session is cancelled and cannot be moved');
      if (session.startsAt.getTime() === startsAt.getTime() && session.endsAt.getTime() === endsAt.getTime()) return session;
      await this.repository.insertChange(
        {
          sessionId: id,
          changedByUserId: actorUserId,
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
      const saved = await this.repository.saveSession(session, manager);
      await this.audit.record({ actorUserId, action: 'session.moved', entityType: 'session', entityId: id }, manager);
      return saved;
    });
    return toCohortSession(moved);
  }

  async ics(id: string): Promise<{ filename: string; body: string }> {
    const session = await this.repository.findSession(id);
    if (!session) throw new NotFoundError('Session', id);
    const cancelled = session.status === 'cancelled';
    const body = buildCalendar(
      [
        {
          uid: session.calendarUid,
          sequence: session.calendarSequence,
          start: session.startsAt,
          end: session.endsAt,
          summary: `${session.title}${session.cohort ? ` (${session.cohort.name})` : ''}`,
          description: session.mode === 'virtual' ? 'Virtual session: the join link is on your Upstand journey page.' : undefined,
          location: session.mode === 'in-person' ? (session.cohort?.venue ?? undefined) : 'Online',
          status: cancelled ? 'CANCELLED' : 'CONFIRMED',
          stamp: session.updatedAt,
        },
      ],
      { method: cancelled ? 'CANCEL' : 'PUBLISH' },
    );
    return { filename: `upstand-session-${session.id}.ics`, body };
  }
}
