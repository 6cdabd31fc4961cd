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
import { OrganisationEntity } from '../organisations/organisation.entity';
import { JourneyTemplateEntity } from '../programmes/journey-template.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';

@Entity('cohort')
@Check('CHK_cohort_capacity', `"capacity" BETWEEN 1 AND 500`)
export class CohortEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  @Index('IDX_cohort_programme')
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  /** The template version the schedule was generated from. */
  @Column({ name: 'template_id', type: 'uuid' })
  templateId: string;

  @ManyToOne(() => JourneyTemplateEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_id' })
  template?: JourneyTemplateEntity;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The cohort's home system (an ICB). */
  @Column({ name: 'system_id', type: 'uuid' })
  @Index('IDX_cohort_system')
  systemId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'system_id' })
  system?: OrganisationEntity;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  venue: string | null;

  /** ICBs whose staff may sign up; empty = anyone. */
  @Column({ name: 'restricted_system_ids', type: 'uuid', array: true, default: () => "'{}'" })
  restrictedSystemIds: string[];

  @Column({ name: 'signups_open', type: 'boolean', default: true })
  signupsOpen: boolean;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
