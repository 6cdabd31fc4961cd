import { Injectable } from '@nestjs/common';
import { answeredAt, askedAt } from '../aggregates/fact-reads';
import { CellSource } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

/** Per cohort: the people asked to answer the pre and the post questionnaires, and who answered. */
export function responseRateCells(): CellSource {
  return {
    fact: 'responses',
    dimensions: ['cohort_id::text', askedAt('pre'), askedAt('post'), answeredAt('pre'), answeredAt('post')],
    needs: ['cohort_id'],
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
    return this.cells.countCells(scope, responseRateCells());
  }
}
