import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { catchError, from, Observable, switchMap } from 'rxjs';
import { INVALID_TOKEN_METADATA, SecretRule } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DomainError } from '../../common/domain-errors';
import { FixedWindowCounter } from './login-throttle';
import { ThrottleRepository } from './throttle.repository';

const WINDOW_SECONDS = 15 * 60;
const MESSAGE = 'Too many links or codes that did not work. Wait and try again.';

/** Whether the route's answer means the secret was wrong (unknown link or code), not some other refusal. */
function isWrongSecret(error: unknown, field: string): boolean {
  if (error instanceof DomainError)
    return error.status === 404 || error.fieldErrors.some((fieldError) => fieldError.field === field);
  return error instanceof HttpException && error.getStatus() === 404;
}

/**
 * Counts wrong secrets on @GuardsSecret routes (PostgreSQL fixed windows, shared by every instance) and refuses a
 * caller who has sent too many, before the secret is even looked up. Only wrong ones count, so people using their
 * own links are never slowed by a guesser. A signed-in caller is counted by account, so one person cannot use up a
 * trust's shared address for everyone checking in.
 */
@Injectable()
export class SecretGuessingInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly repository: ThrottleRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.get<SecretRule | undefined>(INVALID_TOKEN_METADATA, context.getHandler());
    if (!rule) return next.handle();
    const wrong = new FixedWindowCounter(this.repository, 'bad-token', rule.limit, WINDOW_SECONDS, MESSAGE);
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    // Counted per route too: a calendar service polling a stopped feed must not block approval links.
    const route = `${context.getClass().name}.${context.getHandler().name}`;
    const caller = `${route}|${request.user ? `user:${request.user.id}` : `address:${request.ip ?? 'unknown'}`}`;
    return from(wrong.check(caller)).pipe(
      switchMap(() => next.handle()),
      catchError(async (error: unknown) => {
        if (isWrongSecret(error, rule.field)) await wrong.take(caller).catch(() => undefined);
        throw error;
      }),
    );
  }
}
