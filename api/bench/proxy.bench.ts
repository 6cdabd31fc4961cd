/**
 * Proxy benchmark (issue 14): requests per second of sign-in and of a delegate's journey page through nginx
 * (deploy/nginx/upstand.conf, TLS) with one API instance behind it and with two, on one PostgreSQL, in
 * alternating rounds. The instances are the built API (dist/api/main.js) in production mode, as the
 * two-instances e2e test runs them: build first (`npx nx run-many -t build -p api web`). Database: BENCH_DATABASE_URL's server, else the machine's PostgreSQL
 * at 127.0.0.1:5432. Writes bench/results/proxy.*.
 */
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { Agent, request } from 'https';
import { cpus, loadavg } from 'os';
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
/** Each measurement is taken in this many alternating rounds of SECONDS / ROUNDS. */
const ROUNDS = 4;
const USERS = 200;
const PASSWORD = 'a benchmark password';
const LEAD = { email: 'lead@proxy-bench.nhs.uk', password: 'a proxy bench password' };

interface Measurement {
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
  statuses: Record<string, number>;
}

interface Sample {
  latencies: number[];
  statuses: Record<string, number>;
  seconds: number;
}

type RequestSpec = { method: string; path: string; headers: Record<string, string>; body?: string };

/** Keeps `CONCURRENCY` requests in flight for `seconds` (after a 1 s warm-up that is not counted). */
async function sample(
  port: number,
  certificate: string,
  make: (n: number, worker: number) => RequestSpec,
  seconds: number,
): Promise<Sample> {
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
  await run(Date.now() + 1_000, false);
  const started = Date.now();
  await run(started + seconds * 1000, true);
  agent.destroy();
  return { latencies, statuses, seconds: (Date.now() - started) / 1000 };
}

/** The samples of one configuration taken together. */
function summarise(samples: Sample[]): Measurement {
  const latencies = samples.flatMap((one) => one.latencies).sort((a, b) => a - b);
  const elapsed = samples.reduce((sum, one) => sum + one.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const one of samples)
    for (const [status, count] of Object.entries(one.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
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
  const proxies: RunningNginx[] = [];
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

    // Both set-ups side by side, two nginx processes on the same instances, measured in alternating short rounds:
    // other load on the machine then falls on both alike instead of on whichever ran second.
    instances.push(await startServer({ port: await freePort(), env: production }));
    const setups: { label: string; nginx: RunningNginx }[] = [];
    for (const count of [1, 2]) {
      const proxy = await startNginx({
        httpsPort: await freePort(),
        httpPort: await freePort(),
        upstreams: instances.slice(0, count).map((instance) => `127.0.0.1:${instance.port}`),
      });
      proxies.push(proxy);
      setups.push({ label: `${count} instance${count > 1 ? 's' : ''}`, nginx: proxy });
    }
    const loadBefore = loadavg()[0]!.toFixed(1);
    const samples = new Map(
      setups.map((setup) => [setup.label, { signIn: [] as Sample[], journey: [] as Sample[] }]),
    );
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? setups : [...setups].reverse();
      for (const [what, make] of [
        ['signIn', signIn],
        ['journey', journey],
      ] as const)
        for (const setup of order) {
          const taken = await sample(setup.nginx.httpsPort, setup.nginx.certificate, make, SECONDS / ROUNDS);
          samples.get(setup.label)![what].push(taken);
          console.log(
            `round ${round + 1}, ${setup.label}, ${what}: ${(taken.latencies.length / taken.seconds).toFixed(1)}/s`,
          );
        }
    }
    const results = Object.fromEntries(
      [...samples].map(([label, taken]) => [
        label,
        { signIn: summarise(taken.signIn), journey: summarise(taken.journey) },
      ]),
    );

    const report = {
      ranAt: new Date().toISOString(),
      command: 'npm run bench -- proxy',
      cores: cpus().length,
      // The one-minute load average before and after the measurements: other work on the machine skews them.
      loadAverage: { before: Number(loadBefore), after: Number(loadavg()[0]!.toFixed(1)) },
      secondsPerMeasurement: SECONDS,
      rounds: ROUNDS,
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
        `Run ${report.ranAt} with \`${report.command}\` (after \`npx nx run-many -t build -p api web\`): nginx with deploy/nginx/upstand.conf (TLS) in front of the built API in production mode, one instance and two, on one PostgreSQL (the machine's). ${CONCURRENCY} requests in flight for ${SECONDS} s per measurement, taken in ${ROUNDS} rounds alternating between the two set-ups (two nginx processes) after a 1 s warm-up each; ${USERS} delegates with a place on a cohort; ${report.cores} cores shared by nginx, the instances, PostgreSQL, the load generator and whatever else the machine was running (one-minute load average ${report.loadAverage.before} before, ${report.loadAverage.after} after).`,
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
    await Promise.all(proxies.map((proxy) => proxy.stop()));
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
