/**
 * The configuration reference (README "Configuration" and docs/operations.md), kept beside the schema it describes.
 * `npm run docs:config` writes the table into both documents; config-reference.spec.ts fails when a variable the
 * schema reads is missing here, when one listed here is not read, when a default written here differs from the
 * schema's, or when either document's table differs from this. Defaults come from EnvironmentVariables itself;
 * `defaultText` is only for variables without one there.
 */
export interface ConfigReferenceEntry {
  name: string;
  /** Shown as the default when the schema has none (— for "not set"). */
  defaultText?: string;
  /** Markdown; no `|`. */
  meaning: string;
}

export const CONFIG_REFERENCE: readonly ConfigReferenceEntry[] = [
  {
    name: 'PORT',
    meaning: 'HTTP port',
  },
  {
    name: 'HOST',
    meaning: 'Interface to listen on (`0.0.0.0` in a container)',
  },
  {
    name: 'NODE_ENV',
    meaning: '`development`, `test` or `production` (production never seeds demo users)',
  },
  {
    name: 'DATABASE_URL',
    defaultText: '—',
    meaning: '`postgres://…` of an external PostgreSQL; when set nothing embedded starts',
  },
  {
    name: 'DATABASE_READ_URL',
    defaultText: '—',
    meaning:
      '`postgres://…` of a streaming replica of `DATABASE_URL`: Impact reports, exports and the public calendar feed read it, everything else reads the primary; with it set the Impact aggregate cache is off (see "Read replica")',
  },
  {
    name: 'DATABASE_SESSION_URL',
    defaultText: '`DATABASE_URL`',
    meaning:
      '`postgres://…` of the primary reached directly or through a session-mode pool, for the analytics change listener (LISTEN) and the migration lock; set it when `DATABASE_URL` goes through PgBouncer in transaction mode (see "Connections and PgBouncer")',
  },
  {
    name: 'MIGRATE_ON_START',
    defaultText: '`true`',
    meaning:
      'Apply pending migrations when an instance starts (under an advisory lock). `false` when `npm run migrate` (`node api/migrate.js` in a build) is its own release step; an unmigrated instance then refuses to start, naming the migrations',
  },
  {
    name: 'DATABASE_POOL_MAX',
    meaning:
      'Most pooled PostgreSQL connections per instance (at least 2), and as many again to `DATABASE_READ_URL` when set; the analytics change listener holds one more while the cache is on. The server needs instances × (this + 1), plus room for migrations and backups',
  },
  {
    name: 'UPSTAND_DATA_DIR',
    meaning: 'Where the embedded PostgreSQL keeps its data',
  },
  {
    name: 'UPSTAND_EMBEDDED_DATABASE',
    defaultText: '—',
    meaning: 'Production only: `true` runs one instance on the embedded PostgreSQL instead of `DATABASE_URL`',
  },
  {
    name: 'UPSTAND_DEMO_PASSWORD',
    meaning: 'Password of the demo users (8–200 characters)',
  },
  {
    name: 'UPSTAND_WEB_DIST',
    defaultText: '`dist/web/browser`',
    meaning: 'Built web app to serve',
  },
  {
    name: 'SESSION_TTL_HOURS',
    meaning: 'How long a sign-in lasts',
  },
  {
    name: 'COOKIE_SECURE',
    defaultText: 'auto',
    meaning: '`true`/`false`; by default cookies are `Secure` when the request came over HTTPS',
  },
  {
    name: 'TRUST_PROXY',
    meaning:
      'Which hops may say who the client is (`X-Forwarded-For`/`-Proto`), as Express\'s "trust proxy": `1` for one proxy in front (a hop count), or a comma-separated list of proxy addresses and CIDR ranges (`loopback`, `uniquelocal` allowed). `true` trusts every hop, so clients could pick their own address for the throttles: avoid it',
  },
  {
    name: 'LOGIN_THROTTLE_LIMIT',
    meaning:
      'Failed sign-ins per account (from any address) before each further attempt waits 1 s, doubling to at most 1 minute; also the failures a browser that signed in to the account before may make before it waits like any other',
  },
  {
    name: 'LOGIN_ADDRESS_LIMIT',
    meaning:
      "Failed sign-ins per client address per window across all accounts, then 429 (generous: a trust's staff share outgoing addresses)",
  },
  {
    name: 'LOGIN_THROTTLE_TTL_SECONDS',
    meaning: 'The window over which failed sign-ins are remembered',
  },
  {
    name: 'LOG_LEVEL',
    meaning: 'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`',
  },
  {
    name: 'SMTP_URL',
    defaultText: '—',
    meaning:
      '`smtp://user:pass@host:587` (or `smtps://`); required in production; without it (development), mail is kept in the in-app demo mailbox (leads: Mailbox)',
  },
  {
    name: 'MAIL_FROM',
    meaning: 'Sender of every email',
  },
  {
    name: 'PUBLIC_BASE_URL',
    defaultText: '`http://localhost:$PORT`',
    meaning: 'Base of links in emails and calendar feeds, e.g. `https://upstand.example.nhs.uk`',
  },
  {
    name: 'MAIL_WORKER_INTERVAL_MS',
    meaning: 'How often the outbox is sent (0 turns the worker off)',
  },
  {
    name: 'EVALUATION_CODE_SECRET',
    defaultText: '—',
    meaning:
      'At least 32 characters; self-generated codes (anonymous evaluation) are stored as an HMAC under it. Required in production before a programme switches anonymous mode on; changing it later stops new answers pairing with earlier ones',
  },
  {
    name: 'SUPPRESSION_THRESHOLD',
    meaning: 'Counts of 1 … threshold − 1 people are withheld from everyone but programme leads (minimum 5)',
  },
  {
    name: 'ANALYTICS_CACHE_ENTRIES',
    meaning:
      'Impact aggregates kept in memory until the data behind them changes (PostgreSQL LISTEN/NOTIFY and a change counter); `0` turns it off, e.g. behind a transaction-pooling proxy',
  },
  {
    name: 'ANALYTICS_WARM_AFTER_MS',
    meaning:
      "Once the data has been quiet this long after a change (and after start-up), each programme's unfiltered Impact reports are computed in the background for leads and the steering group; `0` turns it off",
  },
  {
    name: 'IMPACT_APPLY_INTERVAL_MS',
    meaning:
      'How often each instance applies new answers, places and attendance to the Impact aggregates (instances take turns under a database lock; with `IMPACT_READ_WAIT_MS` set, a report also starts a turn); `0` leaves it to reports and `npm run analytics:rebuild`',
  },
  {
    name: 'IMPACT_READ_WAIT_MS',
    meaning:
      'Longest a report waits for new answers, places and attendance to be applied before it reads; `0` reads the figures as last applied and leaves applying to the background turns (a write shows within a second or so); with a wait, a quiet report includes what was written just before it',
  },
  {
    name: 'IMPACT_TURN_IDLE_TIMEOUT_MS',
    meaning:
      "Longest a turn of the Impact applier may sit idle in its transaction (its instance stopped part-way) before PostgreSQL ends its connection, releasing the lock the other instances' turns and `npm run analytics:rebuild` wait for; the turn is rolled back and applied again later",
  },
  {
    name: 'ANALYTICS_STATEMENT_TIMEOUT_MS',
    meaning:
      'Longest one statement of the background Impact warm-up may run before it is cancelled and logged (viewers then compute on request); bounds what the application runs by itself at national scale',
  },
  {
    name: 'JOB_STATEMENT_TIMEOUT_MS',
    meaning:
      'Longest one statement of a scheduled job (reminders, clean-ups, retention) may run; the jobs work in small batches, so this only stops one that has gone wrong',
  },
  {
    name: 'BACKGROUND_WORK',
    defaultText: '`true`',
    meaning:
      '`false` starts no scheduled jobs, outbox worker or Impact warm-up, for one-off commands that only set up the database (`npm run seed:scale` sets it)',
  },
  {
    name: 'SERVICE_OWNER_NAME',
    meaning:
      "The organisation running this installation (default: Leicester, Leicestershire and Rutland Integrated Care Board): the data controller in the privacy notice, named in every page's footer",
  },
  {
    name: 'BRANDING_LOGO_PATH',
    defaultText: 'none: the NHS lozenge',
    meaning:
      "A PNG or JPEG (at most 1 MB) of the service owner's logo for the board report and certificates, checked at start-up; without it both carry the NHS identity (the blue NHS lozenge) beside SERVICE_OWNER_NAME",
  },
  {
    name: 'SERVICE_OWNER_CONTACT',
    meaning:
      'Email address for data-protection requests, shown in the privacy notice; the default is a placeholder, set your own',
  },
  {
    name: 'OIDC_ISSUER_URL',
    defaultText: '—',
    meaning:
      'Single sign-on (OpenID Connect): the provider\'s issuer, exactly as it names itself. Entra ID (NHSmail): `https://login.microsoftonline.com/<tenant-id>/v2.0` (a pinned tenant; `common`/`organizations` are refused). See "Single sign-on" below',
  },
  {
    name: 'OIDC_CLIENT_ID',
    defaultText: '—',
    meaning: 'The client (application) id registered at the provider; required with `OIDC_ISSUER_URL`',
  },
  {
    name: 'OIDC_CLIENT_SECRET',
    defaultText: '—',
    meaning: 'Client secret (sent as `client_secret_post`); or give `OIDC_PRIVATE_KEY` instead, never both',
  },
  {
    name: 'OIDC_PRIVATE_KEY',
    defaultText: '—',
    meaning:
      'PEM (PKCS#8/PKCS#1) or JWK private key for `private_key_jwt` (NHS CIS2). RSA keys sign RS512, EC P-256 keys ES256',
  },
  {
    name: 'OIDC_PRIVATE_KEY_ID',
    defaultText: '—',
    meaning: "The `kid` the provider knows that key by (a JWK's own `kid` is used otherwise)",
  },
  {
    name: 'OIDC_DISPLAY_NAME',
    meaning: 'The button says "Sign in with …", e.g. `NHSmail` or `NHS Care Identity`',
  },
  {
    name: 'OIDC_SCOPES',
    meaning: 'Scopes asked for (must include `openid`)',
  },
  {
    name: 'OIDC_REQUIRED_DOMAINS',
    defaultText: '—',
    meaning:
      'Comma-separated email domains (e.g. `nhs.net`) whose staff must use single sign-on: once an account is linked, password sign-in is refused with a message pointing to the button (an account made before its first single sign-on, e.g. by an invitation, signs in with its password once to link)',
  },
  {
    name: 'OIDC_ALLOW_INSECURE_HTTP',
    defaultText: '`false`',
    meaning: 'Tests only: lets the client talk to an `http://` provider. Refused with `NODE_ENV=production`',
  },
  {
    name: 'MFA_REQUIRED_FOR_STAFF',
    defaultText: '`false`',
    meaning:
      '`true`: programme leads, facilitators and sponsors who sign in with a password must set up two-step verification before anything else (single sign-on sessions are exempt)',
  },
  {
    name: 'MFA_ENCRYPTION_KEY',
    defaultText: '—',
    meaning:
      'At least 32 characters; encrypts TOTP secrets at rest (AES-256-GCM). Required in production; without it (development) they are stored unencrypted. Keep it (secrets set up under it cannot be read without it)',
  },
  {
    name: 'RETENTION_YEARS',
    meaning:
      "Years after a delegate's journey ends before their person-level data is anonymised as an erasure does (see Data protection)",
  },
  {
    name: 'SENT_EMAIL_RETENTION_DAYS',
    meaning:
      'Days a sent (or kept, dropped, failed) email stays in the outbox before the nightly job deletes it',
  },
  {
    name: 'AUDIT_RETENTION_YEARS',
    meaning: 'Years an audit event is kept before the nightly job deletes it',
  },
];

