import { Module } from '@nestjs/common';
import { ThrottleRepository } from '../auth/throttle.repository';
import { SecondFactorController, SecondFactorResetController } from './second-factor.controller';
import { SecondFactorRepository } from './second-factor.repository';
import { SecondFactorService } from './second-factor.service';

@Module({
  controllers: [SecondFactorController, SecondFactorResetController],
  providers: [SecondFactorService, SecondFactorRepository, ThrottleRepository],
  exports: [SecondFactorService],
})
export class SecondFactorModule {}
