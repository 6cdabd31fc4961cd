// A real OpenID provider for tests (the `oidc-provider` package), run as a child process: it is ESM-only and jest's
// CommonJS runtime cannot load it. Start it with test/support/oidc.ts (startOidcProvider), or by hand:
//
//   OIDC_TEST_REDIRECT_URIS=http://localhost:3000/api/auth/oidc/callback node api/test/support/oidc-provider.mjs
//
// It listens on 127.0.0.1 (OIDC_TEST_PORT, default a free port) over http and prints one JSON line on stdout once
// ready: {"issuer": "...", "clientId": "...", "clientSecret": "..."}.
//
// Environment:
//   OIDC_TEST_REDIRECT_URIS       comma-separated redirect URIs of the one client (required)
//   OIDC_TEST_POST_LOGOUT_URIS    comma-separated post-logout redirect URIs (default: each redirect URI's /login)
//   OIDC_TEST_CLIENT_ID           default "upstand-test"
//   OIDC_TEST_CLIENT_SECRET       default "upstand-test-secret-0123456789abcdef"
//   OIDC_TEST_ACCOUNTS            JSON {"<login>": {"email": "...", "name": "..."}}, optional
//
// Sign-in is a plain HTML form at /interaction/<uid> (fields `login` and `password`, button "Sign in") that a test
// can post or a browser can fill. Any password is accepted. The login names the account: its subject is "sub-" + a
// hash of the login (opaque, as real providers' are), and unless OIDC_TEST_ACCOUNTS says otherwise its email is the
// login (when it looks like one) and its name the part before the @. Like Entra ID, email_verified is never
// asserted. Consent is granted automatically.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? '').split(',').filter(Boolean);
if (redirectUris.length === 0) {
  console.error('OIDC_TEST_REDIRECT_URIS is required');
  process.exit(2);
}
const postLogoutUris = (process.env.OIDC_TEST_POST_LOGOUT_URIS ?? '')
  .split(',')
  .filter(Boolean)
  .concat(
    process.env.OIDC_TEST_POST_LOGOUT_URIS ? [] : redirectUris.map((uri) => new URL('/login', uri).href),
  );
const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'upstand-test';
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET ?? 'upstand-test-secret-0123456789abcdef';
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}');

const subjectOf = (login) => `sub-${createHash('sha256').update(login).digest('hex').slice(0, 16)}`;

function claimsOf(login) {
  const configured = accounts[login] ?? {};
  const email = configured.email ?? (/^[^\s@]+@[^\s@]+$/.test(login) ? login : undefined);
  const name = configured.name ?? login.split('@')[0];
  return { sub: subjectOf(login), ...(email ? { email } : {}), name };
}

const FORM = (uid, error = '') => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
<body><main><h1>Test provider: sign in</h1>${error ? `<p role="alert">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label for="login">Email or username</label> <input id="login" name="login" autocomplete="off" required>
<label for="password">Password</label> <input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form></main></body></html>`;

async function readForm(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

/** Logins seen, by subject: findAccount answers claims for them (and for OIDC_TEST_ACCOUNTS). */
const logins = new Map(Object.keys(accounts).map((login) => [subjectOf(login), login]));

const server = createServer();
server.listen(Number(process.env.OIDC_TEST_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(_ctx, sub) {
      const login = logins.get(sub);
      return login ? { accountId: sub, claims: async () => claimsOf(login) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    // Like Entra ID: the ID token itself carries the email and name the scopes asked for.
    conformIdTokenClaims: false,
    cookies: { keys: ['upstand-test-only-cookie-key'] },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    // Consent granted without asking, so a test only has to sign in.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['email', 'name']);
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));
  const handle = provider.callback();

  server.on('request', async (request, response) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(new URL(request.url, issuer).pathname);
    if (!match) return handle(request, response);
    try {
      const details = await provider.interactionDetails(request, response);
      if (request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FORM(details.uid));
        return;
      }
      const form = await readForm(request);
      const login = (form.get('login') ?? '').trim();
      if (!login || !form.get('password')) {
        response
          .writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
          .end(FORM(details.uid, 'Enter both'));
        return;
      }
      logins.set(subjectOf(login), login);
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: subjectOf(login) } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer, clientId, clientSecret })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
