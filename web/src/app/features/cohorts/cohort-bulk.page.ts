import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  BULK_MAX,
  BulkResult,
  Cohort,
  CohortEnrolment,
  OpenCohort,
  WITHDRAWAL_REASON_MAX_LENGTH,
  MAX_PAGE_SIZE,
} from '@upstand/contracts';
import { forkJoin, map, of } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD, RadioOption } from '../../shared/form-field';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { londonToday } from '../../shared/london-time';
import { formatNhsDate } from '../../shared/nhs-date.pipe';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';
import { BulkAction, WITHDRAWABLE } from './cohort-delegates.component';
import { offerTargets, transferTargets } from './enrolment-transfer.page';
import { WITHDRAW_MESSAGES, withdrawalEmails } from './enrolment-withdraw.page';

export const BULK_MESSAGES = {
  cohortRequired: 'Select the cohort to move them to',
  nothingSelected: 'Go back and select delegates',
} as const;

/** What a transfer sends this person, by where they stand now. */
export function transferEmails(enrolment: Pick<CohortEnrolment, 'status'>): string {
  const next =
    'a confirmation of their new place with an invitation for each session (or a waiting-list email if the new cohort is full)';
  return enrolment.status === 'confirmed'
    ? `A cancellation for each session still to come on this cohort, then ${next}.`
    : `${next[0]!.toUpperCase()}${next.slice(1)}.`;
}

interface BulkView {
  cohort: Cohort;
  people: CohortEnrolment[];
  targets: Cohort[];
  offers: OpenCohort[];
}

/**
 * The confirmation page of a bulk withdrawal or transfer: exactly who is affected and what each will get by
 * email, then the change, person by person, and what happened to each.
 */
