import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SessionEntity } from '../cohorts/session.entity';
import { UserEntity } from '../users/user.entity';

/**
 * Someone who came to a Community of Practice catch-up or the celebration event (a series session, with no
 * enrolment or booking behind it): what "active in the Community of Practice" counts. Once per person per session.
 */
@Entity('community_attendance')
@Index('UQ_community_attendance_session_user', ['sessionId', 'userId'], { unique: true })
export class CommunityAttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  @Index('IDX_community_attendance_user')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
