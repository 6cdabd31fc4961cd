/**
 * Sign-up benchmark: many delegates pressing "sign up" at once for one cohort, through the real HTTP server
 * (autocannon), on a throwaway embedded PostgreSQL. Checks capacity held, then writes bench/results/signup.*.
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { csrfTokenFor } from '../src/common/csrf.middleware';
import { insertDelegatesWithSessions } from '../test/support/load-delegates';
import { startBenchApp } from './support/bench-app';

const DELEGATES = 2000;
const CAPACITY = 500;
const CONNECTIONS = 50;

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const { app, sql, lead, xsrf: token, programmeId } = bench;
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  try {
    const cohort = (
      await lead
        .post('/api/cohorts')
        .set('X-XSRF-TOKEN', token)
        .send({
          programmeId,
          name: 'Bench cohort',
          startDate: '2027-05-13',
          capacity: CAPACITY,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as { id: string };
    const tokens = await insertDelegatesWithSessions(sql, DELEGATES);

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
          setupRequest: (req) => {
            const session = tokens[next++ % DELEGATES]!;
            return {
              ...req,
              headers: {
                ...req.headers,
                cookie: `upstand_session=${session}`,
                // The CSRF token is an HMAC of the session cookie, so each delegate has their own.
                'x-xsrf-token': csrfTokenFor(session),
                'content-type': 'application/json',
              },
              body: '{}',
            };
          },
          onResponse: (status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
          },
        },
      ],
    });
    const counts = (
      await sql.query(
        `SELECT status, count(*)::int AS count FROM enrolment WHERE cohort_id = $1 GROUP BY status ORDER BY status`,
        [cohort.id],
      )
    ).rows as { status: string; count: number }[];
    const confirmed = counts.find((row) => row.status === 'confirmed')?.count ?? 0;
    const report = {
      ranAt: new Date().toISOString(),
      delegates: DELEGATES,
      capacity: CAPACITY,
      connections: CONNECTIONS,
      requestsPerSecond: { mean: result.requests.average, max: result.requests.max },
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
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
        `| HTTP statuses | ${Object.entries(statuses)
          .map(([status, count]) => `${status}: ${count}`)
          .join(', ')} |`,
        `| enrolments | ${counts.map((row) => `${row.status}: ${row.count}`).join(', ')} |`,
        `| capacity held | ${report.capacityHeld ? 'yes' : 'NO'} |`,
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(report, null, 2));
    if (!report.capacityHeld) process.exitCode = 1;
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
