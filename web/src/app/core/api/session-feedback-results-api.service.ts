import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { SessionFeedbackResults, SessionFeedbackResultsQuery } from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/session-feedback';

/** Feedback on sessions for programme leads (every session) and facilitators (their own). */
@Injectable({ providedIn: 'root' })
export class SessionFeedbackResultsApiService {
  private readonly http = inject(HttpClient);

  results(query: SessionFeedbackResultsQuery): Observable<SessionFeedbackResults> {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(query))
      if ((typeof value === 'string' && value !== '') || typeof value === 'number')
        params[key] = String(value);
    return this.http.get<SessionFeedbackResults>(`${BASE}/results`, {
      params: new HttpParams({ fromObject: params }),
    });
  }
}
