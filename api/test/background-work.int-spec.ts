import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AnalyticsWarmer } from '../src/modules/analytics/analytics-warmer';
import { ImportJobsService } from '../src/modules/imports/import-jobs.service';
import { ProgrammesRepository } from '../src/modules/programmes/programmes.repository';
import { SsoRepository } from '../src/modules/sso/sso.repository';
import { SsoService } from '../src/modules/sso/sso.service';
import { createTestApp, TestApp } from './support/test-app';

/**
 * What the application does by itself (the Impact warm-up, scheduled jobs) runs under a statement timeout and
 * never holds up shutdown: at national scale one warm-up query ran for over 22 minutes, and closing the
 * application (a deploy, or `npm run seed:scale` finishing) waited for it.
 *
 * The slow query is stood in for by pg_sleep, issued through the warm-up's (or the job's) own repository call,
 * so it takes the same path to PostgreSQL as the real query would.
 */
describe('background work', () => {
  const SLOW = 'SELECT pg_sleep(30) /* slow background query */';
  const sleeping = async (databaseUrl: string) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND query LIKE '%slow background query%'
            AND pid <> pg_backend_pid()`,
      );
      return rows[0]!.n;
    } finally {
      await client.end();
    }
  };
  const until = async (condition: () => Promise<boolean> | boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  afterEach(() => jest.restoreAllMocks());

  it('cancels a warm-up query in flight when the application closes, instead of waiting for it', async () => {
    const listed = jest
      .spyOn(ProgrammesRepository.prototype, 'listOldestFirst')
      .mockImplementation(async function (this: ProgrammesRepository) {
        const dataSource = (this as unknown as { dataSource: DataSource }).dataSource;
        await dataSource.query(SLOW);
        return [];
      });
    const testApp: TestApp = await createTestApp({
      ANALYTICS_WARM_AFTER_MS: '50',
      ANALYTICS_STATEMENT_TIMEOUT_MS: '60000',
    });
    let closed = false;
    try {
      await until(async () => listed.mock.calls.length > 0 && (await sleeping(testApp.databaseUrl)) > 0);

      const started = Date.now();
      await testApp.app.close();
      closed = true;
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await sleeping(testApp.databaseUrl)).toBe(0);
    } finally {
      if (!closed) await testApp.app.close();
      await testApp.close();
    }
  }, 40_000);

  it('stops a warm-up query that exceeds the statement timeout, logs why, and does not retry it at once', async () => {
    const listed = jest
      .spyOn(ProgrammesRepository.prototype, 'listOldestFirst')
      .mockImplementation(async function (this: ProgrammesRepository) {
        const dataSource = (this as unknown as { dataSource: DataSource }).dataSource;
        await dataSource.query(SLOW);
        return [];
      });
    const testApp = await createTestApp({
      ANALYTICS_WARM_AFTER_MS: '50',
      ANALYTICS_STATEMENT_TIMEOUT_MS: '300',
    });
    try {
      const warmer = testApp.app.get(AnalyticsWarmer);
      await until(() => warmer.lastFailure !== null && warmer.idle, 5_000);
      expect(warmer.lastFailure).toContain('ANALYTICS_STATEMENT_TIMEOUT_MS (300 ms)');
      expect(await sleeping(testApp.databaseUrl)).toBe(0);

      // Nothing changed since, so nothing is tried again.
      const attempts = listed.mock.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(listed).toHaveBeenCalledTimes(attempts);
      expect(warmer.idle).toBe(true);

      // The connection went back to the pool without the warm-up's timeout: requests are not limited by it.
      const dataSource = testApp.app.get(DataSource);
      const settings = await Promise.all(
        Array.from({ length: 3 }, () => dataSource.query(`SHOW statement_timeout`)),
      );
      for (const [row] of settings as { statement_timeout: string }[][])
        expect(row!.statement_timeout).toBe('0');
    } finally {
      await testApp.close();
    }
  }, 30_000);

  it('runs scheduled jobs under JOB_STATEMENT_TIMEOUT_MS', async () => {
    jest.spyOn(SsoRepository.prototype, 'deleteExpiredFlows').mockImplementation(async function (
      this: SsoRepository,
    ) {
      const dataSource = (this as unknown as { dataSource: DataSource }).dataSource;
      await dataSource.query(SLOW);
      return 0;
    });
    const testApp = await createTestApp({ JOB_STATEMENT_TIMEOUT_MS: '200' });
    try {
      const started = Date.now();
      await expect(testApp.app.get(SsoService).deleteExpiredFlows()).rejects.toThrow(/statement timeout/);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await sleeping(testApp.databaseUrl)).toBe(0);
    } finally {
      await testApp.close();
    }
  }, 30_000);

  it('stops an import in flight on shutdown, saving nothing and saying so, instead of waiting for it', async () => {
    const testApp = await createTestApp();
    let closed = false;
    try {
      const [lead] = await testApp.sql<{ id: string }>(
        `SELECT id FROM app_user WHERE email = 'lead@demo.upstand.test'`,
      );
      const dataSource = testApp.app.get(DataSource);
      const job = await testApp.app
        .get(ImportJobsService)
        .start('organisations', lead!.id, () => dataSource.query(SLOW));
      await until(async () => (await sleeping(testApp.databaseUrl)) > 0);

      const started = Date.now();
      await testApp.app.close();
      closed = true;
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await sleeping(testApp.databaseUrl)).toBe(0);
      const [row] = await testApp.sql<{ status: string; errors: { message: string }[] }>(
        `SELECT status, errors FROM import_job WHERE id = $1`,
        [job.id],
      );
      expect(row!.status).toBe('failed');
      expect(row!.errors[0]!.message).toContain('the server restarted');
    } finally {
      if (!closed) await testApp.app.close();
      await testApp.close();
    }
  }, 40_000);
});
