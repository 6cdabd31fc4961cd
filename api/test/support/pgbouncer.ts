import { ChildProcess, execFileSync, spawn } from 'child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';

const PGBOUNCER = process.env['UPSTAND_TEST_PGBOUNCER'] ?? '/usr/sbin/pgbouncer';

export interface PgBouncer {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database>, pooled in transaction mode. */
  url(database: string): string;
  /** Rows of an admin console command such as SHOW SERVERS. */
  admin<T = Record<string, unknown>>(command: string): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * Debian's PgBouncer as a child process in transaction pooling mode, in front of the PostgreSQL at
 * `host:serverPort` (trust auth, user postgres). It refuses to run as root, so it runs as `postgres` there.
 * Fails, never skips, when the binary is missing.
 */
export async function startPgBouncer(
  server: { host: string; port: number },
  port: number,
): Promise<PgBouncer> {
  if (!existsSync(PGBOUNCER))
    throw new Error(
      `PgBouncer not found at ${PGBOUNCER}: install Debian's pgbouncer (apt-get install -y pgbouncer) or set UPSTAND_TEST_PGBOUNCER`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'upstand-pgbouncer-'));
  const root = process.getuid?.() === 0;
  writeFileSync(join(dir, 'users.txt'), '"postgres" ""\n');
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.host} port=${server.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'admin_users = postgres',
      'pool_mode = transaction',
      'max_client_conn = 200',
      'default_pool_size = 10',
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
  );
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const file of ['', 'users.txt', 'pgbouncer.ini']) chownSync(join(dir, file), uid, gid);
  }
  const ini = join(dir, 'pgbouncer.ini');
  const child: ChildProcess = root
    ? spawn('runuser', ['-u', 'postgres', '--', PGBOUNCER, ini], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(PGBOUNCER, [ini], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await listening(port, 10_000, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`PgBouncer did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    admin: async (command) => {
      const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/pgbouncer` });
      await client.connect();
      try {
        return (await client.query(command)).rows;
      } finally {
        await client.end();
      }
    },
    stop,
  };
}

async function listening(port: number, withinMs: number, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (gone()) throw new Error('it exited');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${port} within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
