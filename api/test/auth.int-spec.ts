import request from 'supertest';
import { createTestApp, DEMO_PASSWORD, TestApp } from './support/test-app';

const cookieHeader = (response: request.Response, name: string): string | undefined =>
  ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((cookie) => cookie.startsWith(`${name}=`));

describe('authentication and sessions', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ LOGIN_THROTTLE_LIMIT: '5' });
  });
  afterAll(() => testApp.close());

  it('signs in a demo user with an HTTP-only, SameSite=Lax session cookie and reports who they are', async () => {
    const client = await testApp.client();
    const response = await client
      .post('/api/auth/login')
      .send({ email: 'Lead@Demo.Upstand.test ', password: DEMO_PASSWORD })
      .expect(200);
    expect(response.body).toMatchObject({
      email: 'lead@demo.upstand.test',
      roles: [{ role: 'programme-lead' }],
    });
    const cookie = cookieHeader(response, 'upstand_session');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await client.get('/api/auth/me').expect(200);
    expect(me.body.fullName).toBe('Priya Shah');
  });

  it('reports the sponsor organisation on the sponsor role', async () => {
    const client = await testApp.signedIn('sponsor@demo.upstand.test');
    const me = await client.get('/api/auth/me').expect(200);
    expect(me.body.roles).toEqual([
      {
        role: 'sponsor',
        organisationId: expect.any(String),
        organisationName: 'University Hospitals of Leicester NHS Trust',
      },
    ]);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const client = await testApp.client();
    const wrong = await client
      .post('/api/auth/login')
      .send({ email: 'delegate@demo.upstand.test', password: 'not-the-password' })
      .expect(401);
    const unknown = await client
      .post('/api/auth/login')
      .send({ email: 'nobody@demo.upstand.test', password: 'not-the-password' })
      .expect(401);
    expect(wrong.body.message).toBe('Email or password is incorrect');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('ends the session on logout', async () => {
    const client = await testApp.signedIn('facilitator@demo.upstand.test');
    await client.post('/api/auth/logout').expect(204);
    await client.get('/api/auth/me').expect(401);
  });

  it('ignores a forged or expired session cookie', async () => {
    await request(testApp.app.getHttpServer())
      .get('/api/auth/me')
      .set('Cookie', 'upstand_session=forged')
      .expect(401);
    const client = await testApp.signedIn('steering@demo.upstand.test');
    await testApp.sql(`UPDATE user_session SET expires_at = now() - interval '1 minute'`);
    await client.get('/api/auth/me').expect(401);
  });

  it('throttles repeated failures for one email with 429 and Retry-After, without blocking other accounts', async () => {
    const client = await testApp.client();
    for (let attempt = 0; attempt < 5; attempt++) {
      await client
        .post('/api/auth/login')
        .send({ email: 'manager@demo.upstand.test', password: 'guess-guess' })
        .expect(401);
    }
    const blocked = await client
      .post('/api/auth/login')
      .send({ email: 'manager@demo.upstand.test', password: DEMO_PASSWORD })
      .expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await client
      .post('/api/auth/login')
      .send({ email: 'delegate@demo.upstand.test', password: DEMO_PASSWORD })
      .expect(200);
  });

  describe('self-registration', () => {
    it('creates a delegate account, signs it in and stores an argon2id hash', async () => {
      const [organisation] = await testApp.sql<{ id: string }>(
        `SELECT id FROM organisation WHERE ods_code = 'RWE'`,
      );
      const client = await testApp.client();
      const response = await client
        .post('/api/auth/register')
        .send({
          email: 'New.Person@nhs.net',
          password: 'a long enough password',
          fullName: ' New Person ',
          organisationId: organisation!.id,
        })
        .expect(201);
      expect(response.body).toMatchObject({
        email: 'new.person@nhs.net',
        fullName: 'New Person',
        roles: [{ role: 'delegate' }],
      });
      await client.get('/api/auth/me').expect(200);
      const [user] = await testApp.sql<{ password_hash: string; id: string }>(
        `SELECT id, password_hash FROM app_user WHERE email = 'new.person@nhs.net'`,
      );
      expect(user!.password_hash).toMatch(/^\$argon2id\$/);
      const audit = await testApp.sql(`SELECT action FROM audit_event WHERE entity_id = $1`, [user!.id]);
      expect(audit).toEqual([{ action: 'user.registered' }]);
    });

    it('refuses an email already registered (any case) with 409 naming the field', async () => {
      const client = await testApp.client();
      const response = await client
        .post('/api/auth/register')
        .send({
          email: 'DELEGATE@demo.upstand.test',
          password: 'a long enough password',
          fullName: 'Someone',
        })
        .expect(409);
      expect(response.body.errors).toEqual([
        { field: 'email', message: 'An account with this email address already exists' },
      ]);
    });

    it('refuses a short password, naming the field', async () => {
      const client = await testApp.client();
      const response = await client
        .post('/api/auth/register')
        .send({ email: 'short@nhs.net', password: 'short', fullName: 'Short' })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'password', message: 'password must be at least 10 characters' },
      ]);
    });

    it('refuses an organisation that does not exist', async () => {
      const client = await testApp.client();
      const response = await client
        .post('/api/auth/register')
        .send({
          email: 'ghost@nhs.net',
          password: 'a long enough password',
          fullName: 'Ghost',
          organisationId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(response.body.errors[0].field).toBe('organisationId');
    });
  });

  describe('CSRF protection', () => {
    it('refuses a mutating request without the X-XSRF-TOKEN header', async () => {
      const client = await testApp.client();
      const response = await client.agent
        .post('/api/auth/login')
        .send({ email: 'lead@demo.upstand.test', password: DEMO_PASSWORD })
        .expect(403);
      expect(response.body.message).toMatch(/CSRF/);
    });

    it('refuses a header that does not match the cookie', async () => {
      const client = await testApp.client();
      await client.agent
        .post('/api/auth/login')
        .set('X-XSRF-TOKEN', 'x'.repeat(43))
        .send({ email: 'lead@demo.upstand.test', password: DEMO_PASSWORD })
        .expect(403);
    });

    it('refuses a header with no cookie at all', async () => {
      await request(testApp.app.getHttpServer())
        .post('/api/auth/logout')
        .set('X-XSRF-TOKEN', 'x'.repeat(43))
        .expect(403);
    });

    // Express matches routes case-insensitively, decodes them and ignores a trailing slash, so the check
    // must cover every mutating request, not only paths spelt `/api/...`.
    it.each([
      '/API/auth/logout',
      '/api/auth/logout/',
      '/Api/Auth/Logout',
      '/%61pi/auth/logout',
      '/API/programmes/00000000-0000-4000-8000-000000000000/actions',
      '/API/reviews/00000000-0000-4000-8000-000000000000/close',
    ])('refuses POST %s from a signed-in browser without the token', async (path) => {
      const lead = await testApp.signedIn('lead@demo.upstand.test');
      const response = await lead.agent.post(path).send({}).expect(403);
      expect(response.body.message).toMatch(/CSRF/);
      // The session survived: the forged logout did not happen.
      await lead.get('/api/auth/me').expect(200);
    });

    it('refuses a token that belongs to another session', async () => {
      const lead = await testApp.signedIn('lead@demo.upstand.test');
      const other = await testApp.signedIn('lead@demo.upstand.test');
      expect(other.csrfToken).not.toBe(lead.csrfToken);
      await lead.agent.post('/api/auth/logout').set('X-XSRF-TOKEN', other.csrfToken).expect(403);
      await lead.agent.post('/api/auth/logout').set('X-XSRF-TOKEN', lead.csrfToken).expect(204);
    });

    it('rotates the token at sign-in and sign-out, sending the new one in the same response', async () => {
      const client = await testApp.client();
      const before = client.csrfToken;
      const login = await client
        .post('/api/auth/login')
        .send({ email: 'lead@demo.upstand.test', password: DEMO_PASSWORD })
        .expect(200);
      expect(cookieHeader(login, 'XSRF-TOKEN')).toBeDefined();
      const signedIn = client.csrfToken;
      expect(signedIn).not.toBe(before);
      // The pre-sign-in token no longer works for the signed-in session.
      await client.agent.post('/api/auth/logout').set('X-XSRF-TOKEN', before).expect(403);
      const tokenEndpoint = await client.get('/api/auth/csrf').expect(200);
      expect(tokenEndpoint.body.token).toBe(signedIn);
      await client.post('/api/auth/logout').expect(204);
      expect(client.csrfToken).not.toBe(signedIn);
      expect(client.csrfToken).not.toBe(before);
    });
  });
});

describe('session cookies behind HTTPS', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => testApp.close());

  it('marks the session cookie Secure when the proxy says the request came over HTTPS', async () => {
    const client = await testApp.client();
    const response = await client
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: 'lead@demo.upstand.test', password: DEMO_PASSWORD })
      .expect(200);
    expect(cookieHeader(response, 'upstand_session')).toMatch(/Secure/);
  });
});
