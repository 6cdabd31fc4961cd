import {
  checkGrant,
  GrantRequest,
  GrantScope,
  grantableScopeKinds,
  InviteUserRequest,
  Organisation,
  Role,
  ROLE_LABELS,
  RoleGrant,
  roleIsScoped,
  ROLES,
  ScopePlace,
  HOME_REGION_ODS_CODE,
} from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { EMAIL_PATTERN } from '../../shared/validation';

/**
 * The role and scope pickers of the invitation form and the user page. They offer only what the grant rule
 * (checkGrant in libs/contracts, the same function the API applies) lets the signed-in lead give.
 */

/** Input ids of the one grant on a form: the API names the first grant's fields the same way. */
export const ROLE_FIELD = 'grants.0.role';
export const SCOPE_FIELD = 'grants.0.scope';

export interface Option {
  value: string;
  label: string;
}

export interface GrantFormValue {
  role: string;
  /** `region:Y60`, `system:QWU` or `organisation:RWE`, as the scope picker's options give it. */
  scope: string;
}

export interface InviteFormValue extends GrantFormValue {
  email: string;
  fullName: string;
}

export const GRANT_MESSAGES = {
  emailRequired: 'Enter their email address',
  emailInvalid: 'Enter an email address in the correct format, like name@example.com',
  fullNameRequired: 'Enter their full name',
  fullNameInvalid: 'Their name must not contain < or >',
  roleRequired: 'Select a role',
  scopeRequired: 'Select where the role applies',
} as const;

/** Where a place sits, from the organisation list: an ICB is its own system. */
export function placeOf(kind: 'system' | 'organisation', organisation: Organisation): ScopePlace {
  return {
    kind,
    odsCode: organisation.odsCode,
    isIcb: organisation.type === 'icb',
    systemOdsCode: organisation.system?.odsCode ?? organisation.odsCode,
  };
}

/** The place a held grant names, or null when it names none or the organisation is not in the list. */
export function placeOfGrant(scope: GrantScope, organisations: readonly Organisation[]): ScopePlace | null {
  if (scope.kind === 'region') return { kind: 'region', odsCode: scope.odsCode };
  const organisation = organisations.find((candidate) => candidate.odsCode === scope.odsCode);
  return organisation ? placeOf(scope.kind, organisation) : null;
}

/** Whether the lead could have given this grant, so may take it away (staff grants only). */
export function grantInReach(
  granter: readonly RoleGrant[],
  grant: RoleGrant,
  organisations: readonly Organisation[],
): boolean {
  if (!grant.scope || !roleIsScoped(grant.role)) return false;
  const place = placeOfGrant(grant.scope, organisations);
  return place !== null && checkGrant(granter, grant.role, place).ok;
}

/** Staff roles the lead may give somewhere. */
export function roleOptions(granter: readonly RoleGrant[]): Option[] {
  return ROLES.filter((role) => roleIsScoped(role) && grantableScopeKinds(granter, role).length > 0).map(
    (role) => ({ value: role, label: ROLE_LABELS[role] }),
  );
}

/** Where the lead may give this role: the region, systems and organisations the grant rule allows. */
export function scopeOptions(
  granter: readonly RoleGrant[],
  role: string,
  organisations: readonly Organisation[],
): Option[] {
  if (!(ROLES as readonly string[]).includes(role)) return [];
  const kinds = grantableScopeKinds(granter, role as Role);
  const options: Option[] = [];
  if (kinds.includes('region'))
    options.push({
      value: `region:${HOME_REGION_ODS_CODE}`,
      label: 'The whole region (NHS England Midlands)',
    });
  const sorted = [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  for (const kind of ['system', 'organisation'] as const) {
    if (!kinds.includes(kind)) continue;
    for (const organisation of sorted)
      if (checkGrant(granter, role as Role, placeOf(kind, organisation)).ok)
        options.push({
          value: `${kind}:${organisation.odsCode}`,
          label: kind === 'system' ? `${organisation.name} (whole system)` : organisation.name,
        });
  }
  return options;
}

/** The grant a form's role and scope pickers describe, or the errors to show on them. */
export function checkGrantFields(
  value: GrantFormValue,
  granter: readonly RoleGrant[],
  organisations: readonly Organisation[],
): { ok: true; grant: GrantRequest } | { ok: false; errors: ErrorItem[] } {
  if (!value.role) return { ok: false, errors: [{ field: ROLE_FIELD, text: GRANT_MESSAGES.roleRequired }] };
  const offered = scopeOptions(granter, value.role, organisations);
  if (!value.scope || !offered.some((option) => option.value === value.scope))
    return { ok: false, errors: [{ field: SCOPE_FIELD, text: GRANT_MESSAGES.scopeRequired }] };
  const [kind, odsCode] = value.scope.split(':') as ['region' | 'system' | 'organisation', string];
  return { ok: true, grant: { role: value.role as Role, scope: { [kind]: odsCode } } };
}

export function checkInvite(
  value: InviteFormValue,
  granter: readonly RoleGrant[],
  organisations: readonly Organisation[],
): { ok: true; request: InviteUserRequest } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const email = value.email.trim();
  const fullName = value.fullName.trim();
  if (!email) errors.push({ field: 'email', text: GRANT_MESSAGES.emailRequired });
  else if (!EMAIL_PATTERN.test(email)) errors.push({ field: 'email', text: GRANT_MESSAGES.emailInvalid });
  if (!fullName) errors.push({ field: 'fullName', text: GRANT_MESSAGES.fullNameRequired });
  else if (/[<>]/.test(fullName)) errors.push({ field: 'fullName', text: GRANT_MESSAGES.fullNameInvalid });
  const grant = checkGrantFields(value, granter, organisations);
  if (!grant.ok) errors.push(...grant.errors);
  if (errors.length > 0 || !grant.ok) return { ok: false, errors };
  return { ok: true, request: { email, fullName, grants: [grant.grant] } };
}

/** A held grant as the API takes it back (to keep it when replacing grants). */
export function grantRequestOf(grant: RoleGrant): GrantRequest {
  return { role: grant.role, scope: grant.scope ? { [grant.scope.kind]: grant.scope.odsCode } : null };
}

/** The API names a grant by its place in the list (`grants.3.scope`); the form has one role and one scope picker. */
export function toFormField(field: string | undefined): string | undefined {
  const match = /^grants\.\d+\.(role|scope)$/.exec(field ?? '');
  return match ? `grants.0.${match[1]}` : field;
}
