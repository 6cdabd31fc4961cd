import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { FacilitatorsController } from './facilitators.controller';
import { FacilitatorsRepository } from './facilitators.repository';
import { FacilitatorsService } from './facilitators.service';

@Module({
  imports: [UsersModule],
  controllers: [FacilitatorsController],
  providers: [FacilitatorsRepository, FacilitatorsService],
  exports: [FacilitatorsRepository],
})
export class FacilitatorsModule {}
