import { TooManyAttemptsError } from './login-throttle';
import {
  PasswordResetThrottle,
  RESET_REQUESTS_PER_ADDRESS,
  RESET_REQUESTS_PER_EMAIL,
} from './password-reset-throttle';

describe('PasswordResetThrottle', () => {
  let now = 0;
  beforeEach(() => (now = 1_000_000));
  const refusal = (work: () => void): TooManyAttemptsError | null => {
    try {
      work();
      return null;
    } catch (error) {
      return error as TooManyAttemptsError;
    }
  };

  it('limits one email address per hour from any client address, and says when to retry', () => {
    const throttle = new PasswordResetThrottle(() => now);
    for (let n = 0; n < RESET_REQUESTS_PER_EMAIL; n++) throttle.take('a@nhs.test', `10.0.0.${n}`);
    now += 600_000;
    const error = refusal(() => throttle.take('a@nhs.test', '10.0.1.1'));
    expect(error).toBeInstanceOf(TooManyAttemptsError);
    expect(error?.retryAfterSeconds).toBe(3000);
    expect(error?.message).toBe('Too many requests for a password link. Wait and try again.');
    expect(refusal(() => throttle.take('b@nhs.test', '10.0.1.1'))).toBeNull();
    now += 3_000_000;
    expect(refusal(() => throttle.take('a@nhs.test', '10.0.1.1'))).toBeNull();
  });

  it('limits one client address per hour across email addresses, without counting refused requests', () => {
    const throttle = new PasswordResetThrottle(() => now);
    for (let n = 0; n < RESET_REQUESTS_PER_ADDRESS; n++) throttle.take(`person${n}@nhs.test`, '10.0.0.1');
    expect(refusal(() => throttle.take('new@nhs.test', '10.0.0.1'))).toBeInstanceOf(TooManyAttemptsError);
    // The refused request did not count against new@nhs.test.
    for (let n = 0; n < RESET_REQUESTS_PER_EMAIL; n++)
      expect(refusal(() => throttle.take('new@nhs.test', `10.0.2.${n}`))).toBeNull();
  });
});
