import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CohortEnrolment, EnrolmentStatus } from '@upstand/contracts';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonDateTimePipe } from '../../shared/london-time';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';

/** Enrolments that can move to another cohort. */
export const TRANSFERABLE: readonly EnrolmentStatus[] = [
  'confirmed',
  'waitlisted',
  'offered',
  'pending-approval',
];

/** Statuses shown first: the people in (or waiting for) the cohort, then the history. */
const ORDER: readonly EnrolmentStatus[] = [
  'confirmed',
  'completed',
  'offered',
  'pending-approval',
  'waitlisted',
  'did-not-complete',
  'declined',
  'withdrawn',
];

export function sortEnrolments(list: readonly CohortEnrolment[]): CohortEnrolment[] {
  return [...list].sort(
    (a, b) =>
      ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
      (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
      a.delegate.fullName.localeCompare(b.delegate.fullName, 'en-GB'),
  );
}

/** The "Delegates" section of a cohort page (programme leads): every enrolment with its status. */
@Component({
  selector: 'app-cohort-delegates',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent, LondonDatePipe, LondonDateTimePipe],
  template: `
    <h2 class="nhsuk-heading-m" id="delegates-heading">Delegates</h2>
    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading delegates…</p>
      }
      @case ('failed') {
        <app-error-summary heading="Delegates could not be loaded" [errors]="loadFailures()" />
      }
      @default {
        @if (enrolments().length) {
          <p data-testid="delegate-counts">{{ counts() }}</p>
          <div class="nhsuk-table-container" role="region" aria-labelledby="delegates-heading" tabindex="0">
            <table class="nhsuk-table" data-testid="enrolments-table">
              <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                Delegates of
                {{
                  cohortName()
                }}
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">Name</th>
                  <th class="nhsuk-table__header" scope="col">Organisation</th>
                  <th class="nhsuk-table__header" scope="col">Status</th>
                  <th class="nhsuk-table__header" scope="col">Signed up</th>
                  <th class="nhsuk-table__header" scope="col">
                    <span class="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody class="nhsuk-table__body">
                @for (enrolment of enrolments(); track enrolment.id) {
                  <tr class="nhsuk-table__row" [attr.data-enrolment-id]="enrolment.id">
                    <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                      {{ enrolment.delegate.fullName }}
                      <span class="nhsuk-body-s app-secondary-line app-break-words">{{
                        enrolment.delegate.email
                      }}</span>
                    </th>
                    <td class="nhsuk-table__cell">
                      {{ enrolment.delegate.organisationName ?? 'Not recorded' }}
                    </td>
                    <td class="nhsuk-table__cell">
                      <strong class="nhsuk-tag" [class]="statusTags[enrolment.status]">{{
                        statusLabel(enrolment.status)
                      }}</strong>
                      @if (enrolment.status === 'waitlisted' && enrolment.waitlistPosition) {
                        <span class="nhsuk-body-s app-secondary-line"
                          >Number {{ enrolment.waitlistPosition }}</span
                        >
                      }
                      @if (enrolment.status === 'offered' && enrolment.offerExpiresAt) {
                        <span class="nhsuk-body-s app-secondary-line"
                          >Until {{ enrolment.offerExpiresAt | londonDateTime }}</span
                        >
                      }
                    </td>
                    <td class="nhsuk-table__cell app-nowrap">{{ enrolment.createdAt | londonDate }}</td>
                    <td class="nhsuk-table__cell app-table-actions">
                      @if (transferable(enrolment)) {
                        <a [routerLink]="['/cohorts', cohortId(), 'enrolments', enrolment.id, 'transfer']"
                          >Transfer<span class="nhsuk-u-visually-hidden">
                            {{ enrolment.delegate.fullName }}</span
                          ></a
                        >
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p>Nobody has signed up for this cohort yet.</p>
        }
      }
    }
  `,
})
export class CohortDelegatesComponent implements OnInit {
  private readonly api = inject(EnrolmentsApiService);

  readonly cohortId = input.required<string>();
  readonly cohortName = input.required<string>();
  readonly capacity = input.required<number>();

  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly state = signal<LoadState<CohortEnrolment[]>>(LOADING);
  protected readonly enrolments = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? sortEnrolments(state.value) : [];
  });
  protected readonly loadFailures = computed(() => loadErrors(this.state()));
  protected readonly counts = computed(() => {
    const list = this.enrolments();
    const count = (...statuses: EnrolmentStatus[]) => list.filter((e) => statuses.includes(e.status)).length;
    const holding = count('confirmed', 'completed', 'offered');
    return `${holding} of ${this.capacity()} places taken, ${count('pending-approval')} waiting for approval, ${count('waitlisted')} on the waiting list`;
  });

  ngOnInit(): void {
    this.reload();
  }

  /** Loads the enrolments again (after sets are allocated, for example). */
  reload(): void {
    loadState(this.api.forCohort(this.cohortId())).subscribe((state) => {
      if (state.status !== 'loading' || this.state().status === 'loading') this.state.set(state);
    });
  }

  protected transferable(enrolment: CohortEnrolment): boolean {
    return TRANSFERABLE.includes(enrolment.status);
  }
}
