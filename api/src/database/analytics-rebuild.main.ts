/**
 * `npm run analytics:rebuild` (from a checkout) or `node api/analytics-rebuild.js` (in a production build):
 * applies what is waiting in the Impact change log, compares the kept aggregates with a computation from scratch
 * (they should be equal: any difference is printed, table by table), recomputes every programme from scratch, and
 * checks the result again. Exits 1 if the rebuilt aggregates differ from the computation from scratch.
 * Safe while instances run: it takes the same lock as their appliers.
 */
import 'reflect-metadata';
import { createApplication } from '../bootstrap';
import { ConfigError, loadConfig } from '../config/app-config';
import { ImpactAggregatesService } from '../modules/analytics/aggregates/impact-aggregates.service';
import { openDatabase } from './open-database';

const differs = (counts: Record<string, number>) => Object.values(counts).some((n) => n !== 0);

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig({
      ...process.env,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
      // Only this command's work: no mail, no applier turns, no warm-up.
      MAIL_WORKER_INTERVAL_MS: '0',
      IMPACT_APPLY_INTERVAL_MS: '0',
      ANALYTICS_WARM_AFTER_MS: '0',
      UPSTAND_WEB_DIST: '/nonexistent',
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Upstand cannot rebuild the Impact figures. ${error.message}`);
      return 1;
    }
    throw error;
  }
  const logger = { log: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
  const database = await openDatabase(config, logger);
  const started = Date.now();
  try {
    const { app } = await createApplication(config, database.url);
    try {
      const results = await app.get(ImpactAggregatesService).rebuild((line) => console.log(line));
      const kept = results.every((result) => !differs(result.before));
      const rebuilt = results.every((result) => !differs(result.after));
      console.log(
        kept
          ? 'The kept Impact aggregates equalled a computation from scratch.'
          : 'The kept Impact aggregates differed from a computation from scratch (see above); they have been rebuilt.',
      );
      console.log(
        `Rebuilt ${results.length} programme(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      if (!rebuilt) console.error('The rebuilt aggregates still differ from a computation from scratch.');
      return rebuilt ? 0 : 1;
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`Rebuilding the Impact figures failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
