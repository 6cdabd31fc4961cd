import { Role, RoleGrant } from '@upstand/contracts';

export interface AuthenticatedUser {
  id: string;
  email: string;
  fullName: string;
  organisationId: string | null;
  roles: RoleGrant[];
  sessionId: string;
  /**
   * How this session was signed in: 'password' (alone), 'second-factor' or 'sso'. Always set for a real session;
   * optional so users made up in tests and scripts need not say (they count as 'password').
   */
  signInMethod?: 'password' | 'second-factor' | 'sso';
}

export function hasRole(user: Pick<AuthenticatedUser, 'roles'>, role: Role): boolean {
  return user.roles.some((grant) => grant.role === role);
}

/** Organisations a sponsor may follow (empty for a user who is not a sponsor). */
export function sponsoredOrganisationIds(user: Pick<AuthenticatedUser, 'roles'>): string[] {
  return user.roles
    .filter((grant) => grant.role === 'sponsor' && grant.organisationId)
    .map((grant) => grant.organisationId as string);
}
