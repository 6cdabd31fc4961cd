import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigError, loadConfig } from './app-config';
import { MINIMAL_PRODUCTION_ENV } from './production-env.testing';

const PRODUCTION = MINIMAL_PRODUCTION_ENV;

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

  describe('branding logo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'upstand-logo-'));
    const file = (name: string, data: Buffer) => {
      writeFileSync(join(dir, name), data);
      return join(dir, name);
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(32),
    ]);

    it('uses the NHS identity unless a logo is given, and reads a PNG once at start-up', () => {
      expect(loadConfig({}).branding).toEqual({
        organisationName: 'Leicester, Leicestershire and Rutland Integrated Care Board',
        logo: null,
      });
      const path = file('logo.png', png);
      expect(loadConfig({ BRANDING_LOGO_PATH: path }).branding.logo).toEqual({ path, data: png });
    });

    it('refuses a missing, oversized or non-image logo, naming the variable', () => {
      expect(() => loadConfig({ BRANDING_LOGO_PATH: join(dir, 'missing.png') })).toThrow(
        /BRANDING_LOGO_PATH cannot be read .*ENOENT/,
      );
      expect(() => loadConfig({ BRANDING_LOGO_PATH: dir })).toThrow(/BRANDING_LOGO_PATH is not a file/);
      expect(() =>
        loadConfig({ BRANDING_LOGO_PATH: file('big.png', Buffer.concat([png, Buffer.alloc(1024 * 1024)])) }),
      ).toThrow(/BRANDING_LOGO_PATH must be at most 1 MB/);
      expect(() => loadConfig({ BRANDING_LOGO_PATH: file('logo.svg', Buffer.from('<svg/>')) })).toThrow(
        /BRANDING_LOGO_PATH must be a PNG or JPEG/,
      );
    });
  });

  it('keeps person-level data 6 years, sent emails a year and audit events 7 years unless told otherwise', () => {
    expect(loadConfig({}).retention).toEqual({ years: 6, sentEmailDays: 365, auditYears: 7 });
    expect(
      loadConfig({ RETENTION_YEARS: '10', SENT_EMAIL_RETENTION_DAYS: '90', AUDIT_RETENTION_YEARS: '12' })
        .retention,
    ).toEqual({ years: 10, sentEmailDays: 90, auditYears: 12 });
  });

  describe('in production', () => {
    it('starts with a database, https links, a mail server and an encryption key', () => {
      expect(loadConfig(PRODUCTION).isProduction).toBe(true);
    });

    it('refuses to start on a quiet fallback, naming each variable', () => {
      const refused = (env: Record<string, string>) => {
        try {
          loadConfig(env);
        } catch (error) {
          return (error as ConfigError).problems;
        }
        return [];
      };
      const problems = refused({ NODE_ENV: 'production' });
      expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
        'DATABASE_URL',
        'PUBLIC_BASE_URL',
        'SMTP_URL',
        'MFA_ENCRYPTION_KEY',
      ]);
      expect(refused({ ...PRODUCTION, PUBLIC_BASE_URL: 'http://upstand.example.nhs.uk' })).toEqual([
        'PUBLIC_BASE_URL must be https when NODE_ENV=production (got "http://upstand.example.nhs.uk")',
      ]);
    });

    it('runs one instance on the embedded database only when told to', () => {
      const { DATABASE_URL: _unused, ...withoutDatabase } = PRODUCTION;
      expect(() => loadConfig(withoutDatabase)).toThrow(/DATABASE_URL is required/);
      expect(loadConfig({ ...withoutDatabase, UPSTAND_EMBEDDED_DATABASE: 'true' }).database.url).toBeNull();
    });

    it('sizes the connection pool', () => {
      expect(loadConfig({}).database.poolMax).toBe(20);
      expect(loadConfig({ DATABASE_POOL_MAX: '50' }).database.poolMax).toBe(50);
      expect(() => loadConfig({ DATABASE_POOL_MAX: '1' })).toThrow(/DATABASE_POOL_MAX must be at least 2/);
    });

    it('reads a replica and a session connection only beside the primary they belong to', () => {
      const config = loadConfig({
        ...PRODUCTION,
        DATABASE_READ_URL: 'postgres://reader@replica.internal:5432/upstand',
        DATABASE_SESSION_URL: 'postgres://upstand@db.internal:5432/upstand',
      });
      expect(config.database.readUrl).toBe('postgres://reader@replica.internal:5432/upstand');
      expect(config.database.sessionUrl).toBe('postgres://upstand@db.internal:5432/upstand');
      expect(loadConfig(PRODUCTION).database).toMatchObject({ readUrl: null, sessionUrl: null });
      expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://reader@replica.internal/upstand' })).toThrow(
        /DATABASE_READ_URL needs DATABASE_URL/,
      );
      expect(() => loadConfig({ DATABASE_SESSION_URL: 'postgres://upstand@db.internal/upstand' })).toThrow(
        /DATABASE_SESSION_URL needs DATABASE_URL/,
      );
    });

    it('lets development run without any of them', () => {
      expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:3000');
    });
  });

  it('refuses a retention period that is not a whole positive number, naming it', () => {
    expect(() => loadConfig({ RETENTION_YEARS: '0' })).toThrow(/RETENTION_YEARS/);
    expect(() => loadConfig({ SENT_EMAIL_RETENTION_DAYS: 'a year' })).toThrow(/SENT_EMAIL_RETENTION_DAYS/);
    expect(() => loadConfig({ AUDIT_RETENTION_YEARS: '1.5' })).toThrow(/AUDIT_RETENTION_YEARS/);
  });

  it('reads typed values', () => {
    const config = loadConfig({
      ...PRODUCTION,
      PORT: '8080',
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
    ['DATABASE_READ_URL', 'replica.internal:5432'],
    ['DATABASE_SESSION_URL', 'mysql://localhost/upstand'],
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

  describe('single sign-on', () => {
    const ENTRA = {
      OIDC_ISSUER_URL: 'https://login.microsoftonline.com/6f1a2b3c-0000-4000-8000-123456789abc/v2.0',
      OIDC_CLIENT_ID: 'upstand',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_DISPLAY_NAME: 'NHSmail',
    };

    it('is off unless configured, and reads a pinned Entra ID tenant', () => {
      expect(loadConfig({}).oidc).toBeNull();
      const config = loadConfig({ ...ENTRA, OIDC_REQUIRED_DOMAINS: 'NHS.net, nhs.uk' });
      expect(config.oidc).toMatchObject({
        issuer: ENTRA.OIDC_ISSUER_URL,
        clientSecret: 'secret',
        privateKey: null,
        displayName: 'NHSmail',
        scopes: 'openid email profile',
        allowInsecureHttp: false,
      });
      expect(config.ssoRequiredDomains).toEqual(['nhs.net', 'nhs.uk']);
    });

    it.each([
      [
        { ...ENTRA, OIDC_ISSUER_URL: 'https://login.microsoftonline.com/common/v2.0' },
        /pin your Entra ID tenant/,
      ],
      [{ ...ENTRA, OIDC_ISSUER_URL: 'https://login.microsoftonline.com/organizations/v2.0' }, /pin/],
      [{ ...ENTRA, OIDC_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----' }, /exactly one of OIDC_CLIENT_SECRET/],
      [{ ...ENTRA, OIDC_CLIENT_SECRET: undefined }, /exactly one of OIDC_CLIENT_SECRET/],
      [{ ...ENTRA, OIDC_CLIENT_ID: undefined }, /OIDC_CLIENT_ID is required/],
      [{ ...ENTRA, OIDC_ISSUER_URL: 'http://idp.example.test' }, /must be https/],
      [{ OIDC_REQUIRED_DOMAINS: 'nhs.net' }, /needs single sign-on configured/],
      [{ ...ENTRA, OIDC_SCOPES: 'email profile' }, /must include openid/],
      [
        {
          ...ENTRA,
          OIDC_ISSUER_URL: 'http://127.0.0.1:4000',
          OIDC_ALLOW_INSECURE_HTTP: 'true',
          NODE_ENV: 'production',
        },
        /refused when NODE_ENV=production/,
      ],
    ])('refuses an incomplete or unsafe setting (%#)', (env, message) => {
      const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
      expect(() => loadConfig(defined)).toThrow(message);
    });

    it('allows an http provider in tests with the insecure switch', () => {
      const config = loadConfig({
        ...ENTRA,
        OIDC_ISSUER_URL: 'http://127.0.0.1:4000',
        OIDC_ALLOW_INSECURE_HTTP: 'true',
      });
      expect(config.oidc?.allowInsecureHttp).toBe(true);
    });
  });

  it('reads the second-factor settings', () => {
    expect(loadConfig({}).mfa).toEqual({ requiredForStaff: false, encryptionKey: null });
    expect(loadConfig({ MFA_REQUIRED_FOR_STAFF: 'true', MFA_ENCRYPTION_KEY: 'k'.repeat(32) }).mfa).toEqual({
      requiredForStaff: true,
      encryptionKey: 'k'.repeat(32),
    });
    expect(() => loadConfig({ MFA_ENCRYPTION_KEY: 'short' })).toThrow(/MFA_ENCRYPTION_KEY/);
  });
});
