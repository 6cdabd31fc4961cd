import { randomBytes } from 'crypto';
import { createTestApp, TestApp } from './support/test-app';

const randomToken = () => randomBytes(32).toString('base64url');

/** Routes that take a secret (approval links, calendar feeds, check-in codes) refuse callers who keep guessing. */
describe('guessing secrets', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => testApp.close());

  const viewApproval = async (from: string, token = randomToken()) =>
    (await testApp.client()).get(`/api/approvals/${token}`).set('X-Forwarded-For', from);

  it('refuses an address that has tried 20 wrong approval links, without slowing anyone else', async () => {
    for (let n = 0; n < 20; n++) expect((await viewApproval('198.51.100.1')).status).toBe(404);
    const refused = await viewApproval('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(refused.body.message).toBe('Too many links or codes that did not work. Wait and try again.');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(880);
    // The decision routes share nothing with other addresses: a manager elsewhere is not affected.
    expect((await viewApproval('198.51.100.2')).status).toBe(404);
    const decline = await (
      await testApp.client()
    )
      .post(`/api/approvals/${randomToken()}/decline`)
      .set('X-Forwarded-For', '198.51.100.1');
    expect(decline.status).toBe(404);
  });

  it('limits wrong check-in codes per delegate, and does not count malformed ones', async () => {
    const [guesser, neighbour] = await testApp.delegates(2);
    const checkIn = (client: typeof guesser, code: string) =>
      client.post('/api/check-in').set('X-Forwarded-For', '203.0.113.50').send({ code });
    for (let n = 0; n < 5; n++) expect((await checkIn(guesser, 'not a code')).status).toBe(400);
    for (let n = 0; n < 10; n++) {
      const response = await checkIn(guesser, `ZZZ${String(n).padStart(3, '0')}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    }
    expect((await checkIn(guesser, 'ZZZ999')).status).toBe(429);
    // Another delegate behind the same (trust's) address checks in as usual.
    expect((await checkIn(neighbour, 'ZZZ998')).status).toBe(400);
  });

  it('never counts a calendar feed that works, however often a calendar app polls it', async () => {
    const delegate = await testApp.signedIn('delegate@demo.upstand.test');
    const created = await delegate.post('/api/me/calendar-feed').expect(201);
    const path = new URL((created.body as { url: string }).url).pathname;
    const wrongOnes = async () =>
      (
        await testApp.sql<{ total: number }>(
          `SELECT coalesce(sum("count"), 0)::int AS total FROM throttle_window WHERE scope = 'bad-token'`,
        )
      )[0].total;
    const before = await wrongOnes();
    const poll = async (feedPath: string) =>
      (await testApp.client()).get(feedPath).set('X-Forwarded-For', '192.0.2.77');
    for (let n = 0; n < 30; n++) expect((await poll(path)).status).toBe(200);
    expect(await wrongOnes()).toBe(before);
    expect((await poll(`/api/calendar/feed/${randomToken()}.ics`)).status).toBe(404);
    expect(await wrongOnes()).toBe(before + 1);
  });
});
