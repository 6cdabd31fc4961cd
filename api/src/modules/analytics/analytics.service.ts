import { Injectable } from '@nestjs/common';
import {
  AnalyticsFilterOptions,
  AnalyticsOverview,
  Breakdown,
  BreakdownDimension,
  CommentsReport,
  CumulativeReport,
  FunnelReport,
  ItemAnalyticsReport,
  PageQuery,
  ReachReport,
  ResponseRateReport,
} from '@upstand/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { AnalyticsScope } from './analytics-scope';
import { FilterOptionsService } from './filter-options.service';
import { BreakdownService } from './reports/breakdown.service';
import { CommentsService } from './reports/comments.service';
import { CumulativeService } from './reports/cumulative.service';
import { FunnelService } from './reports/funnel.service';
import { ItemsService, Stage } from './reports/items.service';
import { OverviewService } from './reports/overview.service';
import { ReachService } from './reports/reach.service';
import { ResponseRatesService } from './reports/response-rates.service';

/** Session feedback takes names out of its comments the same way. */
export { redactor } from './redactor';

/**
 * The Impact reports in one place, for the controller, the exports, the board report and the warm-up. Each report
 * is its own service under reports/ (with its own repository); who may see what is AnalyticsScopeResolver's, and
 * the disclosure policy is applied to each report's counts through view-counts.ts.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly overviewReport: OverviewService,
    private readonly itemsReport: ItemsService,
    private readonly breakdownReport: BreakdownService,
    private readonly funnelReport: FunnelService,
    private readonly reachReport: ReachService,
    private readonly cumulativeReport: CumulativeService,
    private readonly responseRatesReport: ResponseRatesService,
    private readonly commentsReport: CommentsService,
    private readonly filters: FilterOptionsService,
  ) {}

  overview(scope: AnalyticsScope): Promise<AnalyticsOverview> {
    return this.overviewReport.overview(scope);
  }

  /** Checked before the scope is resolved, so a request with the same stage twice is a 400 whatever else is wrong. */
  assertDifferentStages(from: Stage, to: Stage): void {
    this.itemsReport.assertDifferentStages(from, to);
  }

  items(scope: AnalyticsScope, from: Stage, to: Stage): Promise<ItemAnalyticsReport> {
    return this.itemsReport.items(scope, from, to);
  }

  breakdown(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    query: PageQuery | 'all' = {},
  ): Promise<Breakdown> {
    return this.breakdownReport.breakdown(scope, dimension, query);
  }

  funnel(scope: AnalyticsScope): Promise<FunnelReport> {
    return this.funnelReport.funnel(scope);
  }

  reach(scope: AnalyticsScope): Promise<ReachReport> {
    return this.reachReport.reach(scope);
  }

  cumulative(scope: AnalyticsScope): Promise<CumulativeReport> {
    return this.cumulativeReport.cumulative(scope);
  }

  responseRates(scope: AnalyticsScope, query: PageQuery | 'all' = {}): Promise<ResponseRateReport> {
    return this.responseRatesReport.responseRates(scope, query);
  }

  comments(scope: AnalyticsScope, stage: Stage, page: PageQuery = {}): Promise<CommentsReport> {
    return this.commentsReport.comments(scope, stage, page);
  }

  filterOptions(user: AuthenticatedUser, programmeId?: string): Promise<AnalyticsFilterOptions> {
    return this.filters.options(user, programmeId);
  }
}
