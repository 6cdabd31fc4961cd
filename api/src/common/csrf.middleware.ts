import { createHmac, timingSafeEqual } from 'crypto';
import { newSecretToken } from './secret-tokens';
import { CookieOptions, NextFunction, Request, Response } from 'express';
import { ApiErrorBody } from '@upstand/contracts';

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
/** Random, httpOnly, only used to bind the CSRF token before anyone signs in. */
export const PRE_SESSION_COOKIE = 'upstand_presession';
/** The session cookie's name (kept here rather than imported so common/ does not depend on a module). */
const SESSION_COOKIE = 'upstand_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const COOKIE_VALUE = /^[A-Za-z0-9_-]{20,100}$/;
const CSRF_CONTEXT = 'upstand-csrf-v1';

/**
 * The CSRF token for a binding secret (the session cookie's token, or before sign-in the pre-session cookie):
 * HMAC-SHA256 keyed by that secret. Any instance can recompute it from the request's own cookies, so no shared
 * server secret is needed, and a token minted for one session is useless with another.
 */
export function csrfTokenFor(binding: string): string {
  return createHmac('sha256', binding).update(CSRF_CONTEXT).digest('base64url');
}

function cookieValue(req: Request, name: string): string | null {
  const value: unknown = req.cookies?.[name];
  return typeof value === 'string' && COOKIE_VALUE.test(value) ? value : null;
}

function csrfCookieOptions(secure: boolean): CookieOptions {
  // Readable by the page's script (Angular echoes it), so not httpOnly.
  return { httpOnly: false, sameSite: 'lax', secure, path: '/' };
}

function preSessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

/** Sets a cookie, dropping any earlier Set-Cookie for the same name in this response (one clear answer). */
function replaceCookie(response: Response, name: string, value: string, options: CookieOptions): void {
  const existing = response.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)];
  const kept = list.filter((cookie) => !cookie.startsWith(`${name}=`));
  if (kept.length !== list.length) response.setHeader('Set-Cookie', kept);
  response.cookie(name, value, options);
}

/** Sets the XSRF-TOKEN cookie for a session that has just started (sign-in, registration). */
export function issueCsrfForSession(response: Response, sessionToken: string, secure: boolean): string {
  const token = csrfTokenFor(sessionToken);
  replaceCookie(response, CSRF_COOKIE, token, csrfCookieOptions(secure));
  response.locals['csrfToken'] = token;
  return token;
}

/** After sign-out: a fresh pre-session binding, so the token used while signed in stops working. */
export function issueCsrfForAnonymous(response: Response, secure: boolean): string {
  const preSession = newSecretToken();
  replaceCookie(response, PRE_SESSION_COOKIE, preSession, preSessionCookieOptions(secure));
  const token = csrfTokenFor(preSession);
  replaceCookie(response, CSRF_COOKIE, token, csrfCookieOptions(secure));
  response.locals['csrfToken'] = token;
  return token;
}

/**
 * Whatever code starts or ends a session (sign-in, registration, activation, sign-out) does it by setting or
 * clearing the session cookie; the same response then carries the matching XSRF-TOKEN, so the page's next
 * mutating request already has the right token and no route can forget to rotate it.
 */
function rotateWithSession(res: Response, secure: boolean): void {
  const setCookie = res.cookie.bind(res);
  res.cookie = ((name: string, value: unknown, options?: CookieOptions) => {
    setCookie(name, value as string, options ?? {});
    if (name !== SESSION_COOKIE) return res;
    if (typeof value === 'string' && value !== '') issueCsrfForSession(res, value, secure);
    else issueCsrfForAnonymous(res, secure);
    return res;
  }) as Response['cookie'];
}

/** The token this request must echo (set by the middleware; GET /api/auth/csrf hands it to API clients). */
export function expectedCsrfToken(res: Response): string {
  return String(res.locals['csrfToken'] ?? '');
}

/**
 * CSRF protection in Angular's convention: a readable XSRF-TOKEN cookie, echoed by the page in the
 * X-XSRF-TOKEN header on every mutating request. The token is not a free-standing random value (plain double
 * submit, which a sibling subdomain could overwrite) but an HMAC of the session cookie, or before sign-in of a
 * random httpOnly pre-session cookie, so it changes at sign-in and sign-out.
 *
 * Every non-safe method is checked whatever the path: Express matches routes case-insensitively and decodes
 * them, so a prefix test such as `startsWith('/api/')` can be sidestepped with `/API/...`.
 */
export function csrfProtection(secureCookie: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const secure = secureCookie(req);
    let binding = cookieValue(req, SESSION_COOKIE) ?? cookieValue(req, PRE_SESSION_COOKIE);
    if (!binding) {
      binding = newSecretToken();
      res.cookie(PRE_SESSION_COOKIE, binding, preSessionCookieOptions(secure));
    }
    const expected = csrfTokenFor(binding);
    res.locals['csrfToken'] = expected;
    rotateWithSession(res, secure);
    if (req.cookies?.[CSRF_COOKIE] !== expected) res.cookie(CSRF_COOKIE, expected, csrfCookieOptions(secure));

    if (SAFE_METHODS.has(req.method)) return next();
    const headerToken = req.get(CSRF_HEADER);
    if (
      headerToken &&
      headerToken.length === expected.length &&
      timingSafeEqual(Buffer.from(headerToken), Buffer.from(expected))
    ) {
      return next();
    }
    const body: ApiErrorBody = {
      statusCode: 403,
      error: 'Forbidden',
      message: 'Missing or invalid CSRF token: send the XSRF-TOKEN cookie value in the X-XSRF-TOKEN header',
    };
    res.status(403).json(body);
  };
}
