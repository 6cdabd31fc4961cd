import { Controller, Delete, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommunityAttendanceRegister } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import { uuidParam } from '../../common/params';
import { AuditsDownload } from '../audit/download-audit';
import { CommunityAttendanceService } from './community-attendance.service';

const userIdParam = new ParseUUIDPipe({
  exceptionFactory: () => InvalidInputError.field('userId', 'userId must be a UUID'),
});

/** Who came to a Community of Practice catch-up or the celebration: leads, and facilitators running it. */
@ApiTags('attendance')
@Controller('sessions/:id/community-attendance')
export class CommunityAttendanceController {
  constructor(private readonly attendance: CommunityAttendanceService) {}

  /** Names members of the Community of Practice: a download of person-level data, audited like a register. */
  @Roles('programme-lead', 'facilitator')
  @AuditsDownload('community-attendance', { entity: 'session', rows: 'people' })
  @Get()
  register(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CommunityAttendanceRegister> {
    return this.attendance.register(id, user);
  }

  /** Idempotent: marking someone twice leaves one record. */
  @Roles('programme-lead', 'facilitator')
  @Put(':userId')
  mark(
    @Param('id', uuidParam) id: string,
    @Param('userId', userIdParam) userId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CommunityAttendanceRegister> {
    return this.attendance.mark(id, userId, user);
  }

  @Roles('programme-lead', 'facilitator')
  @Delete(':userId')
  unmark(
    @Param('id', uuidParam) id: string,
    @Param('userId', userIdParam) userId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CommunityAttendanceRegister> {
    return this.attendance.unmark(id, userId, user);
  }
}
