import { Module } from '@nestjs/common';
import { ImportJobsModule } from '../imports/import-jobs.module';
import { HeadcountImportService } from './headcount-import.service';
import { OrganisationImportService } from './organisation-import.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';
import { ReferenceDataService } from './reference-data.service';

@Module({
  imports: [ImportJobsModule],
  controllers: [OrganisationsController],
  providers: [
    OrganisationsRepository,
    OrganisationsService,
    OrganisationImportService,
    HeadcountImportService,
    ReferenceDataService,
  ],
  exports: [OrganisationsRepository, ReferenceDataService],
})
export class OrganisationsModule {}
