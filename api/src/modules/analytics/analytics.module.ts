import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { AnalyticsExportService } from './analytics-export.service';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';

@Module({
  imports: [EvaluationsModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsService, AnalyticsExportService, AnalyticsRepository],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
