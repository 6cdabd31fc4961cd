import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { createHash } from 'crypto';
import { EntityManager } from 'typeorm';
import { TooManyAttemptsError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ThrottleScope } from './throttle-window.entity';
import { ThrottleRepository } from './throttle.repository';

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

  async forget(key: string): Promise<void> {
    await this.repository.delete(this.scope, hashKey(key));
  }
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Limits sign-in attempts per (client address, email) in a fixed window. An attempt is counted before the password
 * is checked, so parallel guesses cannot all pass the check before any is recorded; a successful sign-in forgets
 * the count, so what is left counts the failures.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly attempts: FixedWindowCounter;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repository: ThrottleRepository,
  ) {
    this.attempts = new FixedWindowCounter(
      repository,
      'login',
      config.loginThrottle.limit,
      config.loginThrottle.ttlSeconds,
    );
  }

  /** Counts an attempt; throws TooManyAttemptsError (429) when the key has used up its limit. */
  take(key: string): Promise<void> {
    return this.attempts.take(key);
  }

  recordSuccess(key: string): Promise<void> {
    return this.attempts.forget(key);
  }

  /** Deletes the ended windows of every throttle (sign-in and password links). Harmless on several instances. */
  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-expired-throttle-windows' })
  async deleteExpiredWindows(): Promise<void> {
    const removed = await this.repository.deleteExpired();
    if (removed > 0) this.logger.log(`Deleted ${removed} expired throttle windows`);
  }
}
