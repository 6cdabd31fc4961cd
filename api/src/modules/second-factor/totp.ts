import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import {
  normaliseOneTimeCode,
  RECOVERY_CODE_COUNT,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
} from '@upstand/contracts';

/**
 * The pure parts of second factors: TOTP (RFC 6238 via otplib: SHA-1, 6 digits, 30 s, what every authenticator
 * app does), keeping the secret at rest, and recovery codes.
 */

/** The issuer shown in authenticator apps next to the account. */
export const TOTP_ISSUER = 'Upstand';

export const newTotpSecret = (): string => generateSecret();

export function otpauthUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret });
}

/**
 * Checks a code against the secret, accepting the previous and next 30-second step too (a phone's clock drifts,
 * and people type slowly). `afterStep` is the step of the last accepted code: it and earlier ones are refused, so
 * a code seen over someone's shoulder cannot be used again. Answers the matched step, or null.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  afterStep: number | null,
  now: number = Date.now(),
): Promise<number | null> {
  const token = normaliseOneTimeCode(code);
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return null;
  const result = await verify({
    secret,
    token,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

// ── The secret at rest ──

const ENCRYPTED_PREFIX = 'v1:';
const PLAIN_PREFIX = 'plain:';

const keyOf = (key: string) => createHash('sha256').update(key).digest();

/** AES-256-GCM with the configured key; without one the secret is kept as it is (the API warns at start-up). */
export function sealSecret(secret: string, key: string | null): string {
  if (!key) return PLAIN_PREFIX + secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return (
    ENCRYPTED_PREFIX + [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.')
  );
}

export function openSecret(stored: string, key: string | null): string {
  if (stored.startsWith(PLAIN_PREFIX)) return stored.slice(PLAIN_PREFIX.length);
  if (!stored.startsWith(ENCRYPTED_PREFIX)) throw new Error('Unknown second-factor secret format');
  if (!key) throw new Error('MFA_ENCRYPTION_KEY is needed to read second-factor secrets set up with it');
  const [iv, tag, sealed] = stored
    .slice(ENCRYPTED_PREFIX.length)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyOf(key), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}

// ── Recovery codes ──

/** No 0/o, 1/l/i: easy to read off paper. 10 characters of 31 ≈ 50 bits, and wrong guesses are throttled. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Codes as shown: two groups of five, e.g. `k7pqx-m3nvt`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const characters = Array.from(
      { length: 10 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    );
    codes.add(`${characters.slice(0, 5).join('')}-${characters.slice(5).join('')}`);
  }
  return [...codes];
}

/** A recovery code as typed (any case, with or without the dash or spaces) → the hash that is stored. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256')
    .update(`upstand-recovery:${normaliseOneTimeCode(code)}`)
    .digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(normaliseOneTimeCode(code)) && !/^\d+$/.test(normaliseOneTimeCode(code));
}
