import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { CohortsController } from './cohorts.controller';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [ProgrammesModule, OrganisationsModule],
  controllers: [CohortsController],
  providers: [CohortsRepository, CohortsService, SessionsService],
})
export class CohortsModule {}
