import { Injectable } from '@nestjs/common';
import { TransferOffer, TransferOutcome } from '@upstand/contracts';
import { QueryFailedError } from 'typeorm';
import { coversSystem, visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AuditService } from '../audit/audit.service';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { formatLondonDay } from '../cohorts/staffing.service';
import { NotificationsService } from '../notifications/notifications.service';
import { EnrolmentsService } from './enrolments.service';
import { TransferOfferRow, TransferOffersRepository } from './transfer-offers.repository';

const LEAD = ['programme-lead'] as const;

/**
 * Transfers, within a lead's grant and between systems. A lead whose grant reaches both cohorts moves the
 * delegate at once. One whose grant reaches only the sending cohort offers the transfer to the receiving
 * system's leads; the delegate moves when one of them accepts, under the same locks as a direct transfer.
 */
@Injectable()
export class TransferOffersService {
  constructor(
    private readonly repository: TransferOffersRepository,
    private readonly enrolments: EnrolmentsService,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async transfer(id: string, targetCohortId: string, actor: AuthenticatedUser): Promise<TransferOutcome> {
    const { sourceSystemId, targetSystemId } = await this.systemsOf(id, targetCohortId);
    // Someone else's system's delegate answers as a missing enrolment (no existence leak).
    if (!sourceSystemId || !coversSystem(actor, LEAD, sourceSystemId))
      throw new NotFoundError('Enrolment', id);
    if (!targetSystemId) throw InvalidInputError.field('cohortId', 'cohortId must be the id of a cohort');
    if (coversSystem(actor, LEAD, targetSystemId)) {
      const newId = await this.repository.transaction(async (manager) => {
        const { enrolment, target } = await this.enrolments.lockForTransfer(id, targetCohortId, manager);
        return this.enrolments.moveLocked(enrolment, target, actor, manager);
      });
      return { kind: 'moved', enrolment: await this.enrolments.get(newId) };
    }
    return { kind: 'offered', offer: await this.offer(id, targetCohortId, actor) };
  }

  /** Offers into or out of the systems the lead's grant reaches; pending first, then newest. */
  async list(viewer: AuthenticatedUser): Promise<TransferOffer[]> {
    return (await this.repository.list(visibleSystemIds(viewer, LEAD))).map((row) => toOffer(row, viewer));
  }

  /** Accepted by a lead whose grant reaches the receiving cohort: the delegate moves, once. */
  async accept(offerId: string, actor: AuthenticatedUser): Promise<TransferOffer> {
    await this.repository.transaction(async (manager) => {
      const peek = await this.visibleTo(offerId, actor, 'decide');
      if (peek.status !== 'pending') throw new ConflictError(`This transfer has already been ${peek.status}`);
      const { enrolment, target } = await this.enrolments
        .lockForTransfer(peek.enrolmentId, peek.toId, manager)
        .catch(async (error: unknown) => {
          if (!(error instanceof ConflictError)) throw error;
          // Someone accepted it meanwhile (which moved the place), or the place changed since the offer.
          const now = await this.repository.row(offerId, manager);
          throw new ConflictError(
            now && now.status !== 'pending'
              ? `This transfer has already been ${now.status}`
              : "The delegate's place has changed since this transfer was offered, so it cannot go ahead",
          );
        });
      const offer = await this.repository.lock(offerId, manager);
      if (!offer || offer.status !== 'pending')
        throw new ConflictError(`This transfer has already been ${offer?.status ?? 'closed'}`);
      if (!(await this.enrolments.hasFreePlace(target, manager)))
        throw new ConflictError(`${target.name} has no place free now: the transfer cannot be accepted`);
      // Accepted before the move, which closes any other pending offer of this place.
      offer.status = 'accepted';
      offer.decidedByUserId = actor.id;
      offer.decidedAt = new Date();
      await this.repository.save(offer, manager);
      offer.newEnrolmentId = await this.enrolments.moveLocked(enrolment, target, actor, manager);
      await this.repository.save(offer, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'transfer-offer.accepted',
          entityType: 'enrolment-transfer-offer',
          entityId: offerId,
          details: { enrolmentId: enrolment.id, newEnrolmentId: offer.newEnrolmentId },
        },
        manager,
      );
    });
    return this.get(offerId, actor);
  }

  /** Declined by a lead whose grant reaches the receiving cohort: the delegate stays where they are. */
  async decline(offerId: string, actor: AuthenticatedUser): Promise<TransferOffer> {
    return this.close(offerId, actor, 'decide', 'declined');
  }

  /** Withdrawn by a lead whose grant reaches the sending cohort, while nobody has answered. */
  async withdraw(offerId: string, actor: AuthenticatedUser): Promise<TransferOffer> {
    return this.close(offerId, actor, 'withdraw', 'withdrawn');
  }

