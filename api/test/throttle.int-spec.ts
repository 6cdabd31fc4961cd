import request from 'supertest';
import { LoginThrottle } from '../src/modules/auth/login-throttle';
import { createTestApp, DEMO_PASSWORD, TestApp } from './support/test-app';

const LIMIT = 4;
const ENV = { LOGIN_THROTTLE_LIMIT: String(LIMIT), LOGIN_THROTTLE_TTL_SECONDS: '900', TRUST_PROXY: 'true' };
const SIGN_IN_REFUSED = 'Too many sign-in attempts. Wait and try again.';
const RESET_REFUSED = 'Too many requests for a password link. Wait and try again.';
const WRONG = 'not-the-password';

/** Two API instances on one database, as behind a load balancer; requests say which client address they come from. */
describe('sign-in and password-link throttles shared by every instance', () => {
  let first: TestApp;
  let second: TestApp;
  let addresses = 0;
  const newAddress = () => `203.0.113.${++addresses}`;

  beforeAll(async () => {
    first = await createTestApp(ENV);
    second = await createTestApp(ENV, { sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const signIn = async (instance: TestApp, from: string, email: string, password: string) =>
    (await instance.client()).post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });
  const askForLink = async (instance: TestApp, from: string, email: string) =>
    (await instance.client()).post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email });
  const statuses = (responses: request.Response[]) => responses.map((response) => response.status).sort();
  /** Moves the end of a window, found by its key's SHA-256 as the API stores it. */
  const moveWindowEnd = async (scope: string, key: string, interval: string) =>
    first.sql(
      `UPDATE throttle_window SET reset_at = now() + $3::interval
       WHERE scope = $1 AND key = encode(sha256(convert_to($2, 'UTF8')), 'hex') RETURNING 1`,
      [scope, key, interval],
    );

  describe('signing in', () => {
    it('lets at most the limit of 20 parallel wrong-password sign-ins reach the password check', async () => {
      const from = newAddress();
      const email = 'delegate@demo.upstand.test';
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, n) => signIn(n % 2 ? second : first, from, email, WRONG)),
      );
      expect(statuses(responses)).toEqual([
        ...Array<number>(LIMIT).fill(401),
        ...Array<number>(20 - LIMIT).fill(429),
      ]);
      for (const refused of responses.filter((response) => response.status === 429)) {
        expect(refused.body.message).toBe(SIGN_IN_REFUSED);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      }
      const failures = await first.sql(
        `SELECT 1 FROM audit_event WHERE action = 'auth.login-failed'
         AND entity_id = (SELECT id::text FROM app_user WHERE email = $1)`,
        [email],
      );
      expect(failures).toHaveLength(LIMIT);
      // Even the right password waits for the window to end.
      expect((await signIn(first, from, email, DEMO_PASSWORD)).status).toBe(429);
    });

    it('counts failures on every instance together, and a restarted instance still knows them', async () => {
      const from = newAddress();
      const email = 'facilitator@demo.upstand.test';
      for (let attempt = 0; attempt < LIMIT; attempt++)
        expect((await signIn(attempt % 2 ? second : first, from, email, WRONG)).status).toBe(401);
      expect((await signIn(first, from, email, DEMO_PASSWORD)).status).toBe(429);
      expect((await signIn(second, from, email, DEMO_PASSWORD)).status).toBe(429);

      await second.close();
      second = await createTestApp(ENV, { sameDatabaseAs: first });
      const afterRestart = await signIn(second, from, email, DEMO_PASSWORD);
      expect(afterRestart.status).toBe(429);
      expect(afterRestart.body.message).toBe(SIGN_IN_REFUSED);
      // Another client address is counted apart.
      expect((await signIn(second, newAddress(), email, DEMO_PASSWORD)).status).toBe(200);
    });

    it('forgets the failures once the user signs in', async () => {
      const from = newAddress();
      const email = 'steering@demo.upstand.test';
      for (let attempt = 0; attempt < LIMIT - 1; attempt++)
        expect((await signIn(first, from, email, WRONG)).status).toBe(401);
      expect((await signIn(second, from, email, DEMO_PASSWORD)).status).toBe(200);
      for (let attempt = 0; attempt < LIMIT; attempt++)
        expect((await signIn(first, from, email, WRONG)).status).toBe(401);
      expect((await signIn(first, from, email, WRONG)).status).toBe(429);
    });

    it('says when to retry by the database clock, lets the user try again once the window ends, and stores no address or email', async () => {
      const from = newAddress();
      const email = 'sponsor@demo.upstand.test';
      for (let attempt = 0; attempt < LIMIT; attempt++)
        expect((await signIn(first, from, email, WRONG)).status).toBe(401);
      const refused = await signIn(first, from, email, DEMO_PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(890);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);

      expect(await moveWindowEnd('login', `${from}|${email}`, '40 seconds')).toHaveLength(1);
      const soon = await signIn(second, from, email, DEMO_PASSWORD);
      expect(soon.status).toBe(429);
      expect(Number(soon.headers['retry-after'])).toBeGreaterThanOrEqual(39);
      expect(Number(soon.headers['retry-after'])).toBeLessThanOrEqual(40);

      await moveWindowEnd('login', `${from}|${email}`, '-1 second');
      expect((await signIn(second, from, email, DEMO_PASSWORD)).status).toBe(200);

      const personal = await first.sql(
        `SELECT key FROM throttle_window WHERE key LIKE '%@%' OR key LIKE '%203.0.113%' OR key !~ '^[0-9a-f]{64}$'`,
      );
      expect(personal).toEqual([]);
    });
  });

  describe('asking for a password link', () => {
    it('accepts exactly 5 of 10 parallel requests for one email, across instances and client addresses', async () => {
      const email = 'manager@demo.upstand.test';
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          askForLink(n % 2 ? second : first, `198.51.100.${n + 1}`, email),
        ),
      );
      expect(statuses(responses)).toEqual([202, 202, 202, 202, 202, 429, 429, 429, 429, 429]);
      for (const refused of responses.filter((response) => response.status === 429)) {
        expect(refused.body.message).toBe(RESET_REFUSED);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3590);
      }
      const queued = await first.sql(`SELECT 1 FROM outbox_message WHERE to_address = $1`, [email]);
      expect(queued).toHaveLength(5);

      // Once the hour has passed, the address can ask again.
      await moveWindowEnd('reset-email', email, '-1 second');
      expect((await askForLink(second, '198.51.100.99', email)).status).toBe(202);
    });

    it('limits one client address to 50 requests an hour, without counting a refused request against its email', async () => {
      const from = '192.0.2.1';
      for (let n = 0; n < 50; n++)
        expect((await askForLink(n % 2 ? second : first, from, `person.${n}@example.nhs.uk`)).status).toBe(
          202,
        );
      const refused = await askForLink(first, from, 'new.person@example.nhs.uk');
      expect(refused.status).toBe(429);
      expect(refused.body.message).toBe(RESET_REFUSED);
      for (let n = 0; n < 5; n++)
        expect((await askForLink(second, `192.0.2.${n + 10}`, 'new.person@example.nhs.uk')).status).toBe(202);
      expect((await askForLink(second, '192.0.2.20', 'new.person@example.nhs.uk')).status).toBe(429);
    });
  });

  it('deletes ended windows every hour and keeps running ones', async () => {
    const email = 'lead@demo.upstand.test';
    const ended = newAddress();
    const running = newAddress();
    expect((await signIn(first, ended, email, WRONG)).status).toBe(401);
    expect((await signIn(first, running, email, WRONG)).status).toBe(401);
    await moveWindowEnd('login', `${ended}|${email}`, '-1 second');
    // Both instances run the job; the second finds nothing left to do.
    await Promise.all(
      [first, second].map((instance) => instance.app.get(LoginThrottle).deleteExpiredWindows()),
    );
    const left = await first.sql<{ ended: boolean }>(
      `SELECT reset_at <= now() AS ended FROM throttle_window`,
    );
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((row) => !row.ended)).toBe(true);
    expect(await moveWindowEnd('login', `${running}|${email}`, '1 minute')).toHaveLength(1);
    expect(await moveWindowEnd('login', `${ended}|${email}`, '1 minute')).toHaveLength(0);
  });
});
