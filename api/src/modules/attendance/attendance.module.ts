import { Module } from '@nestjs/common';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { CommunityAttendanceController } from './community-attendance.controller';
import { CommunityAttendanceRepository } from './community-attendance.repository';
import { CommunityAttendanceService } from './community-attendance.service';

@Module({
  controllers: [AttendanceController, CommunityAttendanceController],
  providers: [
    AttendanceRepository,
    AttendanceService,
    CommunityAttendanceRepository,
    CommunityAttendanceService,
  ],
})
export class AttendanceModule {}
