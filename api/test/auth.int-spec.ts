import request from 'supertest';
import {
  ACTIVATION_SUBJECT,
  ACTIVATION_UNUSABLE,
  ALREADY_REGISTERED_SUBJECT,
  REGISTER_ACCEPTED,
} from '../src/modules/auth/registration.service';
import { OutboxWorker } from '../src/modules/mail/outbox-worker.service';
import { keptActivationToken } from './support/registration';
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

  it('reports the sponsor organisation on the sponsor role, as its scope', async () => {
    const client = await testApp.signedIn('sponsor@demo.upstand.test');
    const me = await client.get('/api/auth/me').expect(200);
    expect(me.body.roles).toEqual([
      {
        role: 'sponsor',
        organisationId: expect.any(String),
        organisationName: 'University Hospitals of Leicester NHS Trust',
        scope: { kind: 'organisation', odsCode: 'RWE', name: 'University Hospitals of Leicester NHS Trust' },
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
    const deliver = () => testApp.app.get(OutboxWorker).runOnce();
    const messagesTo = (email: string) =>
      testApp.sql<{ subject: string; status: string; text_body: string }>(
        `SELECT subject, status, text_body FROM outbox_message WHERE to_address = $1 ORDER BY subject`,
        [email],
      );
    const accounts = (email: string) => testApp.sql(`SELECT 1 FROM app_user WHERE email = $1`, [email]);

    it('answers the same whether or not the email has an account, and tells only its owner which by email', async () => {
      const client = await testApp.client();
      const fresh = await client
        .post('/api/auth/register')
        .send({ email: 'Brand.New@nhs.net', fullName: 'Brand New' })
        .expect(202);
      const taken = await client
        .post('/api/auth/register')
        .send({ email: 'DELEGATE@demo.upstand.test', fullName: 'Someone Else' })
        .expect(202);
      expect(taken.body).toEqual(fresh.body);
      expect(fresh.body).toEqual({ message: REGISTER_ACCEPTED });
      // Nothing is created until the link is used, and nobody is signed in.
      expect(await accounts('brand.new@nhs.net')).toEqual([]);
      await client.get('/api/auth/me').expect(401);

      await deliver();
      const toNew = await messagesTo('brand.new@nhs.net');
      expect(toNew.map(({ subject, status }) => [subject, status])).toEqual([
        [ACTIVATION_SUBJECT, 'kept'],
        [ALREADY_REGISTERED_SUBJECT, 'dropped'],
      ]);
      expect(toNew[0]!.text_body).toMatch(/\/activate\?token=[A-Za-z0-9_-]{43}/);
      const toOwner = await messagesTo('delegate@demo.upstand.test');
      expect(toOwner.map(({ subject, status }) => [subject, status])).toEqual([
        [ACTIVATION_SUBJECT, 'dropped'],
        [ALREADY_REGISTERED_SUBJECT, 'kept'],
      ]);
      // The owner is told how to sign in; the stranger's name and any token are not in it.
      expect(toOwner[1]!.text_body).toContain('You already have an account');
      expect(toOwner[1]!.text_body).not.toContain('Someone Else');
      expect(toOwner[1]!.text_body).not.toMatch(/token=/);
      // The owner's account is as it was.
      await (
        await testApp.client()
      )
        .post('/api/auth/login')
        .send({ email: 'delegate@demo.upstand.test', password: DEMO_PASSWORD })
        .expect(200);
    });

    it('makes the account when the link is used, with the password chosen then, and signs in', async () => {
      const [organisation] = await testApp.sql<{ id: string }>(
        `SELECT id FROM organisation WHERE ods_code = 'RWE'`,
      );
      const client = await testApp.client();
      await client
        .post('/api/auth/register')
        .send({
          email: 'New.Person@nhs.net',
          fullName: ' New Person ',
          organisationId: organisation!.id,
          returnUrl: '/cohorts/open',
        })
        .expect(202);
      await deliver();
      const token = await keptActivationToken(testApp, 'new.person@nhs.net');
      const activated = await client
        .post('/api/auth/activate')
        .send({ token, password: 'a long enough password' })
        .expect(200);
      expect(activated.body).toMatchObject({
        user: { email: 'new.person@nhs.net', fullName: 'New Person', roles: [{ role: 'delegate' }] },
        returnUrl: '/cohorts/open',
      });
      await client.get('/api/auth/me').expect(200);
      const [user] = await testApp.sql<{ password_hash: string; id: string; organisation_id: string }>(
        `SELECT id, password_hash, organisation_id FROM app_user WHERE email = 'new.person@nhs.net'`,
      );
      expect(user!.password_hash).toMatch(/^\$argon2id\$/);
      expect(user!.organisation_id).toBe(organisation!.id);
      const audit = await testApp.sql(`SELECT action FROM audit_event WHERE entity_id = $1`, [user!.id]);
      expect(audit).toEqual([{ action: 'user.registered' }]);
      // Only the token's hash was stored.
      const stored = await testApp.sql(`SELECT 1 FROM pending_registration WHERE token_hash = $1`, [token]);
      expect(stored).toEqual([]);
    });

    it('lets a link work once, and only one of several requests for an email make the account', async () => {
      const client = await testApp.client();
      for (const fullName of ['First Try', 'Second Try'])
        await client.post('/api/auth/register').send({ email: 'twice@nhs.net', fullName }).expect(202);
      await deliver();
      const tokens = (await messagesTo('twice@nhs.net'))
        .filter((message) => message.subject === ACTIVATION_SUBJECT)
        .map((message) => /token=([A-Za-z0-9_-]+)/.exec(message.text_body)![1]!);
      expect(tokens).toHaveLength(2);
      await client
        .post('/api/auth/activate')
        .send({ token: tokens[1], password: 'a long enough password' })
        .expect(200);
      for (const token of tokens) {
        const refused = await (
          await testApp.client()
        )
          .post('/api/auth/activate')
          .send({ token, password: 'another long password' })
          .expect(400);
        expect(refused.body.errors).toEqual([{ field: 'token', message: ACTIVATION_UNUSABLE }]);
      }
      expect(await accounts('twice@nhs.net')).toHaveLength(1);
    });

    it('never lets an activation link made before an account existed replace its password', async () => {
      const client = await testApp.client();
      await client.post('/api/auth/register').send({ email: 'race@nhs.net', fullName: 'Race' }).expect(202);
      await deliver();
      const token = await keptActivationToken(testApp, 'race@nhs.net');
      await testApp.sql(
        `INSERT INTO app_user (email, full_name, password_hash) VALUES ('race@nhs.net', 'Imported', 'x')`,
      );
      await client.post('/api/auth/activate').send({ token, password: 'a long enough password' }).expect(400);
      expect(await testApp.sql(`SELECT password_hash FROM app_user WHERE email = 'race@nhs.net'`)).toEqual([
        { password_hash: 'x' },
      ]);
    });

    it('refuses a short password at activation, naming the field, and keeps the link usable', async () => {
      const client = await testApp.client();
      await client.post('/api/auth/register').send({ email: 'short@nhs.net', fullName: 'Short' }).expect(202);
      await deliver();
      const token = await keptActivationToken(testApp, 'short@nhs.net');
      const response = await client.post('/api/auth/activate').send({ token, password: 'short' }).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'password', message: 'password must be at least 10 characters' },
      ]);
      await client.post('/api/auth/activate').send({ token, password: 'a long enough password' }).expect(200);
    });

    it('refuses an organisation that does not exist', async () => {
      const client = await testApp.client();
      const response = await client
        .post('/api/auth/register')
        .send({
          email: 'ghost@nhs.net',
          fullName: 'Ghost',
          organisationId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(response.body.errors[0].field).toBe('organisationId');
    });

    it('sends one address at most 5 requests an hour, so nobody can flood an inbox', async () => {
      const client = await testApp.client();
      for (let n = 0; n < 5; n++)
        await client
          .post('/api/auth/register')
          .send({ email: 'flooded@nhs.net', fullName: 'Flooded' })
          .expect(202);
      const refused = await client
        .post('/api/auth/register')
        .send({ email: 'flooded@nhs.net', fullName: 'Flooded' })
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      expect(await messagesTo('flooded@nhs.net')).toHaveLength(10);
    });

    it('keeps only a return path on this site', async () => {
      const client = await testApp.client();
      await client
        .post('/api/auth/register')
        .send({ email: 'phished@nhs.net', fullName: 'Phished', returnUrl: 'https://evil.example/' })
        .expect(202);
      await deliver();
      const token = await keptActivationToken(testApp, 'phished@nhs.net');
      const activated = await client
        .post('/api/auth/activate')
        .send({ token, password: 'a long enough password' })
        .expect(200);
      expect(activated.body.returnUrl).toBeNull();
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
