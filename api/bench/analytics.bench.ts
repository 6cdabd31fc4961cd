/**
 * Impact dashboard benchmark on national-scale synthetic data (default 200,000 delegates, pre/post/follow-up
 * questionnaires of 15 items): each dashboard endpoint's latency through the real HTTP stack for a lead and for
 * the steering group (who get small-number protection), next to the hand-written SQL at its core; and the
 * streamed matched-ID export's time and peak memory. Writes bench/results/analytics.{json,md}.
 *
 *   BENCH_DELEGATES=20000 npm run bench      (smaller run)
 */
import { InstrumentItem } from '@upstand/contracts';
import { mkdirSync, writeFileSync } from 'fs';
import { get } from 'http';
import { AddressInfo } from 'net';
import { join } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedScale } from '../src/database/seed-scale';
import { DEFAULT_INSTRUMENTS } from '../src/modules/evaluations/default-instruments';
import { latencySummary, round, startBenchApp } from './support/bench-app';

const DELEGATES = Number(process.env['BENCH_DELEGATES'] ?? 200_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 12);

/** Six extra items so pre and post have 15 items each, as a fuller questionnaire would. */
const EXTRA_ITEMS: InstrumentItem[] = [
  ['recognise_harm', 'I can recognise bullying, harassment and discrimination when I see it'],
  ['challenge_safely', 'I know how to challenge unacceptable behaviour safely'],
  ['support_colleague', 'I would check in with a colleague who had been treated badly'],
  ['report_concern', 'I know how to report a concern'],
  ['team_culture', 'My team talks openly about how we treat each other'],
  ['leader_support', 'My manager would support me if I intervened'],
].map(([code, wording]) => ({
  code: code as string,
  wording: wording as string,
  type: 'likert-5',
  construct: 'culture',
  required: true,
}));

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const { app, sql, lead, xsrf, programmeId } = bench;
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  try {
    for (const stage of ['pre', 'post'] as const) {
      const base = DEFAULT_INSTRUMENTS.find((instrument) => instrument.stage === stage)!;
      const items = [...base.items.filter((item) => item.type !== 'free-text'), ...EXTRA_ITEMS].slice(0, 15);
      await lead
        .put(`/api/programmes/${programmeId}/instruments/${stage}`)
        .set('X-XSRF-TOKEN', xsrf)
        .send({ title: base.title, items })
        .expect(200);
    }
    console.log(`Seeding ${DELEGATES.toLocaleString('en-GB')} synthetic delegates…`);
    const seeded = await seedScale(app.get(DataSource), {
      delegates: DELEGATES,
      log: (line) => console.log(line),
    });
    await sql.query('ANALYZE');

    const steering = request.agent(app.getHttpServer());
    const steeringXsrf = (await steering.get('/api/auth/csrf')).body.token as string;
    await steering
      .post('/api/auth/login')
      .set('X-XSRF-TOKEN', steeringXsrf)
      .send({ email: 'steering@demo.upstand.test', password: 'upstand-demo' })
      .expect(200);
    const [system] = (await sql.query(`SELECT id FROM organisation WHERE ods_code = 'QK1'`)).rows as {
      id: string;
    }[];

    const endpoints: { name: string; path: string; handSql: string; params: unknown[] }[] = [
      {
        name: 'overview',
        path: `/api/analytics/overview?programmeId=${programmeId}`,
        handSql: `SELECT count(*) FILTER (WHERE e.status = 'completed') FROM enrolment e WHERE e.programme_id = $1`,
        params: [programmeId],
      },
      {
        name: 'items (pre → post)',
        path: `/api/analytics/items?programmeId=${programmeId}&from=pre&to=post`,
        handSql: `SELECT f.item_code, f.value_number, t.value_number, count(*)
                  FROM evaluation_response rf
                  JOIN evaluation_response rt ON rt.programme_id = rf.programme_id AND rt.pairing_key = rf.pairing_key AND rt.stage = 'post' AND rt.session_key = ''
                  JOIN evaluation_answer f ON f.response_id = rf.id
                  JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code
                  WHERE rf.programme_id = $1 AND rf.stage = 'pre' AND rf.session_key = ''
                  GROUP BY 1, 2, 3`,
        params: [programmeId],
      },
      {
        name: 'breakdown by ethnicity',
        path: `/api/analytics/breakdowns?programmeId=${programmeId}&dimension=ethnicity`,
        handSql: `SELECT CASE WHEN em.ethnic_category IN ('A','B','C') THEN 'white' WHEN em.ethnic_category IS NOT NULL AND em.ethnic_category <> 'Z' THEN 'bme' ELSE 'not-stated' END, count(*)
                  FROM enrolment e LEFT JOIN equality_monitoring em ON em.user_id = e.delegate_user_id
                  WHERE e.programme_id = $1 AND e.status = 'completed' GROUP BY 1`,
        params: [programmeId],
      },
      {
        name: 'funnel',
        path: `/api/analytics/funnel?programmeId=${programmeId}`,
        handSql: `SELECT e.status, count(*) FROM enrolment e WHERE e.programme_id = $1 GROUP BY 1`,
        params: [programmeId],
      },
      {
        name: 'cumulative',
        path: `/api/analytics/cumulative?programmeId=${programmeId}`,
        handSql: `SELECT date_trunc('quarter', e.completed_at), count(*) FROM enrolment e WHERE e.programme_id = $1 AND e.status = 'completed' GROUP BY 1`,
        params: [programmeId],
      },
      {
        name: 'response rates',
        path: `/api/analytics/response-rates?programmeId=${programmeId}`,
        handSql: `SELECT r.cohort_id, r.stage, count(*) FROM evaluation_response r WHERE r.programme_id = $1 AND r.session_key = '' GROUP BY 1, 2`,
        params: [programmeId],
      },
      {
        name: 'items, one system, FY 2023',
        path: `/api/analytics/items?programmeId=${programmeId}&systemId=${system?.id}&startFrom=2023-04-01&startTo=2024-03-31`,
        handSql: `SELECT count(*) FROM evaluation_response r JOIN cohort c ON c.id = r.cohort_id
                  WHERE r.programme_id = $1 AND c.system_id = $2 AND c.start_date BETWEEN '2023-04-01' AND '2024-03-31'`,
        params: [programmeId, system?.id],
      },
    ];

    const results = [];
    for (const endpoint of endpoints) {
      const measure = async (agent: typeof lead) => {
        await agent.get(endpoint.path).expect(200); // warm-up
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push(await timed(() => agent.get(endpoint.path).expect(200)));
        return latencySummary(times);
      };
      const leadLatency = await measure(lead);
      const steeringLatency = await measure(steering);
      await sql.query(endpoint.handSql, endpoint.params);
      const sqlTimes: number[] = [];
      for (let i = 0; i < RUNS; i++)
        sqlTimes.push(await timed(() => sql.query(endpoint.handSql, endpoint.params)));
      const handSql = latencySummary(sqlTimes);
      const row = {
        endpoint: endpoint.name,
        lead: leadLatency,
        steering: steeringLatency,
        handSql,
        leadRatio: round(leadLatency.p95Ms / Math.max(handSql.p95Ms, 0.01)),
        steeringRatio: round(steeringLatency.p95Ms / Math.max(handSql.p95Ms, 0.01)),
      };
      console.log(JSON.stringify(row));
      results.push(row);
    }

    // The matched-ID export, streamed over a real socket into a byte counter; memory sampled while it runs.
    global.gc?.();
    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const cookie = (await lead.get('/api/auth/me')).request.cookies;
    const started = Date.now();
    const bytes = await new Promise<number>((resolve, reject) => {
      get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/analytics/matched-export.xlsx?programmeId=${programmeId}`,
          headers: { cookie },
        },
        (response) => {
          if (response.statusCode !== 200) reject(new Error(`export answered ${response.statusCode}`));
          let total = 0;
          response.on('data', (chunk: Buffer) => (total += chunk.length));
          response.on('end', () => resolve(total));
        },
      ).on('error', reject);
    });
    const exportSeconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const [respondents] = (
      await sql.query(
        `SELECT count(DISTINCT pairing_key)::int AS n FROM evaluation_response WHERE programme_id = $1 AND session_key = ''`,
        [programmeId],
      )
    ).rows as { n: number }[];

    const summary = {
      date: new Date().toISOString(),
      machine: '2 cores (shared), embedded PostgreSQL 18',
      data: seeded,
      runsPerMeasurement: RUNS,
      endpoints: results,
      matchedExport: {
        respondents: respondents?.n,
        seconds: round(exportSeconds),
        megabytes: round(bytes / 1e6),
        baselineRssMb: round(baselineRss / 1e6),
        peakRssMb: round(peakRss / 1e6),
        peakIncreaseMb: round((peakRss - baselineRss) / 1e6),
      },
    };
    const out = join(process.cwd(), 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'analytics.json'), `${JSON.stringify(summary, null, 2)}\n`);
    const lines = [
      '# Impact analytics benchmark',
      '',
      `Run ${summary.date} on ${summary.machine}. Data: ${seeded.delegates.toLocaleString('en-GB')} delegates, ${seeded.cohorts.toLocaleString('en-GB')} cohorts, ${seeded.responses.toLocaleString('en-GB')} responses, ${seeded.answers.toLocaleString('en-GB')} answers (questionnaires of 15 items). ${RUNS} requests per measurement after one warm-up. Regenerate with \`npm run bench\`.`,
      '',
      '| Endpoint | Lead p50 / p95 ms | Steering p50 / p95 ms | Hand SQL p50 / p95 ms | Lead p95 ÷ SQL | Steering p95 ÷ SQL |',
      '| --- | --- | --- | --- | --- | --- |',
      ...results.map(
        (row) =>
          `| ${row.endpoint} | ${row.lead.p50Ms} / ${row.lead.p95Ms} | ${row.steering.p50Ms} / ${row.steering.p95Ms} | ${row.handSql.p50Ms} / ${row.handSql.p95Ms} | ${row.leadRatio} | ${row.steeringRatio} |`,
      ),
      '',
      `Matched-ID export (XLSX, streamed): ${summary.matchedExport.respondents?.toLocaleString('en-GB')} respondent rows, ${summary.matchedExport.megabytes} MB in ${summary.matchedExport.seconds} s; process RSS ${summary.matchedExport.baselineRssMb} MB before, peak ${summary.matchedExport.peakRssMb} MB (+${summary.matchedExport.peakIncreaseMb} MB).`,
      '',
      'The hand SQL is the core aggregate each endpoint runs, without the protection of small numbers (the steering',
      "group's view also aggregates the wider views and siblings it must be checked against) and without building",
      'the response.',
      '',
    ];
    writeFileSync(join(out, 'analytics.md'), lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
