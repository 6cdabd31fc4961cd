import { execFile, execFileSync } from 'child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { promisify } from 'util';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 server binaries (package postgresql-15), which CI installs. */
export const PG_BIN = process.env['UPSTAND_TEST_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

/**
 * Fails (never skips) when the server binaries are missing: a replica test that quietly did not run would
 * look like a passing one.
 */
export function requirePostgresBinaries(): void {
  const missing = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].filter(
    (name) => !existsSync(join(PG_BIN, name)),
  );
  if (missing.length > 0)
    throw new Error(
      `PostgreSQL server binaries not found in ${PG_BIN} (missing ${missing.join(', ')}): install Debian's ` +
        'postgresql-15 (apt-get install -y postgresql-15) or set UPSTAND_TEST_PG_BIN to their folder',
    );
}

/** One PostgreSQL server started from the binaries in a temporary folder, on 127.0.0.1 with trust auth. */
export interface PgServer {
  port: number;
  dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Runs one statement on a short-lived connection. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<T[]>;
}

/**
 * A primary and its streaming replicas in one temporary folder, all run as the `postgres` user (PostgreSQL refuses
 * to run as root, and CI runs as root). `destroy()` stops every server at once (immediate mode) and deletes the
 * folder; call it in afterAll, also when starting failed half-way.
 */
export class PgClusters {
  private readonly root: string;
  private readonly started: PgServer[] = [];
  private readonly owner: { uid: number; gid: number } | null;

  constructor() {
    requirePostgresBinaries();
    this.root = mkdtempSync(join(tmpdir(), 'upstand-pg-'));
    this.owner = process.getuid?.() === 0 ? postgresUser() : null;
    if (this.owner) chownSync(this.root, this.owner.uid, this.owner.gid);
  }

  /** A new primary ready for streaming replication (wal_level=replica, replication allowed from 127.0.0.1). */
  async primary(port: number): Promise<PgServer> {
    const dataDir = join(this.root, `primary-${port}`);
    await this.asPostgres(join(PG_BIN, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${this.root}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'hot_standby = on',
        // A test server: speed over durability (its folder is deleted afterwards anyway).
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    appendFileSync(join(dataDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    return this.start(dataDir, port);
  }

  /** A hot standby of `primary`, cloned with pg_basebackup -R (which writes primary_conninfo and standby.signal). */
  async replica(primary: PgServer, port: number): Promise<PgServer> {
    const dataDir = join(this.root, `replica-${port}`);
    await this.asPostgres(join(PG_BIN, 'pg_basebackup'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    appendFileSync(join(dataDir, 'postgresql.auto.conf'), `port = ${port}\n`);
    return this.start(dataDir, port);
  }

  /** Stops every server without waiting for clients (immediate mode) and deletes the folder. */
  async destroy(): Promise<void> {
    for (const server of this.started.reverse())
      await this.asPostgres(join(PG_BIN, 'pg_ctl'), [
        '-D',
        server.dataDir,
        'stop',
        '-m',
        'immediate',
        '-w',
      ]).catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }

  private async start(dataDir: string, port: number): Promise<PgServer> {
    const log = join(this.root, `${port}.log`);
    writeFileSync(log, '');
    if (this.owner) chownSync(log, this.owner.uid, this.owner.gid);
    const server: PgServer = {
      port,
      dataDir,
      url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
      query: async (sql, params, database) => {
        const client = new Client({ connectionString: server.url(database) });
        await client.connect();
        try {
          return (await client.query(sql, params)).rows;
        } finally {
          await client.end();
        }
      },
    };
    this.started.push(server);
    await this.asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-l', log, '-w', '-t', '30', 'start']);
    return server;
  }

  private async asPostgres(command: string, args: string[]): Promise<void> {
    const [file, argv] = this.owner
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    try {
      await run(file, argv, { cwd: this.root, timeout: 60_000 });
    } catch (error) {
      const failure = error as Error & { stderr?: string; stdout?: string };
      throw new Error(
        `${command} ${args.join(' ')} failed: ${failure.stderr || failure.stdout || failure.message}`,
      );
    }
  }
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error('Running as root, PostgreSQL must run as the `postgres` user, which does not exist here');
  }
}

/** Waits until `replica` has replayed everything `primary` has written so far (or fails after `withinMs`). */
export async function caughtUp(primary: PgServer, replica: PgServer, withinMs = 10_000): Promise<void> {
  const [{ lsn }] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const deadline = Date.now() + withinMs;
  for (;;) {
    const [{ done }] = await replica.query<{ done: boolean }>(
      'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
      [lsn],
    );
    if (done) return;
    if (Date.now() > deadline)
      throw new Error(`The replica did not replay up to ${lsn} within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Ports for test servers: UPSTAND_TEST_PG_PORT and the ones after it when set (to keep to a range agreed on a
 * shared machine), otherwise ports the system reports free.
 */
export async function testPorts(count: number): Promise<number[]> {
  const base = Number(process.env['UPSTAND_TEST_PG_PORT'] ?? 0);
  if (base > 0) return Array.from({ length: count }, (_, i) => base + i);
  const { createServer } = await import('net');
  const ports: number[] = [];
  for (let i = 0; i < count; i++)
    ports.push(
      await new Promise<number>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          server.close(() => resolve(port));
        });
      }),
    );
  return ports;
}
