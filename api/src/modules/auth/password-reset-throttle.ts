import { Injectable } from '@nestjs/common';
import { FixedWindowCounter } from './login-throttle';
import { ThrottleRepository } from './throttle.repository';

/** Requests for a password link one email address may receive per hour, whoever asks. */
export const RESET_REQUESTS_PER_EMAIL = 5;
/** Requests one client address may make per hour, whatever the emails (an NHS site may share one address). */
export const RESET_REQUESTS_PER_ADDRESS = 50;
const HOUR_SECONDS = 3600;
const MESSAGE = 'Too many requests for a password link. Wait and try again.';

/**
 * Limits "Forgotten your password?" requests, the same way sign-ins are limited (fixed windows in PostgreSQL,
 * shared by every instance), so the form cannot be used to flood someone's inbox. Every request counts, whether
 * or not the account exists, so the limit reveals nothing about which addresses have accounts.
 */
@Injectable()
export class PasswordResetThrottle {
  private readonly byEmail: FixedWindowCounter;
  private readonly byAddress: FixedWindowCounter;

  constructor(private readonly repository: ThrottleRepository) {
    this.byEmail = new FixedWindowCounter(
      repository,
      'reset-email',
      RESET_REQUESTS_PER_EMAIL,
      HOUR_SECONDS,
      MESSAGE,
    );
    this.byAddress = new FixedWindowCounter(
      repository,
      'reset-address',
      RESET_REQUESTS_PER_ADDRESS,
      HOUR_SECONDS,
      MESSAGE,
    );
  }

  /**
   * Counts one request against both limits; throws TooManyAttemptsError when either is used up, and then counts
   * nothing (the transaction rolls back). The email's row is always locked before the address's, so parallel
   * requests queue instead of deadlocking.
   */
  take(email: string, clientAddress: string): Promise<void> {
    return this.repository.transaction(async (manager) => {
      await this.byEmail.take(email, manager);
      await this.byAddress.take(clientAddress, manager);
    });
  }
}
