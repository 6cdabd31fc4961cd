import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PASSWORD_RESET_VALID_HOURS } from '@upstand/contracts';
import { AuthApiService } from '../../core/api/auth-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { EMAIL_PATTERN } from '../../shared/validation';

/** What a 429 says: how long to wait, from Retry-After when the server gave it. */
export function throttledMessage(error: unknown): string {
  const seconds = error instanceof HttpErrorResponse ? Number(error.headers.get('Retry-After')) : NaN;
  const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
  const wait = minutes ? `Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` : 'Wait a while';
  return `Too many requests for a password link. ${wait} and try again`;
}

/**
 * "Forgotten your password?": asks for the email address and says the same whether or not an account exists for
 * it, so the page cannot be used to find out who has an account.
 */
@Component({
  selector: 'app-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  templateUrl: './forgot-password.page.html',
})
export class ForgotPasswordPage {
  private readonly api = inject(AuthApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected readonly validHours = PASSWORD_RESET_VALID_HOURS;
  protected readonly errors = new FormErrors(['email']);
  protected readonly submitting = signal(false);
  /** The address a link was asked for, once the request is accepted. */
  protected readonly sentTo = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({ email: [''] });

  protected submit(): void {
    if (this.submitting()) return;
    const email = this.form.getRawValue().email.trim();
    if (!email) {
      this.errors.set([{ field: 'email', text: 'Enter your email address' }]);
      return;
    }
    if (!EMAIL_PATTERN.test(email)) {
      this.errors.set([
        { field: 'email', text: 'Enter an email address in the correct format, like name@example.com' },
      ]);
      return;
    }
    this.submitting.set(true);
    this.api.requestPasswordReset({ email }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.errors.clear();
        this.sentTo.set(email);
        focusAfterRender(this.injector, this.host, 'h1');
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.errors.fromApi(error, { messages: { 429: throttledMessage(error) } });
        this.errors.set(this.errors.items().map((item) => (item.field ? item : { ...item, field: 'email' })));
      },
    });
  }

  /** Back to the form, for example to correct a mistyped address. */
  protected again(): void {
    this.sentTo.set(null);
    focusAfterRender(this.injector, this.host, 'h1');
  }
}
