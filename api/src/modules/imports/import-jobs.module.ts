import { Module } from '@nestjs/common';
import { ImportJobsController } from './import-jobs.controller';
import { ImportJobsRepository } from './import-jobs.repository';
import { ImportJobsService } from './import-jobs.service';

/** Background import jobs, shared by the organisation import and the programme data imports. */
@Module({
  controllers: [ImportJobsController],
  providers: [ImportJobsRepository, ImportJobsService],
  exports: [ImportJobsService],
})
export class ImportJobsModule {}
