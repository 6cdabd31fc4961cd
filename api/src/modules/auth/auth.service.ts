import { Inject, Injectable, Logger } from '@nestjs/common';
import { newSecretToken, SECRET_TOKEN_PATTERN, sha256Hex } from '../../common/secret-tokens';
import { Cron, CronExpression } from '@nestjs/schedule';
import { CurrentUser, GrantScope, RoleGrant } from '@upstand/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { UnauthenticatedError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { UserRoleEntity } from '../users/user-role.entity';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { LoginDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionsRepository } from './sessions.repository';

export interface StartedSession {
  token: string;
  expiresAt: Date;
  user: CurrentUser;
}

const hashToken = sha256Hex;
const DEVICE_TOKEN_PATTERN = SECRET_TOKEN_PATTERN;
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  /**
   * Signs in, throttled per account, per client address and per device (see LoginThrottle). `deviceToken` is the
   * browser's device cookie, if it has one; the result says which to set (the same one, or a new one).
   */
  async login(
    credentials: LoginDto,
    clientAddress: string,
    deviceToken: string | undefined,
  ): Promise<StartedSession & { deviceToken: string }> {
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
    await this.audit.record({
      actorUserId: user.id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
    return { ...(await this.startSession(user.id)), deviceToken: device };
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
    return { ...toCurrentUser(session.user), sessionId: session.id };
  }

  async currentUser(userId: string): Promise<CurrentUser> {
    const user = await this.users.findWithRoles(userId);
    if (!user) throw new UnauthenticatedError('Your session has ended. Please sign in again.');
    return toCurrentUser(user);
  }

  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-expired-sessions' })
  async deleteExpiredSessions(): Promise<void> {
    const removed = await this.sessions.deleteExpired(new Date());
    if (removed > 0) this.logger.log(`Deleted ${removed} expired sessions`);
  }

  /** Starts a session for the user (after sign-in or activation): a random token of which only the SHA-256 is kept. */
  async startSession(userId: string): Promise<StartedSession> {
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.session.ttlHours * 3_600_000);
    await this.sessions.create(hashToken(token), userId, expiresAt);
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
