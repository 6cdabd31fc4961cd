import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';

/**
 * Starts and drives the test OpenID provider (oidc-provider.mjs, a child process). Usable from integration tests
 * and e2e alike: no Nest or jest imports here.
 */

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The API's single sign-on settings for this provider (merge into the app's environment). */
  env(displayName?: string): Record<string, string>;
  stop(): Promise<void>;
}

export interface TestOidcProviderOptions {
  /** The app's callback URL(s): `<PUBLIC_BASE_URL>/api/auth/oidc/callback`. */
  redirectUris: string[];
  /** Where the provider may send people after signing out (default: each redirect URI's /login). */
  postLogoutRedirectUris?: string[];
  /** Fixed claims per login, e.g. `{"alice": {"email": "alice@nhs.net", "name": "Alice Smith"}}`. */
  accounts?: Record<string, { email?: string; name?: string }>;
}

const SCRIPT = join(__dirname, 'oidc-provider.mjs');

export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: {
      ...process.env,
      OIDC_TEST_REDIRECT_URIS: options.redirectUris.join(','),
      OIDC_TEST_POST_LOGOUT_URIS: (options.postLogoutRedirectUris ?? []).join(','),
      OIDC_TEST_ACCOUNTS: JSON.stringify(options.accounts ?? {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ issuer: string; clientId: string; clientSecret: string }>(
    (resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`OpenID test provider did not start:\n${stderr}`)),
        15_000,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((text) => text.startsWith('{'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { issuer: string; clientId: string; clientSecret: string });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`OpenID test provider exited with ${code}:\n${stderr}`));
      });
    },
  );
  return {
    ...ready,
    env: (displayName = 'NHSmail') => ({
      OIDC_ISSUER_URL: ready.issuer,
      OIDC_CLIENT_ID: ready.clientId,
      OIDC_CLIENT_SECRET: ready.clientSecret,
      OIDC_DISPLAY_NAME: displayName,
      OIDC_ALLOW_INSECURE_HTTP: 'true',
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A tiny cookie jar for the provider's own cookies (its interaction and session cookies). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * A browser at the provider: follows redirects from `authorizationUrl`, posts the sign-in form as `login`, and
 * returns the URL the provider finally sends the browser to on the app (the callback with code and state, or an
 * error). `jar` keeps the provider's session between calls (pass the same one to stay signed in there).
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  options: { appOrigin: string; jar?: ProviderBrowser },
): Promise<URL> {
  const browser = options.jar ?? new ProviderBrowser();
  return browser.signIn(authorizationUrl, login, options.appOrigin);
}

export class ProviderBrowser {
  private readonly jar = new CookieJar();

  async signIn(authorizationUrl: string, login: string, appOrigin: string): Promise<URL> {
    let url = new URL(authorizationUrl);
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      if (url.origin === new URL(appOrigin).origin) return url;
      const response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: this.jar.header(),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
      });
      this.jar.store(response);
      body = undefined;
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location') ?? '', url);
        continue;
      }
      const html = await response.text();
      if (response.status === 200 && /\/interaction\//.test(url.pathname) && html.includes('name="login"')) {
        body = new URLSearchParams({ login, password: 'any-password' });
        continue;
      }
      throw new Error(
        `Unexpected answer from the test provider at ${url.pathname}: ${response.status} ${html.slice(0, 300)}`,
      );
    }
    throw new Error('Too many redirects at the test provider');
  }
}
