/**
 * REFERENCE COPY, frozen: ResponseRatesRepository of api/src/modules/analytics/reports/response-rates.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { asked, askedJoins, CellSource, responded } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

/** Per cohort: the people asked to answer the pre and the post questionnaires (asked()), and who answered. */
export function responseRateCells(programmeId: string): CellSource {
  return {
    dimensions: ['cohort', 'pre-asked', 'post-asked', 'pre', 'post'],
    sql: (params) => `
      SELECT p.*, p.cohort_id::text AS d1,
             ${asked('pre', 'responded.has_pre')} AS d2,
             ${asked('post', 'responded.has_post')} AS d3,
             coalesce(responded.has_pre, false) AS d4, coalesce(responded.has_post, false) AS d5
      FROM p ${responded(params, programmeId)}
      ${askedJoins(params, programmeId)}`,
    toCells: ([cohort, preAsked, postAsked, pre, post], n) =>
      (
        [
          ['pre-asked', preAsked],
          ['post-asked', postAsked],
          ['pre', pre],
          ['post', post],
        ] as const
      )
        .filter(([, given]) => given)
        .map(([cell]): [string, number] => [`cohort:${String(cohort)}:${cell}`, n]),
  };
}

/** Response rates' SQL: per cohort, who was asked each questionnaire and who answered it. */
export class ReferenceResponseRatesRepository {
  constructor(private readonly cells: ReferenceAnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, responseRateCells(scope.programmeId));
  }
}
