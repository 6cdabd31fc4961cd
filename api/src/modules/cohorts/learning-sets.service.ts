import { Injectable } from '@nestjs/common';
import { CohortLearningSets, LearningSet, Role } from '@upstand/contracts';
import { allocateLearningSets, DEFAULT_SET_SIZE, SetSizeRange } from '@upstand/schedule';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser, hasRole } from '../../common/auth/authenticated-user';
import { coversSystem } from '../../common/auth/access-scope';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { CohortsRepository } from './cohorts.repository';
import { LearningSetsRepository } from './learning-sets.repository';
import { StaffingService } from './staffing.service';

const REPLACED_REASON = "Replaced by each action learning set's own sessions";

@Injectable()
export class LearningSetsService {
  constructor(
    private readonly repository: LearningSetsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly staffing: StaffingService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A cohort outside the user's scope answers as a missing one (no existence leak). */
  private async assertInScope(cohortId: string, user: AuthenticatedUser, roles: Role[]): Promise<void> {
    const systemId = await this.cohorts.systemOfCohort(cohortId);
    if (systemId && !coversSystem(user, roles, systemId)) throw new NotFoundError('Cohort', cohortId);
  }

  /** A set whose cohort is outside the lead's scope answers as a missing set (no existence leak). */
  private async lockSetInScope(setId: string, actor: AuthenticatedUser, manager: EntityManager) {
    const set = await this.repository.lockSet(setId, manager);
    if (!set) throw new NotFoundError('Learning set', setId);
    const systemId = await this.cohorts.systemOfCohort(set.cohortId, manager);
    if (!systemId || !coversSystem(actor, ['programme-lead'], systemId))
      throw new NotFoundError('Learning set', setId);
    return { set, systemId };
  }

  /**
   * The cohort's sets with their members. A facilitator (`viewer` without the lead role) sees only the sets they
   * facilitate, and a 404 for a cohort where they facilitate none, as for another session's register: the
   * members' names and organisations are theirs to know only for their own sets.
   */
  async list(
    cohortId: string,
    range: SetSizeRange = DEFAULT_SET_SIZE,
    viewer?: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    if (viewer) await this.assertInScope(cohortId, viewer, ['programme-lead', 'facilitator']);
    const [allSets, members, sessionIds] = await Promise.all([
      this.repository.sets(cohortId),
      this.repository.members(cohortId),
      this.repository.sessionIdsBySet(cohortId),
    ]);
    const sets =
      !viewer || hasRole(viewer, 'programme-lead')
        ? allSets
        : allSets.filter((set) => set.facilitator?.userId === viewer.id);
    if (viewer && !hasRole(viewer, 'programme-lead') && sets.length === 0)
      throw new NotFoundError('Cohort', cohortId);
    const result: LearningSet[] = sets.map((set) => ({
      id: set.id,
      cohortId: set.cohortId,
      number: set.number,
      name: `Set ${set.number}`,
      facilitator: set.facilitator?.user
        ? {
            facilitatorId: set.facilitator.id,
            fullName: set.facilitator.user.fullName,
            level: set.facilitator.level,
          }
        : null,
      members: members
        .filter((member) => member.setId === set.id)
        .map(({ enrolmentId, fullName, organisationName }) => ({ enrolmentId, fullName, organisationName })),
      sessionIds: sessionIds.get(set.id) ?? [],
    }));
    const warnings = result.flatMap((set) =>
      set.members.length < range.min || set.members.length > range.max
        ? [`${set.name} has ${set.members.length} people; sets work best with ${range.min} to ${range.max}`]
        : [],
    );
    return { sets: result, warnings };
  }

  /**
   * Splits the confirmed delegates into sets (balanced, organisations mixed). Each set gets its own copy of
   * the cohort's action learning set sessions; the whole-cohort ones are cancelled, with history.
   */
  async allocate(
    cohortId: string,
    range: SetSizeRange,
    actor: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    if (range.min > range.max)
      throw InvalidInputError.field('minSize', 'minSize must not be more than maxSize');
    await this.assertInScope(cohortId, actor, ['programme-lead']);
    await this.repository.transaction(async (manager) => {
      if (!(await this.repository.lockCohort(cohortId, manager))) throw new NotFoundError('Cohort', cohortId);
      if ((await this.repository.sets(cohortId, manager)).length > 0)
        throw new ConflictError('This cohort already has its sets: move delegates between them instead');
      const delegates = await this.repository.confirmedDelegates(cohortId, manager);
      if (delegates.length === 0)
        throw new ConflictError('This cohort has no confirmed delegates to put into sets yet');
      const allocation = allocateLearningSets(
        delegates.map((delegate) => ({ id: delegate.enrolmentId, organisationId: delegate.organisationId })),
        range,
      );
      const cohortSessions = await this.repository.wholeCohortSetSessions(cohortId, manager);
      for (const [index, members] of allocation.sets.entries()) {
        const set = await this.repository.createSet(cohortId, index + 1, manager);
        await this.repository.addMembers(
          set.id,
          members.map((member) => member.id),
          manager,
        );
        await this.repository.insertSessions(
          cohortSessions.map((session) => ({
            cohortId,
            setId: set.id,
            seriesId: null,
            stageKey: session.stageKey,
            kind: session.kind,
            mode: session.mode,
            sequence: session.sequence,
            title: `${session.title}: set ${index + 1}`,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
            status: 'scheduled',
            calendarUid: `${randomUUID()}@upstand`,
            calendarSequence: 0,
            venueId: null,
            joinUrl: session.joinUrl,
          })),
          manager,
        );
      }
      for (const session of cohortSessions) {
        await this.cohorts.insertChange(
          {
            sessionId: session.id,
            changedByUserId: actor.id,
            action: 'cancelled',
            previousStartsAt: session.startsAt,
            previousEndsAt: session.endsAt,
            newStartsAt: session.startsAt,
            newEndsAt: session.endsAt,
            reason: REPLACED_REASON,
          },
          manager,
        );
        session.status = 'cancelled';
        session.calendarSequence += 1;
        await this.cohorts.saveSession(session, manager);
        await this.staffing.release(session.id, manager);
        await this.notifications.sessionChanged(session.id, manager);
      }
      for (const [index, members] of allocation.sets.entries()) {
        for (const member of members)
          await this.notifications.learningSetAssigned(member.id, index + 1, manager);
      }
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'learning-sets.allocated',
          entityType: 'cohort',
          entityId: cohortId,
          details: { sets: allocation.sets.length, delegates: delegates.length },
        },
        manager,
      );
    });
    return this.list(cohortId, range);
  }

  /** Gives the set a facilitator for all its sessions (checked for clashes and availability), or none. */
  async assignFacilitator(
    setId: string,
    facilitatorId: string | null,
    actor: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    const cohortId = await this.repository.transaction(async (manager) => {
      const { set, systemId } = await this.lockSetInScope(setId, actor, manager);
      const team = await this.staffing.loadFacilitators(facilitatorId ? [facilitatorId] : [], manager);
      await this.staffing.assertTeamInScope(team, systemId, manager, 'facilitatorId');
      for (const session of await this.repository.scheduledSessionsOfSet(setId, manager)) {
        await this.staffing.assertCanStaff(
          {
            sessionId: session.id,
            kind: session.kind,
            title: session.title,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
          },
          team,
          manager,
        );
        await this.staffing.replace(
          session.id,
          team.map((facilitator) => facilitator.id),
          session.startsAt,
          session.endsAt,
          manager,
        );
      }
      await this.repository.setFacilitator(setId, facilitatorId, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'learning-set.facilitator',
          entityType: 'learning-set',
          entityId: setId,
        },
        manager,
      );
      return set.cohortId;
    });
    return this.list(cohortId);
  }

  /** Moves a confirmed delegate of the same cohort into this set. */
  async moveMember(
    setId: string,
    enrolmentId: string,
    actor: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    const cohortId = await this.repository.transaction(async (manager) => {
      const { set } = await this.lockSetInScope(setId, actor, manager);
      const enrolment = await this.repository.enrolmentCohort(enrolmentId, manager);
      if (!enrolment || enrolment.cohortId !== set.cohortId)
        throw InvalidInputError.field('enrolmentId', 'enrolmentId must be an enrolment in this cohort');
      if (enrolment.status !== 'confirmed' && enrolment.status !== 'completed')
        throw new ConflictError('Only delegates with a confirmed place can join a set');
      await this.repository.placeMember(setId, enrolmentId, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'learning-set.member-moved',
          entityType: 'enrolment',
          entityId: enrolmentId,
          details: { setId },
        },
        manager,
      );
      return set.cohortId;
    });
    return this.list(cohortId);
  }
}
