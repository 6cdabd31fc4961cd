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
import { Router } from '@angular/router';
import { ApprovalRequestView, BULK_APPROVAL_MAX, ENROLMENT_STATUSES, Paged } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { ApprovalsApiService } from '../../core/api/approvals-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import {
  choiceParam,
  ListFilter,
  ListSearchComponent,
  pagedList,
  pageSizeParam,
} from '../../shared/list-search.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { PageLinksComponent, pageParam, PageSummaryComponent } from '../../shared/pagination.component';
import { LondonDateTimePipe } from '../../shared/london-time';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { ApprovalSummaryComponent } from '../approvals/approval-summary.component';
import { ApprovalSelectionService } from './approval-selection.service';

/** A line manager's account: places waiting for their approval, and how their team is getting on. */
@Component({
  selector: 'app-manager-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ErrorSummaryComponent,
    SuccessBannerComponent,
    ApprovalSummaryComponent,
    LoadedTableComponent,
    LondonDateTimePipe,
    ListSearchComponent,
    PageSummaryComponent,
    PageLinksComponent,
  ],
  template: `
    <app-success-banner [message]="message()" />
    <app-error-summary [errors]="errors()" />
    <h1>My team</h1>

    <h2 class="nhsuk-heading-l" id="approvals-heading">Approvals waiting for you</h2>
    @switch (approvalsState().status) {
      @case ('loading') {
        <p role="status">Loading approvals…</p>
      }
      @case ('failed') {
        <app-error-summary heading="Approvals could not be loaded" [errors]="approvalFailures()" />
      }
      @default {
        @if (approvalsTotal() > approvals().length) {
          <p class="nhsuk-body-s" role="status" data-testid="approvals-count">
            Showing the {{ approvals().length }} oldest of {{ approvalsTotal() }} places waiting. Approve or
            decline these to see the rest.
          </p>
        }
        @if (approvals().length > 1) {
          <p>
            Tick the places you want to approve, then choose "Approve selected places" to check them first.
          </p>
        }
        @if (approvals().length) {
          <ul class="nhsuk-list" data-testid="approvals" aria-labelledby="approvals-heading">
            @for (request of approvals(); track request.id) {
              <li class="nhsuk-card" [attr.data-approval-id]="request.id">
                <div class="nhsuk-card__content">
                  <h3 class="nhsuk-card__heading nhsuk-heading-m">{{ request.delegateName }}</h3>
                  <app-approval-summary [request]="request" />
                  <p class="nhsuk-body-s">Answer by {{ request.expiresAt | londonDateTime }}.</p>
                  @if (approvals().length > 1) {
                    <div class="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-3">
                      <div class="nhsuk-checkboxes__item">
                        <input
                          class="nhsuk-checkboxes__input"
                          type="checkbox"
                          [id]="'select-' + request.id"
                          [checked]="selected().has(request.id)"
                          (change)="toggle(request.id)"
                        />
                        <label class="nhsuk-label nhsuk-checkboxes__label" [for]="'select-' + request.id">
                          Select {{ request.delegateName }} to approve with others
                        </label>
                      </div>
                    </div>
                  }
                  <div class="nhsuk-button-group nhsuk-u-margin-bottom-0">
                    <button
                      class="nhsuk-button"
                      type="button"
                      [attr.aria-disabled]="busy() || null"
                      (click)="decide(request, true)"
                    >
                      Approve<span class="nhsuk-u-visually-hidden"> {{ request.delegateName }}'s place</span>
                    </button>
                    <button
                      class="nhsuk-button nhsuk-button--secondary"
                      type="button"
                      [attr.aria-disabled]="busy() || null"
                      (click)="decide(request, false)"
                    >
                      Decline<span class="nhsuk-u-visually-hidden"> {{ request.delegateName }}'s place</span>
                    </button>
                  </div>
                </div>
              </li>
            }
          </ul>
          @if (approvals().length > 1) {
            <button
              class="nhsuk-button"
              type="button"
              id="approve-selected"
              data-testid="approve-selected"
              (click)="approveSelected()"
            >
              Approve selected places ({{ selected().size }})
            </button>
          }
        } @else {
          <p>There are no places waiting for your approval.</p>
        }
      }
    }

    <h2 class="nhsuk-heading-l" id="team-heading">Your team's progress</h2>
    <app-list-search
      id="team-search"
      label="Search your team"
      searchLabel="Search by name or cohort"
      [q]="teamRequest().q"
      [pageSize]="teamRequest().pageSize"
      [filters]="teamFilters()"
    />
    @if (teamResult(); as paged) {
      <!-- An empty list says so in its own words below. -->
      @if (paged.total > 0) {
        <app-page-summary
          [page]="paged.page"
          [pageSize]="paged.pageSize"
          [total]="paged.total"
          noun="places"
        />
      }
    }
    <app-loaded-table
      [state]="teamRows()"
      caption="Your team's progress"
      labelledBy="team-heading"
      testId="team-table"
      loadingText="Loading your team…"
      failedHeading="Your team could not be loaded"
      [emptyText]="
        teamFiltered()
          ? 'Nobody in your team matches your search.'
          : 'Nobody who names you as their line manager has signed up yet.'
      "
    >
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Name</th>
          <th class="nhsuk-table__header" scope="col">Cohort</th>
          <th class="nhsuk-table__header" scope="col">Status</th>
          <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Sessions attended</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (member of team(); track $index) {
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
              {{ member.delegateName }}
            </th>
            <td class="nhsuk-table__cell">{{ member.cohortName }}</td>
            <td class="nhsuk-table__cell">
              <strong class="nhsuk-tag" [class]="statusTags[member.status]">{{
                statusLabel(member.status)
              }}</strong>
            </td>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
              {{ member.sessionsAttended }} of {{ member.sessionsHeld }}
            </td>
          </tr>
        }
      </tbody>
    </app-loaded-table>
    @if (teamResult(); as paged) {
      <app-page-links
        [page]="paged.page"
        [total]="paged.total"
        [pageSize]="paged.pageSize"
        label="Pages of your team"
      />
    }
  `,
})
export class ManagerPage {
  private readonly api = inject(ApprovalsApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly router = inject(Router);
  private readonly selection = inject(ApprovalSelectionService);

  /** Query parameters of the team list: the search, the status, the page and the page size. */
  readonly q = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  readonly pageSize = input<string>();

  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;

  /** A line manager's waiting approvals are few: the oldest hundred at once, and how many in all. */
  protected readonly approvalsState = signal<LoadState<Paged<ApprovalRequestView>>>(LOADING);
  protected readonly approvals = computed(() => {
    const state = this.approvalsState();
    return state.status === 'loaded' ? state.value.items : [];
  });
  protected readonly approvalsTotal = computed(() => {
    const state = this.approvalsState();
    return state.status === 'loaded' ? state.value.total : 0;
  });
  protected readonly approvalFailures = computed(() => loadErrors(this.approvalsState()));
  protected readonly selected = signal<ReadonlySet<string>>(new Set());

  /** Bumped after a decision, so the team list is asked for again. */
  private readonly teamVersion = signal(0);
  protected readonly teamRequest = computed(() => ({
    q: this.q()?.trim() ?? '',
    status: choiceParam(this.status(), ENROLMENT_STATUSES),
    page: pageParam(this.page()),
    pageSize: pageSizeParam(this.pageSize()),
    version: this.teamVersion(),
  }));
  protected readonly teamFiltered = computed(() => !!(this.teamRequest().q || this.teamRequest().status));
  protected readonly teamFilters = computed<ListFilter[]>(() => [
    {
      name: 'status',
      label: 'Status',
      anyLabel: 'Any status',
      options: ENROLMENT_STATUSES.map((value) => ({ value, label: enrolmentStatusLabel(value) })),
      value: this.teamRequest().status ?? '',
    },
  ]);
  private readonly teamList = pagedList(this.teamRequest, ({ version: _version, ...query }) =>
    this.api.team(query),
  );
  protected readonly teamRows = this.teamList.rows;
  protected readonly teamResult = this.teamList.result;
  protected readonly team = this.teamList.items;

  protected readonly message = signal<string | null>(null);
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);

