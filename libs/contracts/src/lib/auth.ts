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
