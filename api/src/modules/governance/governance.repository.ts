import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ActionStatus, FrameworkArea, RagRating } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';

export interface ReviewRow {
  id: string;
  programmeId: string;
  label: string;
  periodStart: string;
  periodEnd: string;
  closedAt: Date | null;
  createdAt: Date;
}

export interface RatingRow {
  reviewId: string;
  area: FrameworkArea;
  rating: RagRating;
  evidence: string;
  ratedByName: string | null;
  ratedAt: Date;
}

export interface ActionRow {
  id: string;
  programmeId: string;
  action: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  area: FrameworkArea | null;
  reviewId: string | null;
  reviewLabel: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewAction {
  programmeId: string;
  action: string;
  owner: string;
  dueDate: string;
  area: FrameworkArea | null;
  reviewId: string | null;
  createdByUserId: string;
}

export type ActionChanges = Partial<Pick<ActionRow, 'action' | 'owner' | 'dueDate' | 'status'>>;

// Dates as text: node-postgres would turn a `date` into a Date at local midnight.
const REVIEW_COLUMNS = `r.id, r.programme_id AS "programmeId", r.label, r.period_start::text AS "periodStart",
  r.period_end::text AS "periodEnd", r.closed_at AS "closedAt", r.created_at AS "createdAt"`;

const ACTION_COLUMNS = `a.id, a.programme_id AS "programmeId", a.action, a.owner, a.due_date::text AS "dueDate",
  a.status, a.area, a.review_id AS "reviewId", r.label AS "reviewLabel", a.created_at AS "createdAt",
  a.updated_at AS "updatedAt"`;

@Injectable()
export class GovernanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Null when the programme already has a review with this label (the unique index decides, not a read). */
  async insertReview(
    review: { programmeId: string; label: string; periodStart: string; periodEnd: string },
    createdByUserId: string,
    manager: EntityManager,
  ): Promise<ReviewRow | null> {
    const [row] = (await manager.query(
      `INSERT INTO programme_review AS r (programme_id, label, period_start, period_end, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (programme_id, label) DO NOTHING
       RETURNING ${REVIEW_COLUMNS}`,
      [review.programmeId, review.label, review.periodStart, review.periodEnd, createdByUserId],
    )) as ReviewRow[];
    return row ?? null;
  }

