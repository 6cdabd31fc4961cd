import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
} from 'class-validator';
import { readFileSync, statSync } from 'fs';
import { isIP } from 'net';
import { resolve } from 'path';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A TRUST_PROXY value Express accepts: true, false, a hop count, or addresses/CIDR ranges/named ranges. */
function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (/^(true|false|\d{1,2})$/.test(value)) return true;
  return value.split(',').every((entry) => {
    const [address, bits, ...rest] = entry.trim().split('/');
    if (['loopback', 'linklocal', 'uniquelocal'].includes(address) && bits === undefined) return true;
    const family = isIP(address);
    const maxBits = family === 4 ? 32 : 128;
    return (
      family !== 0 &&
      rest.length === 0 &&
      (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits))
    );
  });
}

/** TRUST_PROXY as Express's "trust proxy" setting takes it. */
function trustProxySetting(value: string): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1'
      ? true
      : value === false || value === 'false' || value === '0'
        ? false
        : value;

/** The environment variables Upstand reads, validated once at start-up. Documented in README.md. */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * A streaming replica of DATABASE_URL's database. Impact reports, exports and the public calendar feed read it;
   * everything else (sessions, a page a user just changed) reads the primary.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_READ_URL?: string;

  /**
   * A direct (or session-pooled) connection to the primary for what needs a session of its own: the analytics
   * change listener (LISTEN) and the migration lock (pg_advisory_lock). Needed when DATABASE_URL goes through a
   * transaction-pooling proxy such as PgBouncer in transaction mode; DATABASE_URL when unset.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_SESSION_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_SESSION_URL?: string;

  /**
   * Apply pending migrations when an instance starts (under an advisory lock, so several starting together
   * migrate once). `false` when migrations are their own release step (`npm run migrate`); an instance then
   * reports not ready until they have run.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATE_ON_START?: boolean;

  /**
   * Most pooled connections each instance opens to the primary (and as many again to DATABASE_READ_URL when
   * set). The analytics change listener's connection comes on top; see docs/operations.md, "Connections and
   * PgBouncer".
   */
  @Type(() => Number)
  @IsInt()
  @Min(2, { message: 'DATABASE_POOL_MAX must be at least 2' })
  @Max(1000)
  DATABASE_POOL_MAX = 20;

  @IsString()
  @MinLength(1)
  UPSTAND_DATA_DIR = '.data';

  /**
   * Production only: run on the embedded PostgreSQL in UPSTAND_DATA_DIR instead of DATABASE_URL. For a single
   * machine; two instances would each get their own database, so production refuses to start without one of
   * the two.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  UPSTAND_EMBEDDED_DATABASE?: boolean;

  @IsString()
  @MinLength(8)
  @MaxLength(200)
  UPSTAND_DEMO_PASSWORD = 'upstand-demo';

  @IsOptional()
  @IsString()
  UPSTAND_WEB_DIST?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_TTL_HOURS = 12;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /**
   * Which hops may say who the client is (X-Forwarded-For, -Proto), as Express's "trust proxy": `false`, a hop
   * count (`1` for one proxy in front), or a comma-separated list of proxy addresses, CIDR ranges or `loopback`,
   * `linklocal`, `uniquelocal`. `true` trusts every hop, so any client could choose its own address: avoid it.
   */
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: isTrustProxy,
      defaultMessage: () =>
        'TRUST_PROXY must be true, false, a hop count, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal',
    },
  })
  TRUST_PROXY = 'false';

  /** Failed sign-ins per account (from any address) before each further attempt waits, 1 s doubling to 1 min. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_THROTTLE_LIMIT = 5;

  /** Failed sign-ins per client address per window, across accounts (generous: a trust shares one address). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_ADDRESS_LIMIT = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_THROTTLE_TTL_SECONDS = 900;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MaxLength(320)
  MAIL_FROM = 'Upstand <no-reply@upstand.test>';

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(:\d+)?$/, {
    message: 'PUBLIC_BASE_URL must be like https://upstand.example.nhs.uk (no path or trailing slash)',
  })
  PUBLIC_BASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  MAIL_WORKER_INTERVAL_MS = 5000;

  /**
   * Key for hashing self-generated codes in anonymous evaluation (HMAC-SHA256), so someone with only database
   * access cannot test candidate codes. Required in production before a programme uses anonymous mode.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'EVALUATION_CODE_SECRET must be at least 32 characters' })
  EVALUATION_CODE_SECRET?: string;

  /**
   * The disclosure threshold (docs/disclosure-policy.md): survey results of smaller groups, and counts of
   * 1 … threshold − 1 people, are withheld from everyone but programme leads (never below 5).
   */
  @Type(() => Number)
  @IsInt()
  @Min(5, { message: 'SUPPRESSION_THRESHOLD must be at least 5' })
  @Max(100)
  SUPPRESSION_THRESHOLD = 10;

  /**
   * How many impact aggregates are kept in memory until the data behind them changes (0 turns the cache off,
   * e.g. behind a transaction-pooling proxy where LISTEN cannot work).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  ANALYTICS_CACHE_ENTRIES = 200;

  /**
   * Once the data has been quiet this long after a change (and at start-up), the default Impact views are
   * computed in the background so the next viewer finds them ready (0 turns this off).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  ANALYTICS_WARM_AFTER_MS = 60_000;

  /**
   * How often each instance applies the Impact change log to the aggregates (0: only when a report is read, and
   * by `npm run analytics:rebuild`). Instances take turns under one database lock.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  IMPACT_APPLY_INTERVAL_MS = 500;

  /**
   * Longest a report waits for waiting changes to be applied before it reads. With 0 (the default) a report reads
   * the figures as last applied and leaves the applying to the background turns (IMPACT_APPLY_INTERVAL_MS), which
   * show a write within a second or so. Waiting costs every report a turn's time, and starting a turn for every
   * report costs the database more than the turns themselves: while 20 questionnaires a second arrived at
   * national scale, Impact's p95 was 514 ms with a 100 ms wait, 460-475 ms with none but a turn per report, and
   * 273-290 ms left to the background (every submission shown within 0.7 s; bench/results/analytics.md). A wait
   * makes a quiet report include what was written just before it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  IMPACT_READ_WAIT_MS = 0;

  /**
   * Longest a background turn of the Impact applier may sit idle inside its transaction (its process stopped
   * part-way: a frozen event loop, a paused debugger, a machine swapping) before PostgreSQL ends its connection.
   * The turn holds the aggregates lock, so until then every other instance skips its turns and
   * `npm run analytics:rebuild` waits; ended, the turn is rolled back whole and its changes stay in the log for the
   * next turn. A turn's statements follow one another within milliseconds, so seconds of idleness mean it stopped.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  IMPACT_TURN_IDLE_TIMEOUT_MS = 10_000;

  /**
   * Longest a single statement of the background warm-up may run: a warm-up at national scale that would hold a
   * core and a connection for minutes is cancelled and logged instead (viewers then compute on request).
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ANALYTICS_STATEMENT_TIMEOUT_MS = 5_000;

  /**
   * Longest a single statement of a scheduled job (reminders, clean-ups, retention) may run. Generous, as the
   * jobs work in small batches whose statements take milliseconds; it only stops one that has gone wrong.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  JOB_STATEMENT_TIMEOUT_MS = 30_000;

  /**
   * `false` starts no background work at all (no scheduled jobs, no outbox worker, no Impact warm-up): for
   * one-off commands such as `npm run seed:scale` that only need the application to set up the database.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  BACKGROUND_WORK?: boolean;

  /** The organisation that runs this installation: data controller in the privacy notice, named in the footer. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  SERVICE_OWNER_NAME = 'Leicester, Leicestershire and Rutland Integrated Care Board';

  /**
   * A PNG or JPEG of the service owner's logo for the board report and certificates (at most 1 MB). Without it
   * the PDFs carry the NHS identity: the blue NHS lozenge.
   */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  BRANDING_LOGO_PATH?: string;

  /** Where people send data-protection requests and questions (an email address). */
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'SERVICE_OWNER_CONTACT must be an email address' })
  @MaxLength(320)
  SERVICE_OWNER_CONTACT = 'dataprotection@example.nhs.uk';

  /**
   * Single sign-on (OpenID Connect). The issuer exactly as the provider names itself: for Microsoft Entra ID
   * (NHSmail) a pinned tenant, `https://login.microsoftonline.com/<tenant-id>/v2.0`; for NHS CIS2 its issuer URL.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER_URL must be an http(s) URL' })
  @MaxLength(500)
  OIDC_ISSUER_URL?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  OIDC_CLIENT_ID?: string;

  /** client_secret_post; or give OIDC_PRIVATE_KEY instead for private_key_jwt (CIS2). */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  OIDC_CLIENT_SECRET?: string;

  /** A PEM (PKCS#8) or JWK (JSON) private key for private_key_jwt client authentication. */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  OIDC_PRIVATE_KEY?: string;

  /** The key id (`kid`) the provider knows the key by, when OIDC_PRIVATE_KEY is a PEM (a JWK carries its own). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  OIDC_PRIVATE_KEY_ID?: string;

  /** What the sign-in button says: "Sign in with <name>". */
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  OIDC_DISPLAY_NAME = 'single sign-on';

  /** Comma-separated email domains whose staff must use single sign-on (password sign-in is refused). */
  @IsOptional()
  @Matches(/^\s*[a-z0-9.-]+\.[a-z]{2,}\s*(,\s*[a-z0-9.-]+\.[a-z]{2,}\s*)*$/i, {
    message: 'OIDC_REQUIRED_DOMAINS must be a comma-separated list of email domains, e.g. nhs.net',
  })
  OIDC_REQUIRED_DOMAINS?: string;

  @IsString()
  @Matches(/(^|\s)openid(\s|$)/, { message: 'OIDC_SCOPES must include openid' })
  @MaxLength(500)
  OIDC_SCOPES = 'openid email profile';

  /** Tests only: lets the client talk to an http:// provider. Refused in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  OIDC_ALLOW_INSECURE_HTTP?: boolean;

  /**
   * Staff whose grants show person-level data (programme leads, facilitators) must set up a second factor before
   * they can do anything else after a password sign-in. Single sign-on is exempt: the provider does MFA.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  MFA_REQUIRED_FOR_STAFF?: boolean;

  /**
   * Key (32+ characters) to encrypt TOTP secrets at rest (AES-256-GCM). Without it secrets are stored as they are
   * (never returned after set-up) and the API warns at start-up; set it in production.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MFA_ENCRYPTION_KEY must be at least 32 characters' })
  MFA_ENCRYPTION_KEY?: string;

  /**
   * Years after a delegate's journey ends before their person-level data is anonymised as an erasure does. The
   * default follows the NHS Records Management Code of Practice for staff training records; see README.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  RETENTION_YEARS = 6;

  /** Days a sent (or undeliverable) email is kept in the outbox before it is deleted. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  SENT_EMAIL_RETENTION_DAYS = 365;

  /** Years an audit event is kept: at least as long as the person-level data it is about (RETENTION_YEARS). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  AUDIT_RETENTION_YEARS = 7;
}

/** Single sign-on settings, when configured (see EnvironmentVariables.OIDC_*). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Exactly one of clientSecret and privateKey. */
  clientSecret: string | null;
  privateKey: string | null;
  privateKeyId: string | null;
  displayName: string;
  scopes: string;
  allowInsecureHttp: boolean;
}

