import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, createPrivateKey, JsonWebKey, webcrypto } from 'crypto';
import * as client from 'openid-client';
import { APP_CONFIG, AppConfig, OidcConfig } from '../../config/app-config';

/** Where the provider sends people back, and where it sends them after signing out there. */
export const CALLBACK_PATH = '/api/auth/oidc/callback';
export const POST_LOGOUT_PATH = '/login';

/** What a flow's cookie token stands for: state, nonce and PKCE verifier, each an HMAC of it (so none is stored). */
export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function flowSecrets(bindingToken: string): FlowSecrets {
  const derive = (purpose: string) =>
    createHmac('sha256', bindingToken).update(`upstand-oidc:${purpose}`).digest('base64url');
  // 43 base64url characters: a valid PKCE verifier (RFC 7636 asks for 43 to 128 unreserved characters).
  return { state: derive('state'), nonce: derive('nonce'), codeVerifier: derive('pkce') };
}

/** The claims an ID token says about the person. */
export interface ProviderClaims {
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The relying party, on openid-client: discovery (cached once it has worked), the authorisation request with
 * state, nonce and PKCE, and the code exchange, which checks state, the ID token's signature, issuer, audience,
 * nonce and the PKCE verifier. The issuer must match the configured one exactly (a pinned Entra tenant).
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private configuration?: Promise<client.Configuration>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get settings(): OidcConfig | null {
    return this.config.oidc;
  }

  private get redirectUri(): string {
    return `${this.config.publicBaseUrl}${CALLBACK_PATH}`;
  }

  private discover(): Promise<client.Configuration> {
    const settings = this.config.oidc;
    if (!settings) throw new Error('Single sign-on is not configured');
    this.configuration ??= (async () => {
      const authentication = settings.privateKey
        ? client.PrivateKeyJwt(await importPrivateKey(settings.privateKey, settings.privateKeyId))
        : client.ClientSecretPost(settings.clientSecret ?? undefined);
      return client.discovery(
        new URL(settings.issuer),
        settings.clientId,
        { redirect_uris: [this.redirectUri], response_types: ['code'] },
        authentication,
        settings.allowInsecureHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    })().catch((error: unknown) => {
      // Not cached: the next sign-in tries again (the provider may be back).
      this.configuration = undefined;
      this.logger.error(`OpenID discovery failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    });
    return this.configuration;
  }

  /** The provider's authorisation URL for a flow whose cookie holds `bindingToken`. */
  async authorizationUrl(bindingToken: string, options: { forceLogin?: boolean } = {}): Promise<string> {
    const settings = this.config.oidc as OidcConfig;
    const configuration = await this.discover();
    const secrets = flowSecrets(bindingToken);
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri,
      scope: settings.scopes,
      state: secrets.state,
      nonce: secrets.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(secrets.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (options.forceLogin) parameters['prompt'] = 'login';
    return client.buildAuthorizationUrl(configuration, parameters).href;
  }

  /** Exchanges the code on the callback URL; throws when anything does not check out. */
  async finish(bindingToken: string, callbackUrl: URL): Promise<ProviderClaims> {
    const configuration = await this.discover();
    const secrets = flowSecrets(bindingToken);
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: secrets.codeVerifier,
      expectedState: secrets.state,
      expectedNonce: secrets.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The provider sent no ID token');
    const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
    // Entra ID may leave out `email` and put the address in preferred_username (or upn) instead.
    const email = [claims['email'], claims['preferred_username'], claims['upn']]
      .map(text)
      .find((value) => value !== null && EMAIL.test(value));
    const name =
      text(claims['name']) ??
      ([text(claims['given_name']), text(claims['family_name'])].filter(Boolean).join(' ') || null);
    return { issuer: claims.iss, subject: claims.sub, email: email ?? null, name };
  }

  /** The provider's sign-out page (RP-initiated logout), or null when it has none. */
  async endSessionUrl(): Promise<string | null> {
    const settings = this.config.oidc;
    if (!settings) return null;
    const configuration = await this.discover();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      client_id: settings.clientId,
      post_logout_redirect_uri: `${this.config.publicBaseUrl}${POST_LOGOUT_PATH}`,
    }).href;
  }
}

/**
 * OIDC_PRIVATE_KEY as a signing key for private_key_jwt: a PEM (PKCS#8 or PKCS#1) or a JWK. RSA keys sign with
 * RS512 (what NHS CIS2 asks for), EC P-256 keys with ES256.
 */
export async function importPrivateKey(
  text: string,
  keyId: string | null,
): Promise<{ key: webcrypto.CryptoKey; kid?: string }> {
  const trimmed = text.trim();
  const jwk = trimmed.startsWith('{') ? (JSON.parse(trimmed) as JsonWebKey) : null;
  const keyObject = jwk ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPrivateKey(trimmed);
  const der = keyObject.export({ format: 'der', type: 'pkcs8' });
  const algorithm =
    keyObject.asymmetricKeyType === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }
      : keyObject.asymmetricKeyType === 'ec'
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : null;
  if (!algorithm) throw new Error('OIDC_PRIVATE_KEY must be an RSA or EC P-256 private key');
  const key = await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
  const kid = keyId ?? (typeof jwk?.['kid'] === 'string' ? jwk['kid'] : undefined);
  return kid ? { key, kid } : { key };
}
