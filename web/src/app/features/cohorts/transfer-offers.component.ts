import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { TransferOffer } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { TransferOffersApiService } from '../../core/api/transfer-offers-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { SuccessBannerComponent } from '../../shared/success-banner.component';

/** Offers still waiting: those the lead may answer, and those they sent that nobody has answered yet. */
export function waitingOffers(offers: readonly TransferOffer[]): {
  incoming: TransferOffer[];
  outgoing: TransferOffer[];
} {
  const pending = offers.filter((offer) => offer.status === 'pending');
  return {
    incoming: pending.filter((offer) => offer.canDecide),
    outgoing: pending.filter((offer) => !offer.canDecide && offer.canWithdraw),
  };
}

/**
 * "Transfers waiting" on a lead's cohorts page: delegates another system's lead would like to move into one of
 * this lead's cohorts (accept or decline), and the lead's own offers still waiting for an answer. Shows nothing
 * when there are none.
 */
@Component({
  selector: 'app-transfer-offers',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent, NhsDatePipe, SuccessBannerComponent],
  template: `
    <app-success-banner [message]="done()" />
    @if (state().status === 'failed' || errors().length) {
      <app-error-summary
        [loadState]="state()"
        loadHeading="Transfers waiting could not be loaded"
        [errors]="errors()"
      />
    }
    @if (waiting(); as waiting) {
      @if (waiting.incoming.length || waiting.outgoing.length) {
        <section aria-labelledby="transfers-heading" data-testid="transfers-waiting">
          <h2 class="nhsuk-heading-m" id="transfers-heading">Transfers waiting</h2>
          @for (offer of waiting.incoming; track offer.id) {
            <div class="nhsuk-card" [attr.data-testid]="'offer-' + offer.id">
              <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-s">
                  {{ offer.delegate.fullName }} to {{ offer.to.name }}
                </h3>
                <p class="nhsuk-card__description">
                  {{ offer.from.system.name }} would like to move {{ offer.delegate.fullName }}
                  @if (offer.delegate.organisationName) {
                    ({{ offer.delegate.organisationName }})
                  }
                  from {{ offer.from.name }} to {{ offer.to.name }}, starting
                  {{ offer.to.startDate | nhsDate }}. They take a free place there if you accept.
                </p>
                <div class="nhsuk-button-group nhsuk-u-margin-bottom-0">
                  <button
                    class="nhsuk-button nhsuk-u-margin-bottom-0"
                    type="button"
                    [attr.aria-disabled]="busy() || null"
                    (click)="accept(offer)"
                  >
                    Accept<span class="nhsuk-u-visually-hidden"> {{ offer.delegate.fullName }}</span>
                  </button>
                  <button
                    class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                    type="button"
                    [attr.aria-disabled]="busy() || null"
                    (click)="decline(offer)"
                  >
                    Decline<span class="nhsuk-u-visually-hidden"> {{ offer.delegate.fullName }}</span>
                  </button>
                </div>
              </div>
            </div>
          }
          @if (waiting.outgoing.length) {
            <h3 class="nhsuk-heading-s">Your transfers waiting for another system</h3>
            <ul class="nhsuk-list nhsuk-list--border">
              @for (offer of waiting.outgoing; track offer.id) {
                <li [attr.data-testid]="'offer-' + offer.id">
                  {{ offer.delegate.fullName }} to {{ offer.to.name }} ({{ offer.to.system.name }}), offered
                  {{ offer.createdAt | nhsDate }}.
                  <button
                    class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                    type="button"
                    [attr.aria-disabled]="busy() || null"
                    (click)="withdraw(offer)"
                  >
                    Withdraw<span class="nhsuk-u-visually-hidden">
                      the transfer of {{ offer.delegate.fullName }}</span
                    >
                  </button>
                </li>
              }
            </ul>
          }
        </section>
      }
    }
  `,
})
export class TransferOffersComponent implements OnInit {
  private readonly api = inject(TransferOffersApiService);

  protected readonly state = signal<LoadState<TransferOffer[]>>(LOADING);
  protected readonly waiting = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? waitingOffers(state.value) : null;
  });
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);
  protected readonly done = signal<string | null>(null);

  ngOnInit(): void {
    this.load();
  }

  protected accept(offer: TransferOffer): void {
    this.send(this.api.accept(offer.id), `${offer.delegate.fullName} moved to ${offer.to.name}`);
  }

  protected decline(offer: TransferOffer): void {
    this.send(
      this.api.decline(offer.id),
      `Transfer of ${offer.delegate.fullName} declined: they stay on ${offer.from.name}`,
    );
  }

  protected withdraw(offer: TransferOffer): void {
    this.send(this.api.withdraw(offer.id), `Transfer of ${offer.delegate.fullName} withdrawn`);
  }

  private load(): void {
    loadState(this.api.list()).subscribe((state) => this.state.set(state));
  }

  private send(request: Observable<TransferOffer>, success: string): void {
    if (this.busy()) return;
    this.busy.set(true);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.errors.set([]);
        this.done.set(success);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.done.set(null);
        this.errors.set(mapApiError(error).errors);
        // The offer may have been answered by someone else meanwhile: show how things stand now.
        this.load();
      },
    });
  }
}
