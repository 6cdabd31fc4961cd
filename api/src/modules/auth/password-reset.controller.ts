import { Body, Controller, HttpCode, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PasswordResetAccepted } from '@upstand/contracts';
import { Request, Response } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { PasswordResetCompleteDto, PasswordResetRequestDto } from './dto/password-reset.dto';
import { TooManyAttemptsError } from './login-throttle';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly passwordReset: PasswordResetService) {}

  /** Emails a link to set a new password, if the account exists. 202 with the same body either way. */
  @Public()
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async request(
    @Body() body: PasswordResetRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PasswordResetAccepted> {
    try {
      return await this.passwordReset.request(body.email, request.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        throw new HttpException({ message: error.message }, HttpStatus.TOO_MANY_REQUESTS);
      }
      throw error;
    }
  }

  /** Sets the password with the emailed token and ends the account's sessions; the user then signs in. */
  @Public()
  @Post('complete')
  @HttpCode(HttpStatus.NO_CONTENT)
  complete(@Body() body: PasswordResetCompleteDto): Promise<void> {
    return this.passwordReset.complete(body);
  }
}
