import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Cohort, CohortEnrolment, WITHDRAWAL_REASON_MAX_LENGTH } from '@upstand/contracts';
import { forkJoin } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';
import { WITHDRAWABLE } from './cohort-delegates.component';

export const WITHDRAW_MESSAGES = {
  reasonRequired: 'Enter why you are withdrawing them',
  reasonTooLong: `The reason must be ${WITHDRAWAL_REASON_MAX_LENGTH} characters or fewer`,
} as const;

/** What withdrawing this person sends them, by where they stand now. */
export function withdrawalEmails(enrolment: Pick<CohortEnrolment, 'status'>): string {
  if (enrolment.status === 'confirmed')
    return 'A cancellation for each of their sessions still to come, which removes it from their calendar. Their place is then offered to the first person on the waiting list.';
  if (enrolment.status === 'offered')
    return 'No email. The place they were offered passes to the next person on the waiting list.';
  return 'No email: they were not sent any calendar invitations.';
}

/** A programme lead withdraws one delegate from a cohort, giving a reason (kept in the audit log). */
@Component({
  selector: 'app-enrolment-withdraw-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The delegate could not be loaded"
          [errors]="errors.items()"
        />
        @if (view(); as view) {
          <h1>
            <span class="nhsuk-caption-l">{{ view.cohort.name }}</span>
            Withdraw {{ view.enrolment.delegate.fullName }}
          </h1>
          <dl class="nhsuk-summary-list">
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Email</dt>
              <dd class="nhsuk-summary-list__value app-break-words">{{ view.enrolment.delegate.email }}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
              <dt class="nhsuk-summary-list__key">Place</dt>
              <dd class="nhsuk-summary-list__value">
                <strong class="nhsuk-tag" [class]="statusTags[view.enrolment.status]">{{
                  statusLabel(view.enrolment.status)
                }}</strong>
              </dd>
            </div>
          </dl>
          @if (withdrawable(view.enrolment)) {
            <div class="nhsuk-inset-text">
              <span class="nhsuk-u-visually-hidden">Information: </span>
              <p data-testid="withdraw-emails">
                <strong>What they get by email:</strong> {{ emails(view.enrolment) }}
              </p>
            </div>
            <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit(view.enrolment)" novalidate>
              <app-field
                field="reason"
                label="Why are you withdrawing them?"
                hint="Kept in the audit log; it is not sent to them"
              >
                <textarea class="nhsuk-textarea" appControl rows="3" formControlName="reason"></textarea>
              </app-field>
              <div class="nhsuk-button-group">
                <button class="nhsuk-button nhsuk-button--warning" type="submit">
                  Withdraw {{ view.enrolment.delegate.fullName }}
                </button>
                <a class="nhsuk-link" [routerLink]="['/cohorts', cohortId()]">Keep their place</a>
              </div>
            </form>
          } @else {
            <p>
              This place is {{ statusLabel(view.enrolment.status).toLowerCase() }}, so it cannot be withdrawn.
            </p>
            <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
          }
        } @else {
          <h1>Withdraw a delegate</h1>
          @if (state().status === 'failed') {
            <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
          } @else {
            <p role="status">Loading…</p>
          }
        }
      </div>
    </div>
  `,
})
export class EnrolmentWithdrawPage implements OnInit {
  private readonly cohortsApi = inject(CohortsApiService);
  private readonly enrolmentsApi = inject(EnrolmentsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameters. */
  readonly cohortId = input.required<string>();
  readonly enrolmentId = input.required<string>();

  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly emails = withdrawalEmails;
  protected readonly errors = new FormErrors(['reason']);
  protected readonly saving = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({ reason: [''] });
  protected readonly state = signal<LoadState<{ cohort: Cohort; enrolment: CohortEnrolment }>>(LOADING);
  protected readonly view = computed(() => loadedValue(this.state()));

  ngOnInit(): void {
    loadState(
      forkJoin({
        cohort: this.cohortsApi.get(this.cohortId()),
        enrolment: this.enrolmentsApi.one(this.cohortId(), this.enrolmentId()),
      }),
      'This delegate is not on this cohort.',
    ).subscribe((state) => this.state.set(state));
  }

  protected withdrawable(enrolment: CohortEnrolment): boolean {
    return WITHDRAWABLE.includes(enrolment.status);
  }

  protected submit(enrolment: CohortEnrolment): void {
    if (this.saving()) return;
    const reason = this.form.controls.reason.value.trim();
    if (!reason) return this.errors.set([{ field: 'reason', text: WITHDRAW_MESSAGES.reasonRequired }]);
    if (reason.length > WITHDRAWAL_REASON_MAX_LENGTH)
      return this.errors.set([{ field: 'reason', text: WITHDRAW_MESSAGES.reasonTooLong }]);
    this.saving.set(true);
    this.enrolmentsApi.withdraw(enrolment.id, reason).subscribe({
      next: () => {
        this.flash.set(`${enrolment.delegate.fullName} withdrawn from the cohort`);
        void this.router.navigate(['/cohorts', this.cohortId()]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
