import { EvaluationStage, InstrumentItem } from '@upstand/contracts';
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
import { ProgrammeEntity } from '../programmes/programme.entity';

/** One published version of a questionnaire for one stage. Never edited: an edit publishes the next version. */
@Entity('instrument')
@Index('UQ_instrument_version', ['programmeId', 'stage', 'version'], { unique: true })
@Check('CHK_instrument_stage', `"stage" IN ('pre', 'post', 'follow-up', 'session-feedback')`)
export class InstrumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  @Column({ type: 'varchar', length: 20 })
  stage: EvaluationStage;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'jsonb' })
  items: InstrumentItem[];

  @Column({ name: 'published_by_user_id', type: 'uuid', nullable: true })
  publishedByUserId: string | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
