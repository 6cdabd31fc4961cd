import { generateKeyPairSync } from 'crypto';
import { flowSecrets, importPrivateKey } from './oidc-client';

describe('flow secrets', () => {
  it('derives a different state, nonce and PKCE verifier from each cookie token, the same each time', () => {
    const secrets = flowSecrets('a'.repeat(43));
    expect(flowSecrets('a'.repeat(43))).toEqual(secrets);
    expect(new Set(Object.values(secrets)).size).toBe(3);
    // RFC 7636: 43 to 128 unreserved characters.
    expect(secrets.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(flowSecrets('b'.repeat(43)).state).not.toBe(secrets.state);
  });
});

describe('private_key_jwt keys', () => {
  it('imports an RSA PEM for RS512 signing with the configured key id', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const imported = await importPrivateKey(pem, 'cis2-key-1');
    expect(imported.kid).toBe('cis2-key-1');
    expect(imported.key.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-512' } });
    expect(imported.key.usages).toEqual(['sign']);
  });

  it('imports a JWK and keeps its own kid', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'entra-cert' };
    const imported = await importPrivateKey(JSON.stringify(jwk), null);
    expect(imported.kid).toBe('entra-cert');
    expect(imported.key.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
  });
});
