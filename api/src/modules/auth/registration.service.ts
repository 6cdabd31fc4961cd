import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { newSecretToken, sha256Hex } from '../../common/secret-tokens';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  ACTIVATION_VALID_HOURS,
  ActivateRequest,
  RegisterAccepted,
  RegisterRequest,
  safeReturnPath,
} from '@upstand/contracts';
import { EntityManager } from 'typeorm';
import { InvalidInputError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { LINK_PLACEHOLDER, MintedLink, OutboxLinkMinters } from '../mail/outbox-links';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { UsersRepository } from '../users/users.repository';
import { normaliseEmail } from './auth.service';
import { FixedWindowCounter } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PendingRegistrationsRepository } from './pending-registrations.repository';
import { ThrottleRepository } from './throttle.repository';
import { BackgroundWork } from '../../common/background-work';

/** Outbox link purposes: the subject is the pending registration. */
export const ACTIVATION_LINK = 'registration-activation';
export const ALREADY_REGISTERED_LINK = 'registration-existing';

export const REGISTER_ACCEPTED =
  'Check your email. If you can use this address, we have sent it a link to choose your password and activate your account. The link works for 24 hours.';
export const ACTIVATION_SUBJECT = 'Activate your Upstand account';
export const ALREADY_REGISTERED_SUBJECT =
  'Someone tried to create an Upstand account with your email address';
export const ACTIVATION_UNUSABLE =
  'This activation link has expired or has already been used. Create your account again, or sign in if you have already activated it.';

/** Requests one email address may receive per hour, and one client address may make (a trust shares one). */
export const REGISTRATIONS_PER_EMAIL = 5;
export const REGISTRATIONS_PER_ADDRESS = 100;
const HOUR_SECONDS = 3600;
const UNSENT_FORGOTTEN_AFTER_DAYS = 7;
const THROTTLE_MESSAGE = 'Too many requests to create an account. Wait and try again.';

const hashToken = sha256Hex;

/**
 * Creating an account without telling anyone which addresses have one. A request always does the same work:
 * throttle, store the request, queue two emails. When the outbox sends them it decides which one applies: an
 * activation link for a new address, or "someone tried to register" for the owner of an existing account (the
 * other is dropped). The account is made only when the activation link is used, with the password chosen then.
 */
