/**
 * `npm run user:create -- --email lead@trust.nhs.uk --name "Jo Bloggs" --role programme-lead [--role steering]
 *   [--organisation RWE] [--password-stdin] [--reset-password] [--database-url postgres://…] [--data-dir .data]`
 *
 * Creates a user (or adds roles to an existing one), see create-user.ts. Connects to DATABASE_URL / --database-url,
 * or else to the embedded PostgreSQL in UPSTAND_DATA_DIR / --data-dir (the one Upstand is using if it is running),
 * and runs pending migrations first. The password is generated and printed once, or read from standard input with
 * --password-stdin; never from the command line, where other users of the machine could see it.
 */
import 'reflect-metadata';
import { randomBytes } from 'crypto';
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { createInterface } from 'readline';
import { Writable } from 'stream';
import { checkCreateUserInput, createUser, CreateUserError, CreateUserResult } from './create-user';
import { startEmbeddedPostgres } from './embedded-database';
import { createDataSource, runMigrations } from './migrate';

interface Arguments {
  email: string;
  fullName: string;
  roles: string[];
  organisationOdsCode: string | null;
  scope: string | null;
  passwordFromStdin: boolean;
  resetPassword: boolean;
  databaseUrl: string | null;
  dataDir: string;
}

const USAGE = `Usage: npm run user:create -- --email <email> --name "<full name>" --role <role> [--role <role> …]
       [--organisation <ODS code>] [--scope region:Y60|system:<ICB ODS code>] [--password-stdin] [--reset-password]
       [--database-url postgres://…] [--data-dir <dir>]`;

/** Exit status for bad input, told apart from a failure to reach the database (1). */
const USAGE_ERROR = 2;

function parseArguments(argv: string[]): Arguments {
  const result: Arguments = {
    email: '',
    fullName: '',
    roles: [],
    organisationOdsCode: null,
    scope: null,
    passwordFromStdin: false,
    resetPassword: false,
    databaseUrl: process.env['DATABASE_URL'] || null,
    dataDir: resolve(process.env['UPSTAND_DATA_DIR'] || '.data'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const text = inline ?? argv[++i];
      if (text === undefined || (inline === undefined && text.startsWith('--')))
        throw new CreateUserError(flag, `${flag} needs a value`);
      return text;
    };
    if (flag === '--email') result.email = value();
    else if (flag === '--name') result.fullName = value();
    else if (flag === '--role') result.roles.push(value());
    else if (flag === '--organisation') result.organisationOdsCode = value();
    else if (flag === '--scope') result.scope = value();
    else if (flag === '--password-stdin') result.passwordFromStdin = true;
    else if (flag === '--reset-password') result.resetPassword = true;
    else if (flag === '--database-url') result.databaseUrl = value();
    else if (flag === '--data-dir') result.dataDir = resolve(value());
    else if (flag === '--password')
      throw new CreateUserError(
        flag,
        'a password on the command line is visible to others: use --password-stdin',
      );
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new CreateUserError(flag, `unknown option ${flag}`);
  }
  if (!result.email) throw new CreateUserError('--email', '--email is required');
  if (!result.fullName) throw new CreateUserError('--name', '--name is required');
  if (result.databaseUrl && !/^postgres(ql)?:\/\/\S+$/.test(result.databaseUrl))
    throw new CreateUserError(
      '--database-url',
      'the database URL must be a postgres:// or postgresql:// URL',
    );
  return result;
}

/** Reads the password: the first line typed (not echoed) on a terminal, or the whole of piped input. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const prompt = createInterface({ input: process.stdin, output: silent, terminal: true });
    process.stderr.write('Password (not shown): ');
    try {
      return await new Promise<string>((done) => {
        prompt.once('line', done);
        prompt.once('SIGINT', () => {
          process.stderr.write('\n');
          process.exit(130);
        });
      });
    } finally {
      prompt.close();
      process.stderr.write('\n');
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const isProcessAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded server already running on this data directory (Upstand itself, usually), if any. Starting our own
 * would stop that one as a leftover, taking the live application's database away.
 */
function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  const passwordFile = join(dataDir, 'postgres-password');
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isProcessAlive(pid)) return null;
  const password = readFileSync(passwordFile, 'utf8').trim();
  return `postgres://upstand:${encodeURIComponent(password)}@127.0.0.1:${port}/upstand`;
}

function report(result: CreateUserResult, generatedPassword: string | null): void {
  if (result.created) console.log(`Created ${result.email} (user ${result.userId}).`);
  else console.log(`${result.email} already exists (user ${result.userId}).`);
  console.log(
    result.rolesAdded.length > 0
      ? `Roles granted: ${result.rolesAdded.join(', ')}.`
      : 'No roles granted: the user already held every role asked for.',
  );
  if (result.passwordSet && generatedPassword) {
    console.log('\nPassword (shown only this once; hand it over securely):\n');
    console.log(`  ${generatedPassword}\n`);
  } else if (result.passwordSet) console.log('Password set from standard input.');
  else console.log('Password unchanged (--reset-password replaces it).');
  if (!result.created && result.passwordSet)
    console.log('Every existing sign-in of this user has been ended.');
  if (result.disabled) console.warn('Warning: this account is disabled, so it cannot sign in.');
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const generatedPassword = args.passwordFromStdin ? null : randomBytes(18).toString('base64url');
  const password = generatedPassword ?? (await readPassword());
  const input = {
    email: args.email,
    fullName: args.fullName,
    roles: args.roles,
    organisationOdsCode: args.organisationOdsCode,
    scope: args.scope,
    password,
    resetPassword: args.resetPassword,
  };
  checkCreateUserInput(input); // before starting a database, so a typo fails at once

  const logger = {
    log: (message: string) => console.error(message),
    warn: (message: string) => console.error(message),
  };
  let stopDatabase = async (): Promise<void> => undefined;
  let url = args.databaseUrl ?? runningEmbeddedUrl(args.dataDir);
  if (url && !args.databaseUrl)
    console.error(`Using the embedded PostgreSQL already running on ${args.dataDir}`);
  if (!url) {
    const embedded = await startEmbeddedPostgres(args.dataDir, logger);
    stopDatabase = () => embedded.stop();
    url = embedded.url;
  }
  try {
    const applied = await runMigrations(url);
    if (applied.length > 0) console.error(`Applied ${applied.length} migration(s)`);
    const dataSource = await createDataSource(url).initialize();
    try {
      report(await createUser(dataSource, input), generatedPassword);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await stopDatabase();
  }
}

main().catch((error: unknown) => {
  if (error instanceof CreateUserError) {
    console.error(`user:create: ${error.option}: ${error.message}\n${USAGE}`);
    process.exit(USAGE_ERROR);
  }
  console.error(`user:create failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
