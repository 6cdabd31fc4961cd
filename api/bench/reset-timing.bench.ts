/**
 * Password-reset timing: does "Forgotten your password?" answer a known email faster or slower than an unknown
 * one? Alternates requests for existing accounts and for made-up addresses through the real HTTP stack (each
 * email once, so no throttle is reached) and compares the medians. Writes bench/results/reset-timing.*.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { insertDelegatesWithSessions } from '../test/support/load-delegates';
import { startBenchApp } from './support/bench-app';

const PAIRS = 120;
/** Pairs between clearing the throttle (50 requests an hour from one client address). */
const ROUND = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const bench = await startBenchApp();
  const { sql, lead, xsrf } = bench;
  try {
    await insertDelegatesWithSessions(sql, PAIRS);
    const known = (
      (await sql.query(`SELECT email FROM app_user WHERE email LIKE 'load-%' ORDER BY email`)).rows as {
        email: string;
      }[]
    ).map((row) => row.email);
    const timings = { known: [] as number[], unknown: [] as number[] };
    const ask = async (email: string) => {
      const started = performance.now();
      await lead.post('/api/auth/password-reset').set('X-XSRF-TOKEN', xsrf).send({ email }).expect(202);
      return performance.now() - started;
    };
    // Warm up both paths once, then alternate so load changes hit both alike.
    await ask(known.pop()!);
    await ask('warm.up@example.nhs.uk');
    for (let n = 0; n < PAIRS - 1; n++) {
      if (n % ROUND === 0) await sql.query(`DELETE FROM throttle_window`);
      timings.known.push(await ask(known[n]!));
      timings.unknown.push(await ask(`nobody.${n}@example.nhs.uk`));
    }
    const report = {
      ranAt: new Date().toISOString(),
      requestsEach: timings.known.length,
      medianMs: {
        known: Math.round(median(timings.known) * 100) / 100,
        unknown: Math.round(median(timings.unknown) * 100) / 100,
      },
    };
    const outDir = join(__dirname, '../../bench/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'reset-timing.json'), JSON.stringify(report, null, 2) + '\n');
    writeFileSync(
      join(outDir, 'reset-timing.md'),
      [
        '# Password-reset timing',
        '',
        `Run ${report.ranAt} with \`npm run bench -- reset-timing\`: ${report.requestsEach} requests for existing accounts alternated with ${report.requestsEach} for made-up addresses, through the real HTTP stack (supertest), embedded PostgreSQL, 2 cores.`,
        '',
        '| email | median answer (ms) |',
        '| --- | --- |',
        `| has an account | ${report.medianMs.known} |`,
        `| has none | ${report.medianMs.unknown} |`,
        '',
        'Both requests queue one email and one audit entry; the outbox drops the one with no account when it sends.',
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
