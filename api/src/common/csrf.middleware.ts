import { randomBytes, timingSafeEqual } from 'crypto';
import { NextFunction, Request, Response } from 'express';
import { ApiErrorBody } from '@upstand/contracts';

export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Double-submit CSRF protection in Angular's convention: a readable XSRF-TOKEN cookie is set on every
 * response that lacks one, and every mutating /api request must echo it in the X-XSRF-TOKEN header.
 * A cross-site page can neither read the cookie nor set the header.
 */
export function csrfProtection(secureCookie: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const cookieToken: unknown = req.cookies?.[CSRF_COOKIE];
    const validCookie =
      typeof cookieToken === 'string' && TOKEN_PATTERN.test(cookieToken) ? cookieToken : null;
    if (!validCookie) {
      res.cookie(CSRF_COOKIE, randomBytes(32).toString('base64url'), {
        httpOnly: false,
        sameSite: 'lax',
        secure: secureCookie(req),
        path: '/',
      });
    }
    if (SAFE_METHODS.has(req.method) || !req.path.startsWith('/api/')) return next();
    const headerToken = req.get(CSRF_HEADER);
    if (
      validCookie &&
      headerToken &&
      headerToken.length === validCookie.length &&
      timingSafeEqual(Buffer.from(headerToken), Buffer.from(validCookie))
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
