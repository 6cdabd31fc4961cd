/**
 * The application as a separate process that only runs the outbox worker (on its timer), for tests that kill it
 * with SIGKILL mid-batch. Configured by the environment like the real app (DATABASE_URL, SMTP_URL, …).
 * Run with: node -r ts-node/register/transpile-only -r tsconfig-paths/register (TS_NODE_PROJECT=api/tsconfig.spec.json).
 */
import 'reflect-metadata';
import { createApplication } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await createApplication(config, config.database.url!);
  process.send?.('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
