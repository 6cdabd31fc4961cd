import { Injectable } from '@nestjs/common';
import {
  ActionStatus,
  AreaRating,
  FRAMEWORK_AREAS,
  FrameworkArea,
  ProgrammeAction,
  ProgrammeFramework,
  ProgrammeReview,
} from '@upstand/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { todayInLondon } from '../../common/london-date';
import { AuditService } from '../audit/audit.service';
import { CreateActionDto, CreateReviewDto, RateAreaDto, UpdateActionDto } from './dto/governance.dto';
import { ProgrammesService } from '../programmes/programmes.service';
import { ActionRow, GovernanceRepository, RatingRow, ReviewRow } from './governance.repository';

const AREA_ORDER = new Map<FrameworkArea, number>(FRAMEWORK_AREAS.map((area, index) => [area.key, index]));
const STILL_TO_DO: ActionStatus[] = ['open', 'in-progress'];
/** Who reviews programmes; on a regional programme only their regional grants write, on a system's, grants covering it. */
const GOVERNORS = ['steering', 'programme-lead'] as const;

/** Open or in progress, and due before today in England. */
export function isOverdue(action: { status: ActionStatus; dueDate: string }, today: string): boolean {
  return STILL_TO_DO.includes(action.status) && action.dueDate < today;
}

const toRating = (row: RatingRow): AreaRating => ({
  area: row.area,
  rating: row.rating,
  evidence: row.evidence,
  ratedByName: row.ratedByName,
  ratedAt: row.ratedAt.toISOString(),
});

function toReview(row: ReviewRow, ratings: RatingRow[]): ProgrammeReview {
  return {
    id: row.id,
    programmeId: row.programmeId,
    label: row.label,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    ratings: ratings
      .filter((rating) => rating.reviewId === row.id)
      .sort((a, b) => (AREA_ORDER.get(a.area) ?? 0) - (AREA_ORDER.get(b.area) ?? 0))
      .map(toRating),
  };
}

