import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { EnrolmentsModule } from '../enrolments/enrolments.module';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsService } from './approvals.service';

@Module({
  imports: [EnrolmentsModule, CohortsModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsService],
})
export class ApprovalsModule {}
