import { FACILITATOR_LEVELS, FacilitatorLevel, SessionKind } from '@upstand/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToMany,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { FacilitatorUnavailabilityEntity } from './facilitator-unavailability.entity';

const levelList = FACILITATOR_LEVELS.map((level) => `'${level}'`).join(', ');

/** A member of the facilitator pool: a user with a qualification level and the session kinds they may run. */
@Entity('facilitator')
@Check('CHK_facilitator_level', `"level" IN (${levelList})`)
export class FacilitatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @Index('UQ_facilitator_user', { unique: true })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 20 })
  level: FacilitatorLevel;

  @Column({ name: 'session_kinds', type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  sessionKinds: SessionKind[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @OneToMany(() => FacilitatorUnavailabilityEntity, (day) => day.facilitator)
  unavailability?: FacilitatorUnavailabilityEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
