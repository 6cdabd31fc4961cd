/**
 * Sign-in flood benchmark: one client address sends sign-ins with a different made-up email each time (a
 * credential-stuffing or enumeration run), through the real HTTP server (autocannon), while a probe times
 * /api/health as every other user would feel it. Counts how many attempts reached the password check (401) and
 * how many were refused before it (429). Writes bench/results/login-flood.*; a login-flood-before.json beside it
 * (the same run on an earlier commit) is shown as the "before" column.
 */
import autocannon from 'autocannon';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { startBenchApp } from './support/bench-app';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = 10;
const PROBE_EVERY_MS = 50;

interface FloodReport {
  ranAt: string;
  commit: string;
  seconds: number;
  connections: number;
  attempts: number;
  passwordChecks: number;
  passwordChecksPerSecond: number;
  refusedBeforeCheck: number;
  httpStatuses: Record<string, number>;
  healthMs: { idleP50: number; p50: number; p95: number; max: number; samples: number };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function probeHealth(base: string, until: () => boolean): Promise<number[]> {
  const timings: number[] = [];
  while (!until()) {
    const started = performance.now();
    await fetch(`${base}/api/health`).then((response) => response.arrayBuffer());
    timings.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  return timings;
}

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const { app } = bench;
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    // A fixed pre-session CSRF cookie and its token, as a scripted client would keep them.
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const cookie = (csrf.headers.getSetCookie() ?? []).map((line) => line.split(';')[0]).join('; ');
    const token = ((await csrf.json()) as { token: string }).token;

    let idleDone = false;
    const idleProbe = probeHealth(base, () => idleDone);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    idleDone = true;
    const idle = await idleProbe;

    let floodDone = false;
    const probe = probeHealth(base, () => floodDone);
    let next = 0;
    const statuses: Record<string, number> = {};
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/api/auth/login',
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, cookie, 'x-xsrf-token': token, 'content-type': 'application/json' },
            body: JSON.stringify({ email: `made.up.${next++}@example.nhs.uk`, password: 'Guess-123456' }),
          }),
          onResponse: (status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
          },
        },
      ],
    });
    floodDone = true;
    const during = await probe;
    const attempts = Object.values(statuses).reduce((sum, count) => sum + count, 0);
    const report: FloodReport = {
      ranAt: new Date().toISOString(),
      commit: process.env['BENCH_COMMIT'] ?? 'working tree',
      seconds: result.duration,
      connections: CONNECTIONS,
      attempts,
      passwordChecks: statuses['401'] ?? 0,
      passwordChecksPerSecond: Math.round((statuses['401'] ?? 0) / result.duration),
      refusedBeforeCheck: statuses['429'] ?? 0,
      httpStatuses: statuses,
      healthMs: {
        idleP50: Math.round(percentile(idle, 50) * 10) / 10,
        p50: Math.round(percentile(during, 50) * 10) / 10,
        p95: Math.round(percentile(during, 95) * 10) / 10,
        max: Math.round(Math.max(...during) * 10) / 10,
        samples: during.length,
      },
    };
    const outDir = join(__dirname, '../../bench/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'login-flood.json'), JSON.stringify(report, null, 2) + '\n');
    const beforeFile = join(outDir, 'login-flood-before.json');
    const before = existsSync(beforeFile)
      ? (JSON.parse(readFileSync(beforeFile, 'utf8')) as FloodReport)
      : null;
    const row = (label: string, value: (r: FloodReport) => string | number) =>
      `| ${label} | ${before ? `${value(before)} | ` : ''}${value(report)} |`;
    const statusText = (r: FloodReport) =>
      Object.entries(r.httpStatuses)
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ');
    writeFileSync(
      join(outDir, 'login-flood.md'),
      [
        '# Sign-in flood benchmark',
        '',
        `Run ${report.ranAt} with \`npm run bench -- login-flood\`: one client address sends sign-ins with a new made-up email each time over ${CONNECTIONS} connections for ${SECONDS} s (autocannon), while /api/health is timed every ${PROBE_EVERY_MS} ms. Embedded PostgreSQL, 2 cores, default limits.`,
        '',
        before ? `| measure | before (${before.commit}) | after (${report.commit}) |` : '| measure | value |',
        before ? '| --- | --- | --- |' : '| --- | --- |',
        row('sign-in attempts', (r) => r.attempts),
        row('reached the password check (401)', (r) => r.passwordChecks),
        row('password checks per second', (r) => r.passwordChecksPerSecond),
        row('refused before the check (429)', (r) => r.refusedBeforeCheck),
        row('HTTP statuses', statusText),
        row('/api/health p50 with no flood (ms)', (r) => r.healthMs.idleP50),
        row(
          '/api/health p50 / p95 / max during the flood (ms)',
          (r) => `${r.healthMs.p50} / ${r.healthMs.p95} / ${r.healthMs.max}`,
        ),
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
