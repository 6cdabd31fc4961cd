import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxMessageEntity } from './outbox-message.entity';

export type NewMessage = Pick<OutboxMessageEntity, 'toAddress' | 'subject' | 'textBody'> &
  Partial<Pick<OutboxMessageEntity, 'ics' | 'icsMethod' | 'dedupeKey' | 'sendAfter'>>;

@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts in the caller's transaction; a message whose dedupe key exists already is skipped. */
  async enqueue(messages: NewMessage[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (messages.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxMessageEntity)
      .values(messages.map((message) => ({ ics: null, icsMethod: null, dedupeKey: null, ...message })))
      .orIgnore()
      .execute();
  }

  /** Claims due messages for this transaction; other workers skip them (FOR UPDATE SKIP LOCKED). */
  claimDue(limit: number, manager: EntityManager): Promise<OutboxMessageEntity[]> {
    return manager
      .getRepository(OutboxMessageEntity)
      .createQueryBuilder('message')
      .where(`message.status = 'pending' AND message.sendAfter <= now()`)
      .orderBy('message.sendAfter', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async update(id: string, changes: Partial<OutboxMessageEntity>, manager: EntityManager): Promise<void> {
    await manager.update(OutboxMessageEntity, { id }, changes);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  recent(limit: number): Promise<OutboxMessageEntity[]> {
    return this.dataSource
      .getRepository(OutboxMessageEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit });
  }
}