@Injectable()
export class RegistrationService implements OnModuleInit {
  private readonly logger = new Logger(RegistrationService.name);
  private readonly byEmail: FixedWindowCounter;
  private readonly byAddress: FixedWindowCounter;

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: PendingRegistrationsRepository,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly minters: OutboxLinkMinters,
    throttles: ThrottleRepository,
  ) {
    this.byEmail = new FixedWindowCounter(
      throttles,
      'register-email',
      REGISTRATIONS_PER_EMAIL,
      HOUR_SECONDS,
      THROTTLE_MESSAGE,
    );
    this.byAddress = new FixedWindowCounter(
      throttles,
      'register-address',
      REGISTRATIONS_PER_ADDRESS,
      HOUR_SECONDS,
      THROTTLE_MESSAGE,
    );
  }

  onModuleInit(): void {
    this.minters.register(
      { purpose: ACTIVATION_LINK, mint: (id, manager) => this.mintActivation(id, manager) },
      { purpose: ALREADY_REGISTERED_LINK, mint: (id, manager) => this.mintAlreadyRegistered(id, manager) },
    );
  }

  async register(request: RegisterRequest, clientAddress: string): Promise<RegisterAccepted> {
    const email = normaliseEmail(request.email);
    if (request.organisationId && !(await this.organisations.exists(request.organisationId)))
      throw InvalidInputError.field('organisationId', 'organisationId must be the id of an organisation');
    await this.repository.transaction(async (manager) => {
      // In the transaction: a refused request counts nothing against the other limit.
      await this.byEmail.take(email, manager);
      await this.byAddress.take(clientAddress, manager);
      const id = await this.repository.create(
        {
          email,
          fullName: request.fullName,
          organisationId: request.organisationId ?? null,
          returnPath: safeReturnPath(request.returnUrl),
          expiresAt: new Date(Date.now() + UNSENT_FORGOTTEN_AFTER_DAYS * 24 * 3_600_000),
        },
        manager,
      );
      await this.mail.enqueue(
        [
          {
            toAddress: email,
            subject: ACTIVATION_SUBJECT,
            link: { purpose: ACTIVATION_LINK, subjectId: id },
            textBody: [
              'Hello,',
              '',
              'You asked for an Upstand account for the Active Bystander Programme with this email address.',
              '',
              `Choose your password and activate your account here: ${LINK_PLACEHOLDER}`,
              `(The link works once and for ${ACTIVATION_VALID_HOURS} hours.)`,
              '',
              'If you did not ask for this, you can ignore this email: no account is made.',
            ].join('\n'),
          },
          {
            toAddress: email,
            subject: ALREADY_REGISTERED_SUBJECT,
            link: { purpose: ALREADY_REGISTERED_LINK, subjectId: id },
            textBody: [
              'Hello,',
              '',
              'Someone, perhaps you, tried to create an Upstand account (Active Bystander Programme) with this email address. You already have an account, so nothing has changed.',
              '',
              `Sign in here: ${LINK_PLACEHOLDER}`,
              `If you have forgotten your password, use "Forgotten your password?" on the sign-in page: ${this.config.publicBaseUrl}/forgot-password`,
              '',
              'If it was not you, you can ignore this email.',
            ].join('\n'),
          },
        ],
        manager,
      );
    });
    return { message: REGISTER_ACCEPTED };
  }

  /**
   * Creates the account with the password chosen now, if the link is open and the email still has no account;
   * every other request for the email stops working. Returns the new user's id and where they were heading.
   */
  async activate(request: ActivateRequest): Promise<{ userId: string; returnUrl: string | null }> {
    // argon2 before the transaction, so the row lock is held only for the writes.
    const passwordHash = await this.hasher.hash(request.password);
    return this.repository.transaction(async (manager) => {
      const registration = await this.repository.lockByToken(hashToken(request.token), manager);
      if (!registration) throw InvalidInputError.field('token', ACTIVATION_UNUSABLE);
      await this.repository.deleteForEmail(registration.email, manager);
      if (await this.repository.accountExists(registration.email, manager))
        throw InvalidInputError.field('token', ACTIVATION_UNUSABLE);
      const user = await this.users.create(
        {
          email: registration.email,
          fullName: registration.fullName,
          passwordHash,
          organisationId: registration.organisationId,
          roles: [{ role: 'delegate', scopeKind: null, organisationId: null, regionId: null }],
        },
        manager,
      );
      await this.audit.record(
        {
          actorUserId: user.id,
          action: 'user.registered',
          entityType: 'user',
          entityId: user.id,
          details: { fields: ['email', 'fullName', 'organisationId', 'passwordHash'], via: 'activation' },
        },
        manager,
      );
      return { userId: user.id, returnUrl: registration.returnPath };
    });
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-expired-registrations' })
  async deleteExpired(): Promise<void> {
    return this.background.job('delete-expired-registrations', async () => {
      const removed = await this.repository.deleteExpired();
      if (removed > 0) this.logger.log(`Deleted ${removed} expired registration requests`);
    });
  }

  private async mintActivation(id: string, manager: EntityManager): Promise<MintedLink | null> {
    const registration = await this.repository.lockOpen(id, manager);
    if (!registration || (await this.repository.accountExists(registration.email, manager))) return null;
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + ACTIVATION_VALID_HOURS * 3_600_000);
    await this.repository.setToken(id, hashToken(token), expiresAt, manager);
    return { url: `${this.config.publicBaseUrl}/activate?token=${token}`, expiresAt };
  }

  /** The notice to the owner of an existing account: only when there is one, and with no token in it. */
  private async mintAlreadyRegistered(id: string, manager: EntityManager): Promise<MintedLink | null> {
    const registration = await this.repository.lockOpen(id, manager);
    if (!registration || !(await this.repository.accountExists(registration.email, manager))) return null;
    return { url: `${this.config.publicBaseUrl}/login` };
  }
}
