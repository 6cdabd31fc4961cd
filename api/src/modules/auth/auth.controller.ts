import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CsrfTokenResponse, CurrentUser as CurrentUserBody } from '@upstand/contracts';
import { Request, Response } from 'express';
import { Authenticated, CurrentUser, Public } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { expectedCsrfToken } from '../../common/csrf.middleware';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService, StartedSession } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(
    @Body() body: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentUserBody> {
    return this.setSessionCookie(await this.auth.login(body, request.ip ?? 'unknown'), request, response);
  }

  @Public()
  @Post('register')
  async register(
    @Body() body: RegisterDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentUserBody> {
    return this.setSessionCookie(await this.auth.register(body), request, response);
  }

  @Authenticated()
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
