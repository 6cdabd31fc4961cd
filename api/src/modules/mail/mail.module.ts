import { Global, Module } from '@nestjs/common';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport';
import { MailboxController } from './mailbox.controller';
import { OutboxLinkMinters } from './outbox-links';
import { OutboxWorker } from './outbox-worker.service';
import { FeaturesController } from './features.controller';

@Global()
@Module({
  controllers: [MailboxController, FeaturesController],
  providers: [MailRepository, MailService, MailTransport, OutboxWorker, OutboxLinkMinters],
  exports: [MailService, OutboxWorker, OutboxLinkMinters],
})
export class MailModule {}
