import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';

@Entity('programme')
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  @Index('UQ_programme_name', { unique: true })
  name: string;

  /** When true, a sign-up waits for the line manager's approval before it takes a place. */
  @Column({ name: 'requires_manager_approval', type: 'boolean', default: false })
  requiresManagerApproval: boolean;

  /** How long a waiting-list offer is held before it passes to the next person. */
  @Column({ name: 'offer_hold_hours', type: 'int', default: 48 })
  offerHoldHours: number;

  /**
   * Anonymous evaluation: pre, post and follow-up answers are linked through a code each delegate makes up
   * (self-generated identification code) instead of their identity; results are then available by cohort only.
   */
  @Column({ name: 'anonymous_evaluation', type: 'boolean', default: false })
  anonymousEvaluation: boolean;

  /**
   * The system (ICB) a system lead created the programme for; null for a regional programme, whose journey
   * template is shared across the region and changed only by a regional lead (issue 10).
   */
  @Column({ name: 'system_id', type: 'uuid', nullable: true })
  @Index('IDX_programme_system')
  systemId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'system_id' })
  system?: OrganisationEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
