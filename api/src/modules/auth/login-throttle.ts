import { Inject, Injectable, Logger } from '@nestjs/common';
import { sha256Hex } from '../../common/secret-tokens';
import { Cron, CronExpression } from '@nestjs/schedule';
import { EntityManager } from 'typeorm';
import { TooManyAttemptsError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ThrottleScope } from './throttle-window.entity';
import { ThrottleRepository } from './throttle.repository';
import { TrustedDevicesRepository } from './trusted-devices.repository';
import { BackgroundWork } from '../../common/background-work';

/** The longest an account's growing delay makes anyone wait between sign-in attempts. */
export const LOGIN_MAX_DELAY_SECONDS = 60;
const SIGN_IN_REFUSED = 'Too many sign-in attempts. Wait and try again.';

export const hashKey = sha256Hex;

/**
 * Counts events per key in a fixed window, in PostgreSQL, and refuses a key that has used up its limit. Every API
 * instance shares the count and a restart keeps it. Keys (client addresses, emails) are stored only as SHA-256.
 */
export class FixedWindowCounter {
  constructor(
    private readonly repository: ThrottleRepository,
    private readonly scope: ThrottleScope,
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly message?: string,
  ) {}

  /**
   * Counts one event for the key and throws TooManyAttemptsError when that goes over the limit. Checking and
   * counting are one statement, so of any number of parallel calls at most `limit` pass in a window. In the
   * caller's transaction if given, so a rollback uncounts it.
   */
  async take(key: string, manager?: EntityManager): Promise<void> {
    const window = await this.repository.increment(this.scope, hashKey(key), this.windowSeconds, manager);
    if (window.count > this.limit) throw new TooManyAttemptsError(window.retryAfterSeconds, this.message);
  }

  /** Like take, but answers instead of throwing: true when the event was within the limit. */
  async tryTake(key: string): Promise<boolean> {
    const window = await this.repository.increment(this.scope, hashKey(key), this.windowSeconds);
    return window.count <= this.limit;
  }

  /** Throws TooManyAttemptsError when the key has already used up its limit, without counting anything. */
  async check(key: string): Promise<void> {
    const window = await this.repository.current(this.scope, hashKey(key));
    if (window.count >= this.limit) throw new TooManyAttemptsError(window.retryAfterSeconds, this.message);
  }

  /** Uncounts one event that turned out not to be a failure. */
  refund(key: string): Promise<void> {
    return this.repository.decrement(this.scope, hashKey(key));
  }

  async forget(key: string): Promise<void> {
    await this.repository.delete(this.scope, hashKey(key));
  }
}

/** What a sign-in attempt was let through as, so its outcome can be settled. */
export interface LoginAttempt {
  email: string;
  clientAddress: string;
  /** The browser has signed in to this account before (and has not made too many wrong guesses since). */
  trustedDevice: string | null;
}

/**
 * Sign-in throttling that slows guessing without letting anyone lock someone else out:
 * - **Per account, growing delays.** After LOGIN_THROTTLE_LIMIT failures in the window, each further attempt on
 *   that email must wait 1 s, 2 s, 4 s … up to a minute, from any address. Never a lockout: the wait is capped.
 * - **Per client address, across accounts**, LOGIN_ADDRESS_LIMIT failures per window (generous: a trust's staff
 *   share an outgoing address), so a flood of random emails is refused before it costs an argon2 check each.
 * - **A browser that has signed in to the account before** (its device cookie) skips both, so strangers' wrong
 *   guesses never keep the owner out; it has its own limit of LOGIN_THROTTLE_LIMIT failures, after which it is
 *   treated like any other browser until the window ends.
 * Every attempt is counted before the password is checked, so parallel guesses cannot outrun the limits; success
 * settles the counts (forgets the account's failures, refunds the address's).
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly byAddress: FixedWindowCounter;
  private readonly byDevice: FixedWindowCounter;

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ThrottleRepository,
    private readonly devices: TrustedDevicesRepository,
  ) {
    const { addressLimit, limit, ttlSeconds } = config.loginThrottle;
    this.byAddress = new FixedWindowCounter(
      repository,
      'login-address',
      addressLimit,
      ttlSeconds,
      SIGN_IN_REFUSED,
    );
    this.byDevice = new FixedWindowCounter(repository, 'login-device', limit, ttlSeconds, SIGN_IN_REFUSED);
  }

  /**
   * Takes one attempt for this email from this address (and device cookie, if any) or throws TooManyAttemptsError
   * (429 with Retry-After). `userId` is the account the email belongs to, if any (a device is trusted only for an
   * account it has signed in to; an unknown email is throttled exactly like a known one).
   */
  async take(
    email: string,
    clientAddress: string,
    deviceToken: string | undefined,
    userId: string | undefined,
  ): Promise<LoginAttempt> {
    const deviceHash = deviceToken ? hashKey(deviceToken) : null;
    if (deviceHash && userId && (await this.devices.belongsTo(deviceHash, userId))) {
      if (await this.byDevice.tryTake(deviceHash)) return { email, clientAddress, trustedDevice: deviceHash };
    }
    await this.byAddress.take(clientAddress);
    const account = await this.repository.takeDelayed(
      'login-account',
      hashKey(email),
      this.config.loginThrottle.ttlSeconds,
      this.config.loginThrottle.limit,
      LOGIN_MAX_DELAY_SECONDS,
    );
    if (!account.taken) {
      // Refused before any password check: it costs the server nothing, so it does not use up the address's limit.
      await this.byAddress.refund(clientAddress);
      throw new TooManyAttemptsError(account.retryAfterSeconds, SIGN_IN_REFUSED);
    }
    return { email, clientAddress, trustedDevice: null };
  }

  /** The password was right: forget the account's failures and give back the address's count. */
  async succeeded(attempt: LoginAttempt, userId: string, deviceToken: string): Promise<void> {
    await this.repository.delete('login-account', hashKey(attempt.email));
    if (attempt.trustedDevice) await this.byDevice.forget(attempt.trustedDevice);
    else await this.byAddress.refund(attempt.clientAddress);
    await this.devices.remember(hashKey(deviceToken), userId);
  }

  /** Deletes the ended windows of every throttle, and devices unused for a year. Harmless on several instances. */
  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-expired-throttle-windows' })
  async deleteExpiredWindows(): Promise<void> {
    return this.background.job('delete-expired-throttle-windows', async () => {
      const removed = await this.repository.deleteExpired();
      if (removed > 0) this.logger.log(`Deleted ${removed} expired throttle windows`);
      await this.devices.deleteUnusedSince(new Date(Date.now() - 365 * 24 * 3_600_000));
    });
  }
}
