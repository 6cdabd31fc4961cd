import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { AnalyticsChangeListener } from './analytics-change-listener';
import { AnalyticsExportService } from './analytics-export.service';
import { AnalyticsScopeResolver } from './analytics-scope.resolver';
import { AnalyticsWarmer } from './analytics-warmer';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { BoardReportService } from './board-report.service';
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
    AnalyticsRepository,
    AnalyticsChangeListener,
    AnalyticsWarmer,
    SessionFeedbackService,
    SessionFeedbackRepository,
  ],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
