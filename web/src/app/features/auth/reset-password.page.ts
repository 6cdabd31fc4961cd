import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { AuthApiService } from '../../core/api/auth-api.service';
import { refusedField } from '../../core/api-error';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { NewPasswordFieldsComponent } from './new-password-fields.component';
import { newPasswordProblems } from './password-rules';

export const PASSWORD_SET_MESSAGE = 'Your password has been set';

/**
 * The page behind a "set your password" link (a reset asked for on "Forgotten your password?", or an invitation to
 * an account made for someone). No sign-in needed: the link is the credential. Setting the password ends every
 * session of the account; the user then signs in with the new password.
 */
@Component({
  selector: 'app-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NewPasswordFieldsComponent,
    ReactiveFormsModule,
    RouterLink,
    LinkButtonDirective,
    ErrorSummaryComponent,
    SuccessBannerComponent,
    ...FORM_FIELD,
  ],
  templateUrl: './reset-password.page.html',
})
export class ResetPasswordPage {
  private readonly api = inject(AuthApiService);
  private readonly session = inject(SessionService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** From the query string of the emailed link. */
  readonly token = input<string>();

  protected readonly passwordSet = PASSWORD_SET_MESSAGE;
  protected readonly errors = new FormErrors(['password', 'confirmPassword']);
  protected readonly submitting = signal(false);
  protected readonly done = signal(false);
  /** The API refused the link (expired, used or unknown): offer a new one. */
  protected readonly linkRefused = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [''],
    confirmPassword: [''],
  });

  protected submit(): void {
    const token = this.token();
    if (this.submitting() || !token) return;
    const { password, confirmPassword } = this.form.getRawValue();
    const problems = newPasswordProblems(password, confirmPassword);
    if (problems.length) {
      this.errors.set(problems);
      return;
    }
    this.submitting.set(true);
    this.api.completePasswordReset({ token, password }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.errors.clear();
        this.form.reset();
        this.done.set(true);
        // Every session of the account has ended: if this browser was signed in as it, it no longer is.
        if (this.session.isLoggedIn()) void this.session.load();
        focusAfterRender(this.injector, this.host, '[data-testid="success-banner"]');
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.linkRefused.set(refusedField(error, 'token'));
        this.errors.fromApi(error);
      },
    });
  }
}
