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

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
@Entity('user_session')
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
}
