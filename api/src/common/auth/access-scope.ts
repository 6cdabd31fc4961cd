import { Role, RoleGrant, scopeCovers, ScopeRef } from '@upstand/contracts';
import { AuthenticatedUser } from './authenticated-user';

/**
 * The one place that answers "which systems may this user see in this role". Routes scoped by a cohort's
 * system ask here; the rule itself (what a scope covers) is scopeCovers in libs/contracts.
 */

type Viewer = Pick<AuthenticatedUser, 'roles'>;

/** The scopes of the user's grants of these roles (delegate and line-manager grants have none). */
function scopesOf(user: Viewer, roles: readonly Role[]): ScopeRef[] {
  return user.roles
    .filter((grant) => roles.includes(grant.role) && grant.scope !== null)
    .map(toScopeRef)
    .filter((scope): scope is ScopeRef => scope !== null);
}

function toScopeRef(grant: RoleGrant): ScopeRef | null {
  if (grant.scope?.kind === 'region') return { kind: 'region' };
  if (!grant.scope || !grant.organisationId) return null;
  return { kind: grant.scope.kind, organisationId: grant.organisationId };
}

/**
 * The systems (ICB organisation ids) the user's grants of these roles reach: null means every system (a
 * regional grant). An organisation scope (a sponsor's) reaches no whole system, so it adds none.
 */
export function visibleSystemIds(user: Viewer, roles: readonly Role[]): string[] | null {
  const scopes = scopesOf(user, roles);
  if (scopes.some((scope) => scope.kind === 'region')) return null;
  return [...new Set(scopes.flatMap((scope) => (scope.kind === 'system' ? [scope.organisationId] : [])))];
}

/** Whether the user's grants of these roles reach the system (an ICB's organisation id). */
export function coversSystem(user: Viewer, roles: readonly Role[], systemId: string): boolean {
  return scopesCoverSystem(scopesOf(user, roles), systemId);
}

/** Whether any of these scopes (someone's grants, e.g. a facilitator being staffed) reaches the system. */
export function scopesCoverSystem(scopes: readonly ScopeRef[], systemId: string): boolean {
  // An ICB is its own system, so no organisation → system map is needed here.
  return scopes.some((scope) => scopeCovers(scope, systemId, new Map()));
}

/**
 * Whether the user's grants reach a session (or a series) whose system is `systemId`: the cohort's system, else
 * the series'. A series with no system is for the whole region: everyone with the role may read it (a regional
 * coffee catch-up is everyone's), but only a regional grant may change it.
 */
export function reachesSystem(
  user: Viewer,
  roles: readonly Role[],
  systemId: string | null,
  access: 'read' | 'change',
): boolean {
  if (systemId !== null) return coversSystem(user, roles, systemId);
  return access === 'read' ? scopesOf(user, roles).length > 0 : visibleSystemIds(user, roles) === null;
}

/**
 * The SQL form of the read rule above, for list queries: a condition on `column` (a system id, null for a
 * regional series) with the visible systems as one uuid[] parameter added through `param`. "TRUE" for a regional
 * grant. Rows with no system are kept unless `withoutSystem` is 'omit' (cohorts always have one).
 */
export function systemScopeSql(
  column: string,
  visible: string[] | null,
  param: (value: unknown) => string,
  withoutSystem: 'keep' | 'omit' = 'keep',
): string {
  if (visible === null) return 'TRUE';
  const inScope = `${column} = ANY(${param(visible)}::uuid[])`;
  return withoutSystem === 'keep' ? `(${column} IS NULL OR ${inScope})` : inScope;
}
