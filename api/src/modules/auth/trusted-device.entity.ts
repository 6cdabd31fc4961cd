import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * A browser that has signed in to an account before (a long-lived, HTTP-only cookie; only its SHA-256 is stored).
 * It grants no access: it only lets its owner past the growing sign-in delays and the client-address limit that
 * strangers' wrong guesses cause, so nobody can lock someone else out (OWASP's "device cookies").
 */
@Entity('trusted_device')
export class TrustedDeviceEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  /** A shared ward computer may be trusted for several accounts: one row per (device, account). */
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  @Index('IDX_trusted_device_user')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz' })
  @Index('IDX_trusted_device_last_used')
  lastUsedAt: Date;
}
