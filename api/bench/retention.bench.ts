/**
 * The nightly retention job at national scale: on a copy of the Impact benchmark's data (200,000 delegates,
 * `npm run bench -- analytics` makes it in .data/bench-analytics), with RETENTION_YEARS=5 so that a large share of
 * the delegates are due at once, as on the first night after a trust shortens its period. Reports how many people
 * were anonymised, the pass's wall time and its longest statements (issue 13: no query the application runs by
 * itself at that scale may take longer than 5 seconds), then drops the copy.
 *
 *   npm run bench -- retention                  results in bench/results/retention.{md,json}
 * BENCH_DATA_DIR chooses the data folder; RETENTION_YEARS (5) the period.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createApplication } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-database';
import { RetentionService } from '../src/modules/erasure/retention.service';
import { round } from './support/bench-app';

const YEARS = process.env['RETENTION_YEARS'] ?? '5';
const COPY = 'upstand_retention_bench';

async function main(): Promise<void> {
  const dataDir = process.env['BENCH_DATA_DIR'] ?? '.data/bench-analytics';
  const server = await startEmbeddedPostgres(
    dataDir,
    { log: () => undefined, warn: console.warn },
    'postgres',
  );
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  const url = new URL(server.adminUrl);
  url.pathname = `/${COPY}`;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${COPY}`);
    const copying = Date.now();
    await admin.query(`CREATE DATABASE ${COPY} TEMPLATE upstand_bench`);
    console.log(`Copied the benchmark data in ${round((Date.now() - copying) / 1000)} s`);

    // Every statement the job makes, timed (the repository's run inside transactions, on query runners), summed
    // by its first characters (hundreds of thousands of them: not kept one by one).
    const byKind = new Map<string, { n: number; totalMs: number; maxMs: number }>();
    let statements = 0;
    let longestMs = 0;
    const original = PostgresQueryRunner.prototype.query;
    PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, ...args) {
      const started = process.hrtime.bigint();
      try {
        return await original.apply(this, args);
      } finally {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const kind = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 60);
        const entry = byKind.get(kind) ?? { n: 0, totalMs: 0, maxMs: 0 };
        entry.n++;
        entry.totalMs += ms;
        entry.maxMs = Math.max(entry.maxMs, ms);
        byKind.set(kind, entry);
        statements++;
        longestMs = Math.max(longestMs, ms);
      }
    } as typeof original;

    const { app } = await createApplication(
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: url.toString(),
        UPSTAND_WEB_DIST: '/nonexistent',
        // The job is run here, once, not by the clock; nothing else runs beside it.
        BACKGROUND_WORK: 'false',
        RETENTION_YEARS: YEARS,
      }),
      url.toString(),
    );
    const sql = new Client({ connectionString: url.toString() });
    await sql.connect();
    try {
      const count = async () =>
        Number(((await sql.query(`SELECT count(*)::int AS n FROM user_erasure`)).rows[0] as { n: number }).n);
      const [users] = (await sql.query(`SELECT count(*)::int AS n FROM app_user`)).rows as { n: number }[];
      const erasedBefore = await count();
      byKind.clear();
      statements = 0;
      longestMs = 0;
      const started = Date.now();
      const outcome = await app.get(RetentionService).run();
      const seconds = round((Date.now() - started) / 1000);
      const slowest = [...byKind.entries()]
        .sort((a, b) => b[1].totalMs - a[1].totalMs)
        .slice(0, 8)
        .map(([kind, entry]) => ({
          statement: kind,
          count: entry.n,
          totalMs: round(entry.totalMs),
          maxMs: round(entry.maxMs),
        }));
      const summary = {
        date: new Date().toISOString(),
        command: 'npm run bench -- retention',
        machine: `${cpus().length} cores (shared), embedded PostgreSQL 18`,
        retentionYears: Number(YEARS),
        accounts: users!.n,
        erasedBefore,
        anonymised: outcome.anonymised,
        erasedAfter: await count(),
        seconds,
        statements,
        longestStatementMs: round(longestMs),
        slowest,
      };
      console.log(JSON.stringify(summary, null, 2));
      const out = join(process.cwd(), 'bench', 'results');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'retention.json'), JSON.stringify(summary, null, 2) + '\n');
      writeFileSync(
        join(out, 'retention.md'),
        [
          '# Retention job at national scale',
          '',
          `Command: \`${summary.command}\`. Run ${summary.date} on ${summary.machine}, on a copy of the Impact benchmark's data (${summary.accounts.toLocaleString('en-GB')} accounts, ${erasedBefore.toLocaleString('en-GB')} already anonymised), with RETENTION_YEARS=${YEARS} so that many people are due at once.`,
          '',
          `One pass anonymised ${outcome.anonymised.toLocaleString('en-GB')} people in ${seconds} s (${statements.toLocaleString('en-GB')} statements). Longest statement: ${summary.longestStatementMs} ms (target: none over 5,000 ms).`,
          '',
          'The statements that took the most time in all:',
          '',
          '| Statement (start) | Count | Total ms | Longest ms |',
          '| --- | --- | --- | --- |',
          ...slowest.map(
            (row) =>
              `| \`${row.statement.replace(/\|/g, '\\|')}\` | ${row.count} | ${row.totalMs} | ${row.maxMs} |`,
          ),
          '',
        ].join('\n'),
      );
    } finally {
      PostgresQueryRunner.prototype.query = original;
      await sql.end();
      await app.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${COPY} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
