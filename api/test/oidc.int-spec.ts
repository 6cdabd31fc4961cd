import { ApiClient, createTestApp, DEMO_PASSWORD, TestApp } from './support/test-app';
import { ProviderBrowser, startOidcProvider, TestOidcProvider } from './support/oidc';
import { SINGLE_SIGN_ON_LINK_REQUIRED } from '@upstand/contracts';

const APP_ORIGIN = 'http://localhost:3000';

/** Single sign-on against a real OpenID provider (oidc-provider in a child process), through the app's routes. */
describe('single sign-on (OpenID Connect)', () => {
  let provider: TestOidcProvider;
  let testApp: TestApp;

  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUris: [`${APP_ORIGIN}/api/auth/oidc/callback`] });
    testApp = await createTestApp({
      ...provider.env('NHSmail'),
      PUBLIC_BASE_URL: APP_ORIGIN,
      OIDC_REQUIRED_DOMAINS: 'nhs.net',
    });
  });
  afterAll(async () => {
    await testApp?.close();
    await provider?.stop();
  });

  /** Starts at our login route; answers the provider URL (the flow cookie is now in the client's jar). */
  async function startAt(
    client: ApiClient,
    path = '/api/auth/oidc/login?returnUrl=/my-journey',
  ): Promise<string> {
    const response = await client.get(path).expect(302);
    expect(response.headers['location']).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
    return response.headers['location'] as string;
  }

  /** Back at our callback with whatever the provider sent: answers where the app sends the browser. */
  async function callback(client: ApiClient, url: URL): Promise<string> {
    const response = await client.get(`${url.pathname}${url.search}`).expect(302);
    return response.headers['location'] as string;
  }

  async function signInWithSso(
    login: string,
    client?: ApiClient,
  ): Promise<{ client: ApiClient; location: string }> {
    const browserClient = client ?? (await testApp.client());
    const authorizationUrl = await startAt(browserClient);
    const back = await new ProviderBrowser().signIn(authorizationUrl, login, APP_ORIGIN);
    return { client: browserClient, location: await callback(browserClient, back) };
  }

  const identities = (email: string) =>
    testApp.sql<{ issuer: string; subject: string }>(
      `SELECT i.issuer, i.subject FROM user_identity i JOIN app_user u ON u.id = i.user_id WHERE u.email = $1`,
      [email],
    );

  it('tells the web app the provider name for the sign-in button', async () => {
    const features = await (await testApp.client()).get('/api/features').expect(200);
    expect(features.body.sso).toEqual({ displayName: 'NHSmail' });
  });

  it('signs in a new person with the authorisation code flow and PKCE, creating an activated delegate account', async () => {
    const client = await testApp.client();
    const authorizationUrl = new URL(await startAt(client));
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizationUrl.searchParams.get('nonce')).toBeTruthy();
    expect(authorizationUrl.searchParams.get('scope')).toBe('openid email profile');

    const back = await new ProviderBrowser().signIn(authorizationUrl.href, 'sam.new@nhs.net', APP_ORIGIN);
    expect(await callback(client, back)).toBe('/my-journey');
    const me = await client.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({
      email: 'sam.new@nhs.net',
      fullName: 'sam.new',
      roles: [{ role: 'delegate' }],
    });
    const [identity] = await identities('sam.new@nhs.net');
    expect(identity).toEqual({ issuer: provider.issuer, subject: expect.stringMatching(/^sub-/) });
    // The flow was used up: replaying the same callback is refused.
    expect(await callback(client, back)).toBe('/sign-in-problem?reason=expired');

    // Next time: the same account, found by (issuer, subject).
    const again = await signInWithSso('sam.new@nhs.net');
    expect(again.location).toBe('/my-journey');
    expect((await again.client.get('/api/auth/me').expect(200)).body.id).toBe(me.body.id);
    expect(await testApp.sql(`SELECT 1 FROM app_user WHERE email = 'sam.new@nhs.net'`)).toHaveLength(1);
    const audit = await testApp.sql<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at`,
      [me.body.id],
    );
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(['user.registered', 'user.identity-linked', 'user.signed-in-sso']),
    );
  });

  it('does not link an existing local account by email: its owner signs in with the password and links it', async () => {
    const refused = await signInWithSso('delegate@demo.upstand.test');
    expect(refused.location).toBe('/sign-in-problem?reason=link-required');
    await refused.client.get('/api/auth/me').expect(401);
    expect(await identities('delegate@demo.upstand.test')).toEqual([]);

    const owner = await testApp.signedIn('delegate@demo.upstand.test');
    const link = await owner.post('/api/me/identities/link').expect(200);
    expect(link.body.redirectUrl).toMatch(new RegExp(`^${provider.issuer}/auth\\?.*prompt=login`));
    const back = await new ProviderBrowser().signIn(
      link.body.redirectUrl,
      'delegate@demo.upstand.test',
      APP_ORIGIN,
    );
    expect(await callback(owner, back)).toBe('/profile?linked=1');
    expect(await identities('delegate@demo.upstand.test')).toHaveLength(1);
    const linked = await owner.get('/api/me/identities').expect(200);
    expect(linked.body).toEqual([expect.objectContaining({ provider: 'NHSmail', issuer: provider.issuer })]);

    const viaSso = await signInWithSso('delegate@demo.upstand.test');
    expect(viaSso.location).toBe('/my-journey');
    expect((await viaSso.client.get('/api/auth/me').expect(200)).body.email).toBe(
      'delegate@demo.upstand.test',
    );
  });

  it('tells an invited person how to use single sign-on: the password once, then link (email alone is refused)', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    await lead
      .post('/api/users')
      .send({
        email: 'invited.lead@nhs.net',
        fullName: 'Invited Lead',
        grants: [{ role: 'programme-lead', scope: { system: 'QWU' } }],
      })
      .expect(201);
    const [invitation] = await testApp.sql<{ text_body: string }>(
      `SELECT text_body FROM outbox_message WHERE to_address = 'invited.lead@nhs.net'`,
    );
    expect(invitation.text_body).toContain(
      `Once your password is set you can sign in with NHSmail instead: sign in with your password once, then choose "Link your NHSmail account" on ${APP_ORIGIN}/profile/sign-in`,
    );
    expect(invitation.text_body).not.toContain(`Or sign in with NHSmail: ${APP_ORIGIN}/login`);
    expect((await signInWithSso('invited.lead@nhs.net')).location).toBe(
      '/sign-in-problem?reason=link-required',
    );
  });

  it('refuses to link a provider account that already belongs to someone else', async () => {
    await signInWithSso('taken@nhs.net');
    const other = await testApp.signedIn('manager@demo.upstand.test');
    const link = await other.post('/api/me/identities/link').expect(200);
    const back = await new ProviderBrowser().signIn(link.body.redirectUrl, 'taken@nhs.net', APP_ORIGIN);
    expect(await callback(other, back)).toBe('/sign-in-problem?reason=already-linked');
    expect(await identities('manager@demo.upstand.test')).toEqual([]);
  });

  it('refuses a callback whose state was changed, or that comes to another browser', async () => {
    const client = await testApp.client();
    const back = await new ProviderBrowser().signIn(await startAt(client), 'sam.state@nhs.net', APP_ORIGIN);
    const tampered = new URL(back);
    tampered.searchParams.set('state', 'x'.repeat(43));
    // Another browser (no flow cookie) with the genuine answer gets nowhere either.
    expect(await callback(await testApp.client(), back)).toBe('/sign-in-problem?reason=expired');
    expect(await callback(client, tampered)).toBe('/sign-in-problem?reason=failed');
    await client.get('/api/auth/me').expect(401);
    expect(await testApp.sql(`SELECT 1 FROM app_user WHERE email = 'sam.state@nhs.net'`)).toEqual([]);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const client = await testApp.client();
    const authorizationUrl = new URL(await startAt(client));
    authorizationUrl.searchParams.set('nonce', 'a-nonce-from-another-sign-in');
    const back = await new ProviderBrowser().signIn(authorizationUrl.href, 'sam.nonce@nhs.net', APP_ORIGIN);
    expect(back.searchParams.get('code')).toBeTruthy();
    expect(await callback(client, back)).toBe('/sign-in-problem?reason=failed');
    await client.get('/api/auth/me').expect(401);
  });

  it('signs out here and sends the browser to the provider to sign out there too', async () => {
    const { client } = await signInWithSso('sam.logout@nhs.net');
    const response = await client.post('/api/auth/oidc/logout').expect(200);
    const endSession = new URL(response.body.redirectUrl);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${APP_ORIGIN}/login`);
    expect(endSession.searchParams.get('client_id')).toBe(provider.clientId);
    await client.get('/api/auth/me').expect(401);
    // A password session just ends (nothing to do at the provider).
    const local = await testApp.signedIn('lead@demo.upstand.test');
    expect((await local.post('/api/auth/oidc/logout').expect(200)).body).toEqual({ redirectUrl: null });
  });

  it('refuses password sign-in on a domain that must use single sign-on once the account is linked, pointing to the button', async () => {
    await testApp.sql(
      `UPDATE app_user SET email = 'pat.lead@nhs.net' WHERE email = 'facilitator@demo.upstand.test'`,
    );
    // Not linked yet (as after an invitation): single sign-on is refused by email, so the password must work,
    // once, to link; otherwise the account could never be used.
    expect((await signInWithSso('pat.lead@nhs.net')).location).toBe('/sign-in-problem?reason=link-required');
    const owner = await testApp.client();
    await owner
      .post('/api/auth/login')
      .send({ email: 'pat.lead@nhs.net', password: DEMO_PASSWORD })
      .expect(200);
    // That password session is for linking only: nothing else until single sign-on is linked.
    const held = await owner.get('/api/cohorts').expect(403);
    expect(held.body.message).toBe(SINGLE_SIGN_ON_LINK_REQUIRED);
    await owner.get('/api/auth/me').expect(200);
    const link = await owner.post('/api/me/identities/link').expect(200);
    const back = await new ProviderBrowser().signIn(link.body.redirectUrl, 'pat.lead@nhs.net', APP_ORIGIN);
    expect(await callback(owner, back)).toBe('/profile?linked=1');

    const client = await testApp.client();
    const refused = await client
      .post('/api/auth/login')
      .send({ email: 'Pat.Lead@NHS.net', password: DEMO_PASSWORD })
      .expect(403);
    expect(refused.body.message).toBe(
      'Accounts on nhs.net sign in with NHSmail: use the "Sign in with NHSmail" button.',
    );
    await client.get('/api/auth/me').expect(401);
    // A wrong password is just wrong: it does not tell a stranger the account is linked.
    await client.post('/api/auth/login').send({ email: 'pat.lead@nhs.net', password: 'not it' }).expect(401);
    expect((await signInWithSso('pat.lead@nhs.net')).location).toBe('/my-journey');
    await client
      .post('/api/auth/login')
      .send({ email: 'lead@demo.upstand.test', password: DEMO_PASSWORD })
      .expect(200);
  });
});
