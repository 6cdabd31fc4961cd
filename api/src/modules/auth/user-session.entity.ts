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

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
/** How a session was signed in: a password alone, a password and a second factor, or single sign-on. */
export const SIGN_IN_METHODS = ['password', 'second-factor', 'sso'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

@Entity('user_session')
@Check('CHK_user_session_method', `"method" IN ('password', 'second-factor', 'sso')`)
export class UserSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  @Index('UQ_user_session_token_hash', { unique: true })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @Index('IDX_user_session_user')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  @Index('IDX_user_session_expires')
  expiresAt: Date;

  /** A password-only session of staff who must have a second factor may only set one up (MFA_REQUIRED_FOR_STAFF). */
  @Column({ type: 'varchar', length: 16, default: 'password' })
  method: SignInMethod;
}
