import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MailboxMessage, Paged } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailRepository } from './mail.repository';
import { MailboxQueryDto } from './dto/mailbox-query.dto';
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

  /**
   * Regional leads only. The outbox holds every system's mail (names, password and approval links) and knows a
   * message only by its address, so it cannot be cut down to one system's people: a lead whose grant is one
   * system gets the same 404 as where the mailbox does not exist.
   */
  @Roles('programme-lead')
  @Get()
  async list(
    @Query() query: MailboxQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Paged<MailboxMessage>> {
    if (!isDemoMailbox(this.config) || visibleSystemIds(user, ['programme-lead']) !== null)
      throw new NotFoundException(); // as if there were no such route
    const window = pageWindow(query);
    const { rows, total } = await this.repository.page(
      { pattern: window.q ? likePattern(window.q) : null, status: query.status ?? null },
      window.take,
      window.skip,
    );
    const items = rows.map((message) => ({
      id: message.id,
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      hasCalendarInvite: message.ics !== null,
      status: message.status,
      createdAt: message.createdAt.toISOString(),
      sentAt: message.sentAt?.toISOString() ?? null,
    }));
    return paged(items, total, window);
  }
}
