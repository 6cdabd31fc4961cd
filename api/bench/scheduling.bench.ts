/**
 * Scheduling benchmark: generating and saving 100 cohorts through the real API, then a year's calendar
 * query over 10,000+ sessions. Runs on a throwaway embedded PostgreSQL (or BENCH_DATABASE_URL's server).
 * Usage: npm run bench  →  bench/results/scheduling.json and .md
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { latencySummary, round, startBenchApp } from './support/bench-app';

const COHORTS = 100;
const TARGET_SESSIONS = 10_000;

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const { sql, lead: agent, xsrf: token, programmeId } = bench;
  try {
    const createTimes: number[] = [];
    const started = performance.now();
    for (let index = 0; index < COHORTS; index++) {
      const day = new Date(Date.UTC(2027, 0, 4 + index * 3)).toISOString().slice(0, 10);
      const before = performance.now();
      await agent
        .post('/api/cohorts')
        .set('X-XSRF-TOKEN', token)
        .send({
          programmeId,
          name: `Bench cohort ${index}`,
          startDate: day,
          capacity: 24,
          systemOdsCode: 'QK1',
        })
        .expect(201);
      createTimes.push(performance.now() - before);
    }
    const createTotalMs = performance.now() - started;

    // Grow to 10,000+ sessions by copying the generated ones into further cohorts, shifted by whole weeks.
    const [{ count: existing }] = (await sql.query('SELECT count(*)::int AS count FROM session')).rows as [
      { count: number },
    ];
    const copies = Math.ceil((TARGET_SESSIONS - existing) / existing);
    await sql.query(
      `
      INSERT INTO session (cohort_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, status, calendar_uid, calendar_sequence)
      SELECT s.cohort_id, s.stage_key, s.kind, s.mode, s.sequence, s.title,
             s.starts_at + make_interval(weeks => c.n), s.ends_at + make_interval(weeks => c.n), s.status,
             gen_random_uuid()::text || '@upstand', 0
      FROM session s CROSS JOIN generate_series(1, $1) AS c(n)`,
      [copies],
    );
    await sql.query('ANALYZE session');
    const [{ count: total }] = (await sql.query('SELECT count(*)::int AS count FROM session')).rows as [
      { count: number },
    ];

    const yearQuery = `SELECT s.id, s.kind, s.starts_at, s.ends_at, c.name FROM session s JOIN cohort c ON c.id = s.cohort_id
      WHERE s.starts_at >= $1 AND s.starts_at < $2 AND s.status = 'scheduled' ORDER BY s.starts_at`;
    const queryTimes: number[] = [];
    let rows = 0;
    for (let run = 0; run < 50; run++) {
      const before = performance.now();
      rows = (await sql.query(yearQuery, ['2027-04-01T00:00:00Z', '2028-04-01T00:00:00Z'])).rowCount ?? 0;
      queryTimes.push(performance.now() - before);
    }

    const calendarTimes: number[] = [];
    let entries = 0;
    for (let run = 0; run < 20; run++) {
      const before = performance.now();
      entries = (
        (await agent.get('/api/calendar?from=2027-04-01&to=2028-04-01').expect(200)).body as unknown[]
      ).length;
      calendarTimes.push(performance.now() - before);
    }

    const cohortId = ((await agent.get('/api/cohorts').expect(200)).body as { id: string }[])[0]!.id;
    const listTimes: number[] = [];
    for (let run = 0; run < 50; run++) {
      const before = performance.now();
      await agent.get(`/api/cohorts/${cohortId}/sessions`).expect(200);
      listTimes.push(performance.now() - before);
    }

    const result = {
      ranAt: new Date().toISOString(),
      machine: 'see env: 2 cores',
      createCohortViaApi: {
        ...latencySummary(createTimes),
        totalMs: round(createTotalMs),
        sessionsPerCohort: existing / COHORTS,
      },
      yearCalendarQuerySql: { sessionsInTable: total, rowsReturned: rows, ...latencySummary(queryTimes) },
      yearCalendarEndpoint: { entriesReturned: entries, ...latencySummary(calendarTimes) },
      cohortSessionsEndpoint: latencySummary(listTimes),
    };
    const outDir = join(__dirname, '../../bench/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'scheduling.json'), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(
      join(outDir, 'scheduling.md'),
      [
        '# Scheduling benchmark',
        '',
        `Run ${result.ranAt} with \`npm run bench\` (embedded PostgreSQL, 2 cores).`,
        '',
        '| measurement | n | p50 ms | p95 ms | max ms | notes |',
        '| --- | --- | --- | --- | --- | --- |',
        `| POST /api/cohorts (generate + save) | ${result.createCohortViaApi.n} | ${result.createCohortViaApi.p50Ms} | ${result.createCohortViaApi.p95Ms} | ${result.createCohortViaApi.maxMs} | ${COHORTS} cohorts in ${round(createTotalMs / 1000)} s, ${result.createCohortViaApi.sessionsPerCohort} sessions each |`,
        `| a year's sessions (SQL) | ${result.yearCalendarQuerySql.n} | ${result.yearCalendarQuerySql.p50Ms} | ${result.yearCalendarQuerySql.p95Ms} | ${result.yearCalendarQuerySql.maxMs} | ${rows} rows of ${total} sessions |`,
        `| GET /api/calendar (a year) | ${result.yearCalendarEndpoint.n} | ${result.yearCalendarEndpoint.p50Ms} | ${result.yearCalendarEndpoint.p95Ms} | ${result.yearCalendarEndpoint.maxMs} | ${entries} entries with facilitators, venue and flags, of ${total} sessions |`,
        `| GET /api/cohorts/:id/sessions | ${result.cohortSessionsEndpoint.n} | ${result.cohortSessionsEndpoint.p50Ms} | ${result.cohortSessionsEndpoint.p95Ms} | ${result.cohortSessionsEndpoint.maxMs} | |`,
        '',
      ].join('\n'),
    );
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
