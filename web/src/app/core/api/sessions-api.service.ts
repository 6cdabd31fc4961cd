import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AssignFacilitatorsRequest,
  CancelSessionRequest,
  CohortSession,
  MovedSession,
  MoveSessionRequest,
  UpdateSessionPlaceRequest,
} from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/sessions';

/** The address of a session's .ics file, for a plain download link. */
export function sessionIcsUrl(sessionId: string): string {
  return `${BASE}/${encodeURIComponent(sessionId)}/ics`;
}

@Injectable({ providedIn: 'root' })
export class SessionsApiService {
  private readonly http = inject(HttpClient);

  move(id: string, request: MoveSessionRequest): Observable<MovedSession> {
    return this.http.patch<MovedSession>(`${BASE}/${encodeURIComponent(id)}`, request);
  }

  assignFacilitators(id: string, request: AssignFacilitatorsRequest): Observable<CohortSession> {
    return this.http.put<CohortSession>(`${BASE}/${encodeURIComponent(id)}/facilitators`, request);
  }

  updatePlace(id: string, request: UpdateSessionPlaceRequest): Observable<CohortSession> {
    return this.http.patch<CohortSession>(`${BASE}/${encodeURIComponent(id)}/place`, request);
  }

  cancel(id: string, request: CancelSessionRequest): Observable<CohortSession> {
    return this.http.post<CohortSession>(`${BASE}/${encodeURIComponent(id)}/cancel`, request);
  }
}
