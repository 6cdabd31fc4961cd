import { AFC_BANDS, AfcBand, PAY_SCHEMES, PayScheme, STAFF_GROUPS, StaffGroup } from '@upstand/contracts';
import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

const list = (values: readonly string[]) =>
  values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');

/** Work details a delegate gives at sign-up. Name, work email and organisation live on the user. */
@Entity('delegate_profile')
@Check('CHK_delegate_profile_staff_group', `"staff_group" IN (${list(STAFF_GROUPS)})`)
@Check('CHK_delegate_profile_pay_scheme', `"pay_scheme" IN (${list(PAY_SCHEMES)})`)
@Check(
  'CHK_delegate_profile_pay_band',
  `("pay_scheme" = 'agenda-for-change') = ("pay_band" IS NOT NULL) AND ("pay_band" IS NULL OR "pay_band" IN (${list(AFC_BANDS)}))`,
)
export class DelegateProfileEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'job_title', type: 'varchar', length: 200 })
  jobTitle: string;

  @Column({ name: 'staff_group', type: 'varchar', length: 60 })
  staffGroup: StaffGroup;

  @Column({ name: 'pay_scheme', type: 'varchar', length: 40 })
  payScheme: PayScheme;

  @Column({ name: 'pay_band', type: 'varchar', length: 3, nullable: true })
  payBand: AfcBand | null;

  @Column({ name: 'line_manager_name', type: 'varchar', length: 200 })
  lineManagerName: string;

  @Index('IDX_delegate_profile_line_manager')
  @Column({ name: 'line_manager_email', type: 'varchar', length: 320 })
  lineManagerEmail: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
