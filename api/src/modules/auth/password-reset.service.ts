import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  PASSWORD_RESET_VALID_HOURS,
  PasswordResetAccepted,
  PasswordResetCompleteRequest,
} from '@upstand/contracts';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { InvalidInputError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { NewMessage } from '../mail/mail.repository';
import { MailService } from '../mail/mail.service';
import { LINK_EXPIRY_PLACEHOLDER, LINK_PLACEHOLDER } from '../mail/outbox-links';
import { UsersRepository } from '../users/users.repository';
import { normaliseEmail } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { hashPasswordToken, INVITATION_LINK, PASSWORD_RESET_LINK } from './password-link-minters';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetThrottle } from './password-reset-throttle';
import { BackgroundWork } from '../../common/background-work';

export const PASSWORD_RESET_ACCEPTED =
  'If an account exists for that email, we have sent a link to set a new password. The link works once and for 1 hour.';
export const PASSWORD_LINK_UNUSABLE = 'This link has expired or has already been used — ask for a new one';
export const INVITATION_SUBJECT =
  'You have an Upstand account for the Active Bystander Programme — set your password';
export const PASSWORD_RESET_SUBJECT = 'Set a new password for Upstand';

const HOUR_MS = 3_600_000;

/** An account to email a link to. */
export interface InvitedAccount {
  userId: string;
  email: string;
  fullName: string;
}

/**
 * Setting a password by emailed link: "Forgotten your password?" (a reset link, 1 hour) and invitations to
 * accounts created for someone else (14 days). The emails are queued with a placeholder; the
 * link is minted when the email is sent (PasswordLinkMinters), a random 256-bit token of which only the SHA-256
 * is stored; each works once. Completing one sets the password and ends every session of the account; it does not
 * sign anyone in, so the new password is proven by signing in with it.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly repository: PasswordResetRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: PasswordResetThrottle,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Emails a reset link if the account exists and is enabled; answers the same either way, after the same work:
   * the email is always queued, and the outbox drops it when it finds no enabled account to mint a link for
   * (PasswordLinkMinters). So neither the answer nor its timing says whether the address has an account.
   */
  async request(emailAddress: string, clientAddress: string): Promise<PasswordResetAccepted> {
    const email = normaliseEmail(emailAddress);
    await this.throttle.take(email, clientAddress);
    const user = await this.users.findByEmail(email);
    // A random subject matches no account, so its link is never minted and the message is dropped unsent.
    const subjectId = user?.id ?? randomUUID();
    await this.repository.transaction(async (manager) => {
      await this.mail.enqueue(
        [
          {
            toAddress: email,
            subject: PASSWORD_RESET_SUBJECT,
            link: { purpose: PASSWORD_RESET_LINK, subjectId },
            textBody: [
              `Dear ${user?.fullName ?? 'colleague'},`,
              '',
              'We received a request to set a new password for your Upstand account (Active Bystander Programme).',
              '',
              `Set a new password here: ${LINK_PLACEHOLDER}`,
              `(The link works once and for ${PASSWORD_RESET_VALID_HOURS} hour. Setting a new password signs you out everywhere.)`,
              '',
              'If you did not ask for this, you can ignore this email: your password stays as it is.',
            ].join('\n'),
          },
        ],
        manager,
      );
      await this.audit.record(
        {
          actorUserId: null,
          action: 'auth.password-reset-requested',
          entityType: 'user',
          entityId: user?.id ?? null,
        },
        manager,
      );
    });
    return { message: PASSWORD_RESET_ACCEPTED };
  }

  /**
   * Emails each account an invitation to set its password, in the caller's transaction (outbox): a rolled-back
   * change sends nothing. Returns how many were queued.
   */
  async invite(accounts: InvitedAccount[], manager: EntityManager): Promise<number> {
    const messages: NewMessage[] = accounts.map((account) => ({
      toAddress: account.email,
      subject: INVITATION_SUBJECT,
      link: { purpose: INVITATION_LINK, subjectId: account.userId },
      textBody: [
        `Dear ${account.fullName},`,
        '',
        'An Upstand account has been made for you for the Active Bystander Programme, where you can follow your journey: your sessions, questionnaires and certificate.',
        '',
        `Set your password here: ${LINK_PLACEHOLDER}`,
        `(The link works once and ends on ${LINK_EXPIRY_PLACEHOLDER}. After that, use "Forgotten your password?" on the sign-in page: ${this.config.publicBaseUrl}/forgot-password)`,
        '',
        `You sign in with this email address: ${account.email}`,
      ].join('\n'),
    }));
    for (let start = 0; start < messages.length; start += 1000)
      await this.mail.enqueue(messages.slice(start, start + 1000), manager);
    return messages.length;
  }

  /** Sets the password with a link's token: once per link, never after it expires. */
  async complete(request: PasswordResetCompleteRequest): Promise<void> {
    // argon2 before the transaction, so the row locks are held only for the writes.
    const passwordHash = await this.hasher.hash(request.password);
    await this.repository.transaction(async (manager) => {
      const consumed = await this.repository.consume(hashPasswordToken(request.token), manager);
      if (!consumed) throw InvalidInputError.field('token', PASSWORD_LINK_UNUSABLE);
      await this.repository.setPassword(consumed.userId, passwordHash, manager);
      await this.audit.record(
        {
          actorUserId: consumed.userId,
          action: consumed.purpose === 'invitation' ? 'user.password-set' : 'user.password-reset',
          entityType: 'user',
          entityId: consumed.userId,
          details: { fields: ['passwordHash'], via: consumed.purpose, sessionsEnded: true },
        },
        manager,
      );
    });
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-stale-password-links' })
  async deleteStaleLinks(): Promise<void> {
    return this.background.job('delete-stale-password-links', async () => {
      const removed = await this.repository.deleteStale(new Date(Date.now() - 24 * HOUR_MS));
      if (removed > 0) this.logger.log(`Deleted ${removed} used or expired password links`);
    });
  }
}
