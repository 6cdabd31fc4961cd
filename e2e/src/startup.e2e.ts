import { rmSync } from 'fs';
import { newDataDir, startServer } from './support/server';
import { externalDatabase, PRODUCTION_SETTINGS } from './support/production';

/** What production needs before it starts, with the embedded database allowed here by name. */
const PRODUCTION = { ...PRODUCTION_SETTINGS, UPSTAND_EMBEDDED_DATABASE: 'true' };

/** What a person sees running `npm start` on a fresh machine: no database installed, no variables set. */
describe('starting the platform', () => {
  const dataDir = newDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Signs in over plain HTTP as an API client would: fetch a CSRF token, then POST the credentials. */
  async function login(
    url: string,
    email = 'lead@demo.upstand.test',
  ): Promise<{ status: number; cookie: string; xsrf: string }> {
    const first = await fetch(`${url}/api/auth/csrf`);
    const xsrf = ((await first.json()) as { token: string }).token;
    // The token is bound to the pre-session cookie that came with it, so send that cookie back.
    const preSession = /upstand_presession=[^;]+/.exec(first.headers.get('set-cookie') ?? '')?.[0];
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf, Cookie: `${preSession}` },
      body: JSON.stringify({ email, password: 'upstand-demo' }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    const session = /upstand_session=[^;]+/.exec(setCookie)?.[0];
    // The CSRF token is bound to the session, so sign-in hands out a new one.
    const signedInXsrf = /XSRF-TOKEN=([^;]+)/.exec(setCookie)?.[1] ?? '';
    return { status: response.status, cookie: `${session}; XSRF-TOKEN=${signedInXsrf}`, xsrf: signedInXsrf };
  }

  async function addOrganisation(url: string, odsCode: string): Promise<void> {
    const { status, cookie, xsrf } = await login(url);
    expect(status).toBe(200);
    const icbs = (await (await fetch(`${url}/api/organisations?type=icb`)).json()) as {
      id: string;
      odsCode: string;
    }[];
    const response = await fetch(`${url}/api/organisations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf, Cookie: cookie },
      body: JSON.stringify({
        odsCode,
        name: `Persistence check ${odsCode}`,
        type: 'other',
        systemId: icbs.find((icb) => icb.odsCode === 'QK1')!.id,
      }),
    });
    expect(response.status).toBe(201);
  }

  async function organisationExists(url: string, odsCode: string): Promise<boolean> {
    const found = (await (await fetch(`${url}/api/organisations?q=${odsCode}`)).json()) as unknown[];
    return found.length === 1;
  }

  it('serves the login page and a healthy API on embedded PostgreSQL, printing the demo logins', async () => {
    const server = await startServer({ dataDir });
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const page = await fetch(`${server.url}/login`, { headers: { Accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<app-root');
      const docs = await fetch(`${server.url}/api/docs-json`);
      expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty(
        '/api/organisations',
      );
      expect((await fetch(`${server.url}/api/docs`)).status).toBe(200);
      expect(server.output()).toContain('lead@demo.upstand.test');
      expect(server.output()).toContain('steering@demo.upstand.test');
      await addOrganisation(server.url, 'ZPA01');
    } finally {
      await server.stop();
    }
  });

  it('keeps the data across a clean stop and start', async () => {
    const server = await startServer({ dataDir });
    try {
      expect(await organisationExists(server.url, 'ZPA01')).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('recovers from kill -9 (the orphaned PostgreSQL is dealt with) and keeps the data', async () => {
    const first = await startServer({ dataDir });
    await addOrganisation(first.url, 'ZPA02');
    await first.kill();
    const second = await startServer({ dataDir });
    try {
      expect(await organisationExists(second.url, 'ZPA01')).toBe(true);
      expect(await organisationExists(second.url, 'ZPA02')).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start with a bad setting, naming the variable', async () => {
    await expect(startServer({ env: { PORT: 'eighty' } })).rejects.toThrow(/PORT/);
  });

  it('refuses to start in production without a database, naming the variable', async () => {
    await expect(startServer({ env: { ...PRODUCTION, UPSTAND_EMBEDDED_DATABASE: '' } })).rejects.toThrow(
      /DATABASE_URL is required when NODE_ENV=production/,
    );
  });

  it('never seeds demo users in production', async () => {
    const server = await startServer({ env: PRODUCTION });
    try {
      expect(server.output()).not.toContain('demo.upstand.test');
      expect((await login(server.url)).status).toBe(401);
      const icbs = (await (await fetch(`${server.url}/api/organisations?type=icb`)).json()) as unknown[];
      expect(icbs).toHaveLength(11);
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  });

  describe('with DATABASE_URL', () => {
    const database = externalDatabase('upstand_e2e');

    beforeAll(() => database.create());
    afterAll(() => database.drop().catch(() => undefined));

    it('uses that server, starts no embedded one, and keeps data across restarts', async () => {
      const dataDir = newDataDir();
      const first = await startServer({ dataDir, env: { DATABASE_URL: database.url } });
      try {
        await addOrganisation(first.url, 'ZPA03');
      } finally {
        await first.kill();
      }
      const second = await startServer({ dataDir, env: { DATABASE_URL: database.url } });
      try {
        expect(await organisationExists(second.url, 'ZPA03')).toBe(true);
        expect(second.output()).not.toContain('Embedded PostgreSQL');
      } finally {
        await second.stop();
      }
      const { existsSync } = await import('fs');
      expect(existsSync(`${dataDir}/pg`)).toBe(false);
      rmSync(dataDir, { recursive: true, force: true });
    });
  });
});
