import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  ACTIVE_ENROLMENT_STATUSES,
  Enrolment,
  Journey,
  OpenCohort,
  OpenCohortQuery,
  Paged,
  PeopleProgressQuery,
  SponsorDelegate,
} from '@upstand/contracts';
import { toIsoWithOffset } from '@upstand/schedule';
import { EntityManager } from 'typeorm';
import { AuthenticatedUser, sponsoredOrganisationIds } from '../../common/auth/authenticated-user';
import { coversSystem } from '../../common/auth/access-scope';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { todayInLondon } from '../../common/london-date';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { ApprovalLinksService } from '../approvals/approval-links.service';
import { AuditService } from '../audit/audit.service';
import { CohortEntity } from '../cohorts/cohort.entity';
import { CohortsService } from '../cohorts/cohorts.service';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { toEnrolment } from './enrolment.mapper';
import { EnrolmentEntity } from './enrolment.entity';
import { EnrolmentsRepository } from './enrolments.repository';
import { BackgroundWork } from '../../common/background-work';

/** The statuses a place can be transferred from. */
const TRANSFERABLE: EnrolmentEntity['status'][] = ['confirmed', 'waitlisted', 'offered', 'pending-approval'];

/**
 * Places, waiting lists and offers. Every change for a cohort runs under a lock on its row, so capacity
 * holds however many people press "sign up" at once; the one-active-enrolment rule is a unique index.
 */
@Injectable()
export class EnrolmentsService {
  private readonly logger = new Logger(EnrolmentsService.name);

  constructor(
    private readonly background: BackgroundWork,
    private readonly repository: EnrolmentsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly delegates: DelegatesRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly approvalLinks: ApprovalLinksService,
    private readonly cohorts: CohortsService,
  ) {}

  /** Cohorts taking sign-ups, a page at a time, each with where and when every session happens. */
  async openCohorts(query: OpenCohortQuery = {}): Promise<Paged<OpenCohort>> {
    const window = pageWindow(query);
    const { rows, total } = await this.repository.openCohorts(
      todayInLondon(),
      window,
      window.q ? likePattern(window.q) : null,
    );
    const items = rows.map((row): OpenCohort => {
      const sessions = row.sessions.map((session) => ({
        ...session,
        startsAt: toIsoWithOffset(new Date(session.startsAt)),
        endsAt: toIsoWithOffset(new Date(session.endsAt)),
      }));
      const workshop = sessions.find((session) => session.venueName);
      return {
        id: row.id,
        name: row.name,
        programmeId: row.programmeId,
        programmeName: row.programmeName,
        system: { odsCode: row.systemOdsCode, name: row.systemName },
        startDate: row.startDate,
        capacity: row.capacity,
        placesLeft: Math.max(0, row.capacity - row.holding),
        restrictedToSystems: row.restrictedSystemCodes,
        venueName: workshop?.venueName ?? null,
        town: workshop?.town ?? null,
        sessions,
      };
    });
    return paged(items, total, window);
  }

  async signUp(cohortId: string, delegate: AuthenticatedUser): Promise<Enrolment> {
    const profile = await this.delegates.findProfile(delegate.id);
    if (!profile) {
      throw InvalidInputError.field(
        'profile',
        'Complete your delegate profile (job, staff group, pay band and line manager) before signing up',
      );
    }
    const id = await this.repository.transaction(async (manager) => {
      const cohort = await this.repository.lockCohort(cohortId, manager);
      if (!cohort) throw new NotFoundError('Cohort', cohortId);
      await this.assertOpenTo(cohort, delegate.id, manager);
      const [programme] = await this.programmes.findByIds([cohort.programmeId], manager);
      let status: EnrolmentEntity['status'];
      if (programme?.requiresManagerApproval) status = 'pending-approval';
      else
        status =
          (await this.repository.countHoldingPlaces(cohortId, manager)) < cohort.capacity
            ? 'confirmed'
            : 'waitlisted';
      const enrolment = await this.repository.insert(
        {
          cohortId,
          programmeId: cohort.programmeId,
          delegateUserId: delegate.id,
          status,
          waitlistRank: status === 'waitlisted' ? await this.repository.nextWaitlistRank(manager) : null,
        },
        manager,
      );
      await this.audit.record(
        {
          actorUserId: delegate.id,
          action: 'enrolment.created',
          entityType: 'enrolment',
          entityId: enrolment.id,
          details: { status },
        },
        manager,
      );
      await this.notifications.enrolmentStatus(enrolment.id, manager);
      if (status === 'pending-approval')
        await this.approvalLinks.issue(enrolment.id, profile.lineManagerEmail, manager);
      return enrolment.id;
    });
    return this.get(id);
  }