const MARK_START =
  '<!-- config-reference:start (generated by `npm run docs:config`; edit api/src/config/config-reference.ts) -->';
const MARK_END = '<!-- config-reference:end -->';

/** The default as documented: the schema's own where it has one, else the entry's text. */
export function documentedDefault(
  entry: ConfigReferenceEntry,
  schemaDefaults: Record<string, unknown>,
): string {
  const value = schemaDefaults[entry.name];
  return value === undefined ? (entry.defaultText ?? '—') : `\`${String(value)}\``;
}

/** The Markdown table, padded as Prettier pads it, between its markers. */
export function renderConfigReference(schemaDefaults: Record<string, unknown>): string {
  const rows = CONFIG_REFERENCE.map((entry) => [
    `\`${entry.name}\``,
    documentedDefault(entry, schemaDefaults),
    entry.meaning,
  ]);
  const header = ['Variable', 'Default', 'Meaning'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => [...(row[column] as string)].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat((widths[column] as number) - [...cell].length)).join(' | ')} |`;
  return [
    MARK_START,
    '',
    line(header),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.map(line),
    '',
    MARK_END,
  ].join('\n');
}

/** The document with its generated table replaced; throws if the markers are missing. */
export function withConfigReference(document: string, table: string): string {
  const start = document.indexOf(MARK_START);
  const end = document.indexOf(MARK_END);
  if (start < 0 || end < start) throw new Error('config-reference markers not found');
  return document.slice(0, start) + table + document.slice(end + MARK_END.length);
}
