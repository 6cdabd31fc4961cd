import { CookieOptions, Request } from 'express';
import { AppConfig } from '../../config/app-config';

export const SESSION_COOKIE = 'upstand_session';

/** Secure when configured so, or (by default) whenever the request arrived over HTTPS. */
export function isSecureRequest(config: AppConfig, request: Request): boolean {
  return config.session.cookieSecure === 'auto' ? request.secure : config.session.cookieSecure;
}

export function sessionCookieOptions(config: AppConfig, request: Request, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: isSecureRequest(config, request), path: '/', expires };
}

/** Marks a browser that has signed in before, so strangers' wrong guesses never slow its owner (LoginThrottle). */
export const DEVICE_COOKIE = 'upstand_device';

export function deviceCookieOptions(config: AppConfig, request: Request): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(config, request),
    path: '/api/auth',
    maxAge: 365 * 24 * 3_600_000,
  };
}
