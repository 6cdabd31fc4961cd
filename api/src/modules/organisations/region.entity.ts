import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('region')
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ods_code', type: 'varchar', length: 6 })
  @Index('UQ_region_ods_code', { unique: true })
  odsCode: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}
