import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

export type ErasureReason = 'request' | 'retention';

/**
 * That an account was anonymised, when and why. Kept apart from app_user (which another module owns, and whose
 * writes advance the Impact change counter) and read by the certificate, sign-in stays refused by disabled_at.
 */
@Entity('user_erasure')
@Check('CHK_user_erasure_reason', `"reason" IN ('request', 'retention')`)
export class UserErasureEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'erased_at', type: 'timestamptz', default: () => 'now()' })
  erasedAt: Date;

  @Column({ type: 'varchar', length: 12 })
  reason: ErasureReason;
}
