import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CohortEnrolment,
  Enrolment,
  Journey,
  OpenCohort,
  OpenCohortQuery,
  Paged,
  PeopleProgressQuery,
  SponsorDelegate,
  TransferOffer,
  TransferOutcome,
  TransferRequest,
} from '@upstand/contracts';
import { map, Observable } from 'rxjs';
import { queryParams } from './query-params';

const id = (value: string) => encodeURIComponent(value);

/** The address of an enrolment's certificate, for a plain download link. */
export function certificateUrl(enrolmentId: string): string {
  return `/api/enrolments/${id(enrolmentId)}/certificate.pdf`;
}

/** Places on cohorts: open cohorts, signing up, offers, withdrawing, transfers and the delegate's journey. */
@Injectable({ providedIn: 'root' })
export class EnrolmentsApiService {
  private readonly http = inject(HttpClient);

  /** Public: a page of the cohorts taking sign-ups, with places left and where and when each session is. */
  openCohorts(query: OpenCohortQuery = {}): Observable<Paged<OpenCohort>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    return this.http.get<Paged<OpenCohort>>('/api/open-cohorts', { params });
  }

  /** 400 (field `profile`) without a delegate profile, 409 when already enrolled, 403 when restricted. */
  signUp(cohortId: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/cohorts/${id(cohortId)}/enrolments`, {});
  }

  forCohort(cohortId: string): Observable<CohortEnrolment[]> {
    return this.http.get<CohortEnrolment[]>(`/api/cohorts/${id(cohortId)}/enrolments`);
  }

  mine(): Observable<Enrolment[]> {
    return this.http.get<Enrolment[]>('/api/me/enrolments');
  }

  journey(): Observable<Journey> {
    return this.http.get<Journey>('/api/me/journey');
  }

  withdraw(enrolmentId: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/enrolments/${id(enrolmentId)}/withdraw`, {});
  }

  acceptOffer(enrolmentId: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/enrolments/${id(enrolmentId)}/accept`, {});
  }

  declineOffer(enrolmentId: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/enrolments/${id(enrolmentId)}/decline`, {});
  }

  /**
   * 200 with the new enrolment when the lead's grant reaches both cohorts; 202 with an offer to the receiving
   * system's leads when it reaches only the delegate's cohort.
   */
  transfer(enrolmentId: string, request: TransferRequest): Observable<TransferOutcome> {
    return this.http
      .post<Enrolment | TransferOffer>(`/api/enrolments/${id(enrolmentId)}/transfer`, request, {
        observe: 'response',
      })
      .pipe(
        map((response): TransferOutcome =>
          response.status === 202
            ? { kind: 'offered', offer: response.body as TransferOffer }
            : { kind: 'moved', enrolment: response.body as Enrolment },
        ),
      );
  }

  /** A sponsor's own organisation's delegates and their progress. */
  sponsorDelegates(query: PeopleProgressQuery): Observable<Paged<SponsorDelegate>> {
    return this.http.get<Paged<SponsorDelegate>>('/api/sponsor/delegates', { params: queryParams(query) });
  }
}
