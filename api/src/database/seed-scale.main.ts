/**
 * `npm run seed:scale -- [--delegates 200000] [--database-url postgres://…] [--data-dir .data/scale] [--seed N] [--reset]`
 *
 * Fills a database with national-scale SYNTHETIC data (see seed-scale.ts). Without a URL (flag or DATABASE_URL) it
 * uses an embedded PostgreSQL in .data/scale; afterwards `UPSTAND_DATA_DIR=.data/scale npm start` serves it.
 * The application is started on the database first (migrations, reference data, demo users), then stopped.
 * It starts with BACKGROUND_WORK=false: no Impact warm-up, scheduled job or outbox worker runs in this process,
 * so it exits as soon as the data is written (a warm-up of the new national data could otherwise run for
 * many minutes, and closing the application used to wait for it).
 */
import 'reflect-metadata';
import { resolve } from 'path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApplication } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-database';
import { ImpactAggregatesService } from '../modules/analytics/aggregates/impact-aggregates.service';
import { ScaleSummary, seedScale, ScaleDataPresentError } from './seed-scale';

interface Arguments {
  delegates: number;
  databaseUrl: string | null;
  dataDir: string;
  seed: number | undefined;
  reset: boolean;
}

const USAGE =
  'Usage: npm run seed:scale -- [--delegates 200000] [--database-url postgres://…] [--data-dir .data/scale] [--seed N] [--reset]';

function parseArguments(argv: string[]): Arguments {
  const result: Arguments = {
    delegates: 200_000,
    databaseUrl: process.env['DATABASE_URL'] || null,
    dataDir: resolve('.data/scale'),
    seed: undefined,
    reset: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    const whole = (text: string, name: string) => {
      if (!/^\d+$/.test(text.replace(/_/g, '')))
        throw new Error(`${name} must be a whole number (got "${text}")`);
      return Number(text.replace(/_/g, ''));
    };
    if (flag === '--delegates') result.delegates = whole(value(), '--delegates');
    else if (flag === '--database-url') result.databaseUrl = value();
    else if (flag === '--data-dir') result.dataDir = resolve(value());
    else if (flag === '--seed') result.seed = whole(value(), '--seed');
    else if (flag === '--reset') result.reset = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option ${flag}\n${USAGE}`);
  }
  if (result.databaseUrl && !/^postgres(ql)?:\/\/\S+$/.test(result.databaseUrl))
    throw new Error('--database-url must be a postgres:// or postgresql:// URL');
  if (result.reset && result.databaseUrl)
    throw new Error('--reset only empties the embedded database; drop your own database yourself');
  return result;
}

async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function printSummary(summary: ScaleSummary): void {
  const rows: [string, number][] = [
    ['ICBs', summary.icbs],
    ['organisations added', summary.organisations],
    ['delegates', summary.delegates],
    ['cohorts', summary.cohorts],
    ['learning sets', summary.learningSets],
    ['sessions', summary.sessions],
    ['enrolments', summary.enrolments],
    ['certified', summary.certified],
    ['attendance records', summary.attendance],
    ['community members', summary.communityMembers],
    ['evaluation responses', summary.responses],
    ['evaluation answers', summary.answers],
  ];
  for (const [label, count] of rows)
    console.log(`  ${label.padEnd(24)} ${count.toLocaleString('en-GB').padStart(11)}`);
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const started = Date.now();
  const logger = {
    log: (message: string) => console.log(message),
    warn: (message: string) => console.warn(message),
  };
  let stopDatabase = async () => undefined as void;
  let url = args.databaseUrl;
  if (!url) {
    const embedded = await startEmbeddedPostgres(args.dataDir, logger);
    stopDatabase = () => embedded.stop();
    url = embedded.url;
    if (args.reset) {
      console.log('Emptying the embedded database (--reset)');
      await recreateDatabase(embedded.adminUrl, new URL(embedded.url).pathname.slice(1));
    }
  }
  try {
    console.log('Starting the application on the database (migrations, reference data, demo users)…');
    const { app } = await createApplication(
      loadConfig({
        ...process.env,
        NODE_ENV: 'test', // demo users and reference data, but not the small synthetic pilot
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        UPSTAND_WEB_DIST: '/nonexistent',
        MAIL_WORKER_INTERVAL_MS: '0',
        BACKGROUND_WORK: 'false',
      }),
      url,
    );
    try {
      const summary = await seedScale(app.get(DataSource), {
        delegates: args.delegates,
        seed: args.seed,
        log: (message) => console.log(message),
      });
      console.log(`\nSYNTHETIC scale data written in ${(summary.milliseconds / 1000).toFixed(1)} s:`);
      printSummary(summary);
      // The bulk inserts logged everyone as changed: compute the Impact figures once, here, rather than leave a
      // whole-programme rebuild to the first server that starts on the data.
      console.log('\nComputing the Impact figures…');
      await app.get(ImpactAggregatesService).rebuildAll((line) => console.log(`  ${line}`));
    } finally {
      await app.close();
    }
  } finally {
    await stopDatabase();
  }
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (!args.databaseUrl) console.log(`Serve it with: UPSTAND_DATA_DIR=${args.dataDir} npm start`);
}

main().catch((error: unknown) => {
  const hint = error instanceof ScaleDataPresentError ? ' (--reset empties the embedded database first)' : '';
  console.error(`seed:scale failed: ${error instanceof Error ? error.message : String(error)}${hint}`);
  process.exit(1);
});
