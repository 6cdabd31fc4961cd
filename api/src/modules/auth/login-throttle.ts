import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

interface Window {
  count: number;
  resetAt: number;
}

/** Injection token for a `() => epoch milliseconds` clock; tests pass their own. */
export const CLOCK = Symbol('CLOCK');

export class TooManyAttemptsError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many sign-in attempts. Wait and try again.',
  ) {
    super(message);
  }
}

/**
 * Counts events per key in a fixed window and refuses a key that has used up its limit. Kept in memory: a
 * restart or a second instance gives an attacker at most one more window.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws TooManyAttemptsError (with this message, if given) when the key has used up its limit. */
  assertAllowed(key: string, message?: string): void {
    const window = this.current(key);
    if (window && window.count >= this.limit) {
      throw new TooManyAttemptsError(Math.ceil((window.resetAt - this.now()) / 1000), message);
    }
  }

  record(key: string): void {
    const window = this.current(key) ?? { count: 0, resetAt: this.now() + this.windowMs };
    window.count += 1;
    this.windows.set(key, window);
    if (this.windows.size > 10_000) this.prune();
  }

  forget(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && window.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * Counts failed sign-ins per (client address, email) in a fixed window; argon2's cost keeps the extra window a
 * restart or a second instance allows expensive.
 */
@Injectable()
export class LoginThrottle extends FixedWindowCounter {
  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() @Inject(CLOCK) clock?: () => number) {
    super(config.loginThrottle.limit, config.loginThrottle.ttlSeconds * 1000, clock ?? Date.now);
  }

  recordFailure(key: string): void {
    this.record(key);
  }

  recordSuccess(key: string): void {
    this.forget(key);
  }
}
