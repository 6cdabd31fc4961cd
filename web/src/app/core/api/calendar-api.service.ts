import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CalendarEntry, CalendarFeed, CalendarFeedStatus, CalendarQuery } from '@upstand/contracts';
import { Observable } from 'rxjs';

export const MY_CALENDAR_FEED_URL = '/api/me/calendar-feed';

@Injectable({ providedIn: 'root' })
export class CalendarApiService {
  private readonly http = inject(HttpClient);

  /** Sessions from `from` (inclusive) to `to` (exclusive), filtered. */
  entries(query: CalendarQuery): Observable<CalendarEntry[]> {
    let params = new HttpParams().set('from', query.from).set('to', query.to);
    if (query.system) params = params.set('system', query.system);
    if (query.cohortId) params = params.set('cohortId', query.cohortId);
    if (query.kind) params = params.set('kind', query.kind);
    if (query.facilitatorId) params = params.set('facilitatorId', query.facilitatorId);
    return this.http.get<CalendarEntry[]>('/api/calendar', { params });
  }

  /** The signed-in facilitator's own sessions. */
  mySessions(from: string, to: string): Observable<CalendarEntry[]> {
    const params = new HttpParams().set('from', from).set('to', to);
    return this.http.get<CalendarEntry[]>('/api/me/sessions', { params });
  }

  /** Whether there is a subscription feed, and since when (never its URL). */
  feed(): Observable<CalendarFeedStatus> {
    return this.http.get<CalendarFeedStatus>(MY_CALENDAR_FEED_URL);
  }

  /** Creates a feed, or replaces the secret of the existing one: the only answer that holds its URL. */
  createFeed(): Observable<CalendarFeed> {
    return this.http.post<CalendarFeed>(MY_CALENDAR_FEED_URL, {});
  }

  revokeFeed(): Observable<void> {
    return this.http.delete<void>(MY_CALENDAR_FEED_URL);
  }
}
