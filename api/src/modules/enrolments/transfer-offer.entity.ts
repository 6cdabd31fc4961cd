import { TRANSFER_OFFER_STATUSES, TransferOfferStatus } from '@upstand/contracts';
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
import { UserEntity } from '../users/user.entity';
import { EnrolmentEntity } from './enrolment.entity';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A transfer between systems, offered by a lead whose grant reaches only the sending cohort to the leads of the
 * receiving one. The delegate moves only when one of them accepts (see TransferOffersService).
 */
@Entity('enrolment_transfer_offer')
@Check('CHK_enrolment_transfer_offer_status', `"status" IN (${list(TRANSFER_OFFER_STATUSES)})`)
// One open offer per enrolment, however many leads press "transfer" at once.
@Index('UQ_enrolment_transfer_offer_pending', ['enrolmentId'], {
  unique: true,
  where: `"status" = 'pending'`,
})
@Index('IDX_enrolment_transfer_offer_target', ['targetCohortId', 'status'])
export class TransferOfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'target_cohort_id', type: 'uuid' })
  targetCohortId: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_cohort_id' })
  targetCohort?: CohortEntity;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: TransferOfferStatus;

  @Column({ name: 'offered_by_user_id', type: 'uuid', nullable: true })
  offeredByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'offered_by_user_id' })
  offeredBy?: UserEntity | null;

  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_user_id' })
  decidedBy?: UserEntity | null;

  /** Set on acceptance: the delegate's new enrolment on the receiving cohort. */
  @Column({ name: 'new_enrolment_id', type: 'uuid', nullable: true })
  newEnrolmentId: string | null;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'new_enrolment_id' })
  newEnrolment?: EnrolmentEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
