import { ORGANISATION_TYPES, OrganisationType } from '@upstand/contracts';
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
import { RegionEntity } from './region.entity';

const typeList = ORGANISATION_TYPES.map((type) => `'${type}'`).join(', ');

@Entity('organisation')
@Check('CHK_organisation_type', `"type" IN (${typeList})`)
@Check('CHK_organisation_system_parent', `("type" = 'icb') = ("system_id" IS NULL)`)
@Check('CHK_organisation_home_system_is_icb', `NOT "is_home_system" OR "type" = 'icb'`)
@Check('CHK_organisation_validity', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
@Check('CHK_organisation_headcount', `"headcount" IS NULL OR "headcount" BETWEEN 1 AND 2000000`)
@Check('CHK_organisation_headcount_as_of', `("headcount" IS NULL) = ("headcount_as_of" IS NULL)`)
@Check('CHK_organisation_ods_code', `"ods_code" ~ '^[A-Z0-9]{3,6}$'`)
@Index('UQ_organisation_single_home_system', ['isHomeSystem'], { unique: true, where: '"is_home_system"' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ods_code', type: 'varchar', length: 6 })
  @Index('UQ_organisation_ods_code', { unique: true })
  odsCode: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  type: OrganisationType;

  @Column({ name: 'region_id', type: 'uuid' })
  @Index('IDX_organisation_region')
  regionId: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: RegionEntity;

  /** The ICB this organisation belongs to; null for ICBs themselves. */
  @Column({ name: 'system_id', type: 'uuid', nullable: true })
  @Index('IDX_organisation_system')
  systemId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'system_id' })
  system?: OrganisationEntity | null;

  @Column({ name: 'is_home_system', type: 'boolean', default: false })
  isHomeSystem: boolean;

  /** Staff headcount, for "trained against headcount" reach figures; entered by leads. */
  @Column({ type: 'int', nullable: true })
  headcount: number | null;

  /** When the headcount was counted: reach figures show it, so a stale headcount is seen as such. */
  @Column({ name: 'headcount_as_of', type: 'date', nullable: true })
  headcountAsOf: string | null;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
