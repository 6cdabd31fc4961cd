import { EvaluationStage } from '@upstand/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CohortEntity } from '../cohorts/cohort.entity';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { InstrumentEntity } from './instrument.entity';

/**
 * A delegate's answers for one stage (or, for session feedback, one session). Pre, post and follow-up are
 * paired through `pairingKey`: the delegate's user id, or in a programme's anonymous mode a hash of their
 * self-generated code, in which case nothing here identifies them (enrolment and user stay null).
 * One response per pairing key, stage and session: resubmitting replaces it while the window is open.
 */
@Entity('evaluation_response')
@Index('UQ_evaluation_response_stage', ['programmeId', 'stage', 'pairingKey', 'sessionKey'], { unique: true })
@Index('IDX_evaluation_response_cohort', ['cohortId', 'stage'])
@Check('CHK_evaluation_response_stage', `"stage" IN ('pre', 'post', 'follow-up', 'session-feedback')`)
@Check('CHK_evaluation_response_session', `("stage" = 'session-feedback') = ("session_key" <> '')`)
@Check('CHK_evaluation_response_identity', `("enrolment_id" IS NULL) = ("delegate_user_id" IS NULL)`)
export class EvaluationResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  /** The cohort the delegate was in when they answered (kept in anonymous mode for cohort-level results). */
  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: CohortEntity;

  /** Links pre, post and follow-up: the delegate's user id, or `code:` + a hash of a self-generated code. */
  @Column({ name: 'pairing_key', type: 'varchar', length: 80 })
  pairingKey: string;

  /** The session a session-feedback response is about; '' for the journey stages. */
  @Column({ name: 'session_key', type: 'varchar', length: 36, default: '' })
  sessionKey: string;

  /** Null in anonymous mode. */
  @Column({ name: 'enrolment_id', type: 'uuid', nullable: true })
  @Index('IDX_evaluation_response_enrolment')
  enrolmentId: string | null;

  /** Null in anonymous mode. */
  @Column({ name: 'delegate_user_id', type: 'uuid', nullable: true })
  @Index('IDX_evaluation_response_delegate')
  delegateUserId: string | null;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: EnrolmentEntity;

  @Column({ type: 'varchar', length: 20 })
  stage: EvaluationStage;

  /** The version answered: answers keep theirs when the questionnaire is edited later. */
  @Column({ name: 'instrument_id', type: 'uuid' })
  @Index('IDX_evaluation_response_instrument')
  instrumentId: string;

  @ManyToOne(() => InstrumentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instrument_id' })
  instrument?: InstrumentEntity;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
