import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAILBOX_STATUSES, MailboxQuery, MailboxStatus } from '@upstand/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/paging';

/** `GET /api/mailbox`: `q` matches the recipient's address or the subject. */
export class MailboxQueryDto extends PageQueryDto implements MailboxQuery {
  @ApiPropertyOptional({ enum: MAILBOX_STATUSES })
  @IsOptional()
  @IsIn(MAILBOX_STATUSES, { message: `status must be one of: ${MAILBOX_STATUSES.join(', ')}` })
  status?: MailboxStatus;
}
