/**
 * Proxy benchmark (issue 14): requests per second of sign-in and of a delegate's journey page through nginx
 * (deploy/nginx/upstand.conf, TLS) with one API instance behind it, then two, on one PostgreSQL. The instances
 * are the built API (dist/api/main.js) in production mode, as the two-instances e2e test runs them: build first
 * (`npx nx run-many -t build -p api web`). Database: BENCH_DATABASE_URL's server, else the machine's PostgreSQL
 * at 127.0.0.1:5432. Writes bench/results/proxy.*.
 */
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { Agent, request } from 'https';
import { cpus } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { csrfTokenFor } from '../src/common/csrf.middleware';
import { PasswordHasher } from '../src/modules/auth/password-hasher';
import { insertDelegatesWithSessions } from '../test/support/load-delegates';
import { SmtpSink } from '../test/support/smtp-sink';
// The e2e tests' nginx and server helpers: the benchmark measures exactly what that test runs.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { RunningNginx, SITE_NAME, startNginx } from '../../e2e/src/support/nginx';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { API_MAIN, WORKSPACE } from '../../e2e/src/support/paths';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { freePort, RunningServer, startServer } from '../../e2e/src/support/server';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const USERS = 200;
const PASSWORD = 'a benchmark password';
const LEAD = { email: 'lead@proxy-bench.nhs.uk', password: 'a proxy bench password' };

interface Measurement {
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
  statuses: Record<string, number>;
}

/** Keeps `CONCURRENCY` requests in flight for `seconds` (after a 2 s warm-up that is not counted). */
async function measure(
  port: number,
  certificate: string,
  make: (
    n: number,
    worker: number,
  ) => { method: string; path: string; headers: Record<string, string>; body?: string },
): Promise<Measurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: certificate });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let n = 0;
  const one = (worker: number) =>
    new Promise<number>((resolve, reject) => {
      const spec = make(n++, worker);
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          method: spec.method,
          path: spec.path,
          servername: SITE_NAME,
          agent,
          headers: {
            Host: SITE_NAME,
            Accept: 'application/json',
            ...(spec.body ? { 'Content-Type': 'application/json' } : {}),
            ...spec.headers,
          },
        },
        (incoming) => {
          incoming.resume();
          incoming.on('end', () => resolve(incoming.statusCode ?? 0));
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(spec.body);
    });
  const run = async (until: number, record: boolean) => {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (Date.now() < until) {
          const started = performance.now();
          const status = await one(worker);
          if (!record) continue;
          latencies.push(performance.now() - started);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
  };
  await run(Date.now() + 2_000, false);
  const started = Date.now();
  await run(started + SECONDS * 1000, true);
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    perSecond: Math.round((latencies.length / elapsed) * 10) / 10,
    latencyMs: { p50: at(0.5), p95: at(0.95), max: Math.round(latencies.at(-1) ?? 0) },
    statuses,
  };
}

