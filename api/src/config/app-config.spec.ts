import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives working defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBeNull();
    expect(config.database.dataDir).toMatch(/\.data$/);
    expect(config.demo.password).toBe('upstand-demo');
    expect(config.isProduction).toBe(false);
    expect(config.session.cookieSecure).toBe('auto');
    expect(config.serviceOwner).toEqual({
      name: 'Leicester, Leicestershire and Rutland Integrated Care Board',
      contact: 'dataprotection@example.nhs.uk',
    });
  });

  it('names the service owner and its contact as configured', () => {
    const config = loadConfig({
      SERVICE_OWNER_NAME: 'NHS Coventry and Warwickshire Integrated Care Board',
      SERVICE_OWNER_CONTACT: 'ig@cw.example.nhs.uk',
    });
    expect(config.serviceOwner).toEqual({
      name: 'NHS Coventry and Warwickshire Integrated Care Board',
      contact: 'ig@cw.example.nhs.uk',
    });
  });

  it('keeps person-level data 6 years, sent emails a year and audit events 7 years unless told otherwise', () => {
    expect(loadConfig({}).retention).toEqual({ years: 6, sentEmailDays: 365, auditYears: 7 });
    expect(
      loadConfig({ RETENTION_YEARS: '10', SENT_EMAIL_RETENTION_DAYS: '90', AUDIT_RETENTION_YEARS: '12' })
        .retention,
    ).toEqual({ years: 10, sentEmailDays: 90, auditYears: 12 });
  });

  it('refuses a retention period that is not a whole positive number, naming it', () => {
    expect(() => loadConfig({ RETENTION_YEARS: '0' })).toThrow(/RETENTION_YEARS/);
    expect(() => loadConfig({ SENT_EMAIL_RETENTION_DAYS: 'a year' })).toThrow(/SENT_EMAIL_RETENTION_DAYS/);
    expect(() => loadConfig({ AUDIT_RETENTION_YEARS: '1.5' })).toThrow(/AUDIT_RETENTION_YEARS/);
  });

  it('reads typed values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/upstand',
      NODE_ENV: 'production',
      TRUST_PROXY: 'true',
      COOKIE_SECURE: 'false',
    });
    expect(config.http.port).toBe(8080);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/upstand');
    expect(config.isProduction).toBe(true);
    expect(config.http.trustProxy).toBe(true);
    expect(config.session.cookieSecure).toBe(false);
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.1, 192.168.0.0/16, ::1, fd00::/8', ['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8']],
  ])('takes TRUST_PROXY=%s as Express takes "trust proxy"', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://localhost/upstand'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '10.0.0.300'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'loopback, everyone'],
    ['LOG_LEVEL', 'loud'],
    ['SERVICE_OWNER_CONTACT', 'the data protection officer'],
    ['SERVICE_OWNER_NAME', 'x'.repeat(201)],
  ])('refuses a bad %s and names it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
