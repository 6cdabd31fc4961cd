import { EvaluationStage } from '@upstand/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';
import { InstrumentEntity } from './instrument.entity';

/** A delegate's answers for one stage: one per enrolment and stage (resubmitting replaces it while open). */
@Entity('evaluation_response')
@Index('UQ_evaluation_response_stage', ['enrolmentId', 'stage'], { unique: true })
export class EvaluationResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

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