function toAction(row: ActionRow, today: string): ProgrammeAction {
  return {
    id: row.id,
    programmeId: row.programmeId,
    action: row.action,
    owner: row.owner,
    dueDate: row.dueDate,
    status: row.status,
    area: row.area,
    reviewId: row.reviewId,
    reviewLabel: row.reviewLabel,
    overdue: isOverdue(row, today),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The evaluation framework (review periods, red/amber/green ratings of 16 areas) and the action log. */
@Injectable()
export class GovernanceService {
  constructor(
    private readonly repository: GovernanceRepository,
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditService,
  ) {}

  async reviews(programmeId: string, viewer: AuthenticatedUser): Promise<ProgrammeReview[]> {
    await this.programmes.requireVisible(programmeId, viewer);
    const reviews = await this.repository.reviews(programmeId, 'newest-first');
    const ratings = await this.repository.ratings(reviews.map((review) => review.id));
    return reviews.map((review) => toReview(review, ratings));
  }

  async review(reviewId: string, viewer: AuthenticatedUser): Promise<ProgrammeReview> {
    const review = await this.repository.review(reviewId);
    if (!review || !(await this.sees(review.programmeId, viewer)))
      throw new NotFoundError('Review', reviewId);
    return toReview(review, await this.repository.ratings([review.id]));
  }

  async createReview(
    programmeId: string,
    request: CreateReviewDto,
    actor: AuthenticatedUser,
  ): Promise<ProgrammeReview> {
    const actorUserId = actor.id;
    await this.programmes.requireChangeable(programmeId, actor, GOVERNORS);
    if (request.periodEnd < request.periodStart)
      throw InvalidInputError.field('periodEnd', 'periodEnd must be on or after periodStart');
    const review = await this.repository.transaction(async (manager) => {
      const created = await this.repository.insertReview({ programmeId, ...request }, actorUserId, manager);
      if (!created)
        throw new ConflictError(`This programme already has a review called ${request.label}`, 'label');
      await this.audit.record(
        { actorUserId, action: 'review.created', entityType: 'programme_review', entityId: created.id },
        manager,
      );
      return created;
    });
    return toReview(review, []);
  }

  /** Rates an area (or replaces its rating) while the review is open. */
  async rate(
    reviewId: string,
    area: FrameworkArea,
    request: RateAreaDto,
    actor: AuthenticatedUser,
  ): Promise<ProgrammeReview> {
    const actorUserId = actor.id;
    await this.requireChangeableReview(reviewId, actor);
    await this.repository.transaction(async (manager) => {
      const review = await this.repository.lockReviewForRating(reviewId, manager);
      if (!review) throw new NotFoundError('Review', reviewId);
      if (review.closedAt)
        throw new ConflictError(`Review ${review.label} is closed: its ratings cannot change`);
      const { created } = await this.repository.upsertRating(
        reviewId,
        area,
        request.rating,
        request.evidence,
        actorUserId,
        manager,
      );
      await this.audit.record(
        {
          actorUserId,
          action: created ? 'review.area-rated' : 'review.area-re-rated',
          entityType: 'programme_review',
          entityId: reviewId,
          details: { area, fields: ['rating', 'evidence'] },
        },
        manager,
      );
    });
    return this.review(reviewId, actor);
  }

  async close(reviewId: string, actor: AuthenticatedUser): Promise<ProgrammeReview> {
    const actorUserId = actor.id;
    await this.requireChangeableReview(reviewId, actor);
    const closed = await this.repository.transaction(async (manager) => {
      const before = await this.repository.review(reviewId, manager);
      if (!before) throw new NotFoundError('Review', reviewId);
      const after = (await this.repository.closeReview(reviewId, manager)) as ReviewRow;
      if (!before.closedAt)
        await this.audit.record(
          { actorUserId, action: 'review.closed', entityType: 'programme_review', entityId: reviewId },
          manager,
        );
      return after;
    });
    return toReview(closed, await this.repository.ratings([reviewId]));
  }

  /** Every area with its rating in each review period, oldest period first. */
  async framework(programmeId: string, viewer: AuthenticatedUser): Promise<ProgrammeFramework> {
    await this.programmes.requireVisible(programmeId, viewer);
    const reviews = await this.repository.reviews(programmeId, 'oldest-first');
    const ratings = await this.repository.ratings(reviews.map((review) => review.id));
    return {
      programmeId,
      reviews: reviews.map((review) => ({
        id: review.id,
        label: review.label,
        periodStart: review.periodStart,
        periodEnd: review.periodEnd,
        closed: review.closedAt !== null,
      })),
      areas: FRAMEWORK_AREAS.map(({ key, label }) => ({
        area: key,
        label,
        history: reviews.flatMap((review) => {
          const rating = ratings.find(
            (candidate) => candidate.reviewId === review.id && candidate.area === key,
          );
          return rating
            ? [
                {
                  reviewId: review.id,
                  rating: rating.rating,
                  evidence: rating.evidence,
                  ratedAt: rating.ratedAt.toISOString(),
                },
              ]
            : [];
        }),
      })),
    };
  }

  async actions(
    programmeId: string,
    viewer: AuthenticatedUser,
    status?: ActionStatus,
    now: Date = new Date(),
  ): Promise<ProgrammeAction[]> {
    await this.programmes.requireVisible(programmeId, viewer);
    const today = todayInLondon(now);
    return (await this.repository.actions(programmeId, status)).map((row) => toAction(row, today));
  }

  async action(
    actionId: string,
    viewer: AuthenticatedUser,
    now: Date = new Date(),
  ): Promise<ProgrammeAction> {
    const action = await this.repository.action(actionId);
    if (!action || !(await this.sees(action.programmeId, viewer)))
      throw new NotFoundError('Action', actionId);
    return toAction(action, todayInLondon(now));
  }

  async createAction(
    programmeId: string,
    request: CreateActionDto,
    actor: AuthenticatedUser,
  ): Promise<ProgrammeAction> {
    const actorUserId = actor.id;
    await this.programmes.requireChangeable(programmeId, actor, GOVERNORS);
    const reviewId = request.reviewId ?? null;
    if (reviewId) {
      const review = await this.repository.review(reviewId);
      if (review?.programmeId !== programmeId)
        throw InvalidInputError.field('reviewId', 'reviewId must be a review of this programme');
    }
    const created = await this.repository.transaction(async (manager) => {
      const action = await this.repository.insertAction(
        {
          programmeId,
          action: request.action,
          owner: request.owner,
          dueDate: request.dueDate,
          area: request.area ?? null,
          reviewId,
          createdByUserId: actorUserId,
        },
        manager,
      );
      await this.audit.record(
        { actorUserId, action: 'action.created', entityType: 'programme_action', entityId: action.id },
        manager,
      );
      return action;
    });
    return toAction(created, todayInLondon());
  }

  async updateAction(
    actionId: string,
    request: UpdateActionDto,
    actor: AuthenticatedUser,
  ): Promise<ProgrammeAction> {
    const actorUserId = actor.id;
    const existing = await this.repository.action(actionId);
    if (!existing || !(await this.sees(existing.programmeId, actor)))
      throw new NotFoundError('Action', actionId);
    await this.programmes.requireChangeable(existing.programmeId, actor, GOVERNORS);
    const updated = await this.repository.transaction(async (manager) => {
      const before = await this.repository.lockAction(actionId, manager);
      if (!before) throw new NotFoundError('Action', actionId);
      const fields = AuditService.changedFields(before, request);
      if (fields.length === 0) return before;
      const after = await this.repository.updateAction(actionId, request, manager);
      await this.audit.record(
        {
          actorUserId,
          action: 'action.updated',
          entityType: 'programme_action',
          entityId: actionId,
          details: { fields },
        },
        manager,
      );
      return after;
    });
    return toAction(updated, todayInLondon());
  }

  /** Whether the viewer sees the programme (a review or action of one they do not see answers 404). */
  private async sees(programmeId: string, viewer: AuthenticatedUser): Promise<boolean> {
    try {
      await this.programmes.requireVisible(programmeId, viewer);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  /** 404 for a review of a programme the actor does not see; 403 when they see it but may not change it. */
  private async requireChangeableReview(reviewId: string, actor: AuthenticatedUser): Promise<void> {
    const review = await this.repository.review(reviewId);
    if (!review || !(await this.sees(review.programmeId, actor))) throw new NotFoundError('Review', reviewId);
    await this.programmes.requireChangeable(review.programmeId, actor, GOVERNORS);
  }
}
