import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the board report adds to the dashboard's figures: the latest governance review and the open actions. */
@Injectable()
export class BoardReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest review's framework ratings and the open actions, for the board report. */
  async governanceSummary(programmeId: string): Promise<{
    review: { label: string; ratings: { area: string; rating: string; evidence: string }[] } | null;
    actions: { action: string; owner: string; dueDate: string; status: string }[];
  }> {
    const [review] = (await this.dataSource.query(
      `SELECT id, label FROM programme_review WHERE programme_id = $1 ORDER BY period_end DESC, created_at DESC LIMIT 1`,
      [programmeId],
    )) as { id: string; label: string }[];
    const ratings = review
      ? ((await this.dataSource.query(
          `SELECT area, rating, evidence FROM programme_review_rating WHERE review_id = $1 ORDER BY area`,
          [review.id],
        )) as { area: string; rating: string; evidence: string }[])
      : [];
    const actions = (await this.dataSource.query(
      `SELECT action, owner, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status FROM programme_action
       WHERE programme_id = $1 AND status IN ('open', 'in-progress') ORDER BY due_date, created_at`,
      [programmeId],
    )) as { action: string; owner: string; dueDate: string; status: string }[];
    return { review: review ? { label: review.label, ratings } : null, actions };
  }
}
