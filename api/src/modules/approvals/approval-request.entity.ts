import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';

/**
 * A request to a line manager to approve a place. The emailed links carry a random 256-bit token (only its
 * SHA-256 is stored): unguessable, single-use (decided_at), and void after expires_at.
 */
@Entity('approval_request')
@Check('CHK_approval_decision', `"decision" IS NULL OR "decision" IN ('approved', 'declined')`)
export class ApprovalRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  @Index('UQ_approval_request_enrolment', { unique: true })
  enrolmentId: string;

  @OneToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  @Index('UQ_approval_request_token', { unique: true })
  tokenHash: string;

  @Column({ name: 'manager_email', type: 'varchar', length: 320 })
  @Index('IDX_approval_request_manager')
  managerEmail: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  decision: 'approved' | 'declined' | null;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId: string | null;
}
