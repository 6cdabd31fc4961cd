import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AddDelegateRequest,
  BulkResult,
  BulkTransferRequest,
  BulkWithdrawRequest,
  CohortEnrolment,
  CohortEnrolmentPage,
  CohortEnrolmentQuery,
  DelegateCandidate,
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

  /** One page of a cohort's delegates (programme leads), searched and filtered by the API. */
  forCohort(cohortId: string, query: CohortEnrolmentQuery = {}): Observable<CohortEnrolmentPage> {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== null && value !== '') params[key] = String(value);
    return this.http.get<CohortEnrolmentPage>(`/api/cohorts/${id(cohortId)}/enrolments`, { params });
  }

  /** One of a cohort's enrolments (404 when it is not on that cohort). */
  one(cohortId: string, enrolmentId: string): Observable<CohortEnrolment> {
    return this.http.get<CohortEnrolment>(`/api/cohorts/${id(cohortId)}/enrolments/${id(enrolmentId)}`);
  }

  /** People a lead may add to the cohort, by part of a name or email address (2 characters or more). */
  people(cohortId: string, q: string, page = 1): Observable<Paged<DelegateCandidate>> {
    return this.http.get<Paged<DelegateCandidate>>(`/api/cohorts/${id(cohortId)}/people`, {
      params: { q, page: String(page) },
    });
  }

  /** Adds an account (`userId`) or invites a new person (`email`, `fullName`): confirmed, or the waiting list. */
  add(cohortId: string, request: AddDelegateRequest): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/cohorts/${id(cohortId)}/delegates`, request);
  }

  /** A lead offers a free place to someone on the waiting list. */
  offer(enrolmentId: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/enrolments/${id(enrolmentId)}/offer`, {});
  }

  bulkWithdraw(cohortId: string, request: BulkWithdrawRequest): Observable<BulkResult> {
    return this.http.post<BulkResult>(`/api/cohorts/${id(cohortId)}/bulk-withdraw`, request);
  }

  bulkTransfer(cohortId: string, request: BulkTransferRequest): Observable<BulkResult> {
    return this.http.post<BulkResult>(`/api/cohorts/${id(cohortId)}/bulk-transfer`, request);
  }

  mine(): Observable<Enrolment[]> {
    return this.http.get<Enrolment[]>('/api/me/enrolments');
  }

  journey(): Observable<Journey> {
    return this.http.get<Journey>('/api/me/journey');
  }

  /** A lead withdrawing someone else gives a reason (400 on `reason` otherwise). */
  withdraw(enrolmentId: string, reason?: string): Observable<Enrolment> {
    return this.http.post<Enrolment>(`/api/enrolments/${id(enrolmentId)}/withdraw`, reason ? { reason } : {});
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
