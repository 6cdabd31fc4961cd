import { readFileSync } from 'fs';
import { join } from 'path';
import { Client } from 'pg';

/**
 * Runs SQL against the embedded PostgreSQL of the shared browser-test server, for what no screen can do (such as
 * moving a cohort's sessions into the past). The server keeps its password in `<data dir>/postgres-password` and
 * PostgreSQL writes its port on the fourth line of `postmaster.pid`.
 */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const dataDir = process.env['UPSTAND_E2E_DATA_DIR'];
  if (!dataDir)
    throw new Error('UPSTAND_E2E_DATA_DIR is not set: run the browser tests through e2e/jest.config.ts');
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  const port = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const client = new Client({ host: '127.0.0.1', port, user: 'upstand', password, database: 'upstand' });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
