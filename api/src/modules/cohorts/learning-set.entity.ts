import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { FacilitatorEntity } from '../facilitators/facilitator.entity';
import { CohortEntity } from './cohort.entity';

/** A small action learning set within a cohort, with its own facilitator and sessions. */
@Entity('learning_set')
@Index('UQ_learning_set_number', ['cohortId', 'number'], { unique: true })
export class LearningSetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: CohortEntity;

  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'facilitator_id', type: 'uuid', nullable: true })
  facilitatorId: string | null;

  @ManyToOne(() => FacilitatorEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'facilitator_id' })
  facilitator?: FacilitatorEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
