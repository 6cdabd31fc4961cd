import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { DelegatesModule } from '../delegates/delegates.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { EnrolmentsController } from './enrolments.controller';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';

@Module({
  imports: [CohortsModule, DelegatesModule, ProgrammesModule],
  controllers: [EnrolmentsController],
  providers: [EnrolmentsRepository, EnrolmentsService],
  exports: [EnrolmentsRepository, EnrolmentsService],
})
export class EnrolmentsModule {}
