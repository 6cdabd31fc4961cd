import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CohortEnrolment,
  CohortEnrolmentPage,
  ENROLMENT_STATUSES,
  EnrolmentStatus,
} from '@upstand/contracts';
import { map, switchMap } from 'rxjs';
import { ErrorItem } from '../../core/api-error';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadedValue, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonDateTimePipe } from '../../shared/london-time';
import { PageLinksComponent, pageParam, PageSummaryComponent } from '../../shared/pagination.component';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';

/** Enrolments that can move to another cohort. */
export const TRANSFERABLE: readonly EnrolmentStatus[] = [
  'confirmed',
  'waitlisted',
  'offered',
  'pending-approval',
];

/** Enrolments a lead can withdraw. */
export const WITHDRAWABLE: readonly EnrolmentStatus[] = TRANSFERABLE;

export type BulkAction = 'withdraw' | 'transfer';

export const DELEGATES_MESSAGES = {
  noneSelected: 'Select at least one delegate',
  noAction: 'Choose what to do with the delegates you selected',
} as const;

/** "12 of 24 places taken, 1 waiting for approval, 3 on the waiting list". */
export function placesLine(page: Pick<CohortEnrolmentPage, 'counts' | 'capacity' | 'placesTaken'>): string {
  return `${page.placesTaken} of ${page.capacity} places taken, ${page.counts['pending-approval']} waiting for approval, ${page.counts.waitlisted} on the waiting list`;
}

/**
 * The "Delegates" section of a cohort page (programme leads): a page of the cohort's enrolments, searched and
 * filtered by the API (the search, filter and page live in the address), with rows to tick for a bulk action.
 */
