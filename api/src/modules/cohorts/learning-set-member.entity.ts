import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnrolmentEntity } from '../enrolments/enrolment.entity';
import { LearningSetEntity } from './learning-set.entity';

/** A delegate's place in a set: one set per enrolment. */
@Entity('learning_set_member')
export class LearningSetMemberEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'set_id', type: 'uuid' })
  @Index('IDX_learning_set_member_set')
  setId: string;

  @ManyToOne(() => LearningSetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id' })
  set?: LearningSetEntity;
}
