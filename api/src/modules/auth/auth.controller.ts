import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ActivatedAccount,
  CsrfTokenResponse,
  CurrentUser as CurrentUserBody,
  LoginResult,
  RegisterAccepted,
} from '@upstand/contracts';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { SecondFactorLoginDto } from '../second-factor/second-factor.dto';
import { Request, Response } from 'express';
import {
  AllowedBeforeSecondFactor,
  Authenticated,
  CurrentUser,
  Public,
} from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { expectedCsrfToken } from '../../common/csrf.middleware';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService, StartedSession } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { ActivateDto, RegisterDto } from './dto/register.dto';
import { RegistrationService } from './registration.service';
import { DEVICE_COOKIE, deviceCookieOptions, SESSION_COOKIE, sessionCookieOptions } from './session-cookie';

class SecondFactorRequiredBody {
  @ApiProperty({ enum: [true] })
  secondFactorRequired: true;
  @ApiProperty()
  token: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs in with a password. When the account has two-step verification, answers `{secondFactorRequired, token}`
   * instead of the user, and no session starts until `POST /api/auth/login/second-factor`.
   */
  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiExtraModels(SecondFactorRequiredBody)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { type: 'object', description: 'The signed-in user' },
        { $ref: getSchemaPath(SecondFactorRequiredBody) },
      ],
    },
  })
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResult> {
    const device: unknown = request.cookies?.[DEVICE_COOKIE];
    const result = await this.auth.login(
      body,
      request.ip ?? 'unknown',
      typeof device === 'string' ? device : undefined,
    );
    response.cookie(DEVICE_COOKIE, result.deviceToken, deviceCookieOptions(this.config, request));
    if ('secondFactorRequired' in result) return { secondFactorRequired: true, token: result.token };
    return this.setSessionCookie(result, request, response);
  }

  /**
   * The second step: the token from the password step and a one-time code or a recovery code. Wrong codes are
   * throttled per account (SecondFactorService); the token is 256 random bits, so it needs no guessing limit.
   */
  @Public()
  @Post('login/second-factor')
  @HttpCode(HttpStatus.OK)
  async loginSecondFactor(
    @Body() body: SecondFactorLoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentUserBody> {
    const session = await this.auth.loginSecondFactor(body.token, body.code);
    return this.setSessionCookie(session, request, response);
  }

  /** Always 202 with the same answer, so nobody can test which addresses have accounts (see RegistrationService). */
  @Public()
  @Post('register')
  @HttpCode(HttpStatus.ACCEPTED)
  register(@Body() body: RegisterDto, @Req() request: Request): Promise<RegisterAccepted> {
    return this.registration.register(body, request.ip ?? 'unknown');
  }

  /** The emailed activation link's page: creates the account with the password chosen now, and signs in. */
  @Public()
  @Post('activate')
  @HttpCode(HttpStatus.OK)
  async activate(
    @Body() body: ActivateDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActivatedAccount> {
    const { userId, returnUrl } = await this.registration.activate(body);
    const session = await this.auth.startSession(userId);
    return { user: this.setSessionCookie(session, request, response), returnUrl };
  }

  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.logout(user);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config, request));
  }

  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): Promise<CurrentUserBody> {
    return this.auth.currentUser(user.id);
  }

  /** For API clients: the CSRF token to echo in X-XSRF-TOKEN (browsers read the XSRF-TOKEN cookie). */
  @Public()
  @Get('csrf')
  csrf(@Res({ passthrough: true }) response: Response): CsrfTokenResponse {
    return { token: expectedCsrfToken(response) };
  }

  private setSessionCookie(session: StartedSession, request: Request, response: Response): CurrentUserBody {
    response.cookie(
      SESSION_COOKIE,
      session.token,
      sessionCookieOptions(this.config, request, session.expiresAt),
    );
    return session.user;
  }
}
