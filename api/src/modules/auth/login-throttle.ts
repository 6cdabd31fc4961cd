import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

interface Window {
  failures: number;
  resetAt: number;
}

/** Injection token for a `() => epoch milliseconds` clock; tests pass their own. */
export const CLOCK = Symbol('CLOCK');

export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many sign-in attempts. Wait and try again.');
  }
}

/**
 * Counts failed sign-ins per (client address, email) in a fixed window. Kept in memory: a restart or a
 * second instance gives an attacker at most one more window, which argon2's cost keeps expensive.
 */
@Injectable()
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;

  private readonly now: () => number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() @Inject(CLOCK) clock?: () => number) {
    this.now = clock ?? Date.now;
    this.limit = config.loginThrottle.limit;
    this.windowMs = config.loginThrottle.ttlSeconds * 1000;
  }

  /** Throws TooManyAttemptsError when the key has used up its attempts. */
  assertAllowed(key: string): void {
    const window = this.current(key);
    if (window && window.failures >= this.limit) {
      throw new TooManyAttemptsError(Math.ceil((window.resetAt - this.now()) / 1000));
    }
  }

  recordFailure(key: string): void {
    const window = this.current(key) ?? { failures: 0, resetAt: this.now() + this.windowMs };
    window.failures += 1;
    this.windows.set(key, window);
    if (this.windows.size > 10_000) this.prune();
  }

  recordSuccess(key: string): void {
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
