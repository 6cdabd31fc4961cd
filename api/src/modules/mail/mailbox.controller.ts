import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MailboxMessage } from '@upstand/contracts';
import { Roles } from '../../common/auth/access.decorators';
import { MailRepository } from './mail.repository';

/** The in-app mailbox: with no SMTP configured (demo mode) leads read here what would have been sent. */
@ApiTags('mail')
@Controller('mailbox')
export class MailboxController {
  constructor(private readonly repository: MailRepository) {}

  @Roles('programme-lead')
  @Get()
  async list(): Promise<MailboxMessage[]> {
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
