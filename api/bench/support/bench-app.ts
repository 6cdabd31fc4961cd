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
  databaseUrl: string;
  /**
   * Closes the application and starts it again on the same database with these settings added (`lead` and
   * `xsrf` are signed in afresh). Variables the configuration does not know yet are also set in process.env
   * while it starts, for code that reads them directly.
   */
  restart(env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real application on a throwaway embedded PostgreSQL (or BENCH_DATABASE_URL's server, in a database named
 * BENCH_DATABASE_NAME if given), for benchmarks.
 * `options.keepIn` keeps the embedded data directory and database between runs (for benches whose data takes
 * minutes to generate).
 */
export async function startBenchApp(
  options: { keepIn?: string; env?: Record<string, string> } = {},
): Promise<BenchApp> {
  const dataDir = options.keepIn ?? mkdtempSync(join(tmpdir(), 'upstand-bench-'));
  const server = process.env['BENCH_DATABASE_URL']
    ? { adminUrl: process.env['BENCH_DATABASE_URL'], stop: async () => undefined }
    : await startEmbeddedPostgres(dataDir, { log: () => undefined, warn: console.warn }, 'postgres');
  const databaseName =
    process.env['BENCH_DATABASE_NAME'] || (options.keepIn ? 'upstand_bench' : `upstand_bench_${Date.now()}`);
  await ensureDatabase(server.adminUrl, databaseName);
  const url = new URL(server.adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  const start = async (env: Record<string, string>) => {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      const { app } = await createApplication(
        loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: databaseUrl,
          UPSTAND_WEB_DIST: '/nonexistent',
          MAIL_WORKER_INTERVAL_MS: '0',
          // Measurements are of figures computed on request, not prepared in the background.
          ANALYTICS_WARM_AFTER_MS: '0',
          ...env,
        }),
        databaseUrl,
      );
      const lead = request.agent(app.getHttpServer());
      // The pre-session cookie must be in the jar before the sign-in request is made (cookies are attached then).
      const anonymousXsrf = (await lead.get('/api/auth/csrf')).body.token as string;
      await lead
        .post('/api/auth/login')
        .set('X-XSRF-TOKEN', anonymousXsrf)
        .send({ email: 'lead@demo.upstand.test', password: 'upstand-demo' })
        .expect((response) => {
          if (response.status !== 200)
            throw new Error(
              `Signing in as the demo lead: ${response.status} ${JSON.stringify(response.body)}`,
            );
        });
      // The CSRF token is bound to the session, so it changed at sign-in.
      const xsrf = (await lead.get('/api/auth/csrf')).body.token as string;
      return { app, lead, xsrf };
    } finally {
      for (const [name, value] of Object.entries(saved))
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
  };
  const started = await start(options.env ?? {});
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  const [programme] = (await started.lead.get('/api/programmes').expect(200)).body as { id: string }[];
  if (!programme) throw new Error('The demo programme was not seeded');
  const bench: BenchApp = {
    ...started,
    sql,
    programmeId: programme.id,
    databaseUrl,
    restart: async (env) => {
      await bench.app.close();
      Object.assign(bench, await start({ ...(options.env ?? {}), ...env }));
    },
    stop: async () => {
      await sql.end();
      await bench.app.close();
      await server.stop();
      if (!options.keepIn) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return bench;
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
