import request from 'supertest';
import { Client } from 'pg';
import { HealthService } from '../src/modules/health/health.service';
import { createTestApp, TestApp } from './support/test-app';

const ADMIN_URL = () => process.env['UPSTAND_TEST_ADMIN_URL'];

/** Asks /api/health/ready every 20 ms until `wanted` returns true for an answer, or fails after `withinMs`. */
async function readinessUntil(
  server: Parameters<typeof request>[0],
  wanted: (response: request.Response) => boolean,
  withinMs: number,
): Promise<request.Response> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const response = await request(server).get('/api/health/ready');
    if (wanted(response)) return response;
    if (Date.now() > deadline)
      throw new Error(
        `readiness still ${response.status} ${JSON.stringify(response.body)} after ${withinMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('GET /api/health, /live and /ready', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('is public and reports the database up, every migration applied and the change listener connected', async () => {
    for (const path of ['/api/health', '/api/health/ready']) {
      const response = await request(testApp.app.getHttpServer()).get(path).expect(200);
      expect(response.body).toEqual({
        status: 'ok',
        database: { status: 'up' },
        migrations: { status: 'up', pending: [] },
        listener: { status: 'up' },
        shuttingDown: false,
      });
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('sends helmet security headers', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers 503 when the database stops answering', async () => {
    const database = new URL(testApp.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: process.env['UPSTAND_TEST_ADMIN_URL'] });
    await admin.connect();
    try {
      // Forbid new connections and cut the existing ones: the pool can no longer reach the database.
      await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(503);
      expect(response.body).toMatchObject({ status: 'error', database: { status: 'down' } });
      // Liveness never touches the database: an outage must not make the orchestrator restart every instance.
      await request(testApp.app.getHttpServer()).get('/api/health/live').expect(200, { status: 'ok' });
    } finally {
      await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    // Ready again once the change listener, cut with everything else, has reconnected (it backs off from 0.5 s).
    await readinessUntil(testApp.app.getHttpServer(), (response) => response.status === 200, 10_000);
  });

  it('is not ready while the analytics change listener is disconnected, and recovers when it reconnects', async () => {
    const server = testApp.app.getHttpServer();
    // The outage above also cut the listener, whose retries back off (to at most 10 s): wait for it first.
    await readinessUntil(server, (response) => response.status === 200, 15_000);
    // A connection of its own: the outage test above cut testApp.sql's.
    const sql = new Client({ connectionString: testApp.databaseUrl });
    await sql.connect();
    const listenerPid = async () =>
      (
        await sql.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'upstand-api-listener'`,
        )
      ).rows.map((row) => row.pid);
    try {
      const [before] = await listenerPid();
      expect(before).toBeDefined();
      await sql.query('SELECT pg_terminate_backend($1)', [before]);
      const down = await readinessUntil(server, (response) => response.status === 503, 5_000);
      expect(down.body).toMatchObject({
        status: 'error',
        database: { status: 'up' },
        listener: { status: 'down' },
      });
      const up = await readinessUntil(server, (response) => response.status === 200, 10_000);
      expect(up.body).toMatchObject({ status: 'ok', listener: { status: 'up' } });
      const after = await listenerPid();
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before);
    } finally {
      await sql.end();
    }
  });

  it('answers 503 with Retry-After on every route while the database is unreachable, then recovers', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    const server = testApp.app.getHttpServer();
    const database = new URL(testApp.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: ADMIN_URL() });
    await admin.connect();
    const attempts: { name: string; send: () => Promise<request.Response> }[] = [
      { name: 'public, anonymous', send: () => request(server).get('/api/organisations') },
      // The access guard looks the session up even on public routes: a cookie used to turn 503 into 500.
      { name: 'public, with a session cookie', send: () => lead.get('/api/organisations') },
      { name: 'signed-in only', send: () => lead.get('/api/auth/me') },
      {
        name: 'anonymous with a stale cookie',
        send: () =>
          request(server)
            .get('/api/auth/me')
            .set('Cookie', 'upstand_session=' + 'x'.repeat(43)),
      },
      { name: 'a mutating request', send: () => lead.post('/api/venues').send({ name: 'Down venue' }) },
    ];
    try {
      await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      for (const attempt of attempts) {
        const started = Date.now();
        const response = await attempt.send();
        expect({ name: attempt.name, status: response.status }).toEqual({ name: attempt.name, status: 503 });
        expect(response.headers['retry-after']).toMatch(/^\d+$/);
        expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
        // No hang: the pool gives up on a connection within its timeout (5 s), with room for a loaded machine.
        expect(Date.now() - started).toBeLessThan(15_000);
      }
    } finally {
      await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    // Recovers by itself: the pool drops the dead connections and opens new ones.
    await request(server).get('/api/organisations').expect(200);
    await lead.get('/api/auth/me').expect(200);
  }, 60_000);

  it('stops being ready once shutdown begins, while staying alive to finish what is in flight', async () => {
    const server = testApp.app.getHttpServer();
    testApp.app.get(HealthService).beginShutdown();
    const response = await request(server).get('/api/health/ready').expect(503);
    expect(response.body).toMatchObject({ status: 'error', database: { status: 'up' }, shuttingDown: true });
    await request(server).get('/api/health/live').expect(200);
  });

  // Answers hold names, roles and equality data: no browser or proxy cache may keep any of them.
  it('marks every /api answer Cache-Control: no-store, errors included', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    for (const response of [
      await lead.get('/api/auth/me').expect(200),
      await lead.get('/api/organisations').expect(200),
      await lead.get('/api/programmes').expect(200),
      await lead.get('/api/no-such-route').expect(404),
      await lead.post('/api/venues').send({}).expect(400),
      await request(testApp.app.getHttpServer()).post('/api/auth/logout').expect(403),
    ])
      expect(response.headers['cache-control']).toBe('no-store');
  });
});
