import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PasswordResetAccepted } from '@upstand/contracts';
import { Request } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { PasswordResetCompleteDto, PasswordResetRequestDto } from './dto/password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly passwordReset: PasswordResetService) {}

  /** Emails a link to set a new password, if the account exists. 202 with the same body either way. */
  @Public()
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  request(@Body() body: PasswordResetRequestDto, @Req() request: Request): Promise<PasswordResetAccepted> {
    return this.passwordReset.request(body.email, request.ip ?? 'unknown');
  }

  /** Sets the password with the emailed token and ends the account's sessions; the user then signs in. */
  @Public()
  @Post('complete')
  @HttpCode(HttpStatus.NO_CONTENT)
  complete(@Body() body: PasswordResetCompleteDto): Promise<void> {
    return this.passwordReset.complete(body);
  }
}
