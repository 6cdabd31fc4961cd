import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { ApprovalRequestView } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { ApprovalsApiService } from '../../core/api/approvals-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { focusAfterRender } from '../../shared/focus';
import { LondonDateTimePipe } from '../../shared/london-time';
import { ApprovalSummaryComponent } from './approval-summary.component';

export const APPROVAL_LINK_MESSAGES = {
  unknown: 'This link is not recognised. Check you copied the whole link from the email.',
  expired:
    'This approval link has expired. Ask the delegate to sign up again, or sign in to Upstand as a line manager to see current requests.',
} as const;

type PageState =
  | { status: 'loading' }
  | { status: 'unknown' }
  | { status: 'failed' }
  | { status: 'loaded'; request: ApprovalRequestView; decidedNow: boolean };

/**
 * The page behind the link emailed to a line manager: no sign-in needed (the link is the credential). It shows
 * what is being approved, then the decision; a used, expired or unknown link says so.
 */
@Component({
  selector: 'app-approval-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent, ApprovalSummaryComponent, LondonDateTimePipe],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary [errors]="errors()" />
        @switch (state().status) {
          @case ('loading') {
            <h1>Approve a place</h1>
            <p role="status">Loading the request…</p>
          }
          @case ('unknown') {
            <h1>This link is not recognised</h1>
            <p>{{ messages.unknown }}</p>
            <p>If the delegate has asked for a place, the email you received has the full link.</p>
          }
          @case ('failed') {
            <h1>Approve a place</h1>
            <p>The request could not be loaded. Try again later.</p>
          }
          @default {
            @if (request(); as request) {
              @switch (request.state) {
                @case ('pending') {
                  <h1>
                    <span class="nhsuk-caption-l">{{ request.programmeName }}</span>
                    Approve {{ request.delegateName }}'s place
                  </h1>
                  <p>
                    {{ request.delegateName }} has asked for a place on the {{ request.programmeName }}, which
                    trains staff to challenge bullying, harassment and discrimination safely. Their sessions
                    are listed below.
                  </p>
                  <app-approval-summary [request]="request" />
                  <p class="nhsuk-body-s">
                    This link works once and ends at {{ request.expiresAt | londonDateTime }}.
                  </p>
                  <div class="nhsuk-button-group">
                    <button
                      class="nhsuk-button"
                      type="button"
                      [attr.aria-disabled]="busy() || null"
                      (click)="decide(true)"
                    >
                      Approve
                    </button>
                    <button
                      class="nhsuk-button nhsuk-button--secondary"
                      type="button"
                      [attr.aria-disabled]="busy() || null"
                      (click)="decide(false)"
                    >
                      Decline
                    </button>
                  </div>
                }
                @case ('expired') {
                  <h1>This approval link has expired</h1>
                  <p>{{ messages.expired }}</p>
                  <app-approval-summary [request]="request" />
                }
                @default {
                  @if (decidedNow()) {
                    <div class="nhsuk-panel" data-testid="approval-outcome" tabindex="-1">
                      <h1 class="nhsuk-panel__heading">
                        {{ request.state === 'approved' ? 'Place approved' : 'Place declined' }}
                      </h1>
                      <div class="nhsuk-panel__body">
                        {{ request.delegateName }}, {{ request.cohortName }}
                      </div>
                    </div>
                    <p>
                      @if (request.state === 'approved') {
                        Thank you. We have told {{ request.delegateName }}. If the cohort is full, they join
                        its waiting list.
                      } @else {
                        We have told {{ request.delegateName }} that their place was not approved this time.
                      }
                    </p>
                  } @else {
                    <h1 data-testid="approval-outcome">This link has already been used</h1>
                    <p>
                      {{ request.delegateName }}'s place on {{ request.cohortName }} was already
                      {{ request.state }}. The link works only once.
                    </p>
                  }
                  <p>You can close this page.</p>
                }
              }
            }
          }
        }
      </div>
    </div>
  `,
})
export class ApprovalPage implements OnInit {
  private readonly api = inject(ApprovalsApiService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** Route parameter `:token`, from the emailed link. */
  readonly token = input.required<string>();

  protected readonly messages = APPROVAL_LINK_MESSAGES;
  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly request = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.request : null;
  });
  protected readonly decidedNow = computed(() => {
    const state = this.state();
    return state.status === 'loaded' && state.decidedNow;
  });
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);

  ngOnInit(): void {
    this.load(false);
  }

  private load(decidedNow: boolean): void {
    this.api.byToken(this.token()).subscribe({
      next: (request) => this.state.set({ status: 'loaded', request, decidedNow }),
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) this.state.set({ status: 'unknown' });
        else {
          this.errors.set(mapApiError(error).errors);
          this.state.set({ status: 'failed' });
        }
      },
    });
  }

  protected decide(approve: boolean): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.decideByToken(this.token(), approve).subscribe({
      next: (request) => {
        this.busy.set(false);
        this.errors.set([]);
        this.state.set({ status: 'loaded', request, decidedNow: true });
        focusAfterRender(this.injector, this.host, '[data-testid="approval-outcome"]');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (error instanceof HttpErrorResponse && error.status === 409) {
          // Used or expired meanwhile: show the request as it is now, with the server's reason.
          this.errors.set(mapApiError(error).errors);
          this.load(false);
          return;
        }
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.state.set({ status: 'unknown' });
          return;
        }
        this.errors.set(mapApiError(error).errors);
      },
    });
  }
}
