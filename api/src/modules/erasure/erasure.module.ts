import { Module } from '@nestjs/common';
import { ErasureController } from './erasure.controller';
import { ErasureRepository } from './erasure.repository';
import { ErasureService } from './erasure.service';
import { RetentionService } from './retention.service';

@Module({
  controllers: [ErasureController],
  providers: [ErasureRepository, ErasureService, RetentionService],
  exports: [RetentionService],
})
export class ErasureModule {}
