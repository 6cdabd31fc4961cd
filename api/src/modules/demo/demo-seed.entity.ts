import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which demo data sets this database holds, and the day each was dated from. Written in the same transaction as
 * the data it names, so a seed either happened whole (and is never repeated) or not at all.
 */
@Entity('demo_seed')
export class DemoSeedEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'PK_demo_seed' })
  name: string;

  /** The London day everything in the set is dated from (the day the database first got it). */
  @Column({ name: 'anchor_date', type: 'date' })
  anchorDate: string;

  @CreateDateColumn({ name: 'seeded_at', type: 'timestamptz' })
  seededAt: Date;
}