@Component({
  selector: 'app-cohort-bulk-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <app-error-summary
      [loadState]="state()"
      loadHeading="The delegates could not be loaded"
      [errors]="errors.items()"
    />
    @if (view(); as view) {
      <h1>
        <span class="nhsuk-caption-l">{{ view.cohort.name }}</span>
        @if (result(); as result) {
          {{ action() === 'transfer' ? 'Transfers' : 'Withdrawals' }}: {{ result.succeeded }} done{{
            result.failed ? ', ' + result.failed + ' not done' : ''
          }}
        } @else if (view.people.length === 0) {
          Nobody to change
        } @else {
          {{ action() === 'transfer' ? 'Transfer' : 'Withdraw' }} {{ view.people.length }}
          {{ view.people.length === 1 ? 'delegate' : 'delegates' }}
        }
      </h1>

      @if (result(); as result) {
        <div class="nhsuk-table-container" role="region" aria-label="What happened" tabindex="0">
          <table class="nhsuk-table" data-testid="bulk-results">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
              What happened to each person
            </caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">Name</th>
                <th class="nhsuk-table__header" scope="col">Result</th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              @for (outcome of result.outcomes; track outcome.enrolmentId) {
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                    {{ outcome.fullName }}
                  </th>
                  <td class="nhsuk-table__cell">
                    <strong class="nhsuk-tag" [class]="outcome.ok ? 'nhsuk-tag--green' : 'nhsuk-tag--red'">{{
                      outcome.ok ? 'Done' : 'Not done'
                    }}</strong>
                    <span class="nhsuk-body-s app-secondary-line">{{ outcome.message }}</span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
      } @else if (view.people.length === 0) {
        <p>{{ messages.nothingSelected }} whose place can still change (confirmed, offered or waiting).</p>
        <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
      } @else {
        <p>Check who is affected and what they will get by email. Nothing changes until you confirm.</p>
        <div class="nhsuk-table-container" role="region" aria-label="Who is affected" tabindex="0">
          <table class="nhsuk-table" data-testid="bulk-people">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
              Who is affected
            </caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">Name</th>
                <th class="nhsuk-table__header" scope="col">Place now</th>
                <th class="nhsuk-table__header" scope="col">What they get by email</th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              @for (person of view.people; track person.id) {
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                    {{ person.delegate.fullName }}
                    <span class="nhsuk-body-s app-secondary-line app-break-words">{{
                      person.delegate.email
                    }}</span>
                  </th>
                  <td class="nhsuk-table__cell">
                    <strong class="nhsuk-tag" [class]="statusTags[person.status]">{{
                      statusLabel(person.status)
                    }}</strong>
                  </td>
                  <td class="nhsuk-table__cell">
                    <span class="nhsuk-body-s">{{ emailsFor(person) }}</span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>

        <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="confirm(view)" novalidate>
          @if (action() === 'transfer') {
            @if (options(view).length) {
              <app-radios
                field="cohortId"
                legend="Which cohort should they move to?"
                [options]="options(view)"
                formControlName="cohortId"
              />
            } @else {
              <p>There is no other cohort of this programme to move them to.</p>
            }
          } @else {
            <app-field
              field="reason"
              label="Why are you withdrawing them?"
              hint="Kept in the audit log for each person; it is not sent to them"
            >
              <textarea class="nhsuk-textarea" appControl rows="3" formControlName="reason"></textarea>
            </app-field>
          }
          @if (action() === 'withdraw' || options(view).length) {
            <div class="nhsuk-button-group">
              <button
                class="nhsuk-button"
                [class.nhsuk-button--warning]="action() === 'withdraw'"
                type="submit"
                [attr.aria-disabled]="saving() || null"
              >
                {{ action() === 'transfer' ? 'Transfer' : 'Withdraw' }} {{ view.people.length }}
                {{ view.people.length === 1 ? 'delegate' : 'delegates' }}
              </button>
              <a class="nhsuk-link" [routerLink]="['/cohorts', cohortId()]">Cancel: change nothing</a>
            </div>
          } @else {
            <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
          }
        </form>
      }
    } @else {
      <h1>Change several delegates</h1>
      @if (state().status === 'failed') {
        <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
      } @else {
        <p role="status">Loading…</p>
      }
    }
  `,
})
export class CohortBulkPage implements OnInit {
  private readonly cohortsApi = inject(CohortsApiService);
  private readonly enrolmentsApi = inject(EnrolmentsApiService);

  /** Route parameter `:cohortId`; query parameters `action` and `ids` (comma-separated). */
  readonly cohortId = input.required<string>();
  readonly ids = input<string>();
  readonly actionParam = input<string>(undefined, { alias: 'action' });

  protected readonly action = computed<BulkAction>(() =>
    this.actionParam() === 'transfer' ? 'transfer' : 'withdraw',
  );
  protected readonly messages = BULK_MESSAGES;
  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly errors = new FormErrors(['reason', 'cohortId']);
  protected readonly saving = signal(false);
  protected readonly result = signal<BulkResult | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [''],
    cohortId: [null as string | null],
  });
  protected readonly state = signal<LoadState<BulkView>>(LOADING);
  protected readonly view = computed(() => loadedValue(this.state()));

  ngOnInit(): void {
    const ids = (this.ids() ?? '')
      .split(',')
      .filter((id) => /^[0-9a-f-]{36}$/i.test(id))
      .slice(0, BULK_MAX);
    const transfer = this.action() === 'transfer';
    loadState(
      forkJoin({
        cohort: this.cohortsApi.get(this.cohortId()),
        people: ids.length
          ? this.enrolmentsApi
              .forCohort(this.cohortId(), { ids: ids.join(','), pageSize: BULK_MAX })
              .pipe(map((page) => page.items.filter((item) => WITHDRAWABLE.includes(item.status))))
          : of([]),
        cohorts: transfer ? this.cohortsApi.options() : of([]),
        // Transfer targets: the open cohorts, as many as one page holds (far more than are ever open at once).
        open: transfer
          ? this.enrolmentsApi.openCohorts({ pageSize: MAX_PAGE_SIZE }).pipe(map((page) => page.items))
          : of([]),
      }).pipe(
        map(({ cohort, people, cohorts, open }) => ({
          cohort,
          people,
          targets: transfer ? transferTargets(cohorts, cohort, londonToday()) : [],
          offers: transfer ? offerTargets(open, cohorts, cohort, londonToday()) : [],
        })),
      ),
      'This cohort does not exist.',
    ).subscribe((state) => this.state.set(state));
  }

  protected emailsFor(person: CohortEnrolment): string {
    return this.action() === 'transfer' ? transferEmails(person) : withdrawalEmails(person);
  }

  protected options(view: BulkView): RadioOption[] {
    return [
      ...view.targets.map((cohort) => ({
        value: cohort.id,
        label: cohort.name,
        hint: `Starts ${formatNhsDate(cohort.startDate)}, ${cohort.system.name}, ${cohort.capacity} places`,
      })),
      ...view.offers.map((cohort) => ({
        value: cohort.id,
        label: cohort.name,
        hint: `Starts ${formatNhsDate(cohort.startDate)}, ${cohort.system.name}, ${cohort.placesLeft} ${cohort.placesLeft === 1 ? 'place' : 'places'} left. Another system: its leads are asked to accept each transfer.`,
      })),
    ];
  }

  protected confirm(view: BulkView): void {
    if (this.saving()) return;
    const enrolmentIds = view.people.map((person) => person.id);
    let request;
    if (this.action() === 'transfer') {
      const cohortId = this.form.controls.cohortId.value;
      if (!cohortId) return this.errors.set([{ field: 'cohortId', text: BULK_MESSAGES.cohortRequired }]);
      request = this.enrolmentsApi.bulkTransfer(this.cohortId(), { enrolmentIds, cohortId });
    } else {
      const reason = this.form.controls.reason.value.trim();
      if (!reason) return this.errors.set([{ field: 'reason', text: WITHDRAW_MESSAGES.reasonRequired }]);
      if (reason.length > WITHDRAWAL_REASON_MAX_LENGTH)
        return this.errors.set([{ field: 'reason', text: WITHDRAW_MESSAGES.reasonTooLong }]);
      request = this.enrolmentsApi.bulkWithdraw(this.cohortId(), { enrolmentIds, reason });
    }
    this.saving.set(true);
    request.subscribe({
      next: (result) => {
        this.saving.set(false);
        this.errors.clear();
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
