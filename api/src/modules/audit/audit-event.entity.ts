import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who changed what, when. Details name the fields that changed, never the personal values themselves,
 * so the log does not become a second copy of personal data.
 */
@Entity('audit_event')
@Index('IDX_audit_event_entity', ['entityType', 'entityId'])
// The audit log viewer filters by actor (and a system lead's by the actors of their system).
@Index('IDX_audit_event_actor', ['actorUserId'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** No foreign key: the trail must outlive the accounts it mentions. */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
