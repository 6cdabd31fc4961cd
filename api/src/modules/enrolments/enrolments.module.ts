import { Module } from '@nestjs/common';
import { CohortsModule } from '../cohorts/cohorts.module';
import { DelegatesModule } from '../delegates/delegates.module';
import { UserAdminModule } from '../user-admin/user-admin.module';
import { CohortManagementController } from './cohort-management.controller';
import { CohortManagementService } from './cohort-management.service';
import { ProgrammesModule } from '../programmes/programmes.module';
import { EnrolmentsController } from './enrolments.controller';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';
import { TransferOffersController } from './transfer-offers.controller';
import { TransferOffersRepository } from './transfer-offers.repository';
import { TransferOffersService } from './transfer-offers.service';

@Module({
  imports: [CohortsModule, DelegatesModule, ProgrammesModule, UserAdminModule],
  controllers: [EnrolmentsController, TransferOffersController, CohortManagementController],
  providers: [
    EnrolmentsRepository,
    EnrolmentsService,
    TransferOffersRepository,
    TransferOffersService,
    CohortManagementService,
  ],
  exports: [EnrolmentsRepository, EnrolmentsService],
})
export class EnrolmentsModule {}
