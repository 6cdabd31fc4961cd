import { Injectable } from '@nestjs/common';
import { asked, askedJoins, CellSource, responded } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

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
@Injectable()
export class ResponseRatesRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, responseRateCells(scope.programmeId));
  }
}
