import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { join } from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { createApplication, PendingMigrationsError } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { KNOWN_MIGRATIONS } from '../src/database/migrate';

const ROOT = join(__dirname, '../..');

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env['UPSTAND_TEST_ADMIN_URL'] });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Migrations as a release step: `npm run migrate`, then instances started with MIGRATE_ON_START=false. */
describe('npm run migrate and MIGRATE_ON_START=false', () => {
  const name = `upstand_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(process.env['UPSTAND_TEST_ADMIN_URL']!);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    UPSTAND_WEB_DIST: '/nonexistent',
    MAIL_WORKER_INTERVAL_MS: '0',
    ANALYTICS_WARM_AFTER_MS: '0',
    MIGRATE_ON_START: 'false',
  });

  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('refuses to start an instance on a database that has not been migrated, saying what to run', async () => {
    const started = createApplication(config, databaseUrl);
    await expect(started).rejects.toBeInstanceOf(PendingMigrationsError);
    await expect(started).rejects.toThrow(/npm run migrate/);
    await expect(started).rejects.toThrow(KNOWN_MIGRATIONS[0]);
  });

  it('migrates with the release step, once, then the instance starts ready', async () => {
    const run = () =>
      spawnSync(process.execPath, ['tools/migrate.mjs'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], DATABASE_URL: databaseUrl },
        timeout: 120_000,
      });
    const first = run();
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout).toContain(`Applied ${KNOWN_MIGRATIONS.length} migrations`);
    const second = run();
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('The database is up to date');

    const { app } = await createApplication(config, databaseUrl);
    try {
      const ready = await request(app.getHttpServer()).get('/api/health/ready').expect(200);
      expect(ready.body.migrations).toEqual({ status: 'up', pending: [] });
    } finally {
      await app.close();
    }
  }, 240_000);
});
