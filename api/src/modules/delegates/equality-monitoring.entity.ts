import {
  AGE_BANDS,
  DISABILITY_ANSWERS,
  ETHNIC_CATEGORY_CODES,
  EqualityMonitoring,
  SEX_ANSWERS,
} from '@upstand/contracts';
import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Optional equality monitoring (DPA 2018 Sch. 1 para 8): kept in its own table, read only by aggregate
 * analytics and by the delegate themselves, never shown beside a name or used in a decision about them.
 */
@Entity('equality_monitoring')
@Check(
  'CHK_equality_ethnic_category',
  `"ethnic_category" IS NULL OR "ethnic_category" IN (${list(ETHNIC_CATEGORY_CODES)})`,
)
@Check('CHK_equality_disability', `"disability" IS NULL OR "disability" IN (${list(DISABILITY_ANSWERS)})`)
@Check('CHK_equality_sex', `"sex" IS NULL OR "sex" IN (${list(SEX_ANSWERS)})`)
@Check('CHK_equality_age_band', `"age_band" IS NULL OR "age_band" IN (${list(AGE_BANDS)})`)
export class EqualityMonitoringEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'ethnic_category', type: 'varchar', length: 2, nullable: true })
  ethnicCategory: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  disability: EqualityMonitoring['disability'];

  @Column({ type: 'varchar', length: 20, nullable: true })
  sex: EqualityMonitoring['sex'];

  @Column({ name: 'age_band', type: 'varchar', length: 20, nullable: true })
  ageBand: EqualityMonitoring['ageBand'];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
