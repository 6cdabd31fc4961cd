import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startEmbeddedPostgres } from '../../src/database/embedded-database';

/**
 * One PostgreSQL server for the run: TEST_DATABASE_URL's, or an embedded one in a temporary directory.
 * Each test file then creates its own database on it (see test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['TEST_DATABASE_URL']) {
    process.env['UPSTAND_TEST_ADMIN_URL'] = process.env['TEST_DATABASE_URL'];
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'upstand-test-pg-'));
  const database = await startEmbeddedPostgres(
    dataDir,
    { log: () => undefined, warn: console.warn },
    'upstand_template',
  );
  process.env['UPSTAND_TEST_ADMIN_URL'] = database.adminUrl;
  (globalThis as Record<string, unknown>)['__UPSTAND_TEST_DB__'] = { database, dataDir };
}
