import { loadConfig } from '../../config/app-config';
import { LoginThrottle, TooManyAttemptsError } from './login-throttle';

describe('LoginThrottle', () => {
  let now = 0;
  const throttle = () =>
    new LoginThrottle(loadConfig({ LOGIN_THROTTLE_LIMIT: '3', LOGIN_THROTTLE_TTL_SECONDS: '60' }), () => now);

  beforeEach(() => (now = 1_000_000));

  it('blocks a key after the limit of failures and tells when to retry', () => {
    const limiter = throttle();
    for (let attempt = 0; attempt < 3; attempt++) {
      limiter.assertAllowed('ip|a@b.test');
      limiter.recordFailure('ip|a@b.test');
    }
    now += 20_000;
    let error: unknown;
    try {
      limiter.assertAllowed('ip|a@b.test');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TooManyAttemptsError);
    expect((error as TooManyAttemptsError).retryAfterSeconds).toBe(40);
  });

  it('keeps other keys unaffected and forgets after the window', () => {
    const limiter = throttle();
    for (let attempt = 0; attempt < 3; attempt++) limiter.recordFailure('k1');
    expect(() => limiter.assertAllowed('k2')).not.toThrow();
    now += 60_000;
    expect(() => limiter.assertAllowed('k1')).not.toThrow();
  });

  it('clears the count on a successful sign-in', () => {
    const limiter = throttle();
    limiter.recordFailure('k');
    limiter.recordFailure('k');
    limiter.recordSuccess('k');
    limiter.recordFailure('k');
    limiter.recordFailure('k');
    expect(() => limiter.assertAllowed('k')).not.toThrow();
  });
});
