import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, FixedWindowCounter } from './login-throttle';

/** Requests for a password link one email address may receive per hour, whoever asks. */
export const RESET_REQUESTS_PER_EMAIL = 5;
/** Requests one client address may make per hour, whatever the emails (an NHS site may share one address). */
export const RESET_REQUESTS_PER_ADDRESS = 50;
const HOUR_MS = 3_600_000;
const MESSAGE = 'Too many requests for a password link. Wait and try again.';

/**
 * Limits "Forgotten your password?" requests, the same way sign-ins are limited (fixed windows in memory), so the
 * form cannot be used to flood someone's inbox. Every request counts, whether or not the account exists, so the
 * limit reveals nothing about which addresses have accounts.
 */
@Injectable()
export class PasswordResetThrottle {
  private readonly byEmail: FixedWindowCounter;
  private readonly byAddress: FixedWindowCounter;

  constructor(@Optional() @Inject(CLOCK) clock?: () => number) {
    this.byEmail = new FixedWindowCounter(RESET_REQUESTS_PER_EMAIL, HOUR_MS, clock ?? Date.now);
    this.byAddress = new FixedWindowCounter(RESET_REQUESTS_PER_ADDRESS, HOUR_MS, clock ?? Date.now);
  }

  /** Counts one request; throws TooManyAttemptsError (counting nothing) when either limit is used up. */
  take(email: string, clientAddress: string): void {
    this.byEmail.assertAllowed(email, MESSAGE);
    this.byAddress.assertAllowed(clientAddress, MESSAGE);
    this.byEmail.record(email);
    this.byAddress.record(clientAddress);
  }
}
