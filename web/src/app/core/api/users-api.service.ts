import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AdminUser,
  AuditEventQuery,
  AuditEventView,
  InviteUserRequest,
  Paged,
  ReplaceGrantsRequest,
  UserQuery,
} from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/users';

/** Only the parameters that are set, so the API sees no empty filters. */
function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  return result;
}

/** User and role administration, and the audit log viewer, for programme leads. */
@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);

  list(query: UserQuery): Observable<Paged<AdminUser>> {
    return this.http.get<Paged<AdminUser>>(BASE, { params: params(query) });
  }

  get(id: string): Observable<AdminUser> {
    return this.http.get<AdminUser>(`${BASE}/${encodeURIComponent(id)}`);
  }

  invite(request: InviteUserRequest): Observable<AdminUser> {
    return this.http.post<AdminUser>(BASE, request);
  }

  replaceGrants(id: string, request: ReplaceGrantsRequest): Observable<AdminUser> {
    return this.http.put<AdminUser>(`${BASE}/${encodeURIComponent(id)}/grants`, request);
  }

  deactivate(id: string): Observable<AdminUser> {
    return this.http.post<AdminUser>(`${BASE}/${encodeURIComponent(id)}/deactivate`, {});
  }

  reactivate(id: string): Observable<AdminUser> {
    return this.http.post<AdminUser>(`${BASE}/${encodeURIComponent(id)}/reactivate`, {});
  }

  /** Clears the person's authenticator app and recovery codes (a lost phone). Answers 204. */
  resetSecondFactor(id: string): Observable<void> {
    return this.http.post<void>(`${BASE}/${encodeURIComponent(id)}/second-factor/reset`, {});
  }

  auditEvents(query: AuditEventQuery): Observable<Paged<AuditEventView>> {
    return this.http.get<Paged<AuditEventView>>('/api/audit-events', { params: params(query) });
  }
}