  /** A line manager's decision, in the caller's transaction: approval takes a place if one is free, else the waiting list. */
  async decideApproval(enrolmentId: string, approved: boolean, manager: EntityManager): Promise<void> {
    const peek = await this.repository.findEnrolment(enrolmentId, manager);
    if (!peek) throw new NotFoundError('Enrolment', enrolmentId);
    const cohort = await this.repository.lockCohort(peek.cohortId, manager);
    const enrolment = await this.repository.lockEnrolment(enrolmentId, manager);
    if (!cohort || !enrolment) throw new NotFoundError('Enrolment', enrolmentId);
    if (enrolment.status !== 'pending-approval')
      throw new ConflictError(`This place is no longer waiting for approval (it is ${enrolment.status})`);
    if (!approved) {
      await this.repository.setStatus(enrolment, 'declined', manager);
    } else if ((await this.repository.countHoldingPlaces(cohort.id, manager)) < cohort.capacity) {
      await this.repository.setStatus(enrolment, 'confirmed', manager);
    } else {
      await this.repository.setStatus(enrolment, 'waitlisted', manager, {
        waitlistRank: await this.repository.nextWaitlistRank(manager),
      });
    }
    await this.audit.record(
      {
        actorUserId: null,
        action: approved ? 'enrolment.approved' : 'enrolment.approval-declined',
        entityType: 'enrolment',
        entityId: enrolmentId,
      },
      manager,
    );
    await this.notifications.enrolmentStatus(enrolmentId, manager);
  }

  /**
   * Withdraws an enrolment (the delegate's own, or any for a lead, who must give a reason: it is kept in the audit
   * log); a freed place goes to the waiting list.
   */
  async withdraw(id: string, actor: AuthenticatedUser, reason?: string): Promise<Enrolment> {
    await this.changeOwn(
      id,
      actor,
      ['pending-approval', 'confirmed', 'waitlisted', 'offered'],
      async (enrolment, manager) => {
        const byLead = enrolment.delegateUserId !== actor.id;
        if (byLead && !reason?.trim())
          throw InvalidInputError.field('reason', 'Give a reason for withdrawing them');
        await this.repository.setStatus(enrolment, 'withdrawn', manager, {
          offerExpiresAt: null,
          waitlistRank: null,
        });
        await this.repository.closePendingTransferOffers(id, manager);
        await this.audit.record(
          {
            actorUserId: actor.id,
            action: byLead ? 'enrolment.withdrawn-by-lead' : 'enrolment.withdrawn',
            entityType: 'enrolment',
            entityId: id,
            details: byLead
              ? { fields: ['status'], from: enrolment.status, reason: reason?.trim() }
              : undefined,
          },
          manager,
        );
        // Only a confirmed place was sent invitations: its sessions still to come must leave the calendar.
        if (enrolment.status === 'confirmed') await this.notifications.leftCohort(id, manager);
        if (enrolment.status === 'confirmed' || enrolment.status === 'offered')
          await this.offerNextPlace(enrolment.cohortId, manager);
      },
    );
    return this.get(id);
  }

