import request from 'supertest';
import { LoginThrottle } from '../src/modules/auth/login-throttle';
import { createTestApp, DEMO_PASSWORD, TestApp } from './support/test-app';

const LIMIT = 4;
const ADDRESS_LIMIT = 8;
const ENV = {
  LOGIN_THROTTLE_LIMIT: String(LIMIT),
  LOGIN_ADDRESS_LIMIT: String(ADDRESS_LIMIT),
  LOGIN_THROTTLE_TTL_SECONDS: '900',
  TRUST_PROXY: 'true',
};
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
    /** Moves an account's next allowed attempt, found by its email's SHA-256 as the API stores it. */
    const moveNextAttempt = async (email: string, interval: string) =>
      first.sql(
        `UPDATE throttle_window SET next_at = now() + $2::interval
         WHERE scope = 'login-account' AND key = encode(sha256(convert_to($1, 'UTF8')), 'hex') RETURNING 1`,
        [email, interval],
      );
    const failuresAudited = async (email: string) =>
      (
        await first.sql(
          `SELECT 1 FROM audit_event WHERE action = 'auth.login-failed'
           AND entity_id = (SELECT id::text FROM app_user WHERE email = $1)`,
          [email],
        )
      ).length;

    it('lets only about the limit of 20 parallel wrong-password sign-ins for one account reach the password check', async () => {
      const email = 'delegate@demo.upstand.test';
      // Browsers ready first (each fetches its CSRF token), so the 20 attempts arrive together.
      const browsers = await Promise.all(
        Array.from({ length: 20 }, async (_, n) => ({
          client: await (n % 2 ? second : first).client(),
          from: newAddress(),
        })),
      );
      const responses = await Promise.all(
        browsers.map(({ client, from }) =>
          client.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password: WRONG }),
        ),
      );
      // The limit's first wait is one second: on a loaded machine an attempt arriving after it has rightly
      // passed, so allow one or two past the limit. Without the throttle all 20 would reach argon2.
      const checked = responses.filter((response) => response.status === 401).length;
      expect(checked).toBeGreaterThanOrEqual(LIMIT);
      expect(checked).toBeLessThanOrEqual(LIMIT + 2);
      expect(statuses(responses)).toEqual([
        ...Array<number>(checked).fill(401),
        ...Array<number>(20 - checked).fill(429),
      ]);
      for (const refused of responses.filter((response) => response.status === 429)) {
        expect(refused.body.message).toBe(SIGN_IN_REFUSED);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(4);
      }
      expect(await failuresAudited(email)).toBe(checked);
    });

    it('slows each account down with growing delays from any address, on every instance, and a restart keeps them', async () => {
      const email = 'facilitator@demo.upstand.test';
      for (let attempt = 0; attempt < LIMIT; attempt++)
        expect((await signIn(attempt % 2 ? second : first, newAddress(), email, WRONG)).status).toBe(401);
      const waits: number[] = [];
      for (let round = 0; round < 8; round++) {
        // A guesser spreading over addresses and instances is held back all the same, even with the right password.
        const refused = await signIn(round % 2 ? first : second, newAddress(), email, DEMO_PASSWORD);
        expect(refused.status).toBe(429);
        waits.push(Number(refused.headers['retry-after']));
        expect(await moveNextAttempt(email, '-1 second')).toHaveLength(1);
        expect((await signIn(first, newAddress(), email, WRONG)).status).toBe(401);
      }
      // 1 s, doubling, never more than a minute: slow for a guesser, never a lockout.
      expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);

      await second.close();
      second = await createTestApp(ENV, { sameDatabaseAs: first });
      expect((await signIn(second, newAddress(), email, DEMO_PASSWORD)).status).toBe(429);
      await moveNextAttempt(email, '-1 second');
      expect((await signIn(second, newAddress(), email, DEMO_PASSWORD)).status).toBe(200);
      // Success forgets the failures: the next wrong password costs no wait.
      expect((await signIn(first, newAddress(), email, WRONG)).status).toBe(401);
      expect((await signIn(first, newAddress(), email, WRONG)).status).toBe(401);
    });

    it('owes no wait before the limit, even when an attempt at the same moment wrote its time a little ahead', async () => {
      const email = 'sponsor@demo.upstand.test';
      expect((await signIn(first, newAddress(), email, WRONG)).status).toBe(401);
      // Attempts made together each record their own transaction's start as the next allowed time, so one that
      // started a moment earlier can find a time just after its own: as here, a few seconds for a clear test.
      expect(await moveNextAttempt(email, '5 seconds')).toHaveLength(1);
      expect((await signIn(second, newAddress(), email, DEMO_PASSWORD)).status).toBe(200);
    });

    it("never lets strangers' guesses keep the owner out of a browser that has signed in before", async () => {
      const email = 'steering@demo.upstand.test';
      const office = newAddress();
      const ownBrowser = await first.client();
      const ownSignIn = (password: string) =>
        ownBrowser.post('/api/auth/login').set('X-Forwarded-For', office).send({ email, password });
      expect((await ownSignIn(DEMO_PASSWORD)).status).toBe(200);
      expect(
        ownBrowser.agent.jar.getCookie('upstand_device', {
          path: '/api/auth',
          domain: '127.0.0.1',
          secure: false,
          script: false,
        })?.value,
      ).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const strangersGuess = async () => {
        for (let attempt = 0; attempt < LIMIT + 1; attempt++)
          await signIn(second, newAddress(), email, WRONG);
        expect((await signIn(first, newAddress(), email, DEMO_PASSWORD)).status).toBe(429);
      };
      await strangersGuess();
      // The owner's own browser goes straight in while the account is held back for everyone else …
      expect((await ownSignIn(DEMO_PASSWORD)).status).toBe(200);
      // … and its own mistakes are limited apart: after the limit it waits like any other browser.
      await strangersGuess();
      for (let attempt = 0; attempt < LIMIT; attempt++) expect((await ownSignIn(WRONG)).status).toBe(401);
      // The strangers' delay is a second long; on a slow machine it could end during those attempts, so hold it.
      expect(await moveNextAttempt(email, '1 minute')).toHaveLength(1);
      expect((await ownSignIn(DEMO_PASSWORD)).status).toBe(429);

      const devices = await first.sql<{ token_hash: string }>(`SELECT token_hash FROM trusted_device`);
      expect(devices.length).toBeGreaterThan(0);
      expect(devices.every((device) => /^[0-9a-f]{64}$/.test(device.token_hash))).toBe(true);
    });

    it('cuts off a flood of different emails from one address before it costs a password check each', async () => {
      const flood = newAddress();
      const responses: request.Response[] = [];
      for (let n = 0; n < ADDRESS_LIMIT + 5; n++)
        responses.push(await signIn(n % 2 ? second : first, flood, `random.${n}@example.nhs.uk`, WRONG));
      expect(responses.map((response) => response.status)).toEqual([
        ...Array<number>(ADDRESS_LIMIT).fill(401),
        ...Array<number>(5).fill(429),
      ]);
      expect(Number(responses[ADDRESS_LIMIT].headers['retry-after'])).toBeGreaterThan(890);
      const audited = await first.sql(
        `SELECT 1 FROM audit_event WHERE action = 'auth.login-failed' AND entity_id IS NULL`,
      );
      expect(audited).toHaveLength(ADDRESS_LIMIT);
      // Another address is counted apart.
      expect((await signIn(first, newAddress(), 'random.x@example.nhs.uk', WRONG)).status).toBe(401);
    });

    it('does not count successful sign-ins against a shared address', async () => {
      const trust = newAddress();
      for (let n = 0; n < ADDRESS_LIMIT + 3; n++)
        expect(
          (await signIn(n % 2 ? second : first, trust, 'lead@demo.upstand.test', DEMO_PASSWORD)).status,
        ).toBe(200);
      for (let n = 0; n < ADDRESS_LIMIT; n++)
        expect((await signIn(first, trust, `typo.${n}@example.nhs.uk`, WRONG)).status).toBe(401);
      expect((await signIn(first, trust, 'typo.last@example.nhs.uk', WRONG)).status).toBe(429);
    });

    it('stores no address, email or device token, only their SHA-256', async () => {
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
    await moveWindowEnd('login-address', ended, '-1 second');
    // Both instances run the job; the second finds nothing left to do.
    await Promise.all(
      [first, second].map((instance) => instance.app.get(LoginThrottle).deleteExpiredWindows()),
    );
    const left = await first.sql<{ ended: boolean }>(
      `SELECT reset_at <= now() AS ended FROM throttle_window`,
    );
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((row) => !row.ended)).toBe(true);
    expect(await moveWindowEnd('login-address', running, '1 minute')).toHaveLength(1);
    expect(await moveWindowEnd('login-address', ended, '1 minute')).toHaveLength(0);
  });
});

describe('client addresses behind one trusted proxy (TRUST_PROXY=1)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ TRUST_PROXY: '1', LOGIN_ADDRESS_LIMIT: '3' });
  });
  afterAll(() => testApp.close());

  it('takes the address the proxy saw, so a client cannot dodge the limit by writing its own X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      // The client makes up the first entry; the proxy appends the address it really came from.
      const response = await (
        await testApp.client()
      )
        .post('/api/auth/login')
        .set('X-Forwarded-For', `10.9.8.${n}, 203.0.113.200`)
        .send({ email: `spoofer.${n}@example.nhs.uk`, password: WRONG });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
