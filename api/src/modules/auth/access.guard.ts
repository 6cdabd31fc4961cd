import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { SECOND_FACTOR_SETUP_REQUIRED, SINGLE_SIGN_ON_LINK_REQUIRED } from '@upstand/contracts';
import {
  ACCESS_METADATA,
  AccessRule,
  BEFORE_SECOND_FACTOR_METADATA,
} from '../../common/auth/access.decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { needsSecondFactor } from '../second-factor/second-factor.service';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ForbiddenError, UnauthenticatedError } from '../../common/domain-errors';
import { AuthService } from './auth.service';
import { SESSION_COOKIE } from './session-cookie';

/**
 * Deny by default: every route must declare @Public, @Authenticated or @Roles. A route that declares
 * nothing is refused for everyone, so a forgotten decorator can never open a door.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares no access rule; refusing`,
      );
      throw new ForbiddenError('This route is not available');
    }
    // Public routes may still show more to a signed-in caller, so the session is resolved for them too. When the
    // database is down this lookup fails like any other query and the exception filter answers 503.
    const token: unknown = request.cookies?.[SESSION_COOKIE];
    request.user =
      (await this.auth.resolveSession(typeof token === 'string' ? token : undefined)) ?? undefined;
    if (rule.kind === 'public') return true;
    if (!request.user) throw new UnauthenticatedError('You need to sign in');
    this.refuseUntilLinked(request.user, context);
    this.refuseUntilSecondFactor(request.user, context);
    if (rule.kind === 'authenticated') return true;
    if (request.user.roles.some((grant) => rule.roles.includes(grant.role))) return true;
    throw new ForbiddenError('You do not have permission to do this');
  }

  /**
   * OIDC_REQUIRED_DOMAINS: a password sign-in on such a domain is let through only while the account is not yet
   * linked (AuthService.login refuses it afterwards), and only so that its owner can link single sign-on: until
   * then the session may do what a session waiting for a second factor may (who am I, link, sign out).
   */
  private refuseUntilLinked(user: AuthenticatedUser, context: ExecutionContext): void {
    if (!this.config.oidc || user.signInMethod === 'sso') return;
    const domain = user.email.slice(user.email.lastIndexOf('@') + 1).toLowerCase();
    if (!this.config.ssoRequiredDomains.includes(domain)) return;
    if (!this.allowedBeforeSignInComplete(context)) throw new ForbiddenError(SINGLE_SIGN_ON_LINK_REQUIRED);
  }

  private allowedBeforeSignInComplete(context: ExecutionContext): boolean {
    return !!this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_SECOND_FACTOR_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
  }

  /**
   * MFA_REQUIRED_FOR_STAFF: staff whose grants show person-level data, signed in with a password alone (no second
   * factor set up yet), may only set one up. Single sign-on sessions are exempt: the provider does MFA.
   */
  private refuseUntilSecondFactor(user: AuthenticatedUser, context: ExecutionContext): void {
    if (
      !this.config.mfa.requiredForStaff ||
      (user.signInMethod ?? 'password') !== 'password' ||
      !needsSecondFactor(user)
    )
      return;
    if (!this.allowedBeforeSignInComplete(context)) throw new ForbiddenError(SECOND_FACTOR_SETUP_REQUIRED);
  }
}
