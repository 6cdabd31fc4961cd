import { AnalyticsOverview } from '@upstand/contracts';
import { AnalyticsChangeListener } from '../src/modules/analytics/analytics-change-listener';
import { buildAnalyticsFixture } from './support/analytics-fixture';
import { testPorts } from './support/pg-cluster';
import { PgBouncer, startPgBouncer } from './support/pgbouncer';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Behind PgBouncer in transaction mode a connection is only the client's for one transaction, so LISTEN and
 * session advisory locks cannot work through it: DATABASE_URL goes through the pooler and DATABASE_SESSION_URL
 * straight to PostgreSQL for the change listener and the migration lock.
 */
describe('behind PgBouncer in transaction mode, with DATABASE_SESSION_URL', () => {
  let bouncer: PgBouncer;
  let testApp: TestApp;
  let lead: ApiClient;
  let programmeId: string;

  beforeAll(async () => {
    // The machine's PostgreSQL (trust for local connections, as PgBouncer's trust mode expects), not the embedded
    // test server, which wants a password.
    const serverUrl =
      process.env['PGBOUNCER_TEST_SERVER_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const server = new URL(serverUrl);
    const [port] = (await testPorts(1)) as [number];
    bouncer = await startPgBouncer({ host: server.hostname, port: Number(server.port || 5432) }, port);
    try {
      testApp = await createTestApp(
        {},
        {
          serverUrl,
          beforeStart: async (directUrl) => ({
            DATABASE_URL: bouncer.url(new URL(directUrl).pathname.slice(1)),
            DATABASE_SESSION_URL: directUrl,
          }),
        },
      );
      lead = await testApp.signedIn('lead@demo.upstand.test');
      programmeId = (await buildAnalyticsFixture(testApp, lead)).programmeId;
    } catch (error) {
      await testApp?.close().catch(() => undefined);
      await bouncer.stop();
      throw error;
    }
  }, 60_000);

  afterAll(async () => {
    try {
      await testApp?.close();
    } finally {
      await bouncer?.stop();
    }
  });

  it('serves through the pooler while the change listener holds a direct connection, and is ready', async () => {
    const ready = await lead.get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', listener: { status: 'up' } });
    const pooled = new Set(
      (await bouncer.admin<{ database: string; remote_pid: number }>('SHOW SERVERS'))
        .filter((row) => row.database === new URL(testApp.databaseUrl).pathname.slice(1))
        .map((row) => Number(row.remote_pid)),
    );
    expect(pooled.size).toBeGreaterThan(0);
    const listeners = await testApp.sql<{ pid: number; query: string }>(
      `SELECT pid, query FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'upstand-api-listener'`,
    );
    expect(listeners).toHaveLength(1);
    expect(listeners[0]!.query).toBe('LISTEN analytics_changed');
    expect(pooled.has(listeners[0]!.pid)).toBe(false);
  });

  it('keeps Impact figures in memory and drops them when the data changes', async () => {
    const cache = testApp.app.get(AnalyticsChangeListener).cache;
    const overview = async () =>
      (await lead.get(`/api/analytics/overview?programmeId=${programmeId}`).expect(200))
        .body as AnalyticsOverview;
    const first = await overview();
    const hits = cache.hits;
    expect(await overview()).toEqual(first);
    expect(cache.hits).toBeGreaterThan(hits);
    await testApp.sql(
      `DELETE FROM evaluation_response WHERE programme_id = $1 AND pairing_key = (
         SELECT pairing_key FROM evaluation_response WHERE programme_id = $1 AND stage IN ('pre', 'post')
         GROUP BY pairing_key HAVING count(DISTINCT stage) = 2 ORDER BY pairing_key LIMIT 1)`,
      [programmeId],
    );
    expect((await overview()).pairedPrePost.value).toBe((first.pairedPrePost.value ?? 0) - 1);
  });
});
