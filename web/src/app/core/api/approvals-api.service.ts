import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ApprovalQuery,
  ApprovalRequestView,
  BulkApprovalOutcome,
  Paged,
  PeopleProgressQuery,
  TeamMemberProgress,
} from '@upstand/contracts';
import { Observable } from 'rxjs';
import { queryParams } from './query-params';

const id = (value: string) => encodeURIComponent(value);

/** Line-manager approval: through the emailed link (no sign-in) or the manager's account. */
@Injectable({ providedIn: 'root' })
export class ApprovalsApiService {
  private readonly http = inject(HttpClient);

  /** 404 for an unknown link. */
  byToken(token: string): Observable<ApprovalRequestView> {
    return this.http.get<ApprovalRequestView>(`/api/approvals/${id(token)}`);
  }

  /** 409 when the link was already used or has expired. */
  decideByToken(token: string, approve: boolean): Observable<ApprovalRequestView> {
    return this.http.post<ApprovalRequestView>(
      `/api/approvals/${id(token)}/${approve ? 'approve' : 'decline'}`,
      {},
    );
  }

  /** Requests waiting for the signed-in line manager. */
  pending(query: ApprovalQuery): Observable<Paged<ApprovalRequestView>> {
    return this.http.get<Paged<ApprovalRequestView>>('/api/manager/approvals', {
      params: queryParams(query),
    });
  }

  /** Approves each of these requests on its own; the answer says what became of each. */
  approveMany(ids: string[]): Observable<BulkApprovalOutcome[]> {
    return this.http.post<BulkApprovalOutcome[]>('/api/manager/approvals/approve', { ids });
  }

  decide(requestId: string, approve: boolean): Observable<ApprovalRequestView> {
    return this.http.post<ApprovalRequestView>(
      `/api/manager/approvals/${id(requestId)}/${approve ? 'approve' : 'decline'}`,
      {},
    );
  }

  team(query: PeopleProgressQuery): Observable<Paged<TeamMemberProgress>> {
    return this.http.get<Paged<TeamMemberProgress>>('/api/manager/team', { params: queryParams(query) });
  }
}
