import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { EvaluationDeliveryService } from './evaluation-delivery.service';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';

@Module({
  imports: [ProgrammesModule],
  controllers: [EvaluationsController],
  providers: [EvaluationsRepository, EvaluationsService, EvaluationDeliveryService],
  exports: [EvaluationsService, EvaluationDeliveryService],
})
export class EvaluationsModule {}
