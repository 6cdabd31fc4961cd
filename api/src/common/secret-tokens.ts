import { createHash, randomBytes } from 'crypto';

/**
 * Secrets in links and cookies (sessions, set-password, activation, approval, calendar feeds, devices): one way to
 * make them, one shape to accept, one way to store them.
 */

/** A new unguessable secret: 256 random bits, base64url (43 characters). */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** How such a secret looks; anything else is refused before any lookup. */
export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What is stored of a secret, or of a throttle key: its SHA-256, in hex. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
