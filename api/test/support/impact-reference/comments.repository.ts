/**
 * REFERENCE COPY, frozen: CommentsRepository of api/src/modules/analytics/reports/comments.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import type { DataSource } from 'typeorm';
import { CellSource, IS_FREE_TEXT_ANSWER, Params } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

export function commentCells(programmeId: string, stage: string): CellSource {
  return {
    dimensions: [],
    sql: (params) => `
      SELECT p.* FROM p WHERE EXISTS (
        SELECT 1 FROM evaluation_response r
        JOIN evaluation_answer a ON a.response_id = r.id AND a.value_text IS NOT NULL
        JOIN instrument i ON i.id = r.instrument_id
        WHERE r.programme_id = ${params.add(programmeId)} AND r.pairing_key = p.person_key AND r.session_key = ''
          AND r.stage = ${params.add(stage)}
          AND ${IS_FREE_TEXT_ANSWER})`,
    toCells: (_, n) => [['comments', n]],
  };
}

/** The comments' SQL: how many people commented, the comments themselves and the names to take out of them. */
export class ReferenceCommentsRepository {
  constructor(
    private readonly cells: ReferenceAnalyticsRepository,
    private readonly dataSource: DataSource,
  ) {}

  counts(scope: AnalyticsScope, stage: string): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, commentCells(scope.programmeId, stage));
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
