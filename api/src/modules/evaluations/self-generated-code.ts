import { createHash } from 'crypto';

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

/** What pairs a delegate's anonymous answers: a hash of the code, scoped to the programme. */
export function codePairingKey(programmeId: string, normalisedCode: string): string {
  return `code:${createHash('sha256').update(`${programmeId}:${normalisedCode}`).digest('hex')}`;
}
