import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending: waiting (or backing off); sending: claimed by a worker until lease_until; sent; kept: not sent, stored
 * for the demo mailbox (no SMTP); dropped: its link no longer applies (e.g. the account was disabled); failed:
 * gave up after MAX_ATTEMPTS.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'kept' | 'dropped' | 'failed';

/**
 * An email waiting to go (or gone). Written in the same transaction as the change that causes it, so a
 * change never happens without its message and a rolled-back change sends nothing.
 */
@Entity('outbox_message')
@Check('CHK_outbox_status', `"status" IN ('pending', 'sending', 'sent', 'kept', 'dropped', 'failed')`)
@Check('CHK_outbox_link', `("link_purpose" IS NULL) = ("link_subject_id" IS NULL)`)
@Index('IDX_outbox_due', ['status', 'sendAfter'])
@Index('IDX_outbox_created', ['createdAt'])
// Erasure finds a person's emails by these (see the OutboxErasureIndexes migration). The expression and trigram
// indexes TypeORM cannot describe, so it is told to leave them alone.
@Index('IDX_outbox_link_subject', ['linkSubjectId'])
@Index('IDX_outbox_to_lower', { synchronize: false })
@Index('IDX_outbox_to_trgm', { synchronize: false })
@Index('IDX_outbox_subject_trgm', { synchronize: false })
@Index('IDX_outbox_text_trgm', { synchronize: false })
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

  /**
   * The text. A message with a link holds LINK_PLACEHOLDER instead of it until sent: the worker mints the
   * link then, so no usable token is stored (in demo mode the kept body is rendered, for the in-app mailbox).
   */
  @Column({ name: 'text_body', type: 'text' })
  textBody: string;

  /** What link to mint at send time (a purpose registered with OutboxLinkMinters), for whom (subject id). */
  @Column({ name: 'link_purpose', type: 'varchar', length: 40, nullable: true })
  linkPurpose: string | null;

  @Column({ name: 'link_subject_id', type: 'uuid', nullable: true })
  linkSubjectId: string | null;

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

  /** While 'sending': the worker run that claimed it, and until when; after that another worker may retry it. */
  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
