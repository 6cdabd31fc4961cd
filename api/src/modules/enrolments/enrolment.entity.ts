import { ACTIVE_ENROLMENT_STATUSES, ENROLMENT_STATUSES, EnrolmentStatus } from '@upstand/contracts';
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
import { CohortEntity } from '../cohorts/cohort.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { UserEntity } from '../users/user.entity';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** One delegate's place (or wait for one) on a cohort: the whole journey hangs off this row. */
@Entity('enrolment')
@Check('CHK_enrolment_status', `"status" IN (${list(ENROLMENT_STATUSES)})`)
@Check('CHK_enrolment_offer', `"status" <> 'offered' OR "offer_expires_at" IS NOT NULL`)
// One active enrolment per delegate per programme, enforced by PostgreSQL even for simultaneous sign-ups.
@Index('UQ_enrolment_active_per_programme', ['programmeId', 'delegateUserId'], {
  unique: true,
  where: `"status" IN (${list(ACTIVE_ENROLMENT_STATUSES)})`,
})
@Index('IDX_enrolment_cohort_status', ['cohortId', 'status'])
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: CohortEntity;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  @Column({ name: 'delegate_user_id', type: 'uuid' })
  @Index('IDX_enrolment_delegate')
  delegateUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegate_user_id' })
  delegate?: UserEntity;

  @Column({ type: 'varchar', length: 20 })
  status: EnrolmentStatus;

  /** Order on the waiting list: from a sequence, so first come is first served. */
  @Column({ name: 'waitlist_rank', type: 'bigint', nullable: true })
  waitlistRank: string | null;

  @Column({ name: 'offer_expires_at', type: 'timestamptz', nullable: true })
  offerExpiresAt: Date | null;

  /** The enrolment this one replaced when a lead moved the delegate to another cohort. */
  @Column({ name: 'transferred_from_id', type: 'uuid', nullable: true })
  transferredFromId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt: Date;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'waitlisted_at', type: 'timestamptz', nullable: true })
  waitlistedAt: Date | null;

  @Column({ name: 'offered_at', type: 'timestamptz', nullable: true })
  offeredAt: Date | null;

  @Column({ name: 'declined_at', type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'did_not_complete_at', type: 'timestamptz', nullable: true })
  didNotCompleteAt: Date | null;
}
