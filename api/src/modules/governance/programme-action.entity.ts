import { ActionStatus, FRAMEWORK_AREA_KEYS, FrameworkArea } from '@upstand/contracts';
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
import { ProgrammeEntity } from '../programmes/programme.entity';
import { ProgrammeReviewEntity } from './programme-review.entity';

const AREA_LIST = FRAMEWORK_AREA_KEYS.map((area) => `'${area}'`).join(', ');

/** An entry of a programme's action log: what will be done, by whom and by when. */
@Entity('programme_action')
@Index('IDX_programme_action_programme', ['programmeId', 'status', 'dueDate'])
@Check('CHK_programme_action_status', `"status" IN ('open', 'in-progress', 'done', 'dropped')`)
@Check('CHK_programme_action_area', `"area" IS NULL OR "area" IN (${AREA_LIST})`)
export class ProgrammeActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  @Column({ type: 'varchar', length: 1000 })
  action: string;

  /** Free text: a person or a group, for example "Comms lead (J. Smith)". */
  @Column({ type: 'varchar', length: 200 })
  owner: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: ActionStatus;

  @Column({ type: 'varchar', length: 60, nullable: true })
  area: FrameworkArea | null;

  /** The review the action came out of, if any. */
  @Column({ name: 'review_id', type: 'uuid', nullable: true })
  @Index('IDX_programme_action_review')
  reviewId: string | null;

  @ManyToOne(() => ProgrammeReviewEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'review_id' })
  review?: ProgrammeReviewEntity | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
