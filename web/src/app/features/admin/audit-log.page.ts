import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { AuditEventView, Paged } from '@upstand/contracts';
import { switchMap } from 'rxjs';
import { UsersApiService } from '../../core/api/users-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { DateInputComponent } from '../../shared/date-input.component';
import { EMPTY_DATE, isoToDateParts } from '../../shared/date-parts';
import { formatLondonInstant } from './admin-shared';
import { PageLinksComponent } from '../../shared/pagination.component';
import { checkAuditFilter } from './audit-filter.model';

/** Who did what, when, in the lead's area: the actions and the names of the fields, never their values. */
@Component({
  selector: 'app-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    ErrorSummaryComponent,
    LoadedTableComponent,
    PageLinksComponent,
    DateInputComponent,
    ...FORM_FIELD,
  ],
  template: `
    <app-error-summary [errors]="errors.items()" />
    <h1>Audit log</h1>
    <p>
      What people did in Upstand in your area, newest first. It shows which fields changed, never what they
      changed to.
    </p>

    <details class="nhsuk-details" [open]="filtered()">
      <summary class="nhsuk-details__summary">
        <span class="nhsuk-details__summary-text">Filter the log</span>
      </summary>
      <div class="nhsuk-details__text">
        <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="apply()" novalidate>
          <app-field field="actor" label="Who" hint="Part of their name or email address">
            <input
              class="nhsuk-input"
              appControl
              type="text"
              autocomplete="off"
              spellcheck="false"
              formControlName="actor"
            />
          </app-field>
          <app-field field="action" label="Action" hint="For example, user.invited or auth.login">
            <input
              class="nhsuk-input nhsuk-input--width-20"
              appControl
              type="text"
              autocomplete="off"
              spellcheck="false"
              formControlName="action"
            />
          </app-field>
          <app-date-input field="from" legend="From" hint="For example, 25 3 2027" formControlName="from" />
          <app-date-input field="to" legend="To" formControlName="to" />
          <div class="nhsuk-button-group">
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">Apply filters</button>
            @if (filtered()) {
              <button class="nhsuk-button nhsuk-button--reverse" type="button" (click)="clear()">
                Clear filters
              </button>
            }
          </div>
        </form>
      </div>
    </details>

    @if (result(); as paged) {
      <p role="status">{{ paged.total }} {{ paged.total === 1 ? 'event' : 'events' }}</p>
    }

    <app-loaded-table
      [state]="rows()"
      caption="Audit events"
      testId="audit-table"
      loadingText="Loading the audit log…"
      failedHeading="The audit log could not be loaded"
      emptyText="No events match."
    >
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">When</th>
          <th class="nhsuk-table__header" scope="col">Who</th>
          <th class="nhsuk-table__header" scope="col">Action</th>
          <th class="nhsuk-table__header" scope="col">On</th>
          <th class="nhsuk-table__header" scope="col">Fields</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (event of events(); track event.id) {
          <tr class="nhsuk-table__row">
            <td class="nhsuk-table__cell">{{ instant(event.occurredAt) }}</td>
            <td class="nhsuk-table__cell">{{ event.actorName ?? 'Nobody signed in' }}</td>
            <td class="nhsuk-table__cell">
              <code>{{ event.action }}</code>
            </td>
            <td class="nhsuk-table__cell">{{ event.entityType }}</td>
            <td class="nhsuk-table__cell">{{ event.fields.length ? event.fields.join(', ') : '–' }}</td>
          </tr>
        }
      </tbody>
    </app-loaded-table>

    @if (result(); as paged) {
      <app-page-links
        [page]="paged.page"
        [total]="paged.total"
        [pageSize]="paged.pageSize"
        label="Pages of the audit log"
      />
    }
  `,
})
export class AuditLogPage implements OnInit {
  private readonly api = inject(UsersApiService);
  private readonly router = inject(Router);

  /** Query parameters: the filters and the page. */
  readonly actor = input<string>();
  readonly action = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly page = input<string>();

  protected readonly instant = formatLondonInstant;
  protected readonly errors = new FormErrors(['actor', 'action', 'from', 'to']);
  protected readonly form = inject(NonNullableFormBuilder).group({
    actor: [''],
    action: [''],
    from: [EMPTY_DATE],
    to: [EMPTY_DATE],
  });

  private readonly request = computed(() => ({
    actor: this.actor() ?? '',
    action: this.action() ?? '',
    from: this.from() ?? '',
    to: this.to() ?? '',
    page: Math.max(1, Number.parseInt(this.page() ?? '1', 10) || 1),
  }));
  protected readonly filtered = computed(() => {
    const request = this.request();
    return Boolean(request.actor || request.action || request.from || request.to);
  });

  private readonly state = toSignal(
    toObservable(this.request).pipe(switchMap((request) => loadState(this.api.auditEvents(request)))),
    { initialValue: LOADING as LoadState<Paged<AuditEventView>> },
  );
  protected readonly result = computed(() => loadedValue(this.state()));
  protected readonly rows = computed<LoadState<AuditEventView[]>>(() => {
    const state = this.state();
    return state.status === 'loaded' ? { status: 'loaded', value: state.value.items } : state;
  });
  protected readonly events = computed(() => this.result()?.items ?? []);

  ngOnInit(): void {
    const request = this.request();
    this.form.setValue({
      actor: request.actor,
      action: request.action,
      from: request.from ? isoToDateParts(request.from) : EMPTY_DATE,
      to: request.to ? isoToDateParts(request.to) : EMPTY_DATE,
    });
  }

  protected apply(): void {
    const checked = checkAuditFilter(this.form.getRawValue());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    this.errors.clear();
    const { actor = null, action = null, from = null, to = null } = checked.query;
    void this.router.navigate([], { queryParams: { actor, action, from, to, page: null } });
  }

  protected clear(): void {
    this.form.setValue({ actor: '', action: '', from: EMPTY_DATE, to: EMPTY_DATE });
    this.errors.clear();
    void this.router.navigate([], { queryParams: {} });
  }
}
