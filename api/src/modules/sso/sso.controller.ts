import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LinkedIdentity, SignedOut, SsoProblem, SsoRedirect } from '@upstand/contracts';
import { CookieOptions, Request, Response } from 'express';
import {
  AllowedBeforeSecondFactor,
  Authenticated,
  CurrentUser,
  Public,
} from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService } from '../auth/auth.service';
import { isSecureRequest, SESSION_COOKIE, sessionCookieOptions } from '../auth/session-cookie';
import { FLOW_VALID_MINUTES, SsoService } from './sso.service';

/** Binds a flow to the browser that started it (HTTP-only; sent back on the provider's top-level redirect). */
export const OIDC_FLOW_COOKIE = 'upstand_oidc';
const FLOW_COOKIE_PATH = '/api/auth/oidc';

function flowCookieOptions(config: AppConfig, request: Request): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(config, request),
    path: FLOW_COOKIE_PATH,
    maxAge: FLOW_VALID_MINUTES * 60_000,
  };
}

const problemPage = (problem: SsoProblem) => `/sign-in-problem?reason=${problem}`;

/** Single sign-on with the configured OpenID provider (authorisation code flow with PKCE). */
@ApiTags('auth')
@Controller('auth/oidc')
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the browser to the provider. `returnUrl` is a path on this site to continue at afterwards. */
  @Public()
  @Get('login')
  @ApiQuery({ name: 'returnUrl', required: false, type: String })
  @ApiFoundResponse({
    description: 'To the provider, or to /sign-in-problem when single sign-on is not set up',
  })
  async login(
    @Query('returnUrl') returnUrl: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (!this.sso.displayName) return response.redirect(problemPage('not-configured'));
    let started;
    try {
      started = await this.sso.start('sign-in', typeof returnUrl === 'string' ? returnUrl : null, null);
    } catch {
      // The provider cannot be reached (discovery failed; logged): say so rather than answer 500.
      return response.redirect(problemPage('failed'));
    }
    response.cookie(OIDC_FLOW_COOKIE, started.bindingToken, flowCookieOptions(this.config, request));
    response.redirect(started.redirectUrl);
  }

  /** The provider sends the browser back here with a code (or an error). */
  @Public()
  @Get('callback')
  @ApiFoundResponse({
    description: 'Signed in (to the return path), linked (to the profile) or /sign-in-problem',
  })
  async callback(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const token: unknown = request.cookies?.[OIDC_FLOW_COOKIE];
    response.clearCookie(OIDC_FLOW_COOKIE, { ...flowCookieOptions(this.config, request), maxAge: undefined });
    const callbackUrl = new URL(request.originalUrl, this.config.publicBaseUrl);
    const outcome = await this.sso.callback(
      typeof token === 'string' ? token : undefined,
      callbackUrl,
      user?.id ?? null,
    );
    if (outcome.kind === 'problem') return response.redirect(problemPage(outcome.problem));
    if (outcome.kind === 'linked') return response.redirect(outcome.returnPath ?? '/profile?linked=1');
    // A new session (and with it a new CSRF token): any session this browser had before ends here.
    if (user) await this.auth.logout(user);
    const session = await this.auth.startSession(outcome.userId, 'sso');
    response.cookie(
      SESSION_COOKIE,
      session.token,
      sessionCookieOptions(this.config, request, session.expiresAt),
    );
    response.redirect(outcome.returnPath ?? '/');
  }

  /**
   * Signs out here and, for a single sign-on session, answers the provider's sign-out page to go to next
   * (RP-initiated logout), so a shared computer is not left signed in at the provider.
   */
  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Post('logout')
  @HttpCode(HttpStatus.OK)
  async logout(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedOut> {
    await this.auth.logout(user);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config, request));
    if (user.signInMethod !== 'sso') return { redirectUrl: null };
    try {
      return { redirectUrl: await this.sso.endSessionUrl() };
    } catch {
      return { redirectUrl: null };
    }
  }
}

/** The signed-in user's linked provider accounts. */
@ApiTags('auth')
@Controller('me/identities')
export class IdentitiesController {
  constructor(
    private readonly sso: SsoService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<LinkedIdentity[]> {
    return this.sso.identities(user.id);
  }

  /**
   * Starts single sign-on in link mode: the browser goes to `redirectUrl`, signs in at the provider, and the
   * callback links that provider account to this one (the only way an existing account gets linked).
   */
  // Open to staff who must set up a second factor: signing in through the provider instead also satisfies it.
  @Authenticated()
  @AllowedBeforeSecondFactor()
  @Post('link')
  @HttpCode(HttpStatus.OK)
  async link(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SsoRedirect> {
    if (!this.sso.displayName) throw new ConflictError('Single sign-on is not set up on this site');
    const started = await this.sso.start('link', '/profile?linked=1', user.id);
    response.cookie(OIDC_FLOW_COOKIE, started.bindingToken, flowCookieOptions(this.config, request));
    return { redirectUrl: started.redirectUrl };
  }
}