  /**
   * A lead offers a free place to someone on the waiting list, out of turn: the same offer (held for the
   * programme's hours, passing on if it lapses) the waiting list makes by itself. Needs a free place.
   */
  async offerByHand(id: string, actor: AuthenticatedUser): Promise<Enrolment> {
    await this.repository.transaction(async (manager) => {
      const peek = await this.repository.findEnrolment(id, manager);
      if (!peek) throw new NotFoundError('Enrolment', id);
      const cohort = await this.repository.lockCohort(peek.cohortId, manager);
      if (!cohort || !coversSystem(actor, ['programme-lead'], cohort.systemId))
        throw new NotFoundError('Enrolment', id);
      const enrolment = (await this.repository.lockEnrolment(id, manager)) as EnrolmentEntity;
      if (enrolment.status !== 'waitlisted')
        throw new ConflictError(
          `Only someone on the waiting list can be offered a place (this place is ${enrolment.status})`,
        );
      const taken = await this.repository.countHoldingPlaces(cohort.id, manager);
      if (taken >= cohort.capacity)
        throw new ConflictError(
          `All ${cohort.capacity} places are taken or offered. Raise the number of places first, then offer one.`,
          'capacity',
        );
      await this.offerPlace(enrolment, cohort, manager, actor.id);
    });
    return this.get(id);
  }

  /**
   * A lead puts someone on the cohort, in the caller's transaction with the cohort locked: a confirmed place
   * (no line-manager approval: the lead has decided) if one is free, else the waiting list. Sign-ups need not be
   * open. Sends the same emails as a sign-up. Returns the new enrolment's id.
   */
  async addLocked(
    cohort: CohortEntity,
    delegateUserId: string,
    actor: AuthenticatedUser,
    manager: EntityManager,
    field: string,
  ): Promise<string> {
    const held = await this.repository.activePlaceInProgramme(cohort.programmeId, delegateUserId, manager);
    if (held)
      throw new ConflictError(
        held.cohortId === cohort.id
          ? `They are already on this cohort (${held.status})`
          : `They already have a place on ${held.cohortName} (${held.status}): transfer them instead`,
        field,
      );
    const status: EnrolmentEntity['status'] = (await this.hasFreePlace(cohort, manager))
      ? 'confirmed'
      : 'waitlisted';
    const enrolment = await this.repository.insert(
      {
        cohortId: cohort.id,
        programmeId: cohort.programmeId,
        delegateUserId,
        status,
        waitlistRank: status === 'waitlisted' ? await this.repository.nextWaitlistRank(manager) : null,
      },
      manager,
    );
    await this.audit.record(
      {
        actorUserId: actor.id,
        action: 'enrolment.added-by-lead',
        entityType: 'enrolment',
        entityId: enrolment.id,
        details: { fields: ['status'], status },
      },
      manager,
    );
    await this.notifications.enrolmentStatus(enrolment.id, manager);
    return enrolment.id;
  }

  /** Locks the cohort for a change by a lead whose grant reaches it (404 otherwise, as for a missing cohort). */
  async lockCohortFor(
    cohortId: string,
    actor: AuthenticatedUser,
    manager: EntityManager,
  ): Promise<CohortEntity> {
    const cohort = await this.repository.lockCohort(cohortId, manager);
    if (!cohort || !coversSystem(actor, ['programme-lead'], cohort.systemId))
      throw new NotFoundError('Cohort', cohortId);
    return cohort;
  }

  /** After a cohort gained places (its capacity was raised): offer each free place to the next person waiting. */
  async fillFreePlaces(cohortId: string, manager: EntityManager): Promise<void> {
    await this.offerNextPlace(cohortId, manager);
  }

  async acceptOffer(id: string, actor: AuthenticatedUser): Promise<Enrolment> {
    await this.changeOwn(id, actor, ['offered'], async (enrolment, manager) => {
      if (enrolment.offerExpiresAt && enrolment.offerExpiresAt < new Date())
        throw new ConflictError('This offer has expired');
      await this.repository.setStatus(enrolment, 'confirmed', manager, {
        offerExpiresAt: null,
        waitlistRank: null,
      });
      await this.audit.record(
        { actorUserId: actor.id, action: 'enrolment.offer-accepted', entityType: 'enrolment', entityId: id },
        manager,
      );
      await this.notifications.enrolmentStatus(id, manager);
    });
    return this.get(id);
  }

