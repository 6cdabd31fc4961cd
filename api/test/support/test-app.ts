import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'crypto';
import { CookieAccessInfo } from 'cookiejar';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApplication } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { OutboxWorker } from '../../src/modules/mail/outbox-worker.service';
import { insertDelegatesWithSessions } from './load-delegates';

export const DEMO_PASSWORD = 'upstand-demo';

export interface TestApp {
  app: NestExpressApplication;
  databaseUrl: string;
  /** A fresh browser-like client: keeps cookies and sends the CSRF header on mutating requests. */
  client(): Promise<ApiClient>;
  /** A client already signed in as this user. */
  signedIn(email: string, password?: string): Promise<ApiClient>;
  /**
   * Many delegates at once, for load and concurrency tests: accounts (with a delegate profile) and
   * sessions are written straight to the database, skipping 200 argon2 sign-ins.
   */
  delegates(count: number, organisationOdsCode?: string): Promise<ApiClient[]>;
  /** Runs SQL directly against this test file's database. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Sends everything waiting in the outbox. One worker run sends one batch, and an enrolment queues an invitation
   * per session besides its confirmation, so a single run does not empty it.
   */
  sendOutbox(): Promise<void>;
  close(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env['UPSTAND_TEST_ADMIN_URL'];
  if (!url)
    throw new Error(
      'UPSTAND_TEST_ADMIN_URL is not set: run integration tests through jest.integration.config.ts',
    );
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(work: (client: Client) => Promise<T>, url = adminUrl()): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a database of its own for the calling test file and boots the real application on it. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: {
    sameDatabaseAs?: TestApp;
    /** The server to create the test's database on (default: the one global-setup prepared). */
    serverUrl?: string;
    /** Runs once the database exists, before the app starts; returns more environment (e.g. DATABASE_READ_URL). */
    beforeStart?: (databaseUrl: string) => Promise<Record<string, string>>;
  } = {},
): Promise<TestApp> {
  const serverUrl = options.serverUrl ?? adminUrl();
  const databaseName = options.sameDatabaseAs
    ? new URL(options.sameDatabaseAs.databaseUrl).pathname.slice(1)
    : `upstand_test_${randomBytes(6).toString('hex')}`;
  if (!options.sameDatabaseAs)
    await admin((client) => client.query(`CREATE DATABASE ${databaseName}`), serverUrl);
  const databaseUrl = withDatabase(serverUrl, databaseName);
  const extraEnv = options.beforeStart ? await options.beforeStart(databaseUrl) : {};
  // Tests drive the outbox worker themselves (runOnce) unless they ask for the timer.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATABASE_URL: databaseUrl,
    UPSTAND_WEB_DIST: '/nonexistent',
    MAIL_WORKER_INTERVAL_MS: '0',
    ANALYTICS_WARM_AFTER_MS: '0',
    // Tests check that a report includes what was written just before it; on a busy test machine applying that
    // can take longer than the production wait, after which a report reads the figures as last applied.
    IMPACT_READ_WAIT_MS: '60000',
    ...env,
    ...extraEnv,
  });
  // DATABASE_URL from `env` or beforeStart may route the app through a proxy (PgBouncer); the test's own SQL goes direct.
  const { app } = await createApplication(config, config.database.url ?? databaseUrl);
  const sqlClient = new Client({ connectionString: databaseUrl });
  sqlClient.on('error', () => undefined); // a test may cut connections on purpose
  await sqlClient.connect();

  const testApp: TestApp = {
    app,
    databaseUrl,
    client: async () => ApiClient.create(app),
    signedIn: async (email, password = DEMO_PASSWORD) => {
      const client = await ApiClient.create(app);
      const response = await client.post('/api/auth/login').send({ email, password });
      if (response.status !== 200)
        throw new Error(`Could not sign in as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
      return client;
    },
    sql: async (text, params) => (await sqlClient.query(text, params)).rows,
    sendOutbox: async () => {
      const worker = app.get(OutboxWorker);
      // Bounded, so a message that keeps failing cannot loop a test forever.
      for (let batch = 0; batch < 100 && (await worker.runOnce()) > 0; batch++);
    },
    delegates: async (count, organisationOdsCode = 'RWE') => {
      const tokens = await insertDelegatesWithSessions(sqlClient, count, organisationOdsCode);
      return Promise.all(tokens.map((token) => ApiClient.create(app, `upstand_session=${token}`)));
    },
    close: async () => {
      await sqlClient.end();
      await app.close();
      if (!options.sameDatabaseAs)
        await admin(
          (client) => client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`),
          serverUrl,
        );
    },
  };
  return testApp;
}

/** A supertest agent that behaves like the web app: keeps cookies and echoes the current XSRF-TOKEN cookie. */
export class ApiClient {
  private constructor(readonly agent: TestAgent) {}

  static async create(app: NestExpressApplication, cookie?: string): Promise<ApiClient> {
    const agent = request.agent(app.getHttpServer());
    if (cookie) agent.jar.setCookie(`${cookie}; Path=/`, '127.0.0.1', '/');
    await agent.get('/api/auth/csrf').expect(200);
    return new ApiClient(agent);
  }

  /** The token as the browser would read it now: it changes at sign-in and sign-out. */
  get csrfToken(): string {
    return this.agent.jar.getCookie('XSRF-TOKEN', new CookieAccessInfo('127.0.0.1', '/'))?.value ?? '';
  }

  get(url: string) {
    return this.agent.get(url);
  }
  post(url: string) {
    return this.agent.post(url).set('X-XSRF-TOKEN', this.csrfToken);
  }
  patch(url: string) {
    return this.agent.patch(url).set('X-XSRF-TOKEN', this.csrfToken);
  }
  put(url: string) {
    return this.agent.put(url).set('X-XSRF-TOKEN', this.csrfToken);
  }
  delete(url: string) {
    return this.agent.delete(url).set('X-XSRF-TOKEN', this.csrfToken);
  }
}
