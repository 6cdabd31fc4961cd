import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { CalendarEntry } from '@upstand/contracts';
import { addMonths } from '@upstand/schedule';
import { CalendarApiService } from '../../core/api/calendar-api.service';
import { sessionIcsUrl } from '../../core/api/sessions-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonTimesPipe, londonToday } from '../../shared/london-time';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { CalendarFeedComponent } from '../../shared/calendar-feed.component';

/** How far ahead "upcoming" looks. */
export const UPCOMING_MONTHS = 12;

/** A facilitator's upcoming sessions and the calendar subscription link for Outlook. */
@Component({
  selector: 'app-my-sessions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    CalendarFeedComponent,
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

  protected icsUrl(entry: CalendarEntry): string {
    return sessionIcsUrl(entry.sessionId);
  }
}
