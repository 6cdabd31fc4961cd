import { Module } from '@nestjs/common';
import { EvaluationDeliveryService } from './evaluation-delivery.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';

@Module({
  controllers: [EvaluationsController],
  providers: [EvaluationsRepository, EvaluationsService, EvaluationDeliveryService],
  exports: [EvaluationsService, EvaluationDeliveryService],
})
export class EvaluationsModule {}
