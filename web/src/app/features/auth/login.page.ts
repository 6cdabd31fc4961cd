import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { CurrentUser, isSecondFactorRequired, LoginResult } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { ErrorItem, GENERIC_MESSAGES } from '../../core/api-error';
import { ssoLoginUrl } from '../../core/api/auth-api.service';
import { FeaturesService } from '../../core/features.service';
import { SessionService } from '../../core/auth/session.service';
import { safeReturnUrl } from '../../core/return-url';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';

export const LOGIN_FAILED_MESSAGE = 'Email or password is incorrect';
export const CODE_EXPIRED_MESSAGE = 'Your sign-in took too long. Enter your email and password again';

@Component({
  selector: 'app-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  templateUrl: './login.page.html',
})
export class LoginPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly sso = inject(FeaturesService).sso;

  /** From the query string, set by the auth guard. */
  readonly returnUrl = input<string>();
  protected readonly returnQuery = computed(() => {
    const returnUrl = this.returnUrl();
    return returnUrl ? { returnUrl } : {};
  });

  /** "Sign in with <provider>": a full page load to the API, which sends the browser to the provider. */
  protected readonly ssoHref = computed(() => ssoLoginUrl(safeReturnUrl(this.returnUrl())));

  protected readonly errors = new FormErrors(['email', 'password', 'code']);
  protected readonly submitting = signal(false);
  /** Set once the password was right and the account has two-step verification: the code step shows. */
  protected readonly pendingToken = signal<string | null>(null);
  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly form = this.formBuilder.group({
    email: [''],
    password: [''],
  });
  protected readonly codeForm = this.formBuilder.group({ code: [''] });

  protected submitCode(): void {
    const token = this.pendingToken();
    if (this.submitting() || !token) return;
    const code = this.codeForm.getRawValue().code.trim();
    if (!code) {
      this.errors.set([{ field: 'code', text: 'Enter the code from your authenticator app' }]);
      return;
    }
    this.submitting.set(true);
    this.finish(this.session.loginSecondFactor({ token, code }), (error) => {
      this.codeForm.controls.code.setValue('');
      this.errors.fromApi(error, { messages: { 429: GENERIC_MESSAGES.throttled } });
      if (error instanceof HttpErrorResponse && error.status === 401) {
        // The pending sign-in ran out (5 minutes) or was used: back to the password.
        this.pendingToken.set(null);
        this.errors.set([{ field: 'email', text: CODE_EXPIRED_MESSAGE }]);
      } else {
        this.errors.set(this.errors.items().map((item) => (item.field ? item : { ...item, field: 'code' })));
      }
    });
  }

  /** Either step: signed in (go on), the code step next, or a refusal for `failed` to show. */
  private finish(call: Observable<LoginResult | CurrentUser>, failed: (error: unknown) => void): void {
    call.subscribe({
      next: (result) => {
        this.submitting.set(false);
        this.errors.clear();
        if (isSecondFactorRequired(result)) {
          this.pendingToken.set(result.token);
          return;
        }
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        failed(error);
      },
    });
  }

  protected submit(): void {
    if (this.submitting()) return;
    const { email, password } = this.form.getRawValue();
    const problems: ErrorItem[] = [];
    if (!email.trim()) problems.push({ field: 'email', text: 'Enter your email address' });
    if (!password) problems.push({ field: 'password', text: 'Enter your password' });
    if (problems.length) {
      this.errors.set(problems);
      return;
    }
    this.submitting.set(true);
    this.finish(this.session.login({ email: email.trim(), password }), (error) => {
      this.form.controls.password.setValue('');
      this.errors.fromApi(error, {
        messages: { 401: LOGIN_FAILED_MESSAGE, 429: GENERIC_MESSAGES.throttled },
      });
      // The credentials error belongs to the form as a whole: link it to the first field.
      this.errors.set(this.errors.items().map((item) => (item.field ? item : { ...item, field: 'email' })));
    });
  }
}