  async declineOffer(id: string, actor: AuthenticatedUser): Promise<Enrolment> {
    await this.changeOwn(id, actor, ['offered'], async (enrolment, manager) => {
      await this.repository.setStatus(enrolment, 'declined', manager, {
        offerExpiresAt: null,
        waitlistRank: null,
      });
      await this.audit.record(
        { actorUserId: actor.id, action: 'enrolment.offer-declined', entityType: 'enrolment', entityId: id },
        manager,
      );
      await this.offerNextPlace(enrolment.cohortId, manager);
    });
    return this.get(id);
  }

  /**
   * Lapsed offers pass to the next person. Safe with several API instances: each offer is re-checked under
   * its cohort's lock, so a second instance finds it already handled.
   */
  @Cron(CronExpression.EVERY_MINUTE, { name: 'expire-waitlist-offers' })
  async expireOffers(now: Date = new Date()): Promise<number> {
    return this.background.job('expire-waitlist-offers', async () => {
      let lapsed = 0;
      for (const candidate of await this.repository.expiredOffers(now)) {
        lapsed += await this.repository.transaction(async (manager) => {
          await this.repository.lockCohort(candidate.cohortId, manager);
          const enrolment = await this.repository.lockEnrolment(candidate.id, manager);
          if (
            !enrolment ||
            enrolment.status !== 'offered' ||
            !enrolment.offerExpiresAt ||
            enrolment.offerExpiresAt >= now
          )
            return 0;
          await this.repository.setStatus(enrolment, 'declined', manager, {
            offerExpiresAt: null,
            waitlistRank: null,
          });
          await this.audit.record(
            {
              actorUserId: null,
              action: 'enrolment.offer-expired',
              entityType: 'enrolment',
              entityId: enrolment.id,
            },
            manager,
          );
          await this.offerNextPlace(enrolment.cohortId, manager);
          return 1;
        });
      }
      if (lapsed > 0) this.logger.log(`${lapsed} waiting-list offers lapsed and passed on`);
      return lapsed;
    });
  }

  /**
   * Locks what a transfer changes: both cohorts in a fixed order (so two opposite transfers cannot deadlock),
   * then the enrolment. Checks the target is a cohort of the same programme and the place can still move.
   */
  async lockForTransfer(
    id: string,
    targetCohortId: string,
    manager: EntityManager,
  ): Promise<{ enrolment: EnrolmentEntity; target: CohortEntity }> {
    const peek = await this.repository.findEnrolment(id, manager);
    if (!peek) throw new NotFoundError('Enrolment', id);
    if (peek.cohortId === targetCohortId)
      throw InvalidInputError.field('cohortId', 'The delegate is already in that cohort');
    const [first, second] = [peek.cohortId, targetCohortId].sort();
    const locked = [
      await this.repository.lockCohort(first as string, manager),
      await this.repository.lockCohort(second as string, manager),
    ];
    const target = locked.find((cohort) => cohort?.id === targetCohortId);
    if (!target) throw InvalidInputError.field('cohortId', 'cohortId must be the id of a cohort');
    if (target.programmeId !== peek.programmeId)
      throw InvalidInputError.field('cohortId', 'A transfer must stay within the same programme');
    const enrolment = (await this.repository.lockEnrolment(id, manager)) as EnrolmentEntity;
    if (!TRANSFERABLE.includes(enrolment.status))
      throw new ConflictError(`An enrolment that is ${enrolment.status} cannot be transferred`);
    return { enrolment, target };
  }

  /** Whether the (locked) cohort has a place free now. */
  async hasFreePlace(cohort: CohortEntity, manager: EntityManager): Promise<boolean> {
    return (await this.repository.countHoldingPlaces(cohort.id, manager)) < cohort.capacity;
  }

