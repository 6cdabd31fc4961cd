import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { ACCESS_METADATA, AccessRule } from '../../common/auth/access.decorators';
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
    if (rule.kind === 'authenticated') return true;
    if (request.user.roles.some((grant) => rule.roles.includes(grant.role))) return true;
    throw new ForbiddenError('You do not have permission to do this');
  }
}
