import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'kept' | 'failed';

/**
 * An email waiting to go (or gone). Written in the same transaction as the change that causes it, so a
 * change never happens without its message and a rolled-back change sends nothing.
 */
@Entity('outbox_message')
@Check('CHK_outbox_status', `"status" IN ('pending', 'sent', 'kept', 'failed')`)
@Index('IDX_outbox_due', ['status', 'sendAfter'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Makes enqueueing idempotent: a second message with the same key is ignored (e.g. one reminder per session). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  @Index('UQ_outbox_dedupe_key', { unique: true })
  dedupeKey: string | null;

  @Column({ name: 'to_address', type: 'varchar', length: 320 })
  toAddress: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  /** An iCalendar attachment (invite.ics), if any */
  @Column({ type: 'text', nullable: true })
  ics: string | null;

  @Column({ name: 'ics_method', type: 'varchar', length: 10, nullable: true })
  icsMethod: 'PUBLISH' | 'REQUEST' | 'CANCEL' | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'send_after', type: 'timestamptz', default: () => 'now()' })
  sendAfter: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
