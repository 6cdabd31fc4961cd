import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * A sign-in whose password was right and whose second factor is still to come: the client holds a random token
 * (only its SHA-256 is here) for a few minutes and sends it back with the code. Used once.
 */
@Entity('pending_login')
export class PendingLoginEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  @Index('UQ_pending_login_token_hash', { unique: true })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @Index('IDX_pending_login_user')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  @Index('IDX_pending_login_expires')
  expiresAt: Date;
}
