import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { DelegatesModule } from '../delegates/delegates.module';
import { FacilitatorsModule } from '../facilitators/facilitators.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { UsersModule } from '../users/users.module';
import { VenuesModule } from '../venues/venues.module';
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
  ],
  providers: [SeedRepository, SeedService],
  exports: [SeedService],
})
export class DemoModule {}
