/**
 * Import responsiveness: `/api/health` latency (p50/p95/max) and the longest event-loop block while a
 * 20,000-row (~880 KB) organisation CSV import runs through the real HTTP server, on a throwaway embedded
 * PostgreSQL. `BENCH_LABEL=before|after` names the run; results of both labels are kept side by side in
 * bench/results/import-responsiveness.{json,md}.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { loadavg } from 'os';
import { join } from 'path';
import { monitorEventLoopDelay, performance } from 'perf_hooks';
import { setTimeout as sleep } from 'timers/promises';
import { pollHealth } from '../test/support/health-poller';
import { organisationCsv } from '../test/support/organisation-csv';
import { latencySummary, round, startBenchApp } from './support/bench-app';

const ROWS = 20_000;

async function main(): Promise<void> {
  const label = process.env['BENCH_LABEL'] ?? 'after';
  const bench = await startBenchApp();
  const { app, lead, xsrf } = bench;
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const csv = organisationCsv(ROWS);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const poller = pollHealth(`${base}/api/health`);
    loop.enable();
    const started = performance.now();
    const answer = await lead
      .post('/api/organisations/import?dryRun=false')
      .set('X-XSRF-TOKEN', xsrf)
      .set('Content-Type', 'text/csv')
      .send(csv);
    let outcome: string;
    if (answer.status === 202) {
      let job = answer.body as { id: string; status: string; result?: { created: number } };
      while (job.status === 'running') {
        await sleep(200);
        job = (await lead.get(`/api/import-jobs/${job.id}`).expect(200)).body;
      }
      outcome = `${job.status}, ${job.result?.created ?? 0} created`;
    } else outcome = `HTTP ${answer.status}, ${(answer.body as { created?: number }).created ?? 0} created`;
    const seconds = round((performance.now() - started) / 1000);
    loop.disable();
    const polls = await poller.stop();

    const run = {
      ranAt: new Date().toISOString(),
      rows: ROWS,
      loadAverage: round(loadavg()[0] ?? 0),
      bytes: Buffer.byteLength(csv),
      outcome,
      importSeconds: seconds,
      health: {
        ...latencySummary(polls.map((poll) => poll.ms)),
        notOk: polls.filter((poll) => poll.status !== 200).length,
      },
      eventLoopDelay: {
        p99Ms: round(loop.percentile(99) / 1e6),
        maxMs: round(loop.max / 1e6),
      },
    };
    const outDir = join(__dirname, '../../bench/results');
    mkdirSync(outDir, { recursive: true });
    const jsonPath = join(outDir, 'import-responsiveness.json');
    const runs = (existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {}) as Record<
      string,
      typeof run
    >;
    runs[label] = run;
    writeFileSync(jsonPath, JSON.stringify(runs, null, 2) + '\n');
    writeFileSync(
      join(outDir, 'import-responsiveness.md'),
      [
        '# Import responsiveness',
        '',
        `A ${ROWS.toLocaleString('en-GB')}-row organisation CSV import (~${Math.round(run.bytes / 1000)} KB) through the real HTTP server (PostgreSQL: embedded, or BENCH_DATABASE_URL's server), while \`/api/health\` is polled over HTTP from a worker thread (20 ms between answers, so a poll that falls in a block waits it out); \`monitorEventLoopDelay\` (10 ms resolution) records the longest the server's event loop was held. Command: \`BENCH_LABEL=<before|after> BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- import-responsiveness\`; "before" ran the same script on commit c982914 (the code before the fix). The 2-core machine was shared with other work, so figures vary from run to run.`,
        '',
        '| run | import | health answers (not 200) | health p50 / p95 / max | event-loop delay p99 / max | load (1 min) | when |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...Object.entries(runs).map(
          ([name, r]) =>
            `| ${name} | ${r.importSeconds} s (${r.outcome}) | ${r.health.n} (${r.health.notOk}) | ${r.health.p50Ms} / ${r.health.p95Ms} / ${r.health.maxMs} ms | ${r.eventLoopDelay.p99Ms} / ${r.eventLoopDelay.maxMs} ms | ${r.loadAverage ?? 'not recorded'} | ${r.ranAt} |`,
        ),
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(run, null, 2));
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
