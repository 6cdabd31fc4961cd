import { randomBytes, createHash } from 'crypto';
import { generate } from 'otplib';
import { SECOND_FACTOR_SETUP_REQUIRED } from '@upstand/contracts';
import { ApiClient, createTestApp, DEMO_PASSWORD, TestApp } from './support/test-app';

const ENCRYPTION_KEY = 'test-only-mfa-encryption-key-0123456789';
const now = () => Math.floor(Date.now() / 1000);
/** The code an authenticator app shows `offset` steps from now (+1: the next one, still accepted). */
const codeFor = (secret: string, offset = 0) => generate({ secret, epoch: now() + offset * 30 });

async function enableSecondFactor(testApp: TestApp, email: string) {
  const client = await testApp.signedIn(email);
  const started = await client.post('/api/me/second-factor').expect(201);
  const confirmed = await client
    .post('/api/me/second-factor/confirm')
    .send({ code: await codeFor(started.body.secret) })
    .expect(200);
  return {
    client,
    secret: started.body.secret as string,
    recoveryCodes: confirmed.body.recoveryCodes as string[],
  };
}

/** The password step: answers the pending token (no session yet). */
async function passwordStep(client: ApiClient, email: string): Promise<string> {
  const response = await client.post('/api/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
  expect(response.body).toEqual({ secondFactorRequired: true, token: expect.stringMatching(/^[\w-]{43}$/) });
  return response.body.token;
}

describe('two-step verification (TOTP)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ LOGIN_THROTTLE_LIMIT: '5', MFA_ENCRYPTION_KEY: ENCRYPTION_KEY });
  });
  afterAll(() => testApp.close());

  it('sets up with a secret and QR code, confirmed by a code, and hands out ten recovery codes once', async () => {
    const client = await testApp.signedIn('cofacilitator@demo.upstand.test');
    expect((await client.get('/api/me/second-factor').expect(200)).body).toEqual({
      enabled: false,
      recoveryCodesLeft: 0,
      required: false,
    });
    const started = await client.post('/api/me/second-factor').expect(201);
    expect(started.body.otpauthUri).toBe(
      `otpauth://totp/Upstand:cofacilitator%40demo.upstand.test?secret=${started.body.secret}&issuer=Upstand`,
    );
    expect(started.body.qrSvg).toMatch(/^<svg/);
    // Nothing is asked at sign-in until a code proves the app has the secret.
    await passwordlessCheck('cofacilitator@demo.upstand.test');
    const wrong = await client.post('/api/me/second-factor/confirm').send({ code: '000000' }).expect(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);

    const confirmed = await client
      .post('/api/me/second-factor/confirm')
      .send({ code: await codeFor(started.body.secret) })
      .expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect((await client.get('/api/me/second-factor').expect(200)).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });
    // The secret is kept encrypted, and the recovery codes only as hashes.
    const [stored] = await testApp.sql<{ secret: string }>(
      `SELECT f.secret FROM user_second_factor f JOIN app_user u ON u.id = f.user_id WHERE u.email = $1`,
      ['cofacilitator@demo.upstand.test'],
    );
    expect(stored.secret).not.toContain(started.body.secret);
    const hashes = await testApp.sql<{ code_hash: string }>(`SELECT code_hash FROM recovery_code`);
    expect(hashes.map((row) => row.code_hash)).not.toContain(confirmed.body.recoveryCodes[0]);
    // It is never handed out again: a new set-up is refused while one is on.
    await client.post('/api/me/second-factor').expect(409);
  });

  async function passwordlessCheck(email: string) {
    const response = await (
      await testApp.client()
    )
      .post('/api/auth/login')
      .send({ email, password: DEMO_PASSWORD })
      .expect(200);
    expect(response.body.email).toBe(email);
  }

  it('asks for the code after the password, and each code works once', async () => {
    const { secret } = await enableSecondFactor(testApp, 'facilitator@demo.upstand.test');
    const client = await testApp.client();
    const token = await passwordStep(client, 'facilitator@demo.upstand.test');
    await client.get('/api/auth/me').expect(401);

    // The code that confirmed the set-up was used: the next step's code is accepted (a clock a little ahead).
    const code = await codeFor(secret, 1);
    const signedIn = await client.post('/api/auth/login/second-factor').send({ token, code }).expect(200);
    expect(signedIn.body.email).toBe('facilitator@demo.upstand.test');
    await client.get('/api/auth/me').expect(200);

    // The pending token was used up, and the code cannot be replayed in another sign-in.
    await client.post('/api/auth/login/second-factor').send({ token, code }).expect(401);
    const other = await testApp.client();
    const otherToken = await passwordStep(other, 'facilitator@demo.upstand.test');
    await other.post('/api/auth/login/second-factor').send({ token: otherToken, code }).expect(400);
    await other
      .post('/api/auth/login/second-factor')
      .send({ token: otherToken, code: await codeFor(secret) })
      .expect(400);
    await other.get('/api/auth/me').expect(401);
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enableSecondFactor(testApp, 'steering@demo.upstand.test');
    const first = await testApp.client();
    const typed = recoveryCodes[3].toUpperCase().replace('-', ' ');
    await first
      .post('/api/auth/login/second-factor')
      .send({ token: await passwordStep(first, 'steering@demo.upstand.test'), code: typed })
      .expect(200);
    const second = await testApp.client();
    await second
      .post('/api/auth/login/second-factor')
      .send({ token: await passwordStep(second, 'steering@demo.upstand.test'), code: recoveryCodes[3] })
      .expect(400);
    await second
      .post('/api/auth/login/second-factor')
      .send({ token: await passwordStep(second, 'steering@demo.upstand.test'), code: recoveryCodes[4] })
      .expect(200);
    const status = await second.get('/api/me/second-factor').expect(200);
    expect(status.body.recoveryCodesLeft).toBe(8);
  });

  it('refuses wrong codes and, after a handful, refuses even the right one for a while', async () => {
    const { secret } = await enableSecondFactor(testApp, 'manager@demo.upstand.test');
    const client = await testApp.client();
    const token = await passwordStep(client, 'manager@demo.upstand.test');
    for (let attempt = 0; attempt < 5; attempt++) {
      await client.post('/api/auth/login/second-factor').send({ token, code: '123456' }).expect(400);
    }
    const blocked = await client
      .post('/api/auth/login/second-factor')
      .send({ token, code: await codeFor(secret, 1) })
      .expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await client.get('/api/auth/me').expect(401);
    const failures = await testApp.sql(
      `SELECT 1 FROM audit_event WHERE action = 'auth.second-factor-failed'`,
    );
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });

  it('turns off only with a current code', async () => {
    const { client, secret } = await enableSecondFactor(testApp, 'sponsor@demo.upstand.test');
    await client.delete('/api/me/second-factor').send({ code: '000000' }).expect(400);
    await client
      .delete('/api/me/second-factor')
      .send({ code: await codeFor(secret, 1) })
      .expect(204);
    expect((await client.get('/api/me/second-factor').expect(200)).body.enabled).toBe(false);
    await passwordlessCheck('sponsor@demo.upstand.test');
  });

  it('lets a lead whose scope covers the person reset their second factor, audited; others get 404', async () => {
    const { client: delegate } = await enableSecondFactor(testApp, 'delegate@demo.upstand.test');
    const [{ id }] = await testApp.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [
      'delegate@demo.upstand.test',
    ]);
    await delegate.post(`/api/users/${id}/second-factor/reset`).expect(403);
    // The delegate works for University Hospitals of Leicester (LLR): outside a Coventry and Warwickshire lead's scope.
    const systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    await systemLead.post(`/api/users/${id}/second-factor/reset`).expect(404);
    await systemLead.post(`/api/users/${randomUuid()}/second-factor/reset`).expect(404);

    const lead = await testApp.signedIn('lead@demo.upstand.test');
    await lead.post(`/api/users/${id}/second-factor/reset`).expect(204);
    await passwordlessCheck('delegate@demo.upstand.test');
    const audit = await testApp.sql<{ details: { fields: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'user.second-factor-reset' AND entity_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].details.fields).toEqual(['secondFactor', 'recoveryCodes']);
  });
});

