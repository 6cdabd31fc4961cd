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
   * overlap), and how many there are in all. Not cached: only ever read for a view already large enough.
   */
  async page(
    scope: AnalyticsScope,
    stage: string,
    window: { take: number; skip: number },
  ): Promise<{ rows: CommentRow[]; total: number }> {
    await this.cells.catchUp();
    const params = new Params();
    const people = this.cells.people(scope, params);
    const where = this.cells.viewCondition(scope, params);
    const answers = `
       FROM p
       JOIN evaluation_response r ON r.programme_id = p.p_programme AND r.pairing_key = p.person_key AND r.session_key = '' AND r.stage = ${params.add(stage)}
       JOIN evaluation_answer a ON a.response_id = r.id AND a.value_text IS NOT NULL
       JOIN instrument i ON i.id = r.instrument_id
       WHERE ${where} AND ${IS_FREE_TEXT_ANSWER}`;
    const countValues = [...params.values];
    const limit = params.add(window.take);
    const offset = params.add(window.skip);
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(
        `WITH ${people}
         SELECT a.item_code AS "itemCode", a.value_text AS text, p.cohort_name AS "cohortName" ${answers}
         ORDER BY r.updated_at DESC, r.id, a.item_code LIMIT ${limit} OFFSET ${offset}`,
        params.values,
      ) as Promise<CommentRow[]>,
      this.dataSource.query(
        `WITH ${people} SELECT count(*)::int AS total ${answers}`,
        countValues,
      ) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: Number(count?.total ?? 0) };
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
