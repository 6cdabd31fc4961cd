import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApprovalRequestView, TeamMemberProgress } from '@upstand/contracts';
import { Observable } from 'rxjs';

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
  pending(): Observable<ApprovalRequestView[]> {
    return this.http.get<ApprovalRequestView[]>('/api/manager/approvals');
  }

  decide(requestId: string, approve: boolean): Observable<ApprovalRequestView> {
    return this.http.post<ApprovalRequestView>(
      `/api/manager/approvals/${id(requestId)}/${approve ? 'approve' : 'decline'}`,
      {},
    );
  }

  team(): Observable<TeamMemberProgress[]> {
    return this.http.get<TeamMemberProgress[]>('/api/manager/team');
  }
}
