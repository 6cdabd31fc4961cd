import { Injectable } from '@nestjs/common';
import { Count, PageQuery, ResponseRateReport } from '@upstand/contracts';
import { paged, pageWindow } from '../../../common/paging';
import { CohortsRepository } from '../../cohorts/cohorts.repository';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, toCount, viewCounts } from '../view-counts';
import { ResponseRatesRepository } from './response-rates.repository';

const rate = (part: Count, whole: Count) =>
  part.value !== null && whole.value ? part.value / whole.value : null;

/** Per cohort: how many were asked the pre and post questionnaires and how many answered, a page at a time. */
@Injectable()
export class ResponseRatesService {
  constructor(
    private readonly repository: ResponseRatesRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  /**
   * One page of the cohorts (`query`), or every cohort (`'all'`, for the download). Only the page's cohorts are
   * counted and protected: each cohort's cells are checked against the same cells in wider views and siblings,
   * never against other cohorts', so a page gives each cohort exactly the figures the whole list would.
   */
  async responseRates(scope: AnalyticsScope, query: PageQuery | 'all' = {}): Promise<ResponseRateReport> {
    const window = query === 'all' ? null : pageWindow(query);
    const asked = await this.repository.askedCohorts(scope, window);
    const [rows, cohorts] = await Promise.all([
      asked.ids.length ? this.repository.counts(scope, asked.ids) : [],
      this.cohorts.summariesOf(asked.ids),
    ]);
    const { counts } = viewCounts(scope, rows, []);
    const byId = new Map(cohorts.map((cohort) => [cohort.id, cohort]));
    const items = asked.ids.flatMap((id) => {
      const cohort = byId.get(id);
      if (!cohort) return [];
      const preAsked = toCount(counts.get(`cohort:${id}:pre-asked`));
      const postAsked = toCount(counts.get(`cohort:${id}:post-asked`));
      const pre = toCount(counts.get(`cohort:${id}:pre`));
      const post = toCount(counts.get(`cohort:${id}:post`));
      // Each stage over its own asked: respondents are among the asked by construction (see asked()).
      return [
        {
          cohortId: id,
          cohortName: cohort.name,
          startDate: cohort.startDate,
          preAsked,
          postAsked,
          pre,
          post,
          preRate: rate(pre, preAsked),
          postRate: rate(post, postAsked),
        },
      ];
    });
    return {
      ...disclosure(scope),
      cohorts: paged(items, asked.total, window ?? { page: 1, pageSize: Math.max(asked.total, 1) }),
    };
  }
}
