import { Inject, Injectable, Logger } from '@nestjs/common';
import { newSecretToken, SECRET_TOKEN_PATTERN, sha256Hex } from '../../common/secret-tokens';
import { Cron, CronExpression } from '@nestjs/schedule';
import { CurrentUser, GrantScope, RoleGrant, SECOND_FACTOR_PENDING_MINUTES } from '@upstand/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ForbiddenError, InvalidInputError, UnauthenticatedError } from '../../common/domain-errors';
import { SecondFactorService, WRONG_CODE } from '../second-factor/second-factor.service';
import { PendingLoginsRepository } from './pending-logins.repository';
import { SignInMethod } from './user-session.entity';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { UserRoleEntity } from '../users/user-role.entity';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionsRepository } from './sessions.repository';
import { BackgroundWork } from '../../common/background-work';

export interface StartedSession {
  token: string;
  expiresAt: Date;
  user: CurrentUser;
}

/** The password was right and the account has a second factor: the client sends the code with this token. */
export interface PendingSecondFactor {
  secondFactorRequired: true;
  token: string;
}

export const SIGN_IN_EXPIRED = 'Your sign-in took too long or was already used. Sign in again.';

const hashToken = sha256Hex;
const DEVICE_TOKEN_PATTERN = SECRET_TOKEN_PATTERN;
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly secondFactor: SecondFactorService,
    private readonly pendingLogins: PendingLoginsRepository,
  ) {}

  /**
   * Signs in, throttled per account, per client address and per device (see LoginThrottle). `deviceToken` is the
   * browser's device cookie, if it has one; the result says which to set (the same one, or a new one).
   */
  async login(
    credentials: LoginDto,
    clientAddress: string,
    deviceToken: string | undefined,
  ): Promise<(StartedSession | PendingSecondFactor) & { deviceToken: string }> {
    const email = normaliseEmail(credentials.email);
    const user = await this.users.findByEmail(email);
    const usableDevice = deviceToken && DEVICE_TOKEN_PATTERN.test(deviceToken) ? deviceToken : undefined;
    // Counted before the password is checked, so parallel guesses cannot outrun the limits.
    const attempt = await this.throttle.take(email, clientAddress, usableDevice, user?.id);
    const valid =
      user && !user.disabledAt
        ? await this.hasher.verify(user.passwordHash, credentials.password)
        : await this.hasher.verifyAgainstDummy(credentials.password);
    if (!user || !valid) {
      await this.audit.record({
        actorUserId: user?.id ?? null,
        action: 'auth.login-failed',
        entityType: 'user',
        entityId: user?.id ?? null,
      });
      throw new UnauthenticatedError('Email or password is incorrect');
    }
    const device = usableDevice ?? newSecretToken();
    await this.throttle.succeeded(attempt, user.id, device);
    // After the password check, so only the account's owner learns whether it must use single sign-on.
    await this.refuseIfSsoRequired(user);
    if (await this.secondFactor.isEnabled(user.id)) {
      // The password was right, but that is only half: a short-lived token carries the sign-in to the code step.
      const token = newSecretToken();
      const expiresAt = new Date(Date.now() + SECOND_FACTOR_PENDING_MINUTES * 60_000);
      await this.pendingLogins.create(hashToken(token), user.id, expiresAt);
      return { secondFactorRequired: true, token, deviceToken: device };
    }
    await this.audit.record({
      actorUserId: user.id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
    return { ...(await this.startSession(user.id)), deviceToken: device };
  }

  /**
   * The second step of a sign-in with a second factor: the token from the password step and a code (TOTP, each
   * usable once, or a recovery code). Wrong codes are throttled per account (SecondFactorService.verify).
   */
  async loginSecondFactor(token: string, code: string): Promise<StartedSession> {
    const tokenHash = hashToken(token);
    const userId = await this.pendingLogins.findUser(tokenHash);
    if (!userId) throw new UnauthenticatedError(SIGN_IN_EXPIRED);
    const used = await this.secondFactor.verify(userId, code);
    if (!used) {
      await this.audit.record({
        actorUserId: userId,
        action: 'auth.second-factor-failed',
        entityType: 'user',
        entityId: userId,
      });
      throw InvalidInputError.field('code', WRONG_CODE);
    }
    if (!(await this.pendingLogins.consume(tokenHash))) throw new UnauthenticatedError(SIGN_IN_EXPIRED);
    await this.audit.record({
      actorUserId: userId,
      action: 'auth.login',
      entityType: 'user',
      entityId: userId,
      details: { secondFactor: used },
    });
    return this.startSession(userId, 'second-factor');
  }

  /**
   * Staff on OIDC_REQUIRED_DOMAINS sign in through their organisation's single sign-on, not with a password, once
   * their account is linked to it. Until then the password must still work: an account that exists before its
   * first single sign-on (invited by a lead, registered, imported) is only linked by its owner signing in once
   * and linking from their profile, since the provider's email alone never hands over an account.
   */
  private async refuseIfSsoRequired(user: UserEntity): Promise<void> {
    const domain = user.email.slice(user.email.lastIndexOf('@') + 1);
    if (!this.config.oidc || !this.config.ssoRequiredDomains.includes(domain)) return;
    if (!(await this.users.hasLinkedIdentity(user.id))) return;
    throw new ForbiddenError(
      `Accounts on ${domain} sign in with ${this.config.oidc.displayName}: use the "Sign in with ${this.config.oidc.displayName}" button.`,
    );
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.sessions.delete(user.sessionId);
    await this.audit.record({
      actorUserId: user.id,
      action: 'auth.logout',
      entityType: 'user',
      entityId: user.id,
    });
  }

  /** The user behind a session cookie, or null when the token is unknown, expired or the user disabled. */
  async resolveSession(token: string | undefined): Promise<AuthenticatedUser | null> {
    if (!token || token.length > 100) return null;
    const session = await this.sessions.findActive(hashToken(token));
    if (!session?.user) return null;
    return { ...toCurrentUser(session.user), sessionId: session.id, signInMethod: session.method };
  }

  async currentUser(userId: string): Promise<CurrentUser> {
    const user = await this.users.findWithRoles(userId);
    if (!user) throw new UnauthenticatedError('Your session has ended. Please sign in again.');
    return toCurrentUser(user);
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-expired-sessions' })
  async deleteExpiredSessions(): Promise<void> {
    return this.background.job('delete-expired-sessions', async () => {
      const removed = await this.sessions.deleteExpired(new Date());
      if (removed > 0) this.logger.log(`Deleted ${removed} expired sessions`);
      await this.pendingLogins.deleteExpired();
    });
  }

  /** Starts a session for the user (after sign-in or activation): a random token of which only the SHA-256 is kept. */
  async startSession(userId: string, method: SignInMethod = 'password'): Promise<StartedSession> {
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.session.ttlHours * 3_600_000);
    await this.sessions.create(hashToken(token), userId, expiresAt, method);
    return { token, expiresAt, user: await this.currentUser(userId) };
  }
}

export function toCurrentUser(user: UserEntity): CurrentUser {
  const roles: RoleGrant[] = (user.roles ?? [])
    .map((grant) => ({
      role: grant.role,
      organisationId: grant.organisationId,
      organisationName: grant.organisation?.name ?? null,
      scope: grantScope(grant),
    }))
    .sort((a, b) => a.role.localeCompare(b.role));
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    organisationId: user.organisationId,
    roles,
  };
}

/** The grant's scope as shown to people: the region's or the organisation's ODS code and name. */
function grantScope(grant: UserRoleEntity): GrantScope | null {
  if (grant.scopeKind === null) return null;
  const place = grant.scopeKind === 'region' ? grant.region : grant.organisation;
  if (!place) throw new Error(`Grant ${grant.id} lost its ${grant.scopeKind} (load it with the grant)`);
  return { kind: grant.scopeKind, odsCode: place.odsCode, name: place.name };
}
