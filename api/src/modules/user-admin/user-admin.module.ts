import { Module } from '@nestjs/common';
import { AuditEventsController, UserAdminController } from './user-admin.controller';
import { UserAdminRepository } from './user-admin.repository';
import { UserAdminService } from './user-admin.service';

@Module({
  controllers: [UserAdminController, AuditEventsController],
  providers: [UserAdminService, UserAdminRepository],
  exports: [UserAdminService],
})
export class UserAdminModule {}
