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

/** A role held by a user; sponsors hold it for exactly one organisation. */
export interface RoleGrant {
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
}
