import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { ApprovalRequestView, TeamMemberProgress } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { ApprovalsApiService } from '../../core/api/approvals-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { LOADING, loadedValue, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { LondonDateTimePipe } from '../../shared/london-time';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { ApprovalSummaryComponent } from '../approvals/approval-summary.component';

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
        @if (approvals().length) {
          <ul class="nhsuk-list" data-testid="approvals" aria-labelledby="approvals-heading">
            @for (request of approvals(); track request.id) {
              <li class="nhsuk-card" [attr.data-approval-id]="request.id">
                <div class="nhsuk-card__content">
                  <h3 class="nhsuk-card__heading nhsuk-heading-m">{{ request.delegateName }}</h3>
                  <app-approval-summary [request]="request" />
                  <p class="nhsuk-body-s">Answer by {{ request.expiresAt | londonDateTime }}.</p>
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
        } @else {
          <p>There are no places waiting for your approval.</p>
        }
      }
    }

    <h2 class="nhsuk-heading-l" id="team-heading">Your team's progress</h2>
    <app-loaded-table
      [state]="teamState()"
      caption="Your team's progress"
      labelledBy="team-heading"
      testId="team-table"
      loadingText="Loading your team…"
      failedHeading="Your team could not be loaded"
      emptyText="Nobody who names you as their line manager has signed up yet."
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
  `,
})
export class ManagerPage {
  private readonly api = inject(ApprovalsApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;

  protected readonly approvalsState = signal<LoadState<ApprovalRequestView[]>>(LOADING);
  protected readonly approvals = computed(() => {
    const state = this.approvalsState();
    return state.status === 'loaded' ? state.value : [];
  });
  protected readonly approvalFailures = computed(() => loadErrors(this.approvalsState()));

  protected readonly teamState = signal<LoadState<TeamMemberProgress[]>>(LOADING);
  protected readonly team = computed(() => loadedValue(this.teamState()) ?? []);

  protected readonly message = signal<string | null>(null);
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);

  constructor() {
    loadState(this.api.pending()).subscribe((state) => this.approvalsState.set(state));
    this.loadTeam();
  }

  private loadTeam(): void {
    loadState(this.api.team()).subscribe((state) => {
      if (state.status !== 'loading' || this.teamState().status === 'loading') this.teamState.set(state);
    });
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
    this.approvalsState.set({
      status: 'loaded',
      value: this.approvals().filter((request) => request.id !== id),
    });
  }
}
