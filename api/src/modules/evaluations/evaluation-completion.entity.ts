import { EvaluationStage } from '@upstand/contracts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';

/**
 * That a delegate has answered a stage (or given feedback on a session), kept apart from the answers: in
 * anonymous mode the response carries no identity, so due lists, reminders and "one response per delegate"
 * read this instead. Written in the same transaction as the response, in both modes.
 */
@Entity('evaluation_completion')
@Check('CHK_evaluation_completion_stage', `"stage" IN ('pre', 'post', 'follow-up', 'session-feedback')`)
@Check('CHK_evaluation_completion_session', `("stage" = 'session-feedback') = ("session_key" <> '')`)
export class EvaluationCompletionEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: EnrolmentEntity;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  stage: EvaluationStage;

  /** The session for session feedback; '' for the journey stages. */
  @PrimaryColumn({ name: 'session_key', type: 'varchar', length: 36 })
  sessionKey: string;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt: Date;
}
