import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ActionStatus,
  CreateActionRequest,
  CreateReviewRequest,
  FrameworkArea,
  ProgrammeAction,
  ProgrammeFramework,
  ProgrammeReview,
  RateAreaRequest,
  UpdateActionRequest,
} from '@upstand/contracts';
import { Observable } from 'rxjs';

const id = encodeURIComponent;

/** Review periods, framework ratings and the action log of a programme. */
@Injectable({ providedIn: 'root' })
export class GovernanceApiService {
  private readonly http = inject(HttpClient);

  reviews(programmeId: string): Observable<ProgrammeReview[]> {
    return this.http.get<ProgrammeReview[]>(`/api/programmes/${id(programmeId)}/reviews`);
  }

  review(reviewId: string): Observable<ProgrammeReview> {
    return this.http.get<ProgrammeReview>(`/api/reviews/${id(reviewId)}`);
  }

  createReview(programmeId: string, request: CreateReviewRequest): Observable<ProgrammeReview> {
    return this.http.post<ProgrammeReview>(`/api/programmes/${id(programmeId)}/reviews`, request);
  }

  rate(reviewId: string, area: FrameworkArea, request: RateAreaRequest): Observable<ProgrammeReview> {
    return this.http.put<ProgrammeReview>(`/api/reviews/${id(reviewId)}/ratings/${id(area)}`, request);
  }

  close(reviewId: string): Observable<ProgrammeReview> {
    return this.http.post<ProgrammeReview>(`/api/reviews/${id(reviewId)}/close`, {});
  }

  framework(programmeId: string): Observable<ProgrammeFramework> {
    return this.http.get<ProgrammeFramework>(`/api/programmes/${id(programmeId)}/framework`);
  }

  actions(programmeId: string, status?: ActionStatus): Observable<ProgrammeAction[]> {
    const params = status ? new HttpParams().set('status', status) : undefined;
    return this.http.get<ProgrammeAction[]>(`/api/programmes/${id(programmeId)}/actions`, { params });
  }

  action(actionId: string): Observable<ProgrammeAction> {
    return this.http.get<ProgrammeAction>(`/api/actions/${id(actionId)}`);
  }

  createAction(programmeId: string, request: CreateActionRequest): Observable<ProgrammeAction> {
    return this.http.post<ProgrammeAction>(`/api/programmes/${id(programmeId)}/actions`, request);
  }

  updateAction(actionId: string, request: UpdateActionRequest): Observable<ProgrammeAction> {
    return this.http.patch<ProgrammeAction>(`/api/actions/${id(actionId)}`, request);
  }
}
