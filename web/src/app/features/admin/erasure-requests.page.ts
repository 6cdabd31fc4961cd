import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { ErasureRequestSummary } from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { ErasureApiService } from '../../core/api/erasure-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';

/** Programme leads: open erasure requests from people in their scope, each with an Erase button that asks first. */
@Component({
  selector: 'app-erasure-requests-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ErrorSummaryComponent],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        @if (errors().length) {
          <app-error-summary [errors]="errors()" />
        }
        <h1>Requests to erase data</h1>
        <p>
          People in your area who asked for their data to be deleted. Erasing removes their name, email
          address, sign-in, profile, equality answers, written comments and emails. Attendance and scored
          answers stay without their name, so programme totals do not change. It cannot be undone. Act within
          one month of the request.
        </p>
        @if (done(); as done) {
          <div class="nhsuk-panel" role="status" data-testid="erased-panel">
            <h2 class="nhsuk-panel__title">Data erased</h2>
            <div class="nhsuk-panel__body">{{ done }}'s data has been erased</div>
          </div>
        }
        @if (loading()) {
          <p role="status">Loading requests…</p>
        } @else if (requests().length === 0) {
          <p data-testid="no-requests">There are no open requests.</p>
        } @else {
          <ul class="nhsuk-list" data-testid="erasure-requests">
            @for (request of requests(); track request.id) {
              <li class="nhsuk-card">
                <div class="nhsuk-card__content">
                  <h2 class="nhsuk-card__heading nhsuk-heading-s">{{ request.fullName }}</h2>
                  <p class="nhsuk-card__description">
                    {{ request.email }}<br />
                    {{ request.organisation ?? 'No organisation' }}<br />
                    Asked on {{ request.requestedAt | date: 'd MMMM y' }}
                  </p>
                  @if (confirming() === request.userId) {
                    <div class="nhsuk-warning-callout">
                      <h3 class="nhsuk-warning-callout__label">
                        <span role="text">Erase {{ request.fullName }}'s data?</span>
                      </h3>
                      <p>This cannot be undone. Their certificate can no longer be issued.</p>
                      <div class="nhsuk-button-group">
                        <button
                          class="nhsuk-button nhsuk-button--warning"
                          type="button"
                          data-testid="erase-confirm"
                          [disabled]="busy()"
                          (click)="erase(request)"
                        >
                          Yes, erase their data
                        </button>
                        <button
                          class="nhsuk-button nhsuk-button--secondary"
                          type="button"
                          (click)="confirming.set(null)"
                        >
                          Cancel
                        </button>
                      </div>
                    </div>
                  } @else {
                    <button
                      class="nhsuk-button nhsuk-button--warning"
                      type="button"
                      data-testid="erase"
                      (click)="confirming.set(request.userId)"
                    >
                      Erase<span class="nhsuk-u-visually-hidden"> {{ request.fullName }}</span>
                    </button>
                  }
                </div>
              </li>
            }
          </ul>
        }
      </div>
    </div>
  `,
})
export class ErasureRequestsPage implements OnInit {
  private readonly api = inject(ErasureApiService);

  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly requests = signal<ErasureRequestSummary[]>([]);
  protected readonly confirming = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly errors = signal<ErrorItem[]>([]);

  ngOnInit(): void {
    this.load();
  }

  protected erase(request: ErasureRequestSummary): void {
    this.busy.set(true);
    this.errors.set([]);
    this.api.erase(request.userId).subscribe({
      next: () => {
        this.busy.set(false);
        this.confirming.set(null);
        this.done.set(request.fullName);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(mapApiError(error).errors);
      },
    });
  }

  private load(): void {
    this.api.openRequests().subscribe({
      next: (requests) => {
        this.requests.set(requests);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.errors.set(mapApiError(error).errors);
        this.loading.set(false);
      },
    });
  }
}
