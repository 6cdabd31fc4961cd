/**
 * Sign-up benchmark: many delegates pressing "sign up" at once for one cohort, through the real HTTP server
 * (autocannon), on a throwaway embedded PostgreSQL. Checks capacity held, then writes bench/results/signup.*.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { randomBytes } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { createApplication } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded-database';

const DELEGATES = 2000;
const CAPACITY = 500;
const CONNECTIONS = 50;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'upstand-bench-'));
  const server = process.env['BENCH_DATABASE_URL']
    ? { adminUrl: process.env['BENCH_DATABASE_URL'], stop: async () => undefined }
    : await startEmbeddedPostgres(dataDir, { log: () => undefined, warn: console.warn }, 'postgres');
  const databaseName = `upstand_bench_${Date.now()}`;
  await ensureDatabase(server.adminUrl, databaseName);
  const url = new URL(server.adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  const { app } = await createApplication(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, UPSTAND_WEB_DIST: '/nonexistent', MAIL_WORKER_INTERVAL_MS: '0' }), databaseUrl);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const lead = request.agent(app.getHttpServer());
    const token = (await lead.get('/api/auth/csrf')).body.token as string;
    await lead.post('/api/auth/login').set('X-XSRF-TOKEN', token).send({ email: 'lead@demo.upstand.test', password: 'upstand-demo' }).expect(200);
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as { id: string }[];
    const cohort = (await lead.post('/api/cohorts').set('X-XSRF-TOKEN', token).send({ programmeId: programme!.id, name: 'Bench cohort', startDate: '2027-05-13', capacity: CAPACITY, systemOdsCode: 'QK1' }).expect(201)).body as { id: string };

    // Delegates with sessions, written straight to the database (as the integration tests do).
    const tokens = Array.from({ length: DELEGATES }, () => randomBytes(32).toString('base64url'));
    await sql.query(
      `WITH org AS (SELECT id FROM organisation WHERE ods_code = 'RWE'),
       users AS (INSERT INTO app_user (email, full_name, password_hash, organisation_id)
         SELECT 'bench-' || n || '@nhs.test', 'Bench Delegate ' || n, 'x', (SELECT id FROM org) FROM generate_series(1, $1) n RETURNING id, email),
       roles AS (INSERT INTO user_role (user_id, role) SELECT id, 'delegate' FROM users),
       profiles AS (INSERT INTO delegate_profile (user_id, job_title, staff_group, pay_scheme, pay_band, line_manager_name, line_manager_email)
         SELECT id, 'Porter', 'Estates and Ancillary', 'agenda-for-change', '2', 'M', 'm@nhs.test' FROM users)
       INSERT INTO user_session (token_hash, user_id, expires_at)
       SELECT encode(sha256(convert_to(t.token, 'UTF8')), 'hex'), u.id, now() + interval '1 hour'
       FROM (SELECT id, row_number() OVER (ORDER BY email) n FROM users) u JOIN (SELECT token, row_number() OVER () n FROM unnest($2::text[]) token) t ON t.n = u.n`,
      [DELEGATES, tokens],
    );

    const xsrf = 'a'.repeat(43);
    let next = 0;
    const statuses: Record<string, number> = {};
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      amount: DELEGATES,
      requests: [
        {
          method: 'POST',
          path: `/api/cohorts/${cohort.id}/enrolments`,
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, cookie: `upstand_session=${tokens[next++ % DELEGATES]}; XSRF-TOKEN=${xsrf}`, 'x-xsrf-token': xsrf, 'content-type': 'application/json' },
            body: '{}',
          }),
          onResponse: (status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
          },
        },
      ],
    });
    const counts = (await sql.query(`SELECT status, count(*)::int AS count FROM enrolment WHERE cohort_id = $1 GROUP BY status ORDER BY status`, [cohort.id])).rows as { status: string; count: number }[];
    const confirmed = counts.find((row) => row.status === 'confirmed')?.count ?? 0;
    const report = {
      ranAt: new Date().toISOString(),
      delegates: DELEGATES,
      capacity: CAPACITY,
      connections: CONNECTIONS,
      requestsPerSecond: { mean: result.requests.average, max: result.requests.max },
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      durationSeconds: result.duration,
      httpStatuses: statuses,
      errors: result.errors,
      enrolmentsByStatus: Object.fromEntries(counts.map((row) => [row.status, row.count])),
      capacityHeld: confirmed === CAPACITY,
    };
    const outDir = join(__dirname, '../../bench/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'signup.json'), JSON.stringify(report, null, 2) + '\n');
    writeFileSync(
      join(outDir, 'signup.md'),
      [
        '# Sign-up benchmark',
        '',
        `Run ${report.ranAt} with \`npm run bench\`: ${DELEGATES} delegates sign up for one ${CAPACITY}-place cohort over ${CONNECTIONS} concurrent connections (autocannon, embedded PostgreSQL, 2 cores).`,
        '',
        '| measure | value |',
        '| --- | --- |',
        `| throughput | ${report.requestsPerSecond.mean} sign-ups/s (max ${report.requestsPerSecond.max}) |`,
        `| latency p50 / p90 / p99 / max | ${report.latencyMs.p50} / ${report.latencyMs.p90} / ${report.latencyMs.p99} / ${report.latencyMs.max} ms |`,
        `| HTTP statuses | ${Object.entries(statuses).map(([status, count]) => `${status}: ${count}`).join(', ')} |`,
        `| enrolments | ${counts.map((row) => `${row.status}: ${row.count}`).join(', ')} |`,
        `| capacity held | ${report.capacityHeld ? 'yes' : 'NO'} |`,
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(report, null, 2));
    if (!report.capacityHeld) process.exitCode = 1;
  } finally {
    await sql.end();
    await app.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
