import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  ActivatedAccount,
  ActivateRequest,
  CurrentUser,
  isSecondFactorRequired,
  LoginRequest,
  LoginResult,
  Role,
  SecondFactorLoginRequest,
} from '@upstand/contracts';
import { finalize, firstValueFrom, map, Observable, tap } from 'rxjs';
import { AuthApiService } from '../api/auth-api.service';

/** The signed-in user, loaded once at start-up and kept in a signal. */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly api = inject(AuthApiService);
  private readonly current = signal<CurrentUser | null>(null);

  readonly user = this.current.asReadonly();
  readonly isLoggedIn = computed(() => this.current() !== null);
  readonly roles = computed<ReadonlySet<Role>>(
    () => new Set(this.current()?.roles.map((grant) => grant.role) ?? []),
  );
  readonly isProgrammeLead = computed(() => this.roles().has('programme-lead'));
  readonly isFacilitator = computed(() => this.roles().has('facilitator'));

  hasAnyRole(roles: readonly Role[]): boolean {
    const held = this.roles();
    return roles.some((role) => held.has(role));
  }

  /** Asks the API who is signed in; a 401 (or any failure) means nobody is. Never rejects. */
  async load(): Promise<void> {
    try {
      this.current.set(await firstValueFrom(this.api.me()));
    } catch (error) {
      if (!(error instanceof HttpErrorResponse && error.status === 401)) {
        console.error('Could not load the current user', error);
      }
      this.current.set(null);
    }
  }

  /** Signed in, unless the answer asks for the second factor (then nothing changes until loginSecondFactor). */
  login(request: LoginRequest): Observable<LoginResult> {
    return this.api.login(request).pipe(
      tap((result) => {
        if (!isSecondFactorRequired(result)) this.current.set(result);
      }),
    );
  }

  loginSecondFactor(request: SecondFactorLoginRequest): Observable<CurrentUser> {
    return this.api.loginSecondFactor(request).pipe(tap((user) => this.current.set(user)));
  }

  /** Signs out, answering where to go to sign out of the single sign-on provider too (or null). */
  logoutWithProvider(): Observable<string | null> {
    return this.api.logoutWithProvider().pipe(
      map((answer) => answer.redirectUrl),
      finalize(() => this.clear()),
    );
  }

  /** Activates a registered account: signed in as it from then on. */
  activate(request: ActivateRequest): Observable<ActivatedAccount> {
    return this.api.activate(request).pipe(tap((account) => this.current.set(account.user)));
  }

  logout(): Observable<void> {
    return this.api.logout().pipe(
      map(() => undefined),
      finalize(() => this.clear()),
    );
  }

  clear(): void {
    this.current.set(null);
  }
}
