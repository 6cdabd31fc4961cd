import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MailboxMessage } from '@upstand/contracts';
import { Roles } from '../../common/auth/access.decorators';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailRepository } from './mail.repository';
import { isDemoMailbox } from './mail-mode';

/**
 * The in-app mailbox, a demo tool: with no SMTP configured and outside production, leads read here what would
 * have been sent, links included. Anywhere else it does not exist (404), since a lead must not be able to read
 * someone else's password link.
 */
@ApiTags('mail')
@Controller('mailbox')
export class MailboxController {
  constructor(
    private readonly repository: MailRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Roles('programme-lead')
  @Get()
  async list(): Promise<MailboxMessage[]> {
    if (!isDemoMailbox(this.config)) throw new NotFoundException(); // as if there were no such route
    return (await this.repository.recent(200)).map((message) => ({
      id: message.id,
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      hasCalendarInvite: message.ics !== null,
      status: message.status,
      createdAt: message.createdAt.toISOString(),
      sentAt: message.sentAt?.toISOString() ?? null,
    }));
  }
}
