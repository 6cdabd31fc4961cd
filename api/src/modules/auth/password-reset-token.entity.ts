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

export const PASSWORD_TOKEN_PURPOSES = ['reset', 'invitation'] as const;
export type PasswordTokenPurpose = (typeof PASSWORD_TOKEN_PURPOSES)[number];

/**
 * A link to set a password: asked for on "Forgotten your password?" (`reset`) or sent to an account someone else
 * created, for example by an import (`invitation`). The email carries a random 256-bit token; only its SHA-256 is
 * stored. Works once (used_at) and not after expires_at.
 */
@Entity('password_reset_token')
@Check('CHK_password_reset_token_purpose', `"purpose" IN ('reset', 'invitation')`)
export class PasswordResetTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  @Index('UQ_password_reset_token_hash', { unique: true })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @Index('IDX_password_reset_token_user')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 12 })
  purpose: PasswordTokenPurpose;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
