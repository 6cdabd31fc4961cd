import { Injectable } from '@nestjs/common';
import {
  BulkOutcome,
  BulkResult,
  Cohort,
  CohortEnrolment,
  CohortEnrolmentPage,
  DelegateCandidate,
  Enrolment,
  ENROLMENT_STATUSES,
  ENROLMENT_STATUS_LABELS,
  Paged,
} from '@upstand/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { AuditService } from '../audit/audit.service';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { CohortsService } from '../cohorts/cohorts.service';
import { UserAdminService } from '../user-admin/user-admin.service';
import {
  AddDelegateDto,
  BulkTransferDto,
  BulkWithdrawDto,
  CohortEnrolmentQueryDto,
  PeopleQueryDto,
  UpdateCohortDto,
} from './dto/cohort-management.dto';
import { toCohortEnrolment } from './enrolment.mapper';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';
import { TransferOffersService } from './transfer-offers.service';

/** A unique index refused the row: someone else got there first. */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/**
 * What a programme lead does to one cohort of their system: change its name, places and sign-ups, see and
 * search its delegates, add people by hand, and withdraw or transfer several at once. Every change takes the
 * cohort's row lock first, as sign-ups do, so places never exceed capacity however many changes run at once.
 */
@Injectable()
export class CohortManagementService {
  constructor(
    private readonly enrolments: EnrolmentsService,
    private readonly repository: EnrolmentsRepository,
    private readonly cohorts: CohortsService,
    private readonly cohortRows: CohortsRepository,
    private readonly transfers: TransferOffersService,
    private readonly users: UserAdminService,
    private readonly audit: AuditService,
  ) {}

