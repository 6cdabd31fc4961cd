import compression from 'compression';
import { Request, RequestHandler, Response } from 'express';

/**
 * Answers that carry a secret (the CSRF token, an authenticator set-up secret, a calendar-feed address with its
 * token, sign-in and password-reset exchanges). Compressing a secret beside text an attacker can influence lets
 * them guess it from the compressed length (BREACH), so these are always sent as they are.
 */
// Case-insensitive, as Express routes /API/Auth/csrf to the same handler.
const SECRET_BEARING = [
  /^\/api\/auth(\/|$)/i,
  /^\/api\/me\/second-factor(\/|$)/i,
  /^\/api\/me\/calendar-feed(\/|$)/i,
];

export function carriesSecret(path: string): boolean {
  return SECRET_BEARING.some((pattern) => pattern.test(path));
}

/**
 * gzip or Brotli (whichever the client prefers) for text answers over 1 KB: the web app's 288 KB stylesheet,
 * scripts and large JSON lists. Brotli at quality 4 costs about as much CPU as gzip's default and compresses
 * better; the event loop is not held, as zlib works on the thread pool.
 */
export function responseCompression(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (request: Request, response: Response) =>
      !carriesSecret(request.path) && compression.filter(request, response),
  });
}