  /**
   * Moves a delegate to another cohort, keeping their history: the old enrolment is closed as withdrawn and
   * a new one (pointing back at it) takes a place, or joins the waiting list, in the new cohort. Runs under
   * the locks of lockForTransfer; returns the new enrolment's id.
   */
  async moveLocked(
    enrolment: EnrolmentEntity,
    target: CohortEntity,
    actor: AuthenticatedUser,
    manager: EntityManager,
  ): Promise<string> {
    const id = enrolment.id;
    const previous = enrolment.status;
    await this.repository.setStatus(enrolment, 'withdrawn', manager, {
      offerExpiresAt: null,
      waitlistRank: null,
    });
    await this.repository.closePendingTransferOffers(id, manager);
    const hasPlace = await this.hasFreePlace(target, manager);
    const status = hasPlace ? 'confirmed' : 'waitlisted';
    const created = await this.repository.insert(
      {
        cohortId: target.id,
        programmeId: target.programmeId,
        delegateUserId: enrolment.delegateUserId,
        status,
        transferredFromId: id,
        waitlistRank: hasPlace ? null : await this.repository.nextWaitlistRank(manager),
      },
      manager,
    );
    await this.audit.record(
      {
        actorUserId: actor.id,
        action: 'enrolment.transferred',
        entityType: 'enrolment',
        entityId: created.id,
        details: { from: id, status },
      },
      manager,
    );
    if (previous === 'confirmed') await this.notifications.leftCohort(id, manager);
    await this.notifications.enrolmentStatus(created.id, manager);
    if (previous === 'confirmed' || previous === 'offered')
      await this.offerNextPlace(enrolment.cohortId, manager);
    return created.id;
  }

