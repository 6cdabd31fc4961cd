import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DelegateProfile, EqualityMonitoring } from '@upstand/contracts';
import { Authenticated, CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DelegatesService } from './delegates.service';
import { DelegateProfileDto, EqualityMonitoringDto } from './dto/delegate.dto';

@ApiTags('delegates')
@Controller('me')
export class DelegatesController {
  constructor(private readonly delegates: DelegatesService) {}

  @Roles('delegate')
  @Get('profile')
  profile(@CurrentUser() user: AuthenticatedUser): Promise<DelegateProfile> {
    return this.delegates.profile(user.id);
  }

  @Roles('delegate')
  @Put('profile')
  saveProfile(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: DelegateProfileDto,
  ): Promise<DelegateProfile> {
    return this.delegates.saveProfile(user.id, body);
  }

  @Authenticated()
  @Get('equality')
  equality(@CurrentUser() user: AuthenticatedUser): Promise<EqualityMonitoring> {
    return this.delegates.equality(user.id);
  }

  @Authenticated()
  @Put('equality')
  saveEquality(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: EqualityMonitoringDto,
  ): Promise<EqualityMonitoring> {
    return this.delegates.saveEquality(user.id, body);
  }

  @Authenticated()
  @Delete('equality')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteEquality(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.delegates.deleteEquality(user.id);
  }
}