const ENTRA_HOST = 'login.microsoftonline.com';
const ENTRA_SHARED_TENANTS = ['common', 'organizations', 'consumers'];

/** Cross-field rules for single sign-on: complete, one client authentication, a pinned Entra tenant. */
function oidcProblems(vars: EnvironmentVariables): string[] {
  const problems: string[] = [];
  const anySet = [
    vars.OIDC_ISSUER_URL,
    vars.OIDC_CLIENT_ID,
    vars.OIDC_CLIENT_SECRET,
    vars.OIDC_PRIVATE_KEY,
  ].some((value) => value !== undefined);
  if (vars.OIDC_ALLOW_INSECURE_HTTP && vars.NODE_ENV === 'production')
    problems.push('OIDC_ALLOW_INSECURE_HTTP is for tests only and is refused when NODE_ENV=production');
  if (!anySet) {
    if (vars.OIDC_REQUIRED_DOMAINS)
      problems.push(
        'OIDC_REQUIRED_DOMAINS needs single sign-on configured (OIDC_ISSUER_URL, OIDC_CLIENT_ID)',
      );
    return problems;
  }
  if (!vars.OIDC_ISSUER_URL) problems.push('OIDC_ISSUER_URL is required when single sign-on is configured');
  if (!vars.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is required when single sign-on is configured');
  if (!vars.OIDC_CLIENT_SECRET === !vars.OIDC_PRIVATE_KEY)
    problems.push('Set exactly one of OIDC_CLIENT_SECRET and OIDC_PRIVATE_KEY');
  if (vars.OIDC_ISSUER_URL) {
    const issuer = new URL(vars.OIDC_ISSUER_URL);
    if (issuer.protocol !== 'https:' && !vars.OIDC_ALLOW_INSECURE_HTTP)
      problems.push('OIDC_ISSUER_URL must be https');
    // Entra's shared endpoints issue tokens for any tenant: only a pinned tenant limits who can sign in.
    const tenant = issuer.pathname.split('/')[1] ?? '';
    if (issuer.hostname === ENTRA_HOST && (ENTRA_SHARED_TENANTS.includes(tenant.toLowerCase()) || !tenant))
      problems.push(
        'OIDC_ISSUER_URL must pin your Entra ID tenant: https://login.microsoftonline.com/<tenant-id>/v2.0',
      );
  }
  return problems;
}

/**
 * What production must not run without: each of these has a quiet fallback that is right for a laptop and wrong
 * for a trust (an embedded database per instance, mail kept instead of sent, links to http://localhost, TOTP
 * secrets stored unencrypted).
 */
/** A replica or session connection describes DATABASE_URL's server: without it they would point at nothing known. */
function databaseProblems(vars: EnvironmentVariables): string[] {
  if (vars.DATABASE_URL) return [];
  return (['DATABASE_READ_URL', 'DATABASE_SESSION_URL'] as const)
    .filter((name) => vars[name])
    .map(
      (name) => `${name} needs DATABASE_URL (the primary it belongs to); the embedded database has neither`,
    );
}

function productionProblems(vars: EnvironmentVariables): string[] {
  if (vars.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!vars.DATABASE_URL && !vars.UPSTAND_EMBEDDED_DATABASE)
    problems.push(
      'DATABASE_URL is required when NODE_ENV=production (or set UPSTAND_EMBEDDED_DATABASE=true to run one instance on the embedded PostgreSQL)',
    );
  if (!vars.PUBLIC_BASE_URL)
    problems.push(
      'PUBLIC_BASE_URL is required when NODE_ENV=production: the https:// address people use, for links in emails',
    );
  else if (!vars.PUBLIC_BASE_URL.startsWith('https://'))
    problems.push(`PUBLIC_BASE_URL must be https when NODE_ENV=production (got "${vars.PUBLIC_BASE_URL}")`);
  if (!vars.SMTP_URL)
    problems.push('SMTP_URL is required when NODE_ENV=production: without it emails are kept, never sent');
  if (!vars.MFA_ENCRYPTION_KEY)
    problems.push(
      'MFA_ENCRYPTION_KEY is required when NODE_ENV=production: it encrypts authenticator secrets at rest',
    );
  return problems;
}

/** The most bytes a BRANDING_LOGO_PATH image may have: it is embedded in every PDF. */
export const BRANDING_LOGO_MAX_BYTES = 1024 * 1024;

/** The logo as embedded in PDFs, or null for the NHS lozenge. */
export interface BrandingLogo {
  path: string;
  data: Buffer;
}

/** Reads BRANDING_LOGO_PATH once at start-up: a readable PNG or JPEG within the size limit, or a problem. */
function readLogo(path: string): { logo: BrandingLogo } | { problem: string } {
  const absolute = resolve(path);
  let data: Buffer;
  try {
    if (!statSync(absolute).isFile()) return { problem: `BRANDING_LOGO_PATH is not a file (got "${path}")` };
    if (statSync(absolute).size > BRANDING_LOGO_MAX_BYTES)
      return { problem: `BRANDING_LOGO_PATH must be at most 1 MB (got "${path}")` };
    data = readFileSync(absolute);
  } catch (error) {
    return {
      problem: `BRANDING_LOGO_PATH cannot be read (got "${path}"): ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    };
  }
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  if (!png && !jpeg) return { problem: `BRANDING_LOGO_PATH must be a PNG or JPEG image (got "${path}")` };
  return { logo: { path: absolute, data } };
}

export interface AppConfig {
  env: NodeEnv;
  isProduction: boolean;
  http: { port: number; host: string; trustProxy: boolean | number | string[] };
  database: {
    url: string | null;
    /** A streaming replica for Impact reports, exports and calendar feeds (null: everything reads the primary). */
    readUrl: string | null;
    /** A session-capable connection for LISTEN and advisory locks (null: the primary's URL). */
    sessionUrl: string | null;
    dataDir: string;
    poolMax: number;
    migrateOnStart: boolean;
  };
  demo: { password: string };
  session: { ttlHours: number; cookieSecure: boolean | 'auto' };
  loginThrottle: { limit: number; addressLimit: number; ttlSeconds: number };
  log: { level: LogLevel };
  web: { distDir: string | null };
  mail: { smtpUrl: string | null; from: string; workerIntervalMs: number };
  /** Base of links in emails and calendar feeds */
  publicBaseUrl: string;
  analytics: {
    suppressionThreshold: number;
    cacheEntries: number;
    warmAfterMs: number;
    applyIntervalMs: number;
    readWaitMs: number;
    turnIdleTimeoutMs: number;
    statementTimeoutMs: number;
  };
  /** Scheduled jobs, the outbox worker and the warm-up (off for one-off commands); see BackgroundWork. */
  background: { enabled: boolean; jobStatementTimeoutMs: number };
  evaluation: { codeSecret: string | null };
  /** Data controller, named in the footer and the privacy notice. */
  serviceOwner: { name: string; contact: string };
  /** What the PDFs carry: the service owner's name and logo (null: the NHS lozenge). */
  branding: { organisationName: string; logo: BrandingLogo | null };
  /** Single sign-on, or null when not configured. */
  oidc: OidcConfig | null;
  /** Email domains (lower case) whose staff must use single sign-on. */
  ssoRequiredDomains: string[];
  mfa: { requiredForStaff: boolean; encryptionKey: string | null };
  /** How long person-level data, sent emails and audit events are kept (the retention job). */
  retention: { years: number; sentEmailDays: number; auditYears: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Every variable the schema reads (those without a default are not own keys of a new instance). */
export const KNOWN_VARIABLES = Object.keys(new EnvironmentVariables()).concat([
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'DATABASE_SESSION_URL',
  'UPSTAND_WEB_DIST',
  'COOKIE_SECURE',
  'SMTP_URL',
  'PUBLIC_BASE_URL',
  'EVALUATION_CODE_SECRET',
  'OIDC_ISSUER_URL',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_PRIVATE_KEY',
  'OIDC_PRIVATE_KEY_ID',
  'OIDC_REQUIRED_DOMAINS',
  'OIDC_ALLOW_INSECURE_HTTP',
  'MFA_REQUIRED_FOR_STAFF',
  'MFA_ENCRYPTION_KEY',
  'BRANDING_LOGO_PATH',
  'UPSTAND_EMBEDDED_DATABASE',
  'MIGRATE_ON_START',
  'BACKGROUND_WORK',
]);

/** Reads and validates the environment once; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const name of KNOWN_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const vars = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: true });
  const logo = errors.length === 0 && vars.BRANDING_LOGO_PATH ? readLogo(vars.BRANDING_LOGO_PATH) : null;
  const crossField =
    errors.length === 0
      ? [
          ...productionProblems(vars),
          ...databaseProblems(vars),
          ...oidcProblems(vars),
          ...(logo && 'problem' in logo ? [logo.problem] : []),
        ]
      : [];
  if (crossField.length > 0) throw new ConfigError(crossField);
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map((message) =>
          message.startsWith(error.property)
            ? `${message} (got "${String(raw[error.property])}")`
            : `${error.property}: ${message}`,
        ),
      ),
    );
  }
  return {
    env: vars.NODE_ENV,
    isProduction: vars.NODE_ENV === 'production',
    http: { port: vars.PORT, host: vars.HOST, trustProxy: trustProxySetting(vars.TRUST_PROXY) },
    database: {
      url: vars.DATABASE_URL ?? null,
      readUrl: vars.DATABASE_READ_URL ?? null,
      sessionUrl: vars.DATABASE_SESSION_URL ?? null,
      dataDir: resolve(vars.UPSTAND_DATA_DIR),
      poolMax: vars.DATABASE_POOL_MAX,
      migrateOnStart: vars.MIGRATE_ON_START ?? true,
    },
    demo: { password: vars.UPSTAND_DEMO_PASSWORD },
    session: { ttlHours: vars.SESSION_TTL_HOURS, cookieSecure: vars.COOKIE_SECURE ?? 'auto' },
    loginThrottle: {
      limit: vars.LOGIN_THROTTLE_LIMIT,
      addressLimit: vars.LOGIN_ADDRESS_LIMIT,
      ttlSeconds: vars.LOGIN_THROTTLE_TTL_SECONDS,
    },
    log: { level: vars.LOG_LEVEL },
    web: { distDir: vars.UPSTAND_WEB_DIST ? resolve(vars.UPSTAND_WEB_DIST) : null },
    mail: {
      smtpUrl: vars.SMTP_URL ?? null,
      from: vars.MAIL_FROM,
      workerIntervalMs: vars.MAIL_WORKER_INTERVAL_MS,
    },
    publicBaseUrl: vars.PUBLIC_BASE_URL ?? `http://localhost:${vars.PORT}`,
    analytics: {
      suppressionThreshold: vars.SUPPRESSION_THRESHOLD,
      cacheEntries: vars.ANALYTICS_CACHE_ENTRIES,
      warmAfterMs: vars.ANALYTICS_WARM_AFTER_MS,
      applyIntervalMs: vars.IMPACT_APPLY_INTERVAL_MS,
      readWaitMs: vars.IMPACT_READ_WAIT_MS,
      turnIdleTimeoutMs: vars.IMPACT_TURN_IDLE_TIMEOUT_MS,
      statementTimeoutMs: vars.ANALYTICS_STATEMENT_TIMEOUT_MS,
    },
    background: {
      enabled: vars.BACKGROUND_WORK ?? true,
      jobStatementTimeoutMs: vars.JOB_STATEMENT_TIMEOUT_MS,
    },
    evaluation: { codeSecret: vars.EVALUATION_CODE_SECRET ?? null },
    serviceOwner: { name: vars.SERVICE_OWNER_NAME, contact: vars.SERVICE_OWNER_CONTACT },
    branding: { organisationName: vars.SERVICE_OWNER_NAME, logo: logo && 'logo' in logo ? logo.logo : null },
    oidc:
      vars.OIDC_ISSUER_URL && vars.OIDC_CLIENT_ID
        ? {
            issuer: vars.OIDC_ISSUER_URL,
            clientId: vars.OIDC_CLIENT_ID,
            clientSecret: vars.OIDC_CLIENT_SECRET ?? null,
            privateKey: vars.OIDC_PRIVATE_KEY ?? null,
            privateKeyId: vars.OIDC_PRIVATE_KEY_ID ?? null,
            displayName: vars.OIDC_DISPLAY_NAME,
            scopes: vars.OIDC_SCOPES.trim().split(/\s+/).join(' '),
            allowInsecureHttp: vars.OIDC_ALLOW_INSECURE_HTTP ?? false,
          }
        : null,
    ssoRequiredDomains: (vars.OIDC_REQUIRED_DOMAINS ?? '')
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter((domain) => domain !== ''),
    mfa: {
      requiredForStaff: vars.MFA_REQUIRED_FOR_STAFF ?? false,
      encryptionKey: vars.MFA_ENCRYPTION_KEY ?? null,
    },
    retention: {
      years: vars.RETENTION_YEARS,
      sentEmailDays: vars.SENT_EMAIL_RETENTION_DAYS,
      auditYears: vars.AUDIT_RETENTION_YEARS,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