  async review(
    reviewId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReviewRow | null> {
    const [row] = (await manager.query(`SELECT ${REVIEW_COLUMNS} FROM programme_review r WHERE r.id = $1`, [
      reviewId,
    ])) as ReviewRow[];
    return row ?? null;
  }

  /**
   * The review, share-locked until the transaction ends: ratings may be given side by side, but closing
   * (an UPDATE of this row) waits for them, and a rating waits for a close.
   */
  async lockReviewForRating(reviewId: string, manager: EntityManager): Promise<ReviewRow | null> {
    const [row] = (await manager.query(
      `SELECT ${REVIEW_COLUMNS} FROM programme_review r WHERE r.id = $1 FOR SHARE`,
      [reviewId],
    )) as ReviewRow[];
    return row ?? null;
  }

  /** Newest period first, or oldest first for tracking over time. */
  async reviews(programmeId: string, order: 'newest-first' | 'oldest-first'): Promise<ReviewRow[]> {
    const direction = order === 'newest-first' ? 'DESC' : 'ASC';
    return (await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} FROM programme_review r WHERE r.programme_id = $1
       ORDER BY r.period_start ${direction}, r.period_end ${direction}, r.created_at ${direction}`,
      [programmeId],
    )) as ReviewRow[];
  }

  async ratings(reviewIds: string[]): Promise<RatingRow[]> {
    if (reviewIds.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT g.review_id AS "reviewId", g.area, g.rating, g.evidence, u.full_name AS "ratedByName",
              g.rated_at AS "ratedAt"
       FROM programme_review_rating g LEFT JOIN app_user u ON u.id = g.rated_by_user_id
       WHERE g.review_id = ANY($1::uuid[])`,
      [reviewIds],
    )) as RatingRow[];
  }

  /** One rating per review and area: a second rating replaces the first (INSERT … ON CONFLICT, race-free). */
  async upsertRating(
    reviewId: string,
    area: FrameworkArea,
    rating: RagRating,
    evidence: string,
    ratedByUserId: string,
    manager: EntityManager,
  ): Promise<{ created: boolean }> {
    const [row] = (await manager.query(
      `INSERT INTO programme_review_rating (review_id, area, rating, evidence, rated_by_user_id, rated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (review_id, area) DO UPDATE
         SET rating = EXCLUDED.rating, evidence = EXCLUDED.evidence,
             rated_by_user_id = EXCLUDED.rated_by_user_id, rated_at = EXCLUDED.rated_at
       RETURNING (xmax = 0) AS created`,
      [reviewId, area, rating, evidence, ratedByUserId],
    )) as { created: boolean }[];
    return { created: row?.created ?? false };
  }

  /** Sets the closing time once; closing again keeps the first. */
  async closeReview(reviewId: string, manager: EntityManager): Promise<ReviewRow | null> {
    await manager.query('UPDATE programme_review SET closed_at = now() WHERE id = $1 AND closed_at IS NULL', [
      reviewId,
    ]);
    return this.review(reviewId, manager);
  }

  /** Open and in-progress first, then by due date. */
  async actions(programmeId: string, status?: ActionStatus): Promise<ActionRow[]> {
    return (await this.dataSource.query(
      `SELECT ${ACTION_COLUMNS} FROM programme_action a LEFT JOIN programme_review r ON r.id = a.review_id
       WHERE a.programme_id = $1 AND ($2::varchar IS NULL OR a.status = $2)
       ORDER BY (a.status IN ('done', 'dropped')), a.due_date, a.created_at`,
      [programmeId, status ?? null],
    )) as ActionRow[];
  }

  async action(
    actionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ActionRow | null> {
    const [row] = (await manager.query(
      `SELECT ${ACTION_COLUMNS} FROM programme_action a LEFT JOIN programme_review r ON r.id = a.review_id
       WHERE a.id = $1`,
      [actionId],
    )) as ActionRow[];
    return row ?? null;
  }

  async insertAction(action: NewAction, manager: EntityManager): Promise<ActionRow> {
    const [row] = (await manager.query(
      `INSERT INTO programme_action (programme_id, action, owner, due_date, area, review_id, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        action.programmeId,
        action.action,
        action.owner,
        action.dueDate,
        action.area,
        action.reviewId,
        action.createdByUserId,
      ],
    )) as { id: string }[];
    return (await this.action((row as { id: string }).id, manager)) as ActionRow;
  }

  /** The action as it was, locked until the transaction ends, so the audit names the fields this edit changed. */
  async lockAction(actionId: string, manager: EntityManager): Promise<ActionRow | null> {
    const [row] = (await manager.query(
      `SELECT ${ACTION_COLUMNS} FROM programme_action a LEFT JOIN programme_review r ON r.id = a.review_id
       WHERE a.id = $1 FOR UPDATE OF a`,
      [actionId],
    )) as ActionRow[];
    return row ?? null;
  }

  async updateAction(actionId: string, changes: ActionChanges, manager: EntityManager): Promise<ActionRow> {
    await manager.query(
      `UPDATE programme_action SET action = coalesce($2, action), owner = coalesce($3, owner),
         due_date = coalesce($4::date, due_date), status = coalesce($5, status), updated_at = now()
       WHERE id = $1`,
      [
        actionId,
        changes.action ?? null,
        changes.owner ?? null,
        changes.dueDate ?? null,
        changes.status ?? null,
      ],
    );
    return (await this.action(actionId, manager)) as ActionRow;
  }
}
