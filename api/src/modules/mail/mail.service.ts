import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MailRepository, NewMessage } from './mail.repository';

@Injectable()
export class MailService {
  constructor(private readonly repository: MailRepository) {}

  /** Queues messages in the caller's transaction. */
  enqueue(messages: NewMessage[], manager?: EntityManager): Promise<void> {
    return this.repository.enqueue(messages, manager);
  }
}
