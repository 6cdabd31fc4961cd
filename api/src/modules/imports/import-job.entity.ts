import { FieldError, ImportJobKind, ImportJobPhase, ImportJobStatus } from '@upstand/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * One import run in the background. The instance running it renews `leaseExpiresAt` while it works; a job still
 * `running` after its lease lapsed belonged to an instance that died (its transaction rolled back with it), so
 * whoever reads it next marks it failed.
 */
@Entity('import_job')
@Index('IDX_import_job_created_by', ['createdByUserId', 'createdAt'])
export class ImportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ImportJobKind;

  @Column({ type: 'varchar', length: 12, default: 'running' })
  status: ImportJobStatus;

  @Column({ type: 'varchar', length: 12, default: 'reading' })
  phase: ImportJobPhase;

  @Column({ name: 'rows_done', type: 'int', default: 0 })
  rowsDone: number;

  @Column({ name: 'rows_total', type: 'int', nullable: true })
  rowsTotal: number | null;

  @Column({ type: 'jsonb', nullable: true })
  result: unknown;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: FieldError[];

  @Column({ name: 'created_by_user_id', type: 'uuid' })
  createdByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: UserEntity;

  @Column({ name: 'lease_expires_at', type: 'timestamptz' })
  leaseExpiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
