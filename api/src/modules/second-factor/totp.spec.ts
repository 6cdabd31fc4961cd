import { generate } from 'otplib';
import {
  looksLikeRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUri,
  recoveryCodeHash,
  sealSecret,
  verifyTotp,
} from './totp';

const at = (seconds: number) => seconds * 1000;
const codeAt = (secret: string, seconds: number) => generate({ secret, epoch: seconds });

describe('TOTP second factor', () => {
  const secret = newTotpSecret();
  const now = 1_796_543_000;

  it('accepts the current code and the ones a step either side, and says which step matched', async () => {
    const step = Math.floor(now / 30);
    expect(await verifyTotp(secret, await codeAt(secret, now), null, at(now))).toBe(step);
    expect(await verifyTotp(secret, await codeAt(secret, now - 30), null, at(now))).toBe(step - 1);
    expect(await verifyTotp(secret, await codeAt(secret, now + 30), null, at(now))).toBe(step + 1);
    expect(await verifyTotp(secret, await codeAt(secret, now - 90), null, at(now))).toBeNull();
  });

  it('refuses a code whose step was already used, and earlier ones', async () => {
    const code = await codeAt(secret, now);
    const step = (await verifyTotp(secret, code, null, at(now))) as number;
    expect(await verifyTotp(secret, code, step, at(now))).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, now - 30), step, at(now))).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, now + 30), step, at(now))).toBe(step + 1);
  });

  it('tolerates spaces and refuses anything but six digits', async () => {
    const code = await codeAt(secret, now);
    expect(await verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, at(now))).not.toBeNull();
    expect(await verifyTotp(secret, `${code}0`, null, at(now))).toBeNull();
    expect(await verifyTotp(secret, 'abcdef', null, at(now))).toBeNull();
  });

  it('names the account in the otpauth URI for authenticator apps', () => {
    expect(otpauthUri(secret, 'lead@demo.upstand.test')).toBe(
      `otpauth://totp/Upstand:lead%40demo.upstand.test?secret=${secret}&issuer=Upstand`,
    );
  });
});

describe('the secret at rest', () => {
  const key = 'k'.repeat(40);

  it('is encrypted with the key (a different ciphertext each time) and opens again', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', key);
    expect(sealed).not.toContain('JBSWY3DP');
    expect(sealSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', key)).not.toBe(sealed);
    expect(openSecret(sealed, key)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(() => openSecret(sealed, 'x'.repeat(40))).toThrow();
  });

  it('is kept as it is without a key', () => {
    expect(openSecret(sealSecret('ABC', null), null)).toBe('ABC');
  });
});

describe('recovery codes', () => {
  it('issues ten different, easy-to-read codes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hj-km-np-z2-9]{5}-[a-hj-km-np-z2-9]{5}$/);
  });

  it('hashes a code the same however it is typed', () => {
    expect(recoveryCodeHash('K7PQX M3NVT')).toBe(recoveryCodeHash('k7pqx-m3nvt'));
    expect(recoveryCodeHash('k7pqx-m3nvt')).not.toBe(recoveryCodeHash('k7pqx-m3nvu'));
    expect(looksLikeRecoveryCode('K7PQX-M3NVT')).toBe(true);
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});
