import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { FacilitatorsModule } from '../facilitators/facilitators.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { VenuesModule } from '../venues/venues.module';
import { CohortsController } from './cohorts.controller';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import { SessionViewsRepository } from './session-views.repository';
import { LearningSetsController } from './learning-sets.controller';
import { LearningSetsRepository } from './learning-sets.repository';
import { LearningSetsService } from './learning-sets.service';
import { SeriesRepository } from './series.repository';
import { SeriesService } from './series.service';
import { SessionsService } from './sessions.service';
import { StaffingRepository } from './staffing.repository';
import { StaffingService } from './staffing.service';

@Module({
  imports: [ProgrammesModule, OrganisationsModule, FacilitatorsModule, VenuesModule],
  controllers: [CohortsController, LearningSetsController],
  providers: [
    CohortsRepository,
    CohortsService,
    SessionsService,
    SessionViewsRepository,
    StaffingRepository,
    StaffingService,
    SeriesRepository,
    SeriesService,
    LearningSetsRepository,
    LearningSetsService,
  ],
  exports: [SessionViewsRepository, CohortsService, CohortsRepository],
})
export class CohortsModule {}
