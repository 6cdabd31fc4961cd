import 'reflect-metadata';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApplication } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { ensureDatabase, startEmbeddedPostgres } from '../../src/database/embedded-database';

export interface BenchApp {
  app: NestExpressApplication;
  sql: Client;
  /** Signed in as the demo programme lead; mutating calls need `.set('X-XSRF-TOKEN', xsrf)` */
  lead: TestAgent;
  xsrf: string;
  programmeId: string;
  stop(): Promise<void>;
}

/**
 * The real application on a throwaway embedded PostgreSQL (or BENCH_DATABASE_URL's server), for benchmarks.
 * `options.keepIn` keeps the embedded data directory and database between runs (for benches whose data takes
 * minutes to generate).
 */
export async function startBenchApp(options: { keepIn?: string } = {}): Promise<BenchApp> {
  const dataDir = options.keepIn ?? mkdtempSync(join(tmpdir(), 'upstand-bench-'));
  const server = process.env['BENCH_DATABASE_URL']
    ? { adminUrl: process.env['BENCH_DATABASE_URL'], stop: async () => undefined }
    : await startEmbeddedPostgres(dataDir, { log: () => undefined, warn: console.warn }, 'postgres');
  const databaseName = options.keepIn ? 'upstand_bench' : `upstand_bench_${Date.now()}`;
  await ensureDatabase(server.adminUrl, databaseName);
  const url = new URL(server.adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  const { app } = await createApplication(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      UPSTAND_WEB_DIST: '/nonexistent',
      MAIL_WORKER_INTERVAL_MS: '0',
      // Measurements are of figures computed on request, not prepared in the background.
      ANALYTICS_WARM_AFTER_MS: '0',
    }),
    databaseUrl,
  );
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  const lead = request.agent(app.getHttpServer());
  await lead
    .post('/api/auth/login')
    .set('X-XSRF-TOKEN', (await lead.get('/api/auth/csrf')).body.token as string)
    .send({ email: 'lead@demo.upstand.test', password: 'upstand-demo' })
    .expect(200);
  // The CSRF token is bound to the session, so it changed at sign-in.
  const xsrf = (await lead.get('/api/auth/csrf')).body.token as string;
  const [programme] = (await lead.get('/api/programmes').expect(200)).body as { id: string }[];
  if (!programme) throw new Error('The demo programme was not seeded');
  return {
    app,
    sql,
    lead,
    xsrf,
    programmeId: programme.id,
    stop: async () => {
      await sql.end();
      await app.close();
      await server.stop();
      if (!options.keepIn) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const round = (value: number) => Math.round(value * 100) / 100;

export const latencySummary = (values: number[]) => ({
  n: values.length,
  p50Ms: round(percentile(values, 50)),
  p95Ms: round(percentile(values, 95)),
  maxMs: round(Math.max(...values)),
});
