import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { refusedField } from '../../core/api-error';
import { SessionService } from '../../core/auth/session.service';
import { safeReturnUrl } from '../../core/return-url';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { NewPasswordFieldsComponent } from './new-password-fields.component';
import { newPasswordProblems } from './password-rules';

/**
 * The page behind the emailed activation link: the person chooses their password, the account is created and
 * they are signed in, then taken where they were heading when they registered (for example an open cohort).
 */
@Component({
  selector: 'app-activate-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NewPasswordFieldsComponent,
    ReactiveFormsModule,
    RouterLink,
    ErrorSummaryComponent,
    ...FORM_FIELD,
  ],
  templateUrl: './activate.page.html',
})
export class ActivatePage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  /** From the query string of the emailed link. */
  readonly token = input<string>();

  protected readonly errors = new FormErrors(['password', 'confirmPassword']);
  protected readonly submitting = signal(false);
  /** The API refused the link (expired, used or unknown): offer to register again. */
  protected readonly linkRefused = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({ password: [''], confirmPassword: [''] });

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
    this.session.activate({ token, password }).subscribe({
      next: (account) => {
        this.errors.clear();
        void this.router.navigateByUrl(safeReturnUrl(account.returnUrl));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.linkRefused.set(refusedField(error, 'token'));
        this.errors.fromApi(error);
      },
    });
  }
}
