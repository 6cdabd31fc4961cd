export const ROLES = [
  'programme-lead',
  'facilitator',
  'delegate',
  'line-manager',
  'sponsor',
  'steering',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'programme-lead': 'Programme lead',
  facilitator: 'Facilitator',
  delegate: 'Delegate',
  'line-manager': 'Line manager',
  sponsor: 'Organisation sponsor',
  steering: 'Steering group',
};

/**
 * What a staff grant reaches: the whole region (Y60, the Midlands), one system (an ICB) or one organisation.
 * Delegate and line-manager grants have no scope: they are about the person themselves and their team.
 */
export const SCOPE_KINDS = ['region', 'system', 'organisation'] as const;

export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** The region the platform serves; staff grants made without a narrower scope are regional. */
export const HOME_REGION_ODS_CODE = 'Y60';

/** The scope kinds each role may hold; an empty list means the role carries no scope at all. */
export const ROLE_SCOPE_KINDS: Record<Role, readonly ScopeKind[]> = {
  'programme-lead': ['region', 'system'],
  facilitator: ['region', 'system'],
  steering: ['region', 'system'],
  // Sponsors follow one organisation, as before scopes existed.
  sponsor: ['organisation'],
  delegate: [],
  'line-manager': [],
};

export function isScopeKind(value: unknown): value is ScopeKind {
  return typeof value === 'string' && (SCOPE_KINDS as readonly string[]).includes(value);
}

/** Whether a grant of this role must carry a scope (staff grants) or must not (delegate, line manager). */
export function roleIsScoped(role: Role): boolean {
  return ROLE_SCOPE_KINDS[role].length > 0;
}

/** A grant's scope as people see it: the kind and the region's or organisation's ODS code and name. */
export interface GrantScope {
  kind: ScopeKind;
  odsCode: string;
  name: string;
}

/**
 * A role held by a user. `organisationId` is the organisation a system or organisation scope names (the ICB for
 * a system scope; for sponsors, the one organisation they follow); null for regional and unscoped grants.
 */
export interface RoleGrant {
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  /** Null for delegate and line-manager grants, which carry no scope. */
  scope: GrantScope | null;
}

/** A scope as the rules see it: regional, or one organisation (an ICB for a system scope) by id. */
export type ScopeRef = { kind: 'region' } | { kind: 'system' | 'organisation'; organisationId: string };

/**
 * Whether a grant's scope covers an organisation or a system (pass the ICB's own id for a system).
 * `systemOf` maps an organisation id to its ICB's id; ICBs (and organisations it does not list) count as
 * their own system. The platform serves one region, so a regional scope covers everything.
 */
export function scopeCovers(
  scope: ScopeRef,
  organisationId: string,
  systemOf: ReadonlyMap<string, string | null>,
): boolean {
  switch (scope.kind) {
    case 'region':
      return true;
    case 'system':
      return (systemOf.get(organisationId) ?? organisationId) === scope.organisationId;
    case 'organisation':
      return organisationId === scope.organisationId;
  }
}
