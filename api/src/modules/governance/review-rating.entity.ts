import { FRAMEWORK_AREA_KEYS, RagRating, FrameworkArea } from '@upstand/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { ProgrammeReviewEntity } from './programme-review.entity';

const AREA_LIST = FRAMEWORK_AREA_KEYS.map((area) => `'${area}'`).join(', ');

/** An area's red/amber/green rating in one review; re-rating replaces it (the audit log keeps who and when). */
@Entity('programme_review_rating')
@Index('UQ_programme_review_rating_area', ['reviewId', 'area'], { unique: true })
@Check('CHK_programme_review_rating_rating', `"rating" IN ('red', 'amber', 'green')`)
@Check('CHK_programme_review_rating_area', `"area" IN (${AREA_LIST})`)
export class ReviewRatingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @ManyToOne(() => ProgrammeReviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ProgrammeReviewEntity;

  @Column({ type: 'varchar', length: 60 })
  area: FrameworkArea;

  @Column({ type: 'varchar', length: 10 })
  rating: RagRating;

  @Column({ type: 'varchar', length: 4000 })
  evidence: string;

  @Column({ name: 'rated_by_user_id', type: 'uuid', nullable: true })
  @Index('IDX_programme_review_rating_rated_by')
  ratedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'rated_by_user_id' })
  ratedBy?: UserEntity | null;

  @Column({ name: 'rated_at', type: 'timestamptz' })
  ratedAt: Date;
}
