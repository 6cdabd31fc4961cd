import { existsSync } from 'fs';
import { assertBuilt, CHROMIUM } from './paths';
import { startServer } from './server';

/** Fails (never skips) without Chromium; starts one shared demo server for the browser tests. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
    );
  }
  assertBuilt();
  const server = await startServer({ env: { NODE_ENV: 'development' } });
  (globalThis as Record<string, unknown>)['__UPSTAND_E2E_SERVER__'] = server;
  process.env['UPSTAND_E2E_URL'] = server.url;
  process.env['UPSTAND_E2E_DATA_DIR'] = server.dataDir;
}
