import { SESSION_KINDS, SessionKind, SessionMode, SessionStatus } from '@upstand/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { VenueEntity } from '../venues/venue.entity';
import { LearningSetEntity } from './learning-set.entity';
import { SeriesEntity } from './series.entity';
import { SessionFacilitatorEntity } from './session-facilitator.entity';
import { CohortEntity } from './cohort.entity';

const kindList = SESSION_KINDS.map((kind) => `'${kind}'`).join(', ');

/** A dated session. Times are instants (UTC in the database); the schedule is planned in London wall-clock. */
@Entity('session')
@Check('CHK_session_kind', `"kind" IN (${kindList})`)
@Check('CHK_session_mode', `"mode" IN ('in-person', 'virtual')`)
@Check('CHK_session_status', `"status" IN ('scheduled', 'cancelled')`)
@Check('CHK_session_times', `"ends_at" > "starts_at"`)
@Check('CHK_session_belongs', `("cohort_id" IS NULL) <> ("series_id" IS NULL)`)
@Index('IDX_session_cohort_starts', ['cohortId', 'startsAt'])
// A venue holds one scheduled session at a time, even under concurrent writes (needs btree_gist).
@Exclusion(
  'EXCL_session_venue',
  `USING gist ("venue_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" = 'scheduled' AND "venue_id" IS NOT NULL)`,
)
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Set for sessions of a cohort's journey; null for stand-alone series sessions. */
  @Column({ name: 'cohort_id', type: 'uuid', nullable: true })
  cohortId: string | null;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: CohortEntity | null;

  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  @Index('IDX_session_series')
  seriesId: string | null;

  @ManyToOne(() => SeriesEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'series_id' })
  series?: SeriesEntity | null;

  /** Set for an action learning set's own sessions; null for whole-cohort sessions. */
  @Column({ name: 'set_id', type: 'uuid', nullable: true })
  @Index('IDX_session_set')
  setId: string | null;

  @ManyToOne(() => LearningSetEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'set_id' })
  set?: LearningSetEntity | null;

  @Column({ name: 'venue_id', type: 'uuid', nullable: true })
  venueId: string | null;

  @ManyToOne(() => VenueEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'venue_id' })
  venue?: VenueEntity | null;

  /** Teams/Zoom link for virtual sessions: shown only to staff and booked delegates. */
  @Column({ name: 'join_url', type: 'varchar', length: 500, nullable: true })
  joinUrl: string | null;

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

  /** Short code delegates type (or scan as a QR code) to check themselves in. */
  @Column({ name: 'check_in_code', type: 'varchar', length: 8, nullable: true })
  @Index('UQ_session_check_in_code', { unique: true })
  checkInCode: string | null;

  @OneToMany(() => SessionFacilitatorEntity, (staffing) => staffing.session)
  staffing?: SessionFacilitatorEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
