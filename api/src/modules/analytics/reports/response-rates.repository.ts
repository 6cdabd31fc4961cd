import { Injectable } from '@nestjs/common';
import { PageWindow } from '../../../common/paging';
import { answeredAt, askedAt } from '../aggregates/fact-reads';
import { CellSource, Params } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

/**
 * Per cohort: the people asked to answer the pre and the post questionnaires, and who answered; only the cohorts
 * in `cohortIds` when given. Every cell is named by its cohort, and the disclosure policy checks each cell against
 * the same cell in wider views and sibling units, so one cohort's figures never depend on another's: a page of
 * cohorts is protected exactly as it would be in the whole list.
 */
export function responseRateCells(cohortIds?: readonly string[]): CellSource {
  return {
    fact: 'responses',
    dimensions: ['cohort_id::text', askedAt('pre'), askedAt('post'), answeredAt('pre'), answeredAt('post')],
    needs: ['cohort_id'],
    ...(cohortIds ? { where: (params: Params) => `cohort_id = ANY(${params.add(cohortIds)}::uuid[])` } : {}),
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

/** The cohorts a response-rates view lists (one page of them, or all), and how many there are in all. */
export interface AskedCohorts {
  ids: string[];
  total: number;
}

/** Response rates' SQL: per cohort, who was asked each questionnaire and who answered it. */
@Injectable()
export class ResponseRatesRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  /** The counts of the cohorts in `cohortIds` (every cohort when left out), at every level the policy checks. */
  counts(scope: AnalyticsScope, cohortIds?: readonly string[]): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, responseRateCells(cohortIds));
  }

  /**
   * The cohorts in which someone in the requested view was asked the pre questionnaire (the view's own people,
   * not its wider views or siblings), latest start first, then by name: one page of them (all when `window` is
   * null) and how many there are. Counted in SQL from the kept cells, so the page costs the same with 10 cohorts
   * or 10,000.
   */
  async askedCohorts(scope: AnalyticsScope, window: PageWindow | null): Promise<AskedCohorts> {
    const params = new Params();
    const cells = await this.cells.cells(scope, 'responses', params, ['cohort_id']);
    const where = this.cells.viewCondition(scope, params);
    const limit = window ? `LIMIT ${params.add(window.take)} OFFSET ${params.add(window.skip)}` : '';
    const [row] = (await this.cells.aggregate(
      `WITH asked AS (
         SELECT p.cohort_id FROM (${cells.sql}) p
         WHERE ${where} AND ${askedAt('pre')}
         GROUP BY p.cohort_id HAVING sum(p.n) > 0
       )
       SELECT (SELECT count(*) FROM asked)::int AS total,
              ARRAY(SELECT c.id::text FROM asked JOIN cohort c ON c.id = asked.cohort_id
                    ORDER BY c.start_date DESC, c.name, c.id ${limit}) AS ids`,
      params.values,
    )) as AskedCohorts[];
    return row ?? { ids: [], total: 0 };
  }
}
