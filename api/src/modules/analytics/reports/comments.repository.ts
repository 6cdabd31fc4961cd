import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CellSource, IS_FREE_TEXT_ANSWER, Params } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

/** People who wrote a free-text answer at the stage (the `comments` fact). */
export function commentCells(stage: string): CellSource {
  return {
    fact: 'comments',
    dimensions: [],
    where: (params) => `dims->>0 = ${params.add(stage)}`,
    toCells: (_, n) => [['comments', n]],
  };
}

/** The comments' SQL: how many people commented, the comments themselves and the names to take out of them. */
@Injectable()
export class CommentsRepository {
  constructor(
    private readonly cells: AnalyticsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  counts(scope: AnalyticsScope, stage: string): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, commentCells(stage));
  }

  /**
   * One page of the view's free-text answers at a stage, newest first (ties in a fixed order, so pages never
   * overlap), and how many there are in all: the total from the kept aggregates (the `comments` fact sums each
   * person's free-text answers), so a view with none reads no answers at all, and the page from the answers
   * with text only. Not cached: only ever read for a view already large enough.
   */
  async page(
    scope: AnalyticsScope,
    stage: string,
    window: { take: number; skip: number },
  ): Promise<{ rows: CommentRow[]; total: number }> {
    const counted = new Params();
    const cells = await this.cells.cells(scope, 'comments', counted);
    const [count] = (await this.cells.aggregate(
      `SELECT coalesce(sum(s1), 0)::int AS total FROM (${cells.sql}) p
       WHERE ${this.cells.viewCondition(scope, counted)} AND dims->>0 = ${counted.add(stage)}`,
      counted.values,
    )) as { total: number }[];
    const total = Number(count?.total ?? 0);
    if (total === 0 || window.skip >= total) return { rows: [], total };
    const params = new Params();
    const people = this.cells.people(scope, params);
    const where = this.cells.viewCondition(scope, params);
    const rows = (await this.dataSource.query(
      `WITH ${people}
       SELECT a.item_code AS "itemCode", a.value_text AS text, p.cohort_name AS "cohortName"
       FROM p
       JOIN evaluation_response r ON r.programme_id = p.p_programme AND r.pairing_key = p.person_key AND r.session_key = '' AND r.stage = ${params.add(stage)}
       JOIN evaluation_answer a ON a.response_id = r.id AND a.value_text IS NOT NULL
       JOIN instrument i ON i.id = r.instrument_id
       WHERE ${where} AND ${IS_FREE_TEXT_ANSWER}
       ORDER BY r.updated_at DESC, r.id, a.item_code LIMIT ${params.add(window.take)} OFFSET ${params.add(window.skip)}`,
      params.values,
    )) as CommentRow[];
    return { rows, total };
  }

  /** Names of the programme's delegates, to take out of comments shown beyond the programme team. */
  delegateNames(programmeId: string): Promise<string[]> {
    return this.cells.delegateNames(programmeId);
  }
}

export interface CommentRow {
  itemCode: string;
  text: string;
  cohortName: string;
}
