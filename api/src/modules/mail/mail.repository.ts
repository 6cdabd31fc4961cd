import { MailboxStatus } from '@upstand/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LINK_PLACEHOLDER, OutboxLink } from './outbox-links';
import { OutboxMessageEntity, OutboxStatus } from './outbox-message.entity';

export type NewMessage = Pick<OutboxMessageEntity, 'toAddress' | 'subject' | 'textBody'> &
  Partial<Pick<OutboxMessageEntity, 'ics' | 'icsMethod' | 'dedupeKey' | 'sendAfter'>> & {
    /** A link to mint at send time; the body holds LINK_PLACEHOLDER where it goes. */
    link?: OutboxLink;
  };

/** What a worker does with a message it holds the lease of. */
export type MessageOutcome = Partial<
  Pick<OutboxMessageEntity, 'status' | 'textBody' | 'lastError' | 'sendAfter' | 'sentAt'>
> & { status: OutboxStatus };

const COLUMNS = `id, dedupe_key AS "dedupeKey", to_address AS "toAddress", subject, text_body AS "textBody", ics,
  ics_method AS "icsMethod", status, attempts, last_error AS "lastError", send_after AS "sendAfter",
  sent_at AS "sentAt", created_at AS "createdAt", link_purpose AS "linkPurpose",
  link_subject_id AS "linkSubjectId", claimed_by AS "claimedBy", lease_until AS "leaseUntil"`;

/** Messages per INSERT: 1,000 of about a dozen columns each stays well under PostgreSQL's 65,535 parameters. */
const ENQUEUE_BATCH = 1_000;

@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts in the caller's transaction; a message whose dedupe key exists already is skipped. */
  async enqueue(messages: NewMessage[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    // `.invalid` (RFC 2606) can never be delivered: it is what an erased person's address becomes, and a reminder
    // about a place they still hold must not sit in the outbox retrying.
    messages = messages.filter((message) => !/\.invalid$/i.test(message.toAddress.trim()));
    if (messages.length === 0) return;
    for (const message of messages)
      if (Boolean(message.link) !== message.textBody.includes(LINK_PLACEHOLDER))
        throw new Error(`A message with a link to mint needs ${LINK_PLACEHOLDER} in its body, and only then`);
    // A statement carries at most 65,535 parameters (a 16-bit count in the wire protocol), about 5,000 messages'
    // worth; a region's questionnaire reminders on one day can be more, so they go in batches (in the caller's
    // transaction when there is one).
    for (let start = 0; start < messages.length; start += ENQUEUE_BATCH)
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxMessageEntity)
        .values(
          messages.slice(start, start + ENQUEUE_BATCH).map(({ link, ...message }) => ({
            ics: null,
            icsMethod: null,
            dedupeKey: null,
            ...message,
            linkPurpose: link?.purpose ?? null,
            linkSubjectId: link?.subjectId ?? null,
          })),
        )
        .orIgnore()
        .execute();
  }

  /**
   * Claims up to `limit` due messages for `owner` until the lease ends, in one short statement: pending ones
   * whose time has come, and 'sending' ones whose lease ran out (their worker died). Other workers skip the
   * rows being claimed (SKIP LOCKED) and, once claimed, no longer see them as due. Counts the attempt.
   */
  async claim(limit: number, owner: string, leaseMs: number): Promise<OutboxMessageEntity[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE outbox_message SET status = 'sending', claimed_by = $1,
         lease_until = now() + $2 * interval '1 millisecond', attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox_message
         WHERE (status = 'pending' AND send_after <= now()) OR (status = 'sending' AND lease_until < now())
         ORDER BY send_after LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [owner, leaseMs, limit],
    )) as [OutboxMessageEntity[], number];
    return rows.sort((a, b) => a.sendAfter.getTime() - b.sendAfter.getTime());
  }

  /**
   * Gives back messages `owner` claimed but did not start (its instance is shutting down): pending again, due
   * at once, the attempt uncounted, so another instance sends them now rather than when the lease ends.
   */
  async release(ids: string[], owner: string): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_message SET status = 'pending', claimed_by = NULL, lease_until = NULL, attempts = attempts - 1
       WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND status = 'sending'`,
      [ids, owner],
    );
  }

  /**
   * Extends the lease right before the message is sent; false when `owner` lost it (it ran out and another
   * worker claimed the message), and the message must then be left alone.
   */
  async renewLease(id: string, owner: string, leaseMs: number, manager: EntityManager): Promise<boolean> {
    const [, affected] = (await manager.query(
      `UPDATE outbox_message SET lease_until = now() + $3 * interval '1 millisecond'
       WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [id, owner, leaseMs],
    )) as [unknown, number];
    return affected > 0;
  }

  /** Records what happened to a message `owner` holds and lets go of the lease. */
  async finish(
    id: string,
    owner: string,
    outcome: MessageOutcome,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OutboxMessageEntity)
      .set({ ...outcome, claimedBy: null, leaseUntil: null })
      .where(`id = :id AND claimed_by = :owner AND status = 'sending'`, { id, owner })
      .execute();
  }

  /** Deletes messages that were never sent (their link no longer applied) once they are older than the cutoff. */
  async deleteDroppedBefore(cutoff: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM outbox_message WHERE status = 'dropped' AND created_at < $1`,
      [cutoff],
    )) as [unknown[], number];
    return count;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * One page of the outbox, newest first, and how many match: `pattern` (an ILIKE pattern) matches the
   * recipient's address or the subject.
   */
  async page(
    filter: { pattern: string | null; status: MailboxStatus | null },
    take: number,
    skip: number,
  ): Promise<{ rows: OutboxMessageEntity[]; total: number }> {
    const query = this.dataSource.getRepository(OutboxMessageEntity).createQueryBuilder('message');
    if (filter.pattern)
      query.andWhere('(message.toAddress ILIKE :pattern OR message.subject ILIKE :pattern)', {
        pattern: filter.pattern,
      });
    if (filter.status) query.andWhere('message.status = :status', { status: filter.status });
    const [rows, total] = await query
      .orderBy('message.createdAt', 'DESC')
      .addOrderBy('message.id', 'DESC')
      .take(take)
      .skip(skip)
      .getManyAndCount();
    return { rows, total };
  }
}
