import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SecondFactorEnabled, SecondFactorEnrolment, SecondFactorStatus } from '@upstand/contracts';
import {
  AllowedBeforeSecondFactor,
  Authenticated,
  CurrentUser,
  Roles,
} from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { uuidParam } from '../../common/params';
import { SecondFactorCodeDto } from './second-factor.dto';
import { SecondFactorService } from './second-factor.service';

/** Two-step verification (TOTP) for the signed-in user's own account. */
@ApiTags('second factor')
@Controller('me/second-factor')
export class SecondFactorController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Get()
  status(@CurrentUser() user: AuthenticatedUser): Promise<SecondFactorStatus> {
    return this.secondFactor.status(user);
  }

  /** A new secret and its QR code; shown this once. Starting again replaces an unfinished set-up. */
  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Post()
  start(@CurrentUser() user: AuthenticatedUser): Promise<SecondFactorEnrolment> {
    return this.secondFactor.startEnrolment(user);
  }

  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Post('confirm')
  @HttpCode(HttpStatus.OK)
  confirm(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SecondFactorCodeDto,
  ): Promise<SecondFactorEnabled> {
    return this.secondFactor.confirm(user, body.code);
  }

  /** Turns it off; needs a current code (or a recovery code). DELETE with a body, as the web app sends it. */
  @Authenticated()
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  disable(@CurrentUser() user: AuthenticatedUser, @Body() body: SecondFactorCodeDto): Promise<void> {
    return this.secondFactor.disable(user, body.code);
  }
}

/** A lead clears a user's second factor (a lost phone). Here, not in /api/users' module, so both can grow apart. */
@ApiTags('second factor')
@Controller('users')
export class SecondFactorResetController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @Roles('programme-lead')
  @Post(':id/second-factor/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  reset(@CurrentUser() lead: AuthenticatedUser, @Param('id', uuidParam) id: string): Promise<void> {
    return this.secondFactor.reset(lead, id);
  }
}