  /** The delegate's journey: their current (or latest) enrolment, its stages and sessions, what is next. */
  async journey(delegateUserId: string): Promise<Journey> {
    const rows = await this.repository.findRows({ delegateUserId });
    const current =
      [...rows].reverse().find((row) => (ACTIVE_ENROLMENT_STATUSES as string[]).includes(row.status)) ??
      rows[rows.length - 1];
    if (!current)
      return {
        enrolment: null,
        programmeName: null,
        setName: null,
        stages: [],
        nextSession: null,
        certificateUrl: null,
        communityMember: false,
      };
    const booked = current.status === 'confirmed' || current.status === 'completed';
    const sessions = (await this.repository.journeySessions(current.id)).map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      mode: row.mode,
      status: row.status,
      startsAt: toIsoWithOffset(row.startsAt),
      endsAt: toIsoWithOffset(row.endsAt),
      venueName: row.venueName,
      joinUrl: booked && row.mode === 'virtual' && row.status === 'scheduled' ? row.joinUrl : null,
      attendance: row.attendance,
      stageKey: row.stageKey,
    }));
    const stageDefinitions = await this.repository.templateStages(current.cohortId);
    const stages = stageDefinitions
      .map((stage) => ({
        key: stage.key,
        title: stage.title,
        sessions: sessions
          .filter((session) => session.stageKey === stage.key)
          .map(({ stageKey: _stageKey, ...session }) => session),
      }))
      .filter((stage) => stage.sessions.length > 0);
    const now = Date.now();
    const next = sessions.find(
      (session) => session.status === 'scheduled' && new Date(session.endsAt).getTime() > now,
    );
    const [programme] = await this.programmes.findByIds([current.programmeId]);
    return {
      enrolment: toEnrolment(current),
      programmeName: programme?.name ?? null,
      setName: await this.repository.setNameOf(current.id),
      stages,
      nextSession: next ? (({ stageKey: _stageKey, ...session }) => session)(next) : null,
      certificateUrl: current.status === 'completed' ? `/api/enrolments/${current.id}/certificate.pdf` : null,
      communityMember: current.status === 'completed',
    };
  }

  /** A page of the enrolments of people from the sponsor's own organisations, by name. */
  async sponsorView(query: PeopleProgressQuery, sponsor: AuthenticatedUser): Promise<Paged<SponsorDelegate>> {
    const window = pageWindow(query);
    const { rows, total } = await this.repository.sponsorDelegates(
      sponsoredOrganisationIds(sponsor),
      { pattern: window.q ? likePattern(window.q) : null, status: query.status ?? null },
      window.take,
      window.skip,
    );
    return paged(rows, total, window);
  }

  /** The cohort an enrolment is on, or null for no such enrolment. */
  async cohortOf(id: string): Promise<string | null> {
    return (await this.repository.findEnrolment(id))?.cohortId ?? null;
  }

  async get(id: string): Promise<Enrolment> {
    const [row] = await this.repository.findRows({ id });
    if (!row) throw new NotFoundError('Enrolment', id);
    return toEnrolment(row);
  }

  async mine(delegateUserId: string): Promise<Enrolment[]> {
    return (await this.repository.findRows({ delegateUserId })).map(toEnrolment);
  }

  /** While the cohort is locked: while a place is free, offer it to the next person waiting. */
  private async offerNextPlace(cohortId: string, manager: EntityManager): Promise<void> {
    const cohort = await this.repository.lockCohort(cohortId, manager);
    if (!cohort) return;
    while ((await this.repository.countHoldingPlaces(cohortId, manager)) < cohort.capacity) {
      const next = await this.repository.firstWaitlisted(cohortId, manager);
      if (!next) return;
      await this.offerPlace(next, cohort, manager, null);
    }
  }

  /** Offers a place to someone waiting, held for the programme's hours; `actorUserId` null when automatic. */
  private async offerPlace(
    next: EnrolmentEntity,
    cohort: CohortEntity,
    manager: EntityManager,
    actorUserId: string | null,
  ): Promise<void> {
    const [programme] = await this.programmes.findByIds([cohort.programmeId], manager);
    const hours = programme?.offerHoldHours ?? 48;
    await this.repository.setStatus(next, 'offered', manager, {
      offerExpiresAt: new Date(Date.now() + hours * 3_600_000),
    });
    await this.audit.record(
      {
        actorUserId,
        action: actorUserId ? 'enrolment.offered-by-lead' : 'enrolment.offered',
        entityType: 'enrolment',
        entityId: next.id,
        details: { hours },
      },
      manager,
    );
    await this.notifications.placeOffered(next.id, manager);
  }

  private async assertOpenTo(
    cohort: CohortEntity,
    delegateUserId: string,
    manager: EntityManager,
  ): Promise<void> {
    if (!cohort.signupsOpen)
      throw new ConflictError(
        `Sign-ups for ${cohort.name} are closed. Choose another cohort, or ask the programme team to add you.`,
      );
    if (cohort.startDate <= todayInLondon())
      throw new ConflictError(`${cohort.name} has started, so it is not taking sign-ups`);
    if (cohort.restrictedSystemIds.length > 0) {
      const system = await this.repository.systemOfUser(delegateUserId, manager);
      if (!system || !cohort.restrictedSystemIds.includes(system)) {
        throw new ForbiddenError(
          'This cohort is only open to staff from particular integrated care boards, and your organisation is not one of them',
        );
      }
    }
  }

  private async changeOwn(
    id: string,
    actor: AuthenticatedUser,
    allowedFrom: EnrolmentEntity['status'][],
    change: (enrolment: EnrolmentEntity, manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.repository.transaction(async (manager) => {
      // Lock order is always cohort, then enrolment, so concurrent changes cannot deadlock.
      const peek = await this.repository.findEnrolment(id, manager);
      if (!peek) throw new NotFoundError('Enrolment', id);
      const cohort = await this.repository.lockCohort(peek.cohortId, manager);
      // Someone else's place: only a lead whose grant reaches the cohort's system; to anyone else it is missing.
      if (
        peek.delegateUserId !== actor.id &&
        !(cohort && coversSystem(actor, ['programme-lead'], cohort.systemId))
      )
        throw new NotFoundError('Enrolment', id);
      const enrolment = (await this.repository.lockEnrolment(id, manager)) as EnrolmentEntity;
      if (!allowedFrom.includes(enrolment.status))
        throw new ConflictError(`This enrolment is ${enrolment.status}, so that cannot be done`);
      await change(enrolment, manager);
    });
  }
}
