import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { DelegatesModule } from '../delegates/delegates.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { FacilitatorsModule } from '../facilitators/facilitators.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { UsersModule } from '../users/users.module';
import { VenuesModule } from '../venues/venues.module';
import { DemoJourneysRepository } from './demo-journeys.repository';
import { DemoJourneysService } from './demo-journeys.service';
import { PilotSeedRepository } from './pilot-seed.repository';
import { PilotSeedService } from './pilot-seed.service';
import { SeedRepository } from './seed.repository';
import { SeedService } from './seed.service';

@Module({
  imports: [
    AuthModule,
    OrganisationsModule,
    UsersModule,
    ProgrammesModule,
    FacilitatorsModule,
    VenuesModule,
    DelegatesModule,
    EvaluationsModule,
  ],
  providers: [
    SeedRepository,
    SeedService,
    PilotSeedRepository,
    PilotSeedService,
    DemoJourneysRepository,
    DemoJourneysService,
  ],
  exports: [SeedService, DemoJourneysService],
})
export class DemoModule {}
