import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Organisation } from '@upstand/contracts';
import { catchError, map, of } from 'rxjs';
import { ErrorItem } from '../../core/api-error';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { SessionService } from '../../core/auth/session.service';
import { safeReturnUrl } from '../../core/return-url';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { groupBySystem } from '../../shared/organisation-groups';
import { NewPasswordFieldsComponent } from './new-password-fields.component';
import { newPasswordProblems } from './password-rules';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELDS = ['fullName', 'email', 'organisationId', 'password', 'confirmPassword'] as const;

@Component({
  selector: 'app-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NewPasswordFieldsComponent,
    ReactiveFormsModule,
    RouterLink,
    ErrorSummaryComponent,
    ...FORM_FIELD,
  ],
  templateUrl: './register.page.html',
})
export class RegisterPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  /** From the query string: where to go once the account exists (for example to finish signing up for a cohort). */
  readonly returnUrl = input<string>();
  protected readonly returnQuery = computed(() => {
    const returnUrl = this.returnUrl();
    return returnUrl ? { returnUrl } : {};
  });

  protected readonly errors = new FormErrors(FIELDS);
  protected readonly submitting = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    fullName: [''],
    email: [''],
    organisationId: [''],
    password: [''],
    confirmPassword: [''],
  });

  private readonly organisations = toSignal(
    inject(OrganisationsApiService)
      .list()
      .pipe(
        map((list) => ({ list, failed: false })),
        catchError(() => of({ list: [] as Organisation[], failed: true })),
      ),
  );
  protected readonly organisationsLoading = computed(() => this.organisations() === undefined);
  protected readonly organisationsFailed = computed(() => this.organisations()?.failed ?? false);
  protected readonly organisationGroups = computed(() => groupBySystem(this.organisations()?.list ?? []));
  protected readonly organisationHint = computed(() =>
    this.organisationsFailed()
      ? 'The list of organisations could not be loaded. You can create your account without one.'
      : 'The organisation you work for, listed under its integrated care board',
  );

  private validate(): ErrorItem[] {
    const value = this.form.getRawValue();
    const problems: ErrorItem[] = [];
    if (!value.fullName.trim()) problems.push({ field: 'fullName', text: 'Enter your full name' });
    if (!value.email.trim()) {
      problems.push({ field: 'email', text: 'Enter your work email address' });
    } else if (!EMAIL_PATTERN.test(value.email.trim())) {
      problems.push({
        field: 'email',
        text: 'Enter an email address in the correct format, like name@example.com',
      });
    }
    problems.push(...newPasswordProblems(value.password, value.confirmPassword));
    return problems;
  }

  protected submit(): void {
    if (this.submitting()) return;
    const problems = this.validate();
    if (problems.length) {
      this.errors.set(problems);
      return;
    }
    const value = this.form.getRawValue();
    this.submitting.set(true);
    this.session
      .register({
        fullName: value.fullName.trim(),
        email: value.email.trim(),
        password: value.password,
        organisationId: value.organisationId || null,
      })
      .subscribe({
        next: () => {
          this.errors.clear();
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          const status = this.errors.fromApi(error);
          if (status === 409) {
            // The email is registered: say so on the email field, whatever the server's wording.
            const items = this.errors.items();
            const hasField = items.some((item) => item.field);
            this.errors.set(
              hasField
                ? items
                : [
                    {
                      field: 'email',
                      text: 'An account with this email address already exists. Sign in instead',
                    },
                  ],
            );
          }
        },
      });
  }
}
