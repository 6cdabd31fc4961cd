import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ErrorItem, mapApiError } from '../core/api-error';
import { CalendarApiService } from '../core/api/calendar-api.service';
import { ErrorSummaryComponent } from './error-summary.component';
import { LondonDatePipe } from './london-time';
import { SuccessBannerComponent } from './success-banner.component';

/** An active feed's URL is known only right after it was made: the server keeps just its hash. */
interface ActiveFeed {
  createdAt: string;
  url: string | null;
}

type FeedState =
  { status: 'loading' } | { status: 'none' } | { status: 'active'; feed: ActiveFeed } | { status: 'failed' };

/**
 * The signed-in person's calendar subscription link (their sessions, facilitated or booked): create it, copy
 * it the one time it is shown, replace or stop it. The page around it gives the heading.
 */
@Component({
  selector: 'app-calendar-feed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent, SuccessBannerComponent, LondonDatePipe],
  templateUrl: './calendar-feed.component.html',
})
export class CalendarFeedComponent {
  private readonly api = inject(CalendarApiService);

  protected readonly feed = signal<FeedState>({ status: 'loading' });
  protected readonly activeFeed = computed(() => {
    const feed = this.feed();
    return feed.status === 'active' ? feed.feed : null;
  });
  protected readonly feedErrors = signal<ErrorItem[]>([]);
  protected readonly feedMessage = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly copied = signal<'copied' | 'failed' | null>(null);

  constructor() {
    this.api.feed().subscribe({
      next: (feed) =>
        this.feed.set(
          feed.active && feed.createdAt
            ? { status: 'active', feed: { createdAt: feed.createdAt, url: null } }
            : { status: 'none' },
        ),
      error: (error: unknown) =>
        this.feed.set(
          error instanceof HttpErrorResponse && error.status === 404
            ? { status: 'none' }
            : { status: 'failed' },
        ),
    });
  }

  /** Creates the link, or replaces it (the old link stops working). */
  protected createFeed(replacing: boolean): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.createFeed().subscribe({
      next: (feed) => {
        this.busy.set(false);
        this.feedErrors.set([]);
        this.copied.set(null);
        this.feed.set({ status: 'active', feed });
        this.feedMessage.set(
          replacing
            ? 'Subscription link replaced. The old link no longer works: subscribe again with the new one.'
            : 'Subscription link created',
        );
      },
      error: (error: unknown) => this.feedFailed(error),
    });
  }

  protected stopFeed(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.revokeFeed().subscribe({
      next: () => {
        this.busy.set(false);
        this.feedErrors.set([]);
        this.feed.set({ status: 'none' });
        this.feedMessage.set('Subscription stopped. Your calendar will no longer be updated.');
      },
      error: (error: unknown) => this.feedFailed(error),
    });
  }

  private feedFailed(error: unknown): void {
    this.busy.set(false);
    this.feedMessage.set(null);
    this.feedErrors.set(mapApiError(error).errors);
  }

  protected selectAll(event: Event): void {
    (event.target as HTMLInputElement).select();
  }

  /** Copies the link, shown only this once, to the clipboard. */
  protected copy(url: string): void {
    if (!navigator.clipboard) {
      this.copied.set('failed');
      return;
    }
    navigator.clipboard.writeText(url).then(
      () => this.copied.set('copied'),
      () => this.copied.set('failed'),
    );
  }
}
