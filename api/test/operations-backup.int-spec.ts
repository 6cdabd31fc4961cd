import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { createApplication } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';

/**
 * The guide's backup commands run with the machine's PostgreSQL client tools, so they run against the machine's
 * PostgreSQL server (the embedded one the other tests use may be a newer major version than pg_dump).
 */
const MACHINE_POSTGRES =
  process.env['OPERATIONS_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The backup and restore commands exactly as docs/operations.md gives them. */
function documentedCommands(): string {
  const guide = readFileSync(join(__dirname, '../../docs/operations.md'), 'utf8');
  const block = /<!-- backup-commands:start -->\s*```sh\n([\s\S]*?)```\s*<!-- backup-commands:end -->/.exec(
    guide,
  );
  if (!block) throw new Error('docs/operations.md has no backup-commands block');
  return block[1] as string;
}

const databaseUrl = (name: string) =>
  Object.assign(new URL(MACHINE_POSTGRES), { pathname: `/${name}` }).toString();

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: MACHINE_POSTGRES });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const COUNTS = `SELECT (SELECT count(*) FROM app_user) AS users, (SELECT count(*) FROM venue) AS venues,
                       (SELECT count(*) FROM migrations) AS migrations`;

async function counts(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(COUNTS)).rows[0] as Record<string, string>;
  } finally {
    await client.end();
  }
}

function configFor(url: string) {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    UPSTAND_WEB_DIST: '/nonexistent',
    MAIL_WORKER_INTERVAL_MS: '0',
    ANALYTICS_WARM_AFTER_MS: '0',
  });
}

describe('the backup and restore in the operations guide', () => {
  const stamp = `${Date.now()}`;
  const sourceName = `upstand_backup_${stamp}`;
  const restoreName = `upstand_restore_${stamp}`;
  const folder = mkdtempSync(join(tmpdir(), 'upstand-backup-'));

  beforeAll(() => admin(`CREATE DATABASE ${sourceName}`));
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${sourceName} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${restoreName} WITH (FORCE)`);
  });

  it('restores a working copy: the same people and data, and an instance ready on it', async () => {
    const source = await createApplication(configFor(databaseUrl(sourceName)), databaseUrl(sourceName));
    try {
      const client = new Client({ connectionString: databaseUrl(sourceName) });
      await client.connect();
      await client.query(
        `INSERT INTO venue (name, address, capacity) VALUES ('Backed-up venue', '1 Backup Street, Leicester', 20)`,
      );
      await client.end();
    } finally {
      await source.app.close();
    }
    const before = await counts(databaseUrl(sourceName));

    execFileSync('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', documentedCommands()], {
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: databaseUrl(sourceName),
        ADMIN_URL: MACHINE_POSTGRES,
        BACKUP_FILE: join(folder, 'upstand.dump'),
        RESTORE_DATABASE: restoreName,
        RESTORE_URL: databaseUrl(restoreName),
      },
      stdio: 'pipe',
      timeout: 120_000,
    });

    expect(await counts(databaseUrl(restoreName))).toEqual(before);
    expect(Number(before['venues'])).toBeGreaterThan(0);
    const restored = await createApplication(configFor(databaseUrl(restoreName)), databaseUrl(restoreName));
    try {
      await request(restored.app.getHttpServer()).get('/api/health/ready').expect(200);
    } finally {
      await restored.app.close();
    }
  }, 240_000);
});
