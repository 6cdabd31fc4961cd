import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { CalendarEntry } from '@upstand/contracts';
import { addMonths } from '@upstand/schedule';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { CalendarApiService } from '../../core/api/calendar-api.service';
import { sessionIcsUrl } from '../../core/api/sessions-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonTimesPipe, londonToday } from '../../shared/london-time';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { SuccessBannerComponent } from '../../shared/success-banner.component';

/** How far ahead "upcoming" looks. */
export const UPCOMING_MONTHS = 12;

/** An active feed's URL is known only right after it was made: the server keeps just its hash. */
interface ActiveFeed {
  createdAt: string;
  url: string | null;
}

type FeedState =
  { status: 'loading' } | { status: 'none' } | { status: 'active'; feed: ActiveFeed } | { status: 'failed' };

/** A facilitator's upcoming sessions and the calendar subscription link for Outlook. */
@Component({
  selector: 'app-my-sessions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    SuccessBannerComponent,
    LondonDatePipe,
    LondonTimesPipe,
    NhsDatePipe,
  ],
  templateUrl: './my-sessions.page.html',
})
export class MySessionsPage {
  private readonly api = inject(CalendarApiService);

  protected readonly from = londonToday();
  protected readonly to = addMonths(this.from, UPCOMING_MONTHS);

  protected readonly state = toSignal(loadState(this.api.mySessions(this.from, this.to)), {
    initialValue: LOADING as LoadState<CalendarEntry[]>,
  });
  protected readonly sessions = computed(() => {
    const state = this.state();
    const list = state.status === 'loaded' ? state.value : [];
    return [...list].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  });
  protected readonly loadFailures = computed(() => loadErrors(this.state()));

  protected readonly months = UPCOMING_MONTHS;
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

  protected icsUrl(entry: CalendarEntry): string {
    return sessionIcsUrl(entry.sessionId);
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
