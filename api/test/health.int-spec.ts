import request from 'supertest';
import { Client } from 'pg';
import { createTestApp, TestApp } from './support/test-app';

describe('GET /api/health', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('is public and reports the database up', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: { status: 'up' } });
    expect(response.headers['cache-control']).toBe('no-store');
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
    } finally {
      await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
  });
});
