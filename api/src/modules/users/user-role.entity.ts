import { Role, ROLE_SCOPE_KINDS, ROLES, SCOPE_KINDS, ScopeKind } from '@upstand/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../organisations/region.entity';
import { UserEntity } from './user.entity';

const roleList = ROLES.map((role) => `'${role}'`).join(', ');
const scopeKindList = SCOPE_KINDS.map((kind) => `'${kind}'`).join(', ');
const rolesWith = (test: (kinds: readonly ScopeKind[]) => boolean) =>
  ROLES.filter((role) => test(ROLE_SCOPE_KINDS[role]))
    .map((role) => `'${role}'`)
    .join(', ');

/**
 * Exactly one scope on every staff grant, none on delegate and line-manager grants (the rules in
 * ROLE_SCOPE_KINDS): a regional scope names the region, a system or organisation scope names the organisation.
 * That a system scope names an ICB is checked where grants are made (a CHECK cannot look at another table).
 */
const scopeCheck = `CASE
  WHEN "role" IN (${rolesWith((kinds) => kinds.length === 0)}) THEN "scope_kind" IS NULL AND "organisation_id" IS NULL AND "region_id" IS NULL
  WHEN "role" IN (${rolesWith((kinds) => kinds.length === 1 && kinds[0] === 'organisation')}) THEN "scope_kind" = 'organisation' AND "organisation_id" IS NOT NULL AND "region_id" IS NULL
  ELSE ("scope_kind" = 'region' AND "region_id" IS NOT NULL AND "organisation_id" IS NULL)
    OR ("scope_kind" = 'system' AND "organisation_id" IS NOT NULL AND "region_id" IS NULL) END`;

@Entity('user_role')
@Check('CHK_user_role_role', `"role" IN (${roleList})`)
@Check('CHK_user_role_scope_kind', `"scope_kind" IS NULL OR "scope_kind" IN (${scopeKindList})`)
@Check('CHK_user_role_scope', scopeCheck)
@Index('UQ_user_role_scoped', ['userId', 'role', 'organisationId'], {
  unique: true,
  where: '"organisation_id" IS NOT NULL',
})
@Index('UQ_user_role_unscoped', ['userId', 'role'], { unique: true, where: '"organisation_id" IS NULL' })
export class UserRoleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @Index('IDX_user_role_user')
  userId: string;

  @ManyToOne(() => UserEntity, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /** What the grant reaches (see ROLE_SCOPE_KINDS); null for delegate and line-manager grants. */
  @Column({ name: 'scope_kind', type: 'varchar', length: 16, nullable: true })
  scopeKind: ScopeKind | null;

  /** The region of a regional grant. */
  @Column({ name: 'region_id', type: 'uuid', nullable: true })
  regionId: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'region_id' })
  region?: RegionEntity | null;

  /** The organisation of a system scope (the ICB) or an organisation scope (a sponsor's organisation). */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
