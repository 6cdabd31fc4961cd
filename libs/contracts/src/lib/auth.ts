import { RoleGrant } from './roles';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  fullName: string;
  organisationId?: string | null;
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
