import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { newSecretToken, sha256Hex } from '../../common/secret-tokens';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { NewMessage } from '../mail/mail.repository';
import { MailService } from '../mail/mail.service';
import {
  LINK_EXPIRY_PLACEHOLDER,
  LINK_PLACEHOLDER,
  MintedLink,
  OutboxLinkMinters,
} from '../mail/outbox-links';
import { ApprovalsRepository } from './approvals.repository';

export const APPROVAL_VALID_DAYS = 7;
const APPROVAL_VALID_MS = APPROVAL_VALID_DAYS * 24 * 3_600_000;
export const hashApprovalToken = sha256Hex;
const newToken = () => newSecretToken();

/** Outbox link purposes of approval emails; the subject is the approval request's id. */
export const APPROVAL_REQUEST_LINK = 'approval-request';
export const APPROVAL_REMINDER_LINK = 'approval-reminder';

/**
 * Issues approval links to line managers. Kept apart from decisions so enrolments can use it without a cycle.
 * The email is queued with a placeholder and the link minted when it is sent: a random 256-bit token of which only
 * the SHA-256 is stored. Each mint replaces the request's token, so only the newest emailed link works.
 */
@Injectable()
export class ApprovalLinksService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ApprovalsRepository,
    private readonly mail: MailService,
    private readonly minters: OutboxLinkMinters,
  ) {}

  onModuleInit(): void {
    this.minters.register(
      // The first email: 7 days from when it is sent.
      { purpose: APPROVAL_REQUEST_LINK, mint: (id, manager) => this.mint(id, APPROVAL_VALID_MS, manager) },
      // A reminder: a fresh link, the request's expiry unchanged.
      { purpose: APPROVAL_REMINDER_LINK, mint: (id, manager) => this.mint(id, null, manager) },
    );
  }

  /** Creates (or replaces) the request for this enrolment and emails the manager, in the caller's transaction. */
  async issue(enrolmentId: string, managerEmail: string, manager: EntityManager): Promise<void> {
    const id = await this.repository.upsert(
      {
        enrolmentId,
        // Until the email is sent no link works: this is the hash of a token nobody has.
        tokenHash: hashApprovalToken(newToken()),
        managerEmail,
        expiresAt: new Date(Date.now() + APPROVAL_VALID_MS),
      },
      manager,
    );
    const details = await this.repository.details({ id }, manager);
    if (!details) return;
    await this.mail.enqueue(
      [
        this.requestMessage(
          id,
          details.managerName,
          details.delegateName,
          details.cohortName,
          details.programmeName,
          managerEmail,
        ),
      ],
      manager,
    );
  }

  requestMessage(
    requestId: string,
    managerName: string | null,
    delegateName: string,
    cohortName: string,
    programmeName: string,
    to: string,
    reminder = false,
  ): NewMessage {
    return {
      toAddress: to,
      subject: `${reminder ? 'Reminder: p' : 'P'}lease approve ${delegateName}'s place on ${cohortName}`,
      link: { purpose: reminder ? APPROVAL_REMINDER_LINK : APPROVAL_REQUEST_LINK, subjectId: requestId },
      textBody: [
        `Dear ${managerName ?? 'colleague'},`,
        '',
        `${delegateName} has asked for a place on the ${programmeName} (${cohortName}), which trains staff to challenge bullying, harassment and discrimination safely.`,
        '',
        `Approve or decline here: ${LINK_PLACEHOLDER}`,
        `(The link works once and ends on ${LINK_EXPIRY_PLACEHOLDER}. You can also sign in to Upstand as a line manager.)`,
      ].join('\n'),
    };
  }

  /** Nothing once the request is decided or expired: the email is then dropped. */
  private async mint(id: string, validMs: number | null, manager: EntityManager): Promise<MintedLink | null> {
    const token = newToken();
    const expiresAt = await this.repository.mintToken(id, hashApprovalToken(token), validMs, manager);
    return expiresAt ? { url: `${this.config.publicBaseUrl}/approvals/${token}`, expiresAt } : null;
  }
}
