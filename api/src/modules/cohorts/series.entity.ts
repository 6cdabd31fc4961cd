import { SessionKind, SessionMode } from '@upstand/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';

/** A recurring series of stand-alone sessions (catch-ups, webinars, sponsor meetings), RFC 5545 style. */
@Entity('session_series')
export class SeriesEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  @Column({ type: 'varchar', length: 40 })
  kind: SessionKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  mode: SessionMode;

  @Column({ name: 'system_id', type: 'uuid', nullable: true })
  systemId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'system_id' })
  system?: OrganisationEntity | null;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'start_time', type: 'varchar', length: 5 })
  startTime: string;

  @Column({ name: 'end_time', type: 'varchar', length: 5 })
  endTime: string;

  @Column({ type: 'varchar', length: 300 })
  rrule: string;

  /** EXDATEs as YYYY-MM-DD text: a date[] would come back as Date objects at local midnight. */
  @Column({ type: 'varchar', length: 10, array: true, default: () => "'{}'" })
  exceptions: string[];

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
