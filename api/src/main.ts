import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { openDatabase } from './database/open-database';
import { createApplication, PendingMigrationsError } from './bootstrap';
import { SeedService } from './modules/demo/seed.service';
import { HealthService } from './modules/health/health.service';

async function main(): Promise<void> {
  const logger = new Logger('Upstand');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Upstand cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const database = await openDatabase(config, logger);
  let stopping = false;
  const stopDatabase = async () => {
    try {
      await database.stop();
    } catch (error) {
      logger.warn(`Stopping the database failed: ${String(error)}`);
    }
  };

  let application;
  try {
    application = await createApplication(config, database.url);
  } catch (error) {
    if (error instanceof PendingMigrationsError) console.error(`Upstand cannot start. ${error.message}`);
    else console.error('Upstand could not start:', error);
    await stopDatabase();
    process.exit(1);
  }
  const { app, webDir } = application;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    // Readiness answers 503 from now on; close() stops listening, lets requests in flight finish and runs each
    // module's shutdown hook (the outbox and import workers hand back their leases).
    app.get(HealthService).beginShutdown();
    await app.close();
    await stopDatabase();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.http.port, config.http.host);
  const url = `http://${config.http.host === '127.0.0.1' || config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
  const lines = [`Upstand is running at ${url}`, `API documentation: ${url}/api/docs`];
  if (!webDir) lines.push('The web app is not built: run `npm start` (or `npx nx build web`) to serve it.');
  const logins = await app.get(SeedService).demoLogins();
  if (logins.length > 0) {
    lines.push('', `Demo logins (password: ${config.demo.password}):`);
    for (const login of logins) lines.push(`  ${login.email.padEnd(32)} ${login.role}`);
  }
  console.log(['', ...lines.map((line) => `  ${line}`), ''].join('\n'));
}

void main();
