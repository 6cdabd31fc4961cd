import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Role } from '@upstand/contracts';
import { AuthenticatedUser } from './authenticated-user';

export const ACCESS_METADATA = 'upstand:access';

export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] };

/**
 * The rule as the guard reads it, and the same rule as `x-access` on the route's OpenAPI operation, so API
 * clients (and the fuzz suite) know who may call what. A method's rule overrides its class's, in both.
 */
function access(rule: AccessRule) {
  return applyDecorators(SetMetadata(ACCESS_METADATA, rule), ApiExtension('x-access', rule));
}

/** Anyone, signed in or not, may call this route. */
export const Public = () => access({ kind: 'public' });

/** Any signed-in user may call this route. */
export const Authenticated = () => access({ kind: 'authenticated' });

/** Only users holding at least one of these roles may call this route. */
export const Roles = (...roles: [Role, ...Role[]]) => access({ kind: 'roles', roles });

/** The signed-in user (the access guard has already refused anonymous callers on non-public routes). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined => {
    return context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
  },
);

export const INVALID_TOKEN_METADATA = 'upstand:invalid-token';

/**
 * The route takes a secret from the caller (an emailed link's token, a calendar feed's token, a check-in code).
 * Wrong secrets are counted per caller (signed-in user, else client address) and refused once there are too many,
 * so nobody can guess their way through; right ones never count. `field` is the field a wrong secret is reported on
 * (a 404 always counts as wrong); `limit` how many wrong ones a caller may send in 15 minutes.
 */
export const GuardsSecret = (field: string, limit: number) =>
  SetMetadata(INVALID_TOKEN_METADATA, { field, limit } satisfies SecretRule);

export interface SecretRule {
  field: string;
  limit: number;
}

export const BEFORE_SECOND_FACTOR_METADATA = 'upstand:before-second-factor';

/**
 * The route stays open to staff who must set up a second factor and have not yet (MFA_REQUIRED_FOR_STAFF): who am
 * I, sign out, and setting one up. Every other signed-in route answers 403 for them until they have.
 */
export const AllowedBeforeSecondFactor = () => SetMetadata(BEFORE_SECOND_FACTOR_METADATA, true);