@Component({
  selector: 'app-cohort-delegates',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    ErrorSummaryComponent,
    LondonDatePipe,
    LondonDateTimePipe,
    PageSummaryComponent,
    PageLinksComponent,
  ],
  template: `
    <h2 class="nhsuk-heading-m" id="delegates-heading">Delegates</h2>
    @if (result(); as page) {
      <p data-testid="delegate-counts">{{ places(page) }}</p>
    }
    <a class="nhsuk-button nhsuk-button--secondary" [routerLink]="['/cohorts', cohortId(), 'add']"
      >Add a delegate</a
    >

    <form class="app-filter-row" role="search" aria-label="Delegates" (ngSubmit)="search()">
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="delegates-q">Search by name or email address</label>
        <input
          class="nhsuk-input"
          id="delegates-q"
          name="q"
          type="search"
          autocomplete="off"
          spellcheck="false"
          maxlength="200"
          [ngModel]="query()"
          (ngModelChange)="query.set($event)"
        />
      </div>
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="delegates-status">Status</label>
        <select
          class="nhsuk-select"
          id="delegates-status"
          name="status"
          [ngModel]="statusChoice()"
          (ngModelChange)="statusChoice.set($event)"
        >
          <option value="">Any status</option>
          @for (status of statuses; track status) {
            <option [value]="status">{{ statusLabel(status) }}</option>
          }
        </select>
      </div>
      <button class="nhsuk-button nhsuk-button--secondary" type="submit">Search</button>
    </form>

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading delegates…</p>
      }
      @case ('failed') {
        <app-error-summary heading="Delegates could not be loaded" [errors]="loadFailures()" />
      }
      @default {
        @if (result(); as page) {
          <app-page-summary
            [page]="page.page"
            [total]="page.total"
            [pageSize]="page.pageSize"
            noun="delegates"
          />
          @if (page.items.length) {
            <app-error-summary heading="There is a problem" [errors]="errors()" />
            <form (ngSubmit)="continueBulk()" novalidate>
              <div
                class="nhsuk-table-container"
                role="region"
                aria-labelledby="delegates-heading"
                tabindex="0"
              >
                <table class="nhsuk-table" data-testid="enrolments-table">
                  <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                    Delegates of
                    {{
                      cohortName()
                    }}
                  </caption>
                  <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                      <th class="nhsuk-table__header" scope="col">
                        <span class="nhsuk-u-visually-hidden">Select</span>
                      </th>
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
                    @for (enrolment of page.items; track enrolment.id) {
                      <tr class="nhsuk-table__row" [attr.data-enrolment-id]="enrolment.id">
                        <td class="nhsuk-table__cell">
                          @if (changeable(enrolment)) {
                            <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                              <div class="nhsuk-checkboxes__item">
                                <input
                                  class="nhsuk-checkboxes__input"
                                  type="checkbox"
                                  [id]="'select-' + enrolment.id"
                                  [checked]="selected().has(enrolment.id)"
                                  (change)="toggle(enrolment.id)"
                                />
                                <label
                                  class="nhsuk-label nhsuk-checkboxes__label"
                                  [attr.for]="'select-' + enrolment.id"
                                  ><span class="nhsuk-u-visually-hidden"
                                    >Select {{ enrolment.delegate.fullName }}</span
                                  ></label
                                >
                              </div>
                            </div>
                          }
                        </td>
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
                        <td class="nhsuk-table__cell">
                          @if (changeable(enrolment)) {
                            <ul class="nhsuk-list nhsuk-body-s app-actions-list">
                              <li>
                                <a
                                  [routerLink]="[
                                    '/cohorts',
                                    cohortId(),
                                    'enrolments',
                                    enrolment.id,
                                    'transfer',
                                  ]"
                                  >Transfer<span class="nhsuk-u-visually-hidden">
                                    {{ enrolment.delegate.fullName }}</span
                                  ></a
                                >
                              </li>
                              <li>
                                <a
                                  [routerLink]="[
                                    '/cohorts',
                                    cohortId(),
                                    'enrolments',
                                    enrolment.id,
                                    'withdraw',
                                  ]"
                                  >Withdraw<span class="nhsuk-u-visually-hidden">
                                    {{ enrolment.delegate.fullName }}</span
                                  ></a
                                >
                              </li>
                            </ul>
                          }
                        </td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>

              <div
                class="nhsuk-form-group"
                [class.nhsuk-form-group--error]="!!actionError()"
                data-testid="bulk-actions"
              >
                <fieldset class="nhsuk-fieldset" aria-describedby="bulk-hint">
                  <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                    With the delegates you selected ({{ selected().size }})
                  </legend>
                  <div class="nhsuk-hint" id="bulk-hint">
                    You will see who is affected and what emails they get before anything changes.
                  </div>
                  @if (actionError(); as message) {
                    <span class="nhsuk-error-message" id="bulk-action-error">
                      <span class="nhsuk-u-visually-hidden">Error:</span> {{ message }}
                    </span>
                  }
                  <div class="nhsuk-radios nhsuk-radios--small nhsuk-radios--inline" id="bulk-action">
                    <div class="nhsuk-radios__item">
                      <input
                        class="nhsuk-radios__input"
                        id="bulk-action-withdraw"
                        type="radio"
                        name="bulk-action"
                        value="withdraw"
                        [checked]="action() === 'withdraw'"
                        (change)="action.set('withdraw')"
                      />
                      <label class="nhsuk-label nhsuk-radios__label" for="bulk-action-withdraw"
                        >Withdraw</label
                      >
                    </div>
                    <div class="nhsuk-radios__item">
                      <input
                        class="nhsuk-radios__input"
                        id="bulk-action-transfer"
                        type="radio"
                        name="bulk-action"
                        value="transfer"
                        [checked]="action() === 'transfer'"
                        (change)="action.set('transfer')"
                      />
                      <label class="nhsuk-label nhsuk-radios__label" for="bulk-action-transfer"
                        >Transfer to another cohort</label
                      >
                    </div>
                  </div>
                </fieldset>
              </div>
              <button class="nhsuk-button nhsuk-button--secondary" type="submit">Continue</button>
            </form>
            <app-page-links
              [page]="page.page"
              [total]="page.total"
              [pageSize]="page.pageSize"
              label="Pages of delegates"
            />
          } @else if (filtered()) {
            <p>Nobody matches your search.</p>
          } @else {
            <p>Nobody has signed up for this cohort yet.</p>
          }
        }
      }
    }
  `,
  styles: `
    .app-filter-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
      align-items: flex-end;
    }
    .app-filter-row .nhsuk-input {
      width: 16em;
      max-width: 100%;
    }
  `,
})
export class CohortDelegatesComponent {
  private readonly api = inject(EnrolmentsApiService);
  private readonly router = inject(Router);
  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => params)));

  readonly cohortId = input.required<string>();
  readonly cohortName = input.required<string>();
  /** Changes when something elsewhere on the page changed the enrolments, so the list loads again. */
  readonly refresh = input(0);

  protected readonly statuses = ENROLMENT_STATUSES;
  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;

  private readonly q = computed(() => this.params()?.get('q') ?? '');
  private readonly status = computed<EnrolmentStatus | ''>(() => {
    const value = this.params()?.get('status') ?? '';
    return (ENROLMENT_STATUSES as readonly string[]).includes(value) ? (value as EnrolmentStatus) : '';
  });
  protected readonly filtered = computed(() => this.q() !== '' || this.status() !== '');
  protected readonly query = linkedSignal(() => this.q());
  protected readonly statusChoice = linkedSignal<string>(() => this.status());

  private readonly request = computed(() => ({
    cohortId: this.cohortId(),
    q: this.q(),
    status: this.status(),
    page: pageParam(this.params()?.get('page') ?? undefined),
    refresh: this.refresh(),
  }));

  protected readonly state = toSignal(
    toObservable(this.request).pipe(
      switchMap((request) =>
        loadState(
          this.api.forCohort(request.cohortId, {
            q: request.q || undefined,
            status: request.status || undefined,
            page: request.page,
          }),
        ),
      ),
    ),
    { initialValue: LOADING as LoadState<CohortEnrolmentPage> },
  );
  protected readonly result = computed(() => loadedValue(this.state()));
  protected readonly loadFailures = computed(() => loadErrors(this.state()));

  /** Ticked rows on this page (cleared when the page or search changes). */
  protected readonly selected = linkedSignal<CohortEnrolmentPage | undefined, Set<string>>({
    source: this.result,
    computation: () => new Set<string>(),
  });
  protected readonly action = signal<BulkAction | null>(null);
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly actionError = computed(
    () => this.errors().find((error) => error.field === 'bulk-action')?.text ?? null,
  );

  protected places(page: CohortEnrolmentPage): string {
    return placesLine(page);
  }

  protected changeable(enrolment: CohortEnrolment): boolean {
    return WITHDRAWABLE.includes(enrolment.status);
  }

  protected toggle(id: string): void {
    this.selected.update((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  protected search(): void {
    void this.router.navigate([], {
      queryParams: { q: this.query().trim() || null, status: this.statusChoice() || null, page: null },
      queryParamsHandling: 'merge',
      fragment: 'delegates-heading',
    });
  }

  protected continueBulk(): void {
    const ids = [...this.selected()];
    const action = this.action();
    const errors: ErrorItem[] = [];
    const first = this.result()?.items.find((item) => this.changeable(item));
    if (ids.length === 0)
      errors.push({ field: first ? `select-${first.id}` : undefined, text: DELEGATES_MESSAGES.noneSelected });
    if (!action) errors.push({ field: 'bulk-action', text: DELEGATES_MESSAGES.noAction });
    this.errors.set(errors);
    if (errors.length > 0 || !action) return;
    void this.router.navigate(['/cohorts', this.cohortId(), 'bulk'], {
      queryParams: { action, ids: ids.join(',') },
    });
  }
}
