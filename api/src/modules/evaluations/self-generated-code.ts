import { createHash, createHmac } from 'crypto';

export const SELF_GENERATED_CODE_HELP =
  'for example the first two letters of your mother’s first name, your day of birth (2 digits) and the first two letters of the town you were born in';

/**
 * The code as it is compared: spaces and accents removed, upper case. Null unless 4–12 letters or digits remain,
 * so "ma 07 le", "MA07LE" and "Má07le" are the same code.
 */
export function normaliseSelfGeneratedCode(raw: string): string | null {
  const code = raw.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/gu, '').toUpperCase();
  return /^[\p{L}\p{N}]{4,12}$/u.test(code) ? code : null;
}

/**
 * What pairs a delegate's anonymous answers: a hash of the code, scoped to the programme. With a server-side
 * secret (EVALUATION_CODE_SECRET) it is an HMAC, so the short codes cannot be found by trying them against the
 * database; without one (development) a plain SHA-256.
 */
export function codePairingKey(
  programmeId: string,
  normalisedCode: string,
  secret: string | null = null,
): string {
  const input = `${programmeId}:${normalisedCode}`;
  const digest = secret
    ? createHmac('sha256', secret).update(input).digest('hex')
    : createHash('sha256').update(input).digest('hex');
  return `code:${digest}`;
}
