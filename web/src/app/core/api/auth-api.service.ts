import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ActivatedAccount,
  ActivateRequest,
  CurrentUser,
  LoginRequest,
  LoginResult,
  SecondFactorLoginRequest,
  SignedOut,
  PasswordResetAccepted,
  PasswordResetCompleteRequest,
  PasswordResetRequest,
  RegisterAccepted,
  RegisterRequest,
} from '@upstand/contracts';
import { Observable } from 'rxjs';

export const AUTH_ME_URL = '/api/auth/me';
export const AUTH_LOGIN_URL = '/api/auth/login';
export const AUTH_LOGIN_SECOND_FACTOR_URL = '/api/auth/login/second-factor';

/** Where the browser goes to sign in with the configured provider (a full page load, not an XHR). */
export function ssoLoginUrl(returnUrl: string | null): string {
  return `/api/auth/oidc/login${returnUrl ? `?returnUrl=${encodeURIComponent(returnUrl)}` : ''}`;
}

@Injectable({ providedIn: 'root' })
export class AuthApiService {
  private readonly http = inject(HttpClient);

  me(): Observable<CurrentUser> {
    return this.http.get<CurrentUser>(AUTH_ME_URL);
  }

  /** The signed-in user, or (when the account has two-step verification) a token for the code step. */
  login(request: LoginRequest): Observable<LoginResult> {
    return this.http.post<LoginResult>(AUTH_LOGIN_URL, request);
  }

  loginSecondFactor(request: SecondFactorLoginRequest): Observable<CurrentUser> {
    return this.http.post<CurrentUser>(AUTH_LOGIN_SECOND_FACTOR_URL, request);
  }

  /** Signs out here; for a single sign-on session also answers the provider's sign-out page. */
  logoutWithProvider(): Observable<SignedOut> {
    return this.http.post<SignedOut>('/api/auth/oidc/logout', {});
  }

  /** Asks for an account: the answer is the same whether or not the email has one (the email says which). */
  register(request: RegisterRequest): Observable<RegisterAccepted> {
    return this.http.post<RegisterAccepted>('/api/auth/register', request);
  }

  /** Creates the account with the token from the emailed link and the chosen password, and signs in. */
  activate(request: ActivateRequest): Observable<ActivatedAccount> {
    return this.http.post<ActivatedAccount>('/api/auth/activate', request);
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', {});
  }

  /** Emails a link to set a new password if the account exists; the answer is the same either way. */
  requestPasswordReset(request: PasswordResetRequest): Observable<PasswordResetAccepted> {
    return this.http.post<PasswordResetAccepted>('/api/auth/password-reset', request);
  }

  /** Sets the password with the token from an emailed link; does not sign in. */
  completePasswordReset(request: PasswordResetCompleteRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password-reset/complete', request);
  }
}
