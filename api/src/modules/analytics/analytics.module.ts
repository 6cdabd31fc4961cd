import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ImpactAggregatesRepository } from './aggregates/impact-aggregates.repository';
import { ImpactAggregatesService } from './aggregates/impact-aggregates.service';
import { AnalyticsChangeListener } from './analytics-change-listener';
import { AnalyticsExportService } from './analytics-export.service';
import { AnalyticsScopeResolver } from './analytics-scope.resolver';
import { AnalyticsWarmer } from './analytics-warmer';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { BoardReportRepository } from './board-report.repository';
import { BoardReportService } from './board-report.service';
import { FilterOptionsService } from './filter-options.service';
import { BreakdownRepository } from './reports/breakdown.repository';
import { BreakdownService } from './reports/breakdown.service';
import { CommentsRepository } from './reports/comments.repository';
import { CommentsService } from './reports/comments.service';
import { CumulativeRepository } from './reports/cumulative.repository';
import { CumulativeService } from './reports/cumulative.service';
import { FunnelRepository } from './reports/funnel.repository';
import { FunnelService } from './reports/funnel.service';
import { ItemsRepository } from './reports/items.repository';
import { ItemsService } from './reports/items.service';
import { MatchedExportRepository } from './reports/matched-export.repository';
import { OverviewRepository } from './reports/overview.repository';
import { OverviewService } from './reports/overview.service';
import { ReachRepository } from './reports/reach.repository';
import { ReachService } from './reports/reach.service';
import { ResponseRatesRepository } from './reports/response-rates.repository';
import { ResponseRatesService } from './reports/response-rates.service';
import { SessionFeedbackController } from './session-feedback.controller';
import { SessionFeedbackRepository } from './session-feedback.repository';
import { SessionFeedbackService } from './session-feedback.service';

@Module({
  imports: [EvaluationsModule, ProgrammesModule, OrganisationsModule, CohortsModule],
  controllers: [AnalyticsController, SessionFeedbackController],
  providers: [
    AnalyticsService,
    AnalyticsScopeResolver,
    AnalyticsExportService,
    BoardReportService,
    BoardReportRepository,
    FilterOptionsService,
    AnalyticsRepository,
    OverviewService,
    OverviewRepository,
    ItemsService,
    ItemsRepository,
    BreakdownService,
    BreakdownRepository,
    FunnelService,
    FunnelRepository,
    ReachService,
    ReachRepository,
    CumulativeService,
    CumulativeRepository,
    ResponseRatesService,
    ResponseRatesRepository,
    CommentsService,
    CommentsRepository,
    MatchedExportRepository,
    AnalyticsChangeListener,
    AnalyticsWarmer,
    ImpactAggregatesService,
    ImpactAggregatesRepository,
    SessionFeedbackService,
    SessionFeedbackRepository,
  ],
  exports: [AnalyticsService, ImpactAggregatesService],
})
export class AnalyticsModule {}
