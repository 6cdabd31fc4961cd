import { SESSION_KINDS, SessionKind, SessionMode, SessionStatus } from '@upstand/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CohortEntity } from './cohort.entity';

const kindList = SESSION_KINDS.map((kind) => `'${kind}'`).join(', ');

/** A dated session. Times are instants (UTC in the database); the schedule is planned in London wall-clock. */
@Entity('session')
@Check('CHK_session_kind', `"kind" IN (${kindList})`)
@Check('CHK_session_mode', `"mode" IN ('in-person', 'virtual')`)
@Check('CHK_session_status', `"status" IN ('scheduled', 'cancelled')`)
@Check('CHK_session_times', `"ends_at" > "starts_at"`)
@Index('IDX_session_cohort_starts', ['cohortId', 'startsAt'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: CohortEntity;

  @Column({ name: 'stage_key', type: 'varchar', length: 40 })
  stageKey: string;

  @Column({ type: 'varchar', length: 40 })
  kind: SessionKind;

  @Column({ type: 'varchar', length: 20 })
  mode: SessionMode;

  /** 1-based position within its stage */
  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  @Index('IDX_session_starts_at')
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: SessionStatus;

  /** Stable iCalendar UID: the same event in every calendar across moves and cancellation. */
  @Column({ name: 'calendar_uid', type: 'varchar', length: 100 })
  @Index('UQ_session_calendar_uid', { unique: true })
  calendarUid: string;

  /** iCalendar SEQUENCE: rises by one on every change so calendar clients replace the old copy. */
  @Column({ name: 'calendar_sequence', type: 'int', default: 0 })
  calendarSequence: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
