import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Cohort, CohortEnrolment, MAX_PAGE_SIZE, OpenCohort } from '@upstand/contracts';
import { forkJoin, map } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD, RadioOption } from '../../shared/form-field';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { formatNhsDate } from '../../shared/nhs-date.pipe';
import { enrolmentStatusLabel } from '../../shared/status-tags';
import { londonToday } from '../../shared/london-time';

interface TransferView {
  cohort: Cohort;
  enrolment: CohortEnrolment;
  targets: Cohort[];
  /** Cohorts of other systems: a transfer there is offered to their leads. */
  offerTargets: OpenCohort[];
}

export const TRANSFER_MESSAGES = {
  cohortRequired: 'Select the cohort to move the delegate to',
  notFound: 'This delegate is not enrolled on this cohort.',
} as const;

/** Other cohorts of the same programme that have not started, soonest first. */
export function transferTargets(cohorts: readonly Cohort[], from: Cohort, today: string): Cohort[] {
  return cohorts
    .filter((c) => c.id !== from.id && c.programmeId === from.programmeId && c.startDate > today)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.name.localeCompare(b.name, 'en-GB'));
}

/**
 * Open cohorts of the same programme outside the lead's grant (not among the cohorts they see) with a place free:
 * a transfer there is offered to that system's leads, who need a free place to accept it.
 */
export function offerTargets(
  open: readonly OpenCohort[],
  visible: readonly Cohort[],
  from: Cohort,
  today: string,
): OpenCohort[] {
  const seen = new Set(visible.map((cohort) => cohort.id));
  return open
    .filter(
      (c) =>
        !seen.has(c.id) &&
        c.id !== from.id &&
        c.programmeId === from.programmeId &&
        c.startDate > today &&
        c.placesLeft > 0,
    )
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.name.localeCompare(b.name, 'en-GB'));
}

/**
 * Moves a delegate to another cohort of the same programme; their history stays (the old enrolment is closed as
 * withdrawn) and they take a place there, or join its waiting list.
 */
@Component({
  selector: 'app-enrolment-transfer-page',
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
        <h1>
          @if (view(); as view) {
            <span class="nhsuk-caption-l">{{ view.cohort.name }}</span>
            Transfer {{ view.enrolment.delegate.fullName }}
          } @else {
            Transfer a delegate
          }
        </h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading…</p>
          }
          @case ('failed') {
            <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
          }
          @default {
            @if (view(); as view) {
              <p>
                {{ view.enrolment.delegate.fullName }} is
                {{ statusLabel(view.enrolment.status).toLowerCase() }} on {{ view.cohort.name }}. Their record
                here is kept and closed as withdrawn; in the new cohort they take a place if one is free, or
                join its waiting list. A cohort of another system is asked first: they move only when one of
                its leads accepts.
              </p>
              @if (options().length) {
                <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
                  <app-radios
                    field="cohortId"
                    legend="Which cohort should they move to?"
                    legendSize="m"
                    [options]="options()"
                    formControlName="cohortId"
                  />
                  <div class="nhsuk-button-group">
                    <button class="nhsuk-button" type="submit">Transfer delegate</button>
                    <a class="nhsuk-link" [routerLink]="['/cohorts', cohortId()]">Cancel</a>
                  </div>
                </form>
              } @else {
                <p>There is no other cohort of this programme to move them to. Create one first.</p>
                <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
              }
            }
          }
        }
      </div>
    </div>
  `,
})
export class EnrolmentTransferPage implements OnInit {
  private readonly cohortsApi = inject(CohortsApiService);
  private readonly enrolmentsApi = inject(EnrolmentsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameters. */
  readonly cohortId = input.required<string>();
  readonly enrolmentId = input.required<string>();

  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly errors = new FormErrors(['cohortId']);
  protected readonly saving = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({ cohortId: [null as string | null] });
  protected readonly state = signal<LoadState<TransferView>>(LOADING);
  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  protected readonly options = computed<RadioOption[]>(() => [
    ...(this.view()?.targets ?? []).map((cohort) => ({
      value: cohort.id,
      label: cohort.name,
      hint: `Starts ${formatNhsDate(cohort.startDate)}, ${cohort.system.name}, ${cohort.capacity} places`,
    })),
    ...(this.view()?.offerTargets ?? []).map((cohort) => ({
      value: cohort.id,
      label: cohort.name,
      hint: `Starts ${formatNhsDate(cohort.startDate)}, ${cohort.system.name}, ${cohort.placesLeft} ${cohort.placesLeft === 1 ? 'place' : 'places'} left. Another system: its leads are asked to accept the transfer.`,
    })),
  ]);

  ngOnInit(): void {
    const load = forkJoin({
      cohort: this.cohortsApi.get(this.cohortId()),
      enrolment: this.enrolmentsApi.one(this.cohortId(), this.enrolmentId()),
      cohorts: this.cohortsApi.options(),
      // Transfer targets: the open cohorts, as many as one page holds (far more than are ever open at once).
      open: this.enrolmentsApi.openCohorts({ pageSize: MAX_PAGE_SIZE }).pipe(map((page) => page.items)),
    }).pipe(
      map(({ cohort, enrolment, cohorts, open }) => ({
        cohort,
        enrolment,
        targets: transferTargets(cohorts, cohort, londonToday()),
        offerTargets: offerTargets(open, cohorts, cohort, londonToday()),
      })),
    );
    loadState(load, TRANSFER_MESSAGES.notFound).subscribe((state) => this.state.set(state));
  }

  protected submit(): void {
    const view = this.view();
    if (this.saving() || !view) return;
    const cohortId = this.form.controls.cohortId.value;
    if (!cohortId) {
      this.errors.set([{ field: 'cohortId', text: TRANSFER_MESSAGES.cohortRequired }]);
      return;
    }
    this.saving.set(true);
    this.enrolmentsApi.transfer(view.enrolment.id, { cohortId }).subscribe({
      next: (outcome) => {
        this.errors.clear();
        const name = view.enrolment.delegate.fullName;
        this.flash.set(
          outcome.kind === 'moved'
            ? `${name} moved to ${outcome.enrolment.cohortName}: ${enrolmentStatusLabel(outcome.enrolment.status).toLowerCase()}`
            : `Transfer offered to ${outcome.offer.to.system.name}: ${name} moves to ${outcome.offer.to.name} when one of its leads accepts, and stays on ${view.cohort.name} until then`,
        );
        void this.router.navigate(['/cohorts', this.cohortId()]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
