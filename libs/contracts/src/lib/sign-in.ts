import { CurrentUser } from './auth';
import { Role } from './roles';

// ── Single sign-on (OpenID Connect) ──

/** What `GET /api/features` says about single sign-on: null when this installation has none. */
export interface SsoFeature {
  /** The provider as people know it, e.g. "NHSmail": the button says "Sign in with NHSmail". */
  displayName: string;
}

/**
 * Why a single sign-on callback was refused: the web app's /sign-in-problem page explains each in plain English.
 * - `expired`: the sign-in took too long or was started in another browser (no or unknown flow cookie);
 * - `failed`: the provider's answer did not check out (state, nonce, PKCE, signature, issuer) or it refused;
 * - `link-required`: an account with this email exists: sign in with its password once and link from the profile;
 * - `already-linked`: this provider account is linked to another Upstand account;
 * - `no-email`: the provider did not say the person's email address;
 * - `disabled`: the account is deactivated;
 * - `not-configured`: single sign-on is not set up here.
 */
export const SSO_PROBLEMS = [
  'expired',
  'failed',
  'link-required',
  'already-linked',
  'no-email',
  'disabled',
  'not-configured',
] as const;
export type SsoProblem = (typeof SSO_PROBLEMS)[number];

/** A sign-in linked to the account: `GET /api/me/identities`. */
export interface LinkedIdentity {
  id: string;
  /** The provider's display name when it is the configured one, else its issuer URL. */
  provider: string;
  issuer: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** `POST /api/me/identities/link`: where to send the browser to link the provider account. */
export interface SsoRedirect {
  redirectUrl: string;
}

/** `POST /api/auth/oidc/logout`: after ending the session, where to go to sign out of the provider too (or null). */
export interface SignedOut {
  redirectUrl: string | null;
}

// ── Second factor (TOTP) ──

/** The one-time codes authenticator apps show: 6 digits, a new one every 30 seconds. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** How many recovery codes are issued at once; each works once. */
export const RECOVERY_CODE_COUNT = 10;
/** How long the step between a correct password and the second factor may take. */
export const SECOND_FACTOR_PENDING_MINUTES = 5;

/** `POST /api/auth/login` when the account has a second factor: the password was right, now the code. */
export interface SecondFactorRequired {
  secondFactorRequired: true;
  /** Short-lived and single-use: send it back with the code to `POST /api/auth/login/second-factor`. */
  token: string;
}

/** `POST /api/auth/login` answers either the signed-in user or that a second factor is needed. */
export type LoginResult = CurrentUser | SecondFactorRequired;

export function isSecondFactorRequired(result: LoginResult): result is SecondFactorRequired {
  return (result as SecondFactorRequired).secondFactorRequired === true;
}

/** `POST /api/auth/login/second-factor`: a code from the authenticator app, or a recovery code. */
export interface SecondFactorLoginRequest {
  token: string;
  code: string;
}

/** `GET /api/me/second-factor`. */
export interface SecondFactorStatus {
  enabled: boolean;
  /** Recovery codes not used yet (0 when not enabled). */
  recoveryCodesLeft: number;
  /** Whether this installation requires a second factor for the signed-in user (and they have none yet). */
  required: boolean;
}

/** `POST /api/me/second-factor`: a new secret to put in an authenticator app; nothing works until confirmed. */
export interface SecondFactorEnrolment {
  /** Base32, for typing in by hand. Shown now only: it is never returned again. */
  secret: string;
  /** The otpauth:// URI the QR code holds. */
  otpauthUri: string;
  /** The same URI as a QR code (SVG markup). */
  qrSvg: string;
}

/** `POST /api/me/second-factor/confirm` and `DELETE /api/me/second-factor`: a current code proves the app works. */
export interface SecondFactorCodeRequest {
  code: string;
}

/** After confirming: the recovery codes, shown this once (only their hashes are kept). */
export interface SecondFactorEnabled {
  recoveryCodes: string[];
}

/** A one-time code as typed: digits, possibly with spaces; or a recovery code (letters, digits and a dash). */
export function normaliseOneTimeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/**
 * Grants that show person-level data, so need a second factor when MFA_REQUIRED_FOR_STAFF is on: leads and
 * facilitators see delegates' records, sponsors their organisation's delegates by name. Steering members see only
 * aggregated, suppressed figures (and governance papers), so a password alone stays enough for them.
 */
export const SECOND_FACTOR_REQUIRED_ROLES: readonly Role[] = ['programme-lead', 'facilitator', 'sponsor'];

/**
 * Refused with 403 and this message when staff on an OIDC_REQUIRED_DOMAINS domain signed in with their password:
 * that is allowed only so that they can link their single sign-on account (the provider's email alone never
 * hands over an existing account), and the session may do nothing else.
 */
export const SINGLE_SIGN_ON_LINK_REQUIRED =
  'Link your single sign-on account before you continue: your organisation signs in through it.';

/** Refused with 403 and this message while a required second factor is not set up yet. */
export const SECOND_FACTOR_SETUP_REQUIRED =
  'Set up two-step verification before you continue: your account can see personal information.';
