import { Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FacilitatorEntity } from '../facilitators/facilitator.entity';
import { SessionEntity } from './session.entity';

/**
 * A facilitator staffing a session. The session's times are copied here (kept in step on every move) so
 * PostgreSQL itself refuses a double booking, even when two leads assign at the same moment.
 */
@Entity('session_facilitator')
@Index('UQ_session_facilitator', ['sessionId', 'facilitatorId'], { unique: true })
@Exclusion(
  'EXCL_session_facilitator_overlap',
  `USING gist ("facilitator_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("active")`,
)
export class SessionFacilitatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Column({ name: 'facilitator_id', type: 'uuid' })
  @Index('IDX_session_facilitator_facilitator')
  facilitatorId: string;

  @ManyToOne(() => FacilitatorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facilitator_id' })
  facilitator?: FacilitatorEntity;

  /** Listed first = leads the session */
  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** False once the session is cancelled, so it no longer blocks the facilitator's time. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
