import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ErasureRequestSummary, ErasureResult, MyErasureRequest } from '@upstand/contracts';
import { Observable } from 'rxjs';

export const MY_ERASURE_REQUEST_URL = '/api/me/erasure-request';
export const ERASURE_REQUESTS_URL = '/api/erasure-requests';

/** Erasure: a person's own request, and leads' open requests and the erase action. */
@Injectable({ providedIn: 'root' })
export class ErasureApiService {
  private readonly http = inject(HttpClient);

  myRequest(): Observable<MyErasureRequest> {
    return this.http.get<MyErasureRequest>(MY_ERASURE_REQUEST_URL);
  }

  ask(): Observable<MyErasureRequest> {
    return this.http.post<MyErasureRequest>(MY_ERASURE_REQUEST_URL, {});
  }

  openRequests(): Observable<ErasureRequestSummary[]> {
    return this.http.get<ErasureRequestSummary[]>(ERASURE_REQUESTS_URL);
  }

  erase(userId: string): Observable<ErasureResult> {
    return this.http.post<ErasureResult>(`/api/users/${encodeURIComponent(userId)}/erase`, {});
  }
}
