import { Global, Module } from '@nestjs/common';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';
import { MailboxController } from './mailbox.controller';
import { OutboxWorker } from './outbox-worker.service';

@Global()
@Module({
  controllers: [MailboxController],
  providers: [MailRepository, MailService, MailTransport, OutboxWorker],
  exports: [MailService, OutboxWorker],
})
export class MailModule {}
