import { Injectable } from '@nestjs/common';
import { ResponseRateReport } from '@upstand/contracts';
import { CohortsRepository } from '../../cohorts/cohorts.repository';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, toCount, viewCounts } from '../view-counts';
import { ResponseRatesRepository } from './response-rates.repository';

/** Per cohort: how many were asked the pre and post questionnaires and how many answered. */
@Injectable()
export class ResponseRatesService {
  constructor(
    private readonly repository: ResponseRatesRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  async responseRates(scope: AnalyticsScope): Promise<ResponseRateReport> {
    const cohorts = await this.cohorts.ofProgramme(scope.programmeId);
    const { counts, raw } = viewCounts(scope, await this.repository.counts(scope), []);
    const shownCohorts = cohorts.filter((cohort) => (raw.get(`cohort:${cohort.id}:pre-asked`) ?? 0) > 0);
    const rate = (part: ReturnType<typeof toCount>, whole: ReturnType<typeof toCount>) =>
      part.value !== null && whole.value ? part.value / whole.value : null;
    return {
      ...disclosure(scope),
      rows: shownCohorts.map((cohort) => {
        const preAsked = toCount(counts.get(`cohort:${cohort.id}:pre-asked`));
        const postAsked = toCount(counts.get(`cohort:${cohort.id}:post-asked`));
        const pre = toCount(counts.get(`cohort:${cohort.id}:pre`));
        const post = toCount(counts.get(`cohort:${cohort.id}:post`));
        // Each stage over its own asked: respondents are among the asked by construction (see asked()).
        return {
          cohortId: cohort.id,
          cohortName: cohort.name,
          startDate: cohort.startDate,
          preAsked,
          postAsked,
          pre,
          post,
          preRate: rate(pre, preAsked),
          postRate: rate(post, postAsked),
        };
      }),
    };
  }
}
