import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { ErrorItem, GENERIC_MESSAGES } from '../../core/api-error';
import { SessionService } from '../../core/auth/session.service';
import { safeReturnUrl } from '../../core/return-url';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';

export const LOGIN_FAILED_MESSAGE = 'Email or password is incorrect';

@Component({
  selector: 'app-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  templateUrl: './login.page.html',
})
export class LoginPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  /** From the query string, set by the auth guard. */
  readonly returnUrl = input<string>();
  protected readonly returnQuery = computed(() => {
    const returnUrl = this.returnUrl();
    return returnUrl ? { returnUrl } : {};
  });

  protected readonly errors = new FormErrors(['email', 'password']);
  protected readonly submitting = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [''],
    password: [''],
  });

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
    this.session.login({ email: email.trim(), password }).subscribe({
      next: () => {
        this.errors.clear();
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.form.controls.password.setValue('');
        this.errors.fromApi(error, {
          messages: { 401: LOGIN_FAILED_MESSAGE, 429: GENERIC_MESSAGES.throttled },
        });
        // The credentials error belongs to the form as a whole: link it to the first field.
        this.errors.set(this.errors.items().map((item) => (item.field ? item : { ...item, field: 'email' })));
      },
    });
  }
}
