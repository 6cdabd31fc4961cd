import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SessionEntity } from './session.entity';

/** History of a session: every move or cancellation, with the times before and after. */
@Entity('session_change')
export class SessionChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  @Index('IDX_session_change_session')
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ name: 'changed_by_user_id', type: 'uuid', nullable: true })
  changedByUserId: string | null;

  @Column({ type: 'varchar', length: 20 })
  action: 'moved' | 'cancelled';

  @Column({ name: 'previous_starts_at', type: 'timestamptz' })
  previousStartsAt: Date;

  @Column({ name: 'previous_ends_at', type: 'timestamptz' })
  previousEndsAt: Date;

  @Column({ name: 'new_starts_at', type: 'timestamptz' })
  newStartsAt: Date;

  @Column({ name: 'new_ends_at', type: 'timestamptz' })
  newEndsAt: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;
}