  /** Name, places and sign-ups. Places cannot go below those taken; new places go to the waiting list. */
  async update(cohortId: string, body: UpdateCohortDto, actor: AuthenticatedUser): Promise<Cohort> {
    await this.repository.transaction(async (manager) => {
      const cohort = await this.enrolments.lockCohortFor(cohortId, actor, manager);
      const changes: { name?: string; capacity?: number; signupsOpen?: boolean } = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.signupsOpen !== undefined) changes.signupsOpen = body.signupsOpen;
      if (body.capacity !== undefined) {
        const taken = await this.repository.countHoldingPlaces(cohort.id, manager);
        if (body.capacity < taken)
          throw new ConflictError(
            `${taken} places are already taken or offered, so capacity cannot be less than ${taken}. Withdraw people first to make it smaller.`,
            'capacity',
          );
        changes.capacity = body.capacity;
      }
      const fields = AuditService.changedFields(cohort, changes);
      if (fields.length === 0) return;
      await this.cohortRows.updateCohort(cohort.id, changes, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'cohort.updated',
          entityType: 'cohort',
          entityId: cohort.id,
          details: { fields, capacity: changes.capacity, signupsOpen: changes.signupsOpen },
        },
        manager,
      );
      if (changes.capacity !== undefined && changes.capacity > cohort.capacity)
        await this.enrolments.fillFreePlaces(cohort.id, manager);
    });
    return this.cohorts.get(cohortId, actor);
  }

  /** One page of the cohort's delegates, searched and filtered in SQL, with the counts of every status. */
  async list(
    cohortId: string,
    query: CohortEnrolmentQueryDto,
    actor: AuthenticatedUser,
  ): Promise<CohortEnrolmentPage> {
    const cohort = await this.cohorts.get(cohortId, actor);
    const window = pageWindow(query);
    const [{ rows, total }, counted] = await Promise.all([
      this.repository.pageForCohort(
        cohortId,
        {
          pattern: window.q ? likePattern(window.q) : null,
          status: query.status ?? null,
          ids: query.ids ? query.ids.split(',') : null,
        },
        window.take,
        window.skip,
      ),
      this.repository.countsForCohort(cohortId),
    ]);
    const counts = Object.fromEntries(
      ENROLMENT_STATUSES.map((status) => [status, counted[status] ?? 0]),
    ) as CohortEnrolmentPage['counts'];
    return {
      ...paged(rows.map(toCohortEnrolment), total, window),
      counts,
      capacity: cohort.capacity,
      placesTaken: counts.confirmed + counts.offered + counts.completed,
    };
  }

  async one(cohortId: string, enrolmentId: string, actor: AuthenticatedUser): Promise<CohortEnrolment> {
    await this.cohorts.get(cohortId, actor);
    const [row] = await this.repository.findRows({ id: enrolmentId, cohortId });
    if (!row) throw new NotFoundError('Enrolment', enrolmentId);
    return toCohortEnrolment(row);
  }

  /** People the lead may add: within their systems (or already on one of its cohorts), by name or email. */
  async people(
    cohortId: string,
    query: PeopleQueryDto,
    actor: AuthenticatedUser,
  ): Promise<Paged<DelegateCandidate>> {
    const cohort = await this.cohorts.get(cohortId, actor);
    const window = pageWindow(query);
    const { rows, total } = await this.users.people(actor, query.q, cohort.programmeId, window);
    return paged(
      rows.map((row) => ({
        id: row.id,
        fullName: row.fullName,
        email: row.email,
        organisationName: row.organisationName,
        activePlace:
          row.activeCohortName && row.activeStatus
            ? { cohortName: row.activeCohortName, status: row.activeStatus }
            : null,
      })),
      total,
      window,
    );
  }

  /**
   * Puts someone on the cohort by hand: an account the lead can see (`userId`), or a new person invited by
   * email and name. Confirmed if a place is free (no line-manager approval), else the waiting list.
   */
  async add(cohortId: string, body: AddDelegateDto, actor: AuthenticatedUser): Promise<Enrolment> {
    const inviting = body.email !== undefined || body.fullName !== undefined;
    if (body.userId && inviting)
      throw InvalidInputError.field(
        'userId',
        'Choose someone with an account, or invite someone new: not both',
      );
    if (!body.userId && !inviting)
      throw InvalidInputError.field('userId', 'Choose someone to add, or give a new person’s name and email');
    if (inviting) {
      const missing = [
        ...(!body.fullName ? [{ field: 'fullName', message: 'Enter their full name' }] : []),
        ...(!body.email ? [{ field: 'email', message: 'Enter their email address' }] : []),
      ];
      if (missing.length > 0) throw new InvalidInputError(missing);
    }
    await this.cohorts.get(cohortId, actor);
    let id: string;
    try {
      id = await this.repository.transaction(async (manager) => {
        const cohort = await this.enrolments.lockCohortFor(cohortId, actor, manager);
        let userId: string;
        if (body.userId) {
          const person = await this.users.visibleUser(actor, body.userId, manager);
          if (!person || person.disabledAt)
            throw InvalidInputError.field('userId', 'There is no one with that id you can add');
          userId = person.id;
          await this.users.ensureDelegate(actor, userId, manager);
        } else {
          userId = await this.users.inviteDelegate(
            actor,
            { email: body.email as string, fullName: body.fullName as string },
            cohort.name,
            manager,
          );
        }
        return this.enrolments.addLocked(cohort, userId, actor, manager, body.userId ? 'userId' : 'email');
      });
    } catch (error) {
      // The same person added twice at once (or signing up meanwhile), or one address invited twice.
      if (isUniqueViolation(error))
        throw new ConflictError(
          body.userId
            ? 'They already have a place on this programme'
            : 'There is already an account for this email address',
          body.userId ? 'userId' : 'email',
        );
      throw error;
    }
    return this.enrolments.get(id);
  }

  async bulkWithdraw(cohortId: string, body: BulkWithdrawDto, actor: AuthenticatedUser): Promise<BulkResult> {
    return this.bulk(cohortId, body.enrolmentIds, actor, async (id) => {
      await this.enrolments.withdraw(id, actor, body.reason);
      return 'Withdrawn';
    });
  }

  async bulkTransfer(cohortId: string, body: BulkTransferDto, actor: AuthenticatedUser): Promise<BulkResult> {
    return this.bulk(cohortId, body.enrolmentIds, actor, async (id) => {
      const outcome = await this.transfers.transfer(id, body.cohortId, actor);
      return outcome.kind === 'moved'
        ? `Moved to ${outcome.enrolment.cohortName}: ${ENROLMENT_STATUS_LABELS[outcome.enrolment.status].toLowerCase()}`
        : `Transfer offered to ${outcome.offer.to.system.name}: they move when one of its leads accepts`;
    });
  }

  /**
   * Each person in a transaction of their own, so one refusal (a place that changed meanwhile) does not undo the
   * others; the result says, person by person, what happened. Ids not on this cohort are refused, not skipped.
   */
  private async bulk(
    cohortId: string,
    enrolmentIds: string[],
    actor: AuthenticatedUser,
    change: (id: string) => Promise<string>,
  ): Promise<BulkResult> {
    await this.cohorts.get(cohortId, actor);
    const { rows } = await this.repository.pageForCohort(
      cohortId,
      { pattern: null, status: null, ids: enrolmentIds },
      enrolmentIds.length,
      0,
    );
    const names = new Map(rows.map((row) => [row.id, row.delegateName]));
    const outcomes: BulkOutcome[] = [];
    for (const id of enrolmentIds) {
      const fullName = names.get(id);
      if (!fullName) {
        outcomes.push({ enrolmentId: id, fullName: 'Unknown', ok: false, message: 'Not on this cohort' });
        continue;
      }
      try {
        outcomes.push({ enrolmentId: id, fullName, ok: true, message: await change(id) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ enrolmentId: id, fullName, ok: false, message: error.message });
      }
    }
    const succeeded = outcomes.filter((outcome) => outcome.ok).length;
    return { outcomes, succeeded, failed: outcomes.length - succeeded };
  }
}