async function main(): Promise<void> {
  const adminUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `upstand_bench_proxy_${Date.now()}`;
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${databaseName}` }).toString();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const smtp = await new SmtpSink().start();
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PUBLIC_BASE_URL: 'https://upstand.example.nhs.uk',
    SMTP_URL: smtp.url,
    MFA_ENCRYPTION_KEY: 'bench-proxy-key-0123456789abcdefghij',
    MIGRATE_ON_START: 'false',
    TRUST_PROXY: '127.0.0.1',
    // Every request of the benchmark comes from one address.
    LOGIN_ADDRESS_LIMIT: '100000',
  };
  const clean = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
  const instances: RunningServer[] = [];
  let nginx: RunningNginx | null = null;
  const sql = new Client({ connectionString: databaseUrl });
  try {
    const migrate = spawnSync(process.execPath, [API_MAIN.replace(/main\.js$/, 'migrate.js')], {
      env: { ...clean, ...production },
      encoding: 'utf8',
    });
    if (migrate.status !== 0) throw new Error(`Migration failed: ${migrate.stderr}`);
    instances.push(await startServer({ port: await freePort(), env: production }));
    const created = spawnSync(
      process.execPath,
      [
        'tools/create-user.mjs',
        '--email',
        LEAD.email,
        '--name',
        'Bench Lead',
        '--role',
        'programme-lead',
        '--password-stdin',
      ],
      {
        cwd: WORKSPACE,
        env: { ...clean, DATABASE_URL: databaseUrl },
        input: LEAD.password,
        encoding: 'utf8',
      },
    );
    if (created.status !== 0) throw new Error(`create-user failed: ${created.stderr}`);

    // USERS delegates with a password and a place on a cohort, so the journey page has something to show.
    await sql.connect();
    const sessions = await insertDelegatesWithSessions(sql, USERS);
    const hash = await new PasswordHasher().hash(PASSWORD);
    const { rows: users } = await sql.query(
      `UPDATE app_user SET password_hash = $1 WHERE email LIKE 'load-%' RETURNING email`,
      [hash],
    );
    const emails = (users as { email: string }[]).map((user) => user.email);
    const api = instances[0]!.url;
    const presession = randomBytes(32).toString('base64url');
    const loginResponse = await fetch(`${api}/api/auth/login`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: `upstand_presession=${presession}`,
        'X-XSRF-TOKEN': csrfTokenFor(presession),
      },
      body: JSON.stringify(LEAD),
    });
    const leadSession =
      /upstand_session=([^;]+)/.exec(loginResponse.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const asLead = { Cookie: `upstand_session=${leadSession}`, 'X-XSRF-TOKEN': csrfTokenFor(leadSession) };
    const [programme] = (await (await fetch(`${api}/api/programmes`, { headers: asLead })).json()) as {
      id: string;
    }[];
    const cohort = (await (
      await fetch(`${api}/api/cohorts`, {
        method: 'POST',
        headers: { ...asLead, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          programmeId: programme!.id,
          name: 'Bench cohort',
          startDate: '2027-05-13',
          capacity: USERS,
          systemOdsCode: 'QK1',
        }),
      })
    ).json()) as { id: string };
    for (const session of sessions) {
      const signedUp = await fetch(`${api}/api/cohorts/${cohort.id}/enrolments`, {
        method: 'POST',
        headers: { Cookie: `upstand_session=${session}`, 'X-XSRF-TOKEN': csrfTokenFor(session) },
      });
      if (signedUp.status !== 201)
        throw new Error(`Sign-up failed: ${signedUp.status} ${await signedUp.text()}`);
    }

    // Each worker is one browser: its own pre-session cookie and the CSRF token bound to it.
    const browsers = Array.from({ length: CONCURRENCY }, () => randomBytes(32).toString('base64url'));
    const signIn = (n: number, worker: number) => ({
      method: 'POST',
      path: '/api/auth/login',
      headers: {
        Cookie: `upstand_presession=${browsers[worker]}`,
        'X-XSRF-TOKEN': csrfTokenFor(browsers[worker]!),
      },
      body: JSON.stringify({ email: emails[n % emails.length], password: PASSWORD }),
    });
    const journey = (n: number) => ({
      method: 'GET',
      path: '/api/me/journey',
      headers: { Cookie: `upstand_session=${sessions[n % sessions.length]}` },
    });

    const results: Record<string, { signIn: Measurement; journey: Measurement }> = {};
    for (const count of [1, 2]) {
      if (instances.length < count)
        instances.push(await startServer({ port: await freePort(), env: production }));
      nginx = await startNginx({
        httpsPort: await freePort(),
        httpPort: await freePort(),
        upstreams: instances.map((instance) => `127.0.0.1:${instance.port}`),
      });
      const label = `${count} instance${count > 1 ? 's' : ''}`;
      console.log(`${label}: sign-in…`);
      const signInResult = await measure(nginx.httpsPort, nginx.certificate, signIn);
      console.log(`${label}: my journey…`);
      const journeyResult = await measure(nginx.httpsPort, nginx.certificate, journey);
      results[label] = { signIn: signInResult, journey: journeyResult };
      console.log(label, JSON.stringify(results[label]));
      await nginx.stop();
      nginx = null;
    }

    const report = {
      ranAt: new Date().toISOString(),
      command: 'npm run bench -- proxy',
      cores: cpus().length,
      secondsPerMeasurement: SECONDS,
      concurrency: CONCURRENCY,
      users: USERS,
      results,
    };
    const outDir = join(__dirname, '../../bench/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'proxy.json'), JSON.stringify(report, null, 2) + '\n');
    const row = (label: string, what: 'signIn' | 'journey') => {
      const m = results[label]![what];
      return `| ${label} | ${what === 'signIn' ? 'sign-in (POST /api/auth/login)' : 'my journey (GET /api/me/journey)'} | ${m.perSecond} | ${m.latencyMs.p50} / ${m.latencyMs.p95} / ${m.latencyMs.max} ms | ${Object.entries(
        m.statuses,
      )
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ')} |`;
    };
    writeFileSync(
      join(outDir, 'proxy.md'),
      [
        '# Proxy benchmark: one instance vs two behind nginx',
        '',
        `Run ${report.ranAt} with \`${report.command}\` (after \`npx nx run-many -t build -p api web\`): nginx with deploy/nginx/upstand.conf (TLS) in front of the built API in production mode, one instance then two, on one PostgreSQL (the machine's). ${CONCURRENCY} requests in flight for ${SECONDS} s each after a 2 s warm-up; ${USERS} delegates with a place on a cohort; ${report.cores} cores shared by nginx, the instances, PostgreSQL, the load generator (and whatever else the machine is running).`,
        '',
        '| instances | request | requests/s | latency p50 / p95 / max | HTTP statuses |',
        '| --- | --- | --- | --- | --- |',
        row('1 instance', 'signIn'),
        row('2 instances', 'signIn'),
        row('1 instance', 'journey'),
        row('2 instances', 'journey'),
        '',
        "Sign-in is CPU-bound: each one is an argon2id check (19 MiB, 2 passes) on the instance, run in libuv's thread pool, so one instance already uses every core for it. A second instance helps only when it has cores of its own; on one machine the figures show the cost of the proxy hop and the shared cores, not the scaling a second machine gives.",
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await sql.end().catch(() => undefined);
    await smtp.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
