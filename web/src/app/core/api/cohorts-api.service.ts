import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  Cohort,
  CohortQuery,
  CohortScheduleRequest,
  CohortSession,
  CreateCohortRequest,
  Paged,
  SchedulePreview,
  UpdateCohortRequest,
} from '@upstand/contracts';
import { Observable } from 'rxjs';
import { queryParams } from './query-params';

const BASE = '/api/cohorts';

@Injectable({ providedIn: 'root' })
export class CohortsApiService {
  private readonly http = inject(HttpClient);

  /** One page of the cohorts the user may see. */
  list(query: CohortQuery): Observable<Paged<Cohort>> {
    return this.http.get<Paged<Cohort>>(BASE, { params: queryParams(query) });
  }

  /** Every cohort the user may see, by name, unpaged: for pickers. */
  options(): Observable<Cohort[]> {
    return this.http.get<Cohort[]>(`${BASE}/options`);
  }

  get(id: string): Observable<Cohort> {
    return this.http.get<Cohort>(`${BASE}/${encodeURIComponent(id)}`);
  }

  sessions(id: string): Observable<CohortSession[]> {
    return this.http.get<CohortSession[]>(`${BASE}/${encodeURIComponent(id)}/sessions`);
  }

  preview(request: CohortScheduleRequest): Observable<SchedulePreview> {
    return this.http.post<SchedulePreview>(`${BASE}/preview`, request);
  }

  create(request: CreateCohortRequest): Observable<Cohort> {
    return this.http.post<Cohort>(BASE, request);
  }

  /** Name, capacity and sign-ups: 409 on `capacity` below the places taken. */
  update(id: string, request: UpdateCohortRequest): Observable<Cohort> {
    return this.http.patch<Cohort>(`${BASE}/${encodeURIComponent(id)}`, request);
  }
}