const randomUuid = () => {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

describe('two-step verification required for staff (MFA_REQUIRED_FOR_STAFF)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ MFA_REQUIRED_FOR_STAFF: 'true' });
  });
  afterAll(() => testApp.close());

  it('lets staff who see personal data only set up a second factor until they have one', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    const refused = await lead.get('/api/cohorts').expect(403);
    expect(refused.body.message).toBe(SECOND_FACTOR_SETUP_REQUIRED);
    await lead.get('/api/auth/me').expect(200);
    expect((await lead.get('/api/me/second-factor').expect(200)).body.required).toBe(true);
    // Linking single sign-on is the other way to satisfy it, so that stays open too.
    await lead.get('/api/me/identities').expect(200);

    const started = await lead.post('/api/me/second-factor').expect(201);
    await lead
      .post('/api/me/second-factor/confirm')
      .send({ code: await codeFor(started.body.secret) })
      .expect(200);
    await lead.get('/api/cohorts').expect(200);

    const sponsor = await testApp.signedIn('sponsor@demo.upstand.test');
    await sponsor.get('/api/sponsor/delegates').expect(403);
  });

  it('leaves steering members (aggregated figures only) and delegates alone, and trusts single sign-on', async () => {
    const steering = await testApp.signedIn('steering@demo.upstand.test');
    await steering.get('/api/programmes').expect(200);
    const delegate = await testApp.signedIn('delegate@demo.upstand.test');
    await delegate.get('/api/me/journey').expect(200);

    // A single sign-on session of a facilitator without a second factor here: the provider did the MFA.
    const token = randomBytes(32).toString('base64url');
    await testApp.sql(
      `INSERT INTO user_session (token_hash, user_id, expires_at, method)
       SELECT $1, id, now() + interval '1 hour', 'sso' FROM app_user WHERE email = 'facilitator@demo.upstand.test'`,
      [createHash('sha256').update(token).digest('hex')],
    );
    const viaSso = await ApiClient.create(testApp.app, `upstand_session=${token}`);
    await viaSso.get('/api/cohorts').expect(200);
    const viaPassword = await testApp.signedIn('facilitator@demo.upstand.test');
    await viaPassword.get('/api/cohorts').expect(403);
  });
});
