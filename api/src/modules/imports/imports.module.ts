import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { EnrolmentImportService } from './enrolment-import.service';
import { ImportJobsModule } from './import-jobs.module';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ResponseImportService } from './response-import.service';

@Module({
  imports: [EvaluationsModule, AuthModule, ImportJobsModule],
  controllers: [ImportsController],
  providers: [ImportsRepository, ResponseImportService, EnrolmentImportService],
})
export class ImportsModule {}
