import { loadConfig } from '../../config/app-config';
import { MINIMAL_PRODUCTION_ENV } from '../../config/production-env.testing';
import { isDemoMailbox } from './mail-mode';

describe('isDemoMailbox', () => {
  it('is demo mode only without SMTP_URL and outside production', () => {
    expect(isDemoMailbox(loadConfig({ NODE_ENV: 'development' }))).toBe(true);
    expect(isDemoMailbox(loadConfig({ NODE_ENV: 'test' }))).toBe(true);
    expect(isDemoMailbox(loadConfig({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example:25' }))).toBe(
      false,
    );
    expect(isDemoMailbox(loadConfig(MINIMAL_PRODUCTION_ENV))).toBe(false);
  });
});
