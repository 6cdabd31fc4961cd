import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { createApplication } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { createTestApp, TestApp } from './support/test-app';

/** The backup and restore commands exactly as docs/operations.md gives them. */
function documentedCommands(): string {
  const guide = readFileSync(join(__dirname, '../../docs/operations.md'), 'utf8');
  const block = /<!-- backup-commands:start -->\s*```sh\n([\s\S]*?)```\s*<!-- backup-commands:end -->/.exec(
    guide,
  );
  if (!block) throw new Error('docs/operations.md has no backup-commands block');
  return block[1] as string;
}

describe('the backup and restore in the operations guide', () => {
  let testApp: TestApp;
  const folder = mkdtempSync(join(tmpdir(), 'upstand-backup-'));
  const restoreDatabase = `upstand_restore_${Date.now()}`;
  const restoreUrl = Object.assign(new URL(process.env['UPSTAND_TEST_ADMIN_URL']!), {
    pathname: `/${restoreDatabase}`,
  }).toString();

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp.close();
    rmSync(folder, { recursive: true, force: true });
    const admin = new Client({ connectionString: process.env['UPSTAND_TEST_ADMIN_URL'] });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${restoreDatabase} WITH (FORCE)`);
    await admin.end();
  });

  it('restores a working copy: the same people and data, and an instance ready on it', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    await lead
      .post('/api/venues')
      .send({ name: 'Backed-up venue', address: '1 Backup Street, Leicester', capacity: 20 })
      .expect(201);
    const [before] = await testApp.sql<{ users: string; venues: string; migrations: string }>(
      `SELECT (SELECT count(*) FROM app_user) AS users, (SELECT count(*) FROM venue) AS venues,
              (SELECT count(*) FROM migrations) AS migrations`,
    );

    execFileSync('bash', ['-euo', 'pipefail', '-c', documentedCommands()], {
      env: {
        PATH: process.env['PATH'],
        DATABASE_URL: testApp.databaseUrl,
        ADMIN_URL: process.env['UPSTAND_TEST_ADMIN_URL'],
        BACKUP_FILE: join(folder, 'upstand.dump'),
        RESTORE_DATABASE: restoreDatabase,
        RESTORE_URL: restoreUrl,
      },
      stdio: 'pipe',
      timeout: 120_000,
    });

    const restored = new Client({ connectionString: restoreUrl });
    await restored.connect();
    try {
      const [after] = (
        await restored.query(
          `SELECT (SELECT count(*) FROM app_user) AS users, (SELECT count(*) FROM venue) AS venues,
                  (SELECT count(*) FROM migrations) AS migrations`,
        )
      ).rows;
      expect(after).toEqual(before);
    } finally {
      await restored.end();
    }

    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: restoreUrl,
      UPSTAND_WEB_DIST: '/nonexistent',
      MAIL_WORKER_INTERVAL_MS: '0',
      ANALYTICS_WARM_AFTER_MS: '0',
    });
    const { app } = await createApplication(config, restoreUrl);
    try {
      await request(app.getHttpServer()).get('/api/health/ready').expect(200);
      const venues = await request(app.getHttpServer()).get('/api/venues');
      expect(venues.status).toBe(401); // the data is there; reading it still needs a sign-in
    } finally {
      await app.close();
    }
  }, 180_000);
});
