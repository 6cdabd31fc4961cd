import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { GovernanceController } from './governance.controller';
import { GovernanceRepository } from './governance.repository';
import { GovernanceService } from './governance.service';

@Module({
  imports: [ProgrammesModule],
  controllers: [GovernanceController],
  providers: [GovernanceRepository, GovernanceService],
})
export class GovernanceModule {}