  private async close(
    offerId: string,
    actor: AuthenticatedUser,
    right: 'decide' | 'withdraw',
    status: 'declined' | 'withdrawn',
  ): Promise<TransferOffer> {
    await this.visibleTo(offerId, actor, right);
    await this.repository.transaction(async (manager) => {
      const offer = await this.repository.lock(offerId, manager);
      if (!offer || offer.status !== 'pending')
        throw new ConflictError(`This transfer has already been ${offer?.status ?? 'closed'}`);
      offer.status = status;
      offer.decidedByUserId = actor.id;
      offer.decidedAt = new Date();
      await this.repository.save(offer, manager);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: `transfer-offer.${status}`,
          entityType: 'enrolment-transfer-offer',
          entityId: offerId,
        },
        manager,
      );
    });
    return this.get(offerId, actor);
  }

  private async get(offerId: string, viewer: AuthenticatedUser): Promise<TransferOffer> {
    const row = await this.repository.row(offerId);
    if (!row) throw new NotFoundError('Transfer offer', offerId);
    return toOffer(row, viewer);
  }

  /**
   * The offer, if the lead may act on it: deciding needs a grant reaching the receiving cohort, withdrawing one
   * reaching the sending cohort. Otherwise it answers as missing, as for any item outside a grant.
   */
  private async visibleTo(
    offerId: string,
    actor: AuthenticatedUser,
    right: 'decide' | 'withdraw',
  ): Promise<TransferOfferRow> {
    const row = await this.repository.row(offerId);
    const system = right === 'decide' ? row?.toSystemId : row?.fromSystemId;
    if (!row || !system || !coversSystem(actor, LEAD, system))
      throw new NotFoundError('Transfer offer', offerId);
    return row;
  }

  private async offer(id: string, targetCohortId: string, actor: AuthenticatedUser): Promise<TransferOffer> {
    let offerId: string;
    try {
      offerId = await this.repository.transaction(async (manager) => {
        const { enrolment, target } = await this.enrolments.lockForTransfer(id, targetCohortId, manager);
        if (await this.repository.hasPending(enrolment.id, manager))
          throw new ConflictError('A transfer of this delegate is already waiting for an answer', 'cohortId');
        // An offer is for a place: the receiving leads accept a delegate, not a place on their waiting list.
        if (!(await this.enrolments.hasFreePlace(target, manager)))
          throw new ConflictError(
            `${target.name} has no place free: a transfer from another system needs one`,
            'cohortId',
          );
        const offer = await this.repository.insert(
          { enrolmentId: enrolment.id, targetCohortId, status: 'pending', offeredByUserId: actor.id },
          manager,
        );
        await this.audit.record(
          {
            actorUserId: actor.id,
            action: 'transfer-offer.offered',
            entityType: 'enrolment-transfer-offer',
            entityId: offer.id,
            details: { enrolmentId: enrolment.id, targetCohortId },
          },
          manager,
        );
        const row = (await this.repository.row(offer.id, manager)) as TransferOfferRow;
        await this.notifications.transferOffered(
          {
            id: offer.id,
            delegateName: row.delegateName,
            fromName: row.fromName,
            fromSystemName: row.fromSystemName,
            toName: `${row.toName} (starting ${formatLondonDay(new Date(`${row.toStartDate}T12:00:00Z`), { weekday: false })})`,
          },
          await this.repository.leadsFor(row.toSystemId, manager),
          manager,
        );
        return offer.id;
      });
    } catch (error) {
      // Two leads offering the same place at once: the unique index lets one through.
      if (error instanceof QueryFailedError && error.message.includes('UQ_enrolment_transfer_offer_pending'))
        throw new ConflictError('A transfer of this delegate is already waiting for an answer', 'cohortId');
      throw error;
    }
    return this.get(offerId, actor);
  }

  private async systemsOf(
    enrolmentId: string,
    targetCohortId: string,
  ): Promise<{ sourceSystemId: string | null; targetSystemId: string | null }> {
    const sourceCohortId = await this.enrolments.cohortOf(enrolmentId);
    return {
      sourceSystemId: sourceCohortId ? await this.cohorts.systemOfCohort(sourceCohortId) : null,
      targetSystemId: await this.cohorts.systemOfCohort(targetCohortId),
    };
  }
}

function toOffer(row: TransferOfferRow, viewer: AuthenticatedUser): TransferOffer {
  const pending = row.status === 'pending';
  return {
    id: row.id,
    status: row.status,
    enrolmentId: row.enrolmentId,
    delegate: { fullName: row.delegateName, organisationName: row.delegateOrganisation },
    from: {
      id: row.fromId,
      name: row.fromName,
      startDate: row.fromStartDate,
      system: { odsCode: row.fromSystemOdsCode, name: row.fromSystemName },
    },
    to: {
      id: row.toId,
      name: row.toName,
      startDate: row.toStartDate,
      system: { odsCode: row.toSystemOdsCode, name: row.toSystemName },
    },
    offeredBy: row.offeredBy,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    newEnrolmentId: row.newEnrolmentId,
    canDecide: pending && coversSystem(viewer, LEAD, row.toSystemId),
    canWithdraw: pending && coversSystem(viewer, LEAD, row.fromSystemId),
  };
}
