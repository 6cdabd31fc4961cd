import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { EnrolmentImportService } from './enrolment-import.service';
import { ImportJobsModule } from './import-jobs.module';
import { ImportTemplatesController } from './import-templates.controller';
import { ImportTemplatesService } from './import-templates.service';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ResponseImportService } from './response-import.service';

@Module({
  imports: [EvaluationsModule, AuthModule, ImportJobsModule],
  controllers: [ImportsController, ImportTemplatesController],
  providers: [ImportsRepository, ResponseImportService, EnrolmentImportService, ImportTemplatesService],
})
export class ImportsModule {}
