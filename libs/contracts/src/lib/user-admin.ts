import { PageQuery } from './paging';
import {
  GrantScope,
  HOME_REGION_ODS_CODE,
  Role,
  ROLE_LABELS,
  ROLE_SCOPE_KINDS,
  RoleGrant,
  roleIsScoped,
  ScopeKind,
} from './roles';

/**
 * User and role administration (issue 10): leads list, invite and change the people in their scope, and read the
 * audit log of their scope.
 */

/**
 * A grant's scope as a request names it: exactly one key, `{region: "Y60"}`, `{system: "<ICB ODS code>"}` or
 * `{organisation: "<ODS code>"}` (one optional field each so API DTOs can implement it; the API refuses more or
 * fewer than one).
 */
export interface GrantScopeRequest {
  region?: string;
  system?: string;
  organisation?: string;
}

export interface GrantRequest {
  role: Role;
  /** Null or absent for delegate and line-manager grants, which carry no scope. */
  scope?: GrantScopeRequest | null;
}

export interface InviteUserRequest {
  email: string;
  fullName: string;
  grants: GrantRequest[];
}

export interface ReplaceGrantsRequest {
  grants: GrantRequest[];
}

export const USER_STATUSES = ['active', 'invited', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  deactivated: 'Deactivated',
};

export interface AdminUser {
  id: string;
  email: string;
  fullName: string;
  /** The organisation that employs them, if recorded. */
  organisationName: string | null;
  status: UserStatus;
  grants: RoleGrant[];
  /** When they last signed in (ISO), or null if never. */
  lastSignInAt: string | null;
  /** Whether they have turned on two-step verification (an authenticator app), so a lead can reset it. */
  secondFactor: boolean;
}

export const AUDIT_PAGE_SIZE = 50;

export type UserQuery = PageQuery;

export interface AuditEventQuery {
  /** A name or email address (part of one), or a user id. */
  actor?: string;
  /** The exact action, like `user.invited`. */
  action?: string;
  /** YYYY-MM-DD, London days, both inclusive. */
  from?: string;
  to?: string;
  page?: number;
}

/** One line of the audit log as leads see it: who did what, when, and which fields (never their values). */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: string[];
}

/** A place a grant could be scoped to, as the grant rule needs to know it. */
export type ScopePlace =
  | { kind: 'region'; odsCode: string }
  | {
      kind: 'system' | 'organisation';
      odsCode: string;
      /** Whether the organisation is an integrated care board (a system). */
      isIcb: boolean;
      /** The ODS code of the ICB it belongs to (its own for an ICB). */
      systemOdsCode: string;
    };

export type GrantCheck = { ok: true } | { ok: false; field: 'role' | 'scope'; message: string };

const refuse = (field: 'role' | 'scope', message: string): GrantCheck => ({ ok: false, field, message });

/** The granter's programme-lead scopes: 'region' for a regional lead, else the ICB ODS codes they lead. */
function leadScopes(granter: readonly RoleGrant[]): 'region' | string[] {
  const scopes = granter
    .filter((grant) => grant.role === 'programme-lead' && grant.scope)
    .map((grant) => grant.scope as GrantScope);
  if (scopes.some((scope) => scope.kind === 'region')) return 'region';
  return scopes.filter((scope) => scope.kind === 'system').map((scope) => scope.odsCode);
}

/** Whether the user may administer users at all: only programme leads do. */
export function mayAdministerUsers(granter: readonly RoleGrant[]): boolean {
  const scopes = leadScopes(granter);
  return scopes === 'region' || scopes.length > 0;
}

/**
 * The one rule for who may grant what, used by the API and by the web form (which offers only what passes).
 * Nobody grants more than they hold: a regional programme lead grants any role anywhere; a system lead grants any
 * staff role within their own system (the system itself, or one organisation in it), never a regional one; a
 * lead of any scope may give the delegate and line-manager roles, which carry no powers over others' data beyond
 * the person's own team; everyone else grants nothing. The scope must also fit the role (ROLE_SCOPE_KINDS), a
 * system scope must name an ICB and an organisation scope an organisation that is not one.
 */
export function checkGrant(granter: readonly RoleGrant[], role: Role, scope: ScopePlace | null): GrantCheck {
  const scopes = leadScopes(granter);
  if (scopes !== 'region' && scopes.length === 0)
    return refuse('role', 'Only a programme lead can give roles');
  const kinds = ROLE_SCOPE_KINDS[role];
  if (!roleIsScoped(role))
    return scope === null ? { ok: true } : refuse('scope', `${ROLE_LABELS[role]} is not given for an area`);
  if (scope === null)
    return refuse('scope', `Choose where the ${ROLE_LABELS[role].toLowerCase()} role applies`);
  if (!kinds.includes(scope.kind))
    return refuse(
      'scope',
      `${ROLE_LABELS[role]} can only be given for ${kinds.map(scopeKindPhrase).join(' or ')}`,
    );
  if (scope.kind === 'region') {
    if (scope.odsCode !== HOME_REGION_ODS_CODE)
      return refuse(
        'scope',
        `Upstand serves one region, ${HOME_REGION_ODS_CODE}: ${scope.odsCode} is not it`,
      );
    if (scopes !== 'region') return refuse('scope', 'Only a regional programme lead can give regional roles');
    return { ok: true };
  }
  if (scope.kind === 'system' && !scope.isIcb)
    return refuse('scope', `${scope.odsCode} is not an integrated care board: a system is named by its ICB`);
  if (scope.kind === 'organisation' && scope.isIcb)
    return refuse('scope', `${scope.odsCode} is an integrated care board: choose one of its organisations`);
  if (scopes !== 'region' && !scopes.includes(scope.systemOdsCode))
    return refuse('scope', `You can only give roles within your own system`);
  return { ok: true };
}

/** The scope kinds the granter may offer for a role (the web form's scope picker). */
export function grantableScopeKinds(granter: readonly RoleGrant[], role: Role): readonly ScopeKind[] {
  const scopes = leadScopes(granter);
  if (scopes !== 'region' && scopes.length === 0) return [];
  return ROLE_SCOPE_KINDS[role].filter((kind) => kind !== 'region' || scopes === 'region');
}

/** The systems (ICB ODS codes) a system lead leads, or null for a regional lead (every system). */
export function grantableSystems(granter: readonly RoleGrant[]): string[] | null {
  const scopes = leadScopes(granter);
  return scopes === 'region' ? null : scopes;
}

export const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  region: 'The whole region',
  system: 'One system (ICB)',
  organisation: 'One organisation',
};

function scopeKindPhrase(kind: ScopeKind): string {
  return { region: 'the region', system: 'a system', organisation: 'an organisation' }[kind];
}

/** How a grant reads in lists: "Programme lead, QWU". */
export function grantLabel(grant: Pick<RoleGrant, 'role' | 'scope'>): string {
  return grant.scope ? `${ROLE_LABELS[grant.role]}, ${grant.scope.odsCode}` : ROLE_LABELS[grant.role];
}
