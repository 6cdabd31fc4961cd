import { RoleGrant } from './roles';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export interface LoginRequest {
  email: string;
  password: string;
}

/**
 * `POST /api/auth/register`: asks for an account. Answered 202 with the same message whether or not the email has
 * an account already, so nobody can test addresses: a new address gets an activation link (where the password is
 * chosen), the owner of an existing account an email saying someone tried to register.
 */
export interface RegisterRequest {
  email: string;
  fullName: string;
  organisationId?: string | null;
  /** Where to continue once the account is activated (a path on this site, e.g. back to an open cohort). */
  returnUrl?: string | null;
}

export interface RegisterAccepted {
  message: string;
}

/** How long an emailed activation link works. */
export const ACTIVATION_VALID_HOURS = 24;

/** `POST /api/auth/activate`: creates the account with the token from the emailed link, and signs in. */
export interface ActivateRequest {
  token: string;
  password: string;
}

export interface ActivatedAccount {
  user: CurrentUser;
  /** Where the person was heading when they registered (a path on this site), or null. */
  returnUrl: string | null;
}

/**
 * Only same-site paths are followed after sign-in or activation, so a crafted link cannot send people elsewhere.
 * Shared by the API (which stores a registration's return path) and the web app.
 */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (
    !value ||
    value.length > 500 ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  )
    return null;
  // No control characters: they have no place in a path and could split a header.
  if ([...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f))
    return null;
  if (value.startsWith('/login') || value.startsWith('/register') || value.startsWith('/activate'))
    return null;
  return value;
}

export interface CurrentUser {
  id: string;
  email: string;
  fullName: string;
  organisationId: string | null;
  roles: RoleGrant[];
}

export interface CsrfTokenResponse {
  token: string;
}

/** How long an emailed "set a new password" link works. */
export const PASSWORD_RESET_VALID_HOURS = 1;
/** How long the link in an invitation (an account created for someone, for example by an import) works. */
export const INVITATION_VALID_DAYS = 14;

/** `POST /api/auth/password-reset`: asks for a link to set a new password. */
export interface PasswordResetRequest {
  email: string;
}

/** The same answer (202) whether or not an account exists for the email, so nobody can test addresses. */
export interface PasswordResetAccepted {
  message: string;
}

/** `POST /api/auth/password-reset/complete`: sets the password with the token from the emailed link. */
export interface PasswordResetCompleteRequest {
  token: string;
  password: string;
}
