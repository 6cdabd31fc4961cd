/**
 * `npm run migrate` (from a checkout) or `node api/migrate.js` (in a production build): applies pending
 * migrations to the database the app is configured for, under the same advisory lock the app takes at start,
 * then exits. Run it as its own release step with MIGRATE_ON_START=false on the instances; migrations are
 * written expand-then-contract, so instances of the previous release keep working while it runs.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { runMigrations } from './migrate';
import { openDatabase } from './open-database';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Upstand cannot migrate. ${error.message}`);
      return 1;
    }
    throw error;
  }
  const logger = {
    log: (message: string) => console.log(message),
    warn: (message: string) => console.warn(message),
  };
  const database = await openDatabase(config, logger);
  try {
    // A session-level advisory lock serialises migrators: behind a transaction pooler it needs the session URL.
    const applied = await runMigrations(config.database.sessionUrl ?? database.url);
    console.log(
      applied.length === 0
        ? 'The database is up to date: no migrations to apply.'
        : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:\n${applied.map((name) => `  ${name}`).join('\n')}`,
    );
    return 0;
  } catch (error) {
    console.error(`Migrating failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await database.stop();
  }
}

void main().then((status) => process.exit(status));
