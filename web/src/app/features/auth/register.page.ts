import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Organisation, safeReturnPath } from '@upstand/contracts';
import { catchError, map, of } from 'rxjs';
import { ErrorItem } from '../../core/api-error';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { groupBySystem } from '../../shared/organisation-groups';
import { AuthApiService } from '../../core/api/auth-api.service';
import { focusAfterRender } from '../../shared/focus';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELDS = ['fullName', 'email', 'organisationId'] as const;

@Component({
  selector: 'app-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  templateUrl: './register.page.html',
})
export class RegisterPage {
  private readonly api = inject(AuthApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** From the query string: where to go once the account exists (for example to finish signing up for a cohort). */
  readonly returnUrl = input<string>();
  protected readonly returnQuery = computed(() => {
    const returnUrl = this.returnUrl();
    return returnUrl ? { returnUrl } : {};
  });

  protected readonly errors = new FormErrors(FIELDS);
  protected readonly submitting = signal(false);
  /** The address the activation link went to, once the request is accepted. */
  protected readonly sentTo = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    fullName: [''],
    email: [''],
    organisationId: [''],
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
    this.api
      .register({
        fullName: value.fullName.trim(),
        email: value.email.trim(),
        organisationId: value.organisationId || null,
        returnUrl: safeReturnPath(this.returnUrl()),
      })
      .subscribe({
        next: () => {
          this.submitting.set(false);
          this.errors.clear();
          this.sentTo.set(value.email.trim());
          focusAfterRender(this.injector, this.host, 'h1');
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          this.errors.fromApi(error);
        },
      });
  }
}