  constructor() {
    loadState(this.api.pending({ pageSize: BULK_APPROVAL_MAX })).subscribe((state) =>
      this.approvalsState.set(state),
    );
  }

  private loadTeam(): void {
    this.teamVersion.update((version) => version + 1);
  }

  protected toggle(id: string): void {
    this.selected.update((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  /** To the confirmation page, which names each chosen person and cohort before approving them. */
  protected approveSelected(): void {
    const chosen = this.approvals().filter((request) => this.selected().has(request.id));
    if (chosen.length === 0) {
      this.message.set(null);
      this.errors.set([{ text: 'Select at least one place to approve', field: 'approve-selected' }]);
      return;
    }
    this.selection.chosen.set(chosen);
    void this.router.navigate(['/manager/approve']);
  }

  protected decide(request: ApprovalRequestView, approve: boolean): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.decide(request.id, approve).subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.set([]);
        this.removeRequest(request.id);
        this.message.set(
          approve
            ? `You approved ${request.delegateName}'s place on ${request.cohortName}`
            : `You declined ${request.delegateName}'s place on ${request.cohortName}`,
        );
        this.loadTeam();
        focusAfterRender(this.injector, this.host, '[data-testid="success-banner"]');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.message.set(null);
        this.errors.set(mapApiError(error).errors);
      },
    });
  }

  private removeRequest(id: string): void {
    const state = this.approvalsState();
    if (state.status !== 'loaded') return;
    this.approvalsState.set({
      status: 'loaded',
      value: {
        ...state.value,
        items: state.value.items.filter((request) => request.id !== id),
        total: state.value.total - 1,
      },
    });
    this.selected.update((current) => new Set([...current].filter((chosen) => chosen !== id)));
  }
}
