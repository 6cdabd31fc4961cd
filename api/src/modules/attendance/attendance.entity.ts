import { AttendanceStatus } from '@upstand/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { SessionEntity } from '../cohorts/session.entity';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';

/** One delegate's attendance at one session (a register line). */
@Entity('attendance')
@Index('UQ_attendance_session_enrolment', ['sessionId', 'enrolmentId'], { unique: true })
@Check('CHK_attendance_status', `"status" IN ('present', 'late', 'absent', 'apologies')`)
@Check('CHK_attendance_method', `"method" IN ('register', 'self-check-in')`)
export class AttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  @Index('IDX_attendance_enrolment')
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: EnrolmentEntity;

  @Column({ type: 'varchar', length: 10 })
  status: AttendanceStatus;

  @Column({ type: 'varchar', length: 20, default: 'register' })
  method: 'register' | 'self-check-in';

  @Column({ name: 'recorded_by_user_id', type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @UpdateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
