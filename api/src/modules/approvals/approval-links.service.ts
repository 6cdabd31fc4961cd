import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailService } from '../mail/mail.service';
import { formatLondonDay } from '../cohorts/staffing.service';
import { ApprovalsRepository } from './approvals.repository';

export const APPROVAL_VALID_DAYS = 7;
export const hashApprovalToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues approval links to line managers. Kept apart from decisions so enrolments can use it without a cycle. */
@Injectable()
export class ApprovalLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ApprovalsRepository,
    private readonly mail: MailService,
  ) {}

  /** Creates (or replaces) the request for this enrolment and emails the manager, in the caller's transaction. */
  async issue(enrolmentId: string, managerEmail: string, manager: EntityManager): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + APPROVAL_VALID_DAYS * 24 * 3_600_000);
    await this.repository.upsert(
      { enrolmentId, tokenHash: hashApprovalToken(token), managerEmail, expiresAt },
      manager,
    );
    const details = await this.repository.details({ tokenHash: hashApprovalToken(token) }, manager);
    if (!details) return;
    await this.mail.enqueue(
      [
        this.requestMessage(
          details.managerName,
          details.delegateName,
          details.cohortName,
          details.programmeName,
          managerEmail,
          token,
          expiresAt,
        ),
      ],
      manager,
    );
  }

  requestMessage(
    managerName: string | null,
    delegateName: string,
    cohortName: string,
    programmeName: string,
    to: string,
    token: string | null,
    expiresAt: Date,
    reminder = false,
  ) {
    const link = token
      ? `${this.config.publicBaseUrl}/approvals/${token}`
      : `${this.config.publicBaseUrl}/manager`;
    return {
      toAddress: to,
      subject: `${reminder ? 'Reminder: p' : 'P'}lease approve ${delegateName}'s place on ${cohortName}`,
      textBody: [
        `Dear ${managerName ?? 'colleague'},`,
        '',
        `${delegateName} has asked for a place on the ${programmeName} (${cohortName}), which trains staff to challenge bullying, harassment and discrimination safely.`,
        '',
        `Approve or decline here: ${link}`,
        `(The link works once and ends on ${formatLondonDay(expiresAt)}. You can also sign in to Upstand as a line manager.)`,
      ].join('\n'),
    };
  }
}
