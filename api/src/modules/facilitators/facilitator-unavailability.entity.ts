import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FacilitatorEntity } from './facilitator.entity';

/** A day (Europe/London) on which a facilitator cannot run sessions. */
@Entity('facilitator_unavailability')
@Index('UQ_facilitator_unavailability_day', ['facilitatorId', 'date'], { unique: true })
export class FacilitatorUnavailabilityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'facilitator_id', type: 'uuid' })
  facilitatorId: string;

  @ManyToOne(() => FacilitatorEntity, (facilitator) => facilitator.unavailability, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facilitator_id' })
  facilitator?: FacilitatorEntity;

  @Column({ type: 'date' })
  date: string;
}
