import { Module } from '@nestjs/common';
import { DelegatesController } from './delegates.controller';
import { DelegatesRepository } from './delegates.repository';
import { DelegatesService } from './delegates.service';

@Module({
  controllers: [DelegatesController],
  providers: [DelegatesRepository, DelegatesService],
  exports: [DelegatesRepository],
})
export class DelegatesModule {}
