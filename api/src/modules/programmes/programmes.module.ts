import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesRepository } from './programmes.repository';
import { ProgrammesService } from './programmes.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [ProgrammesController],
  providers: [ProgrammesRepository, ProgrammesService],
  exports: [ProgrammesService, ProgrammesRepository],
})
export class ProgrammesModule {}
