import { Role, ROLES } from '@upstand/contracts';
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
import { UserEntity } from './user.entity';

const roleList = ROLES.map((role) => `'${role}'`).join(', ');

@Entity('user_role')
@Check('CHK_user_role_role', `"role" IN (${roleList})`)
@Check('CHK_user_role_sponsor_scoped', `"role" <> 'sponsor' OR "organisation_id" IS NOT NULL`)
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

  /** Set for sponsors: the one organisation they follow. */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
