import { Module } from '@nestjs/common';
import { OrganisationImportService } from './organisation-import.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  controllers: [OrganisationsController],
  providers: [OrganisationsRepository, OrganisationsService, OrganisationImportService],
  exports: [OrganisationsRepository],
})
export class OrganisationsModule {}
