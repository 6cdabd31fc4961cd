import { CompletionRule, TemplateStageBody } from '@upstand/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

/**
 * One version of a programme's journey template. Versions are never edited: an edit inserts the next
 * version, and cohorts keep pointing at the version they were scheduled from.
 */
@Entity('journey_template')
@Index('UQ_journey_template_version', ['programmeId', 'version'], { unique: true })
@Check('CHK_journey_template_version', `"version" >= 1`)
export class JourneyTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  stages: TemplateStageBody[];

  /**
   * Attendance needed to complete the journey, per session kind: 'all' or a minimum count.
   * Default: every workshop session and at least 4 action learning sets.
   */
  @Column({ name: 'completion_rule', type: 'jsonb' })
  completionRule: CompletionRule;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
