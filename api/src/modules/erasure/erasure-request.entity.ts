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
import { UserEntity } from '../users/user.entity';

export type ErasureRequestStatus = 'open' | 'completed';

/**
 * A person's request to have their data erased, waiting for a programme lead in their scope. It names only the
 * account: when the lead erases them the row stays (completed) as evidence the request was met, and says nothing.
 */
@Entity('erasure_request')
@Check('CHK_erasure_request_status', `"status" IN ('open', 'completed')`)
@Check('CHK_erasure_request_completed', `("status" = 'completed') = ("completed_at" IS NOT NULL)`)
// One open request per person, even when they press the button twice at once.
@Index('UQ_erasure_request_open', ['userId'], { unique: true, where: `"status" = 'open'` })
export class ErasureRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @Index('IDX_erasure_request_user')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: ErasureRequestStatus;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** The lead who erased them (an id only, no foreign key: the trail outlives staff accounts). */
  @Column({ name: 'completed_by_user_id', type: 'uuid', nullable: true })
  completedByUserId: string | null;
}
