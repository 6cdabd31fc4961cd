import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CreateOrganisationRequest,
  Organisation,
  OrganisationQuery,
  Paged,
  PageQuery,
  UpdateOrganisationRequest,
} from '@upstand/contracts';
import { Observable } from 'rxjs';
import { queryParams } from './query-params';

const BASE = '/api/organisations';

@Injectable({ providedIn: 'root' })
export class OrganisationsApiService {
  private readonly http = inject(HttpClient);

  list(query: OrganisationQuery = {}): Observable<Organisation[]> {
    let params = new HttpParams();
    if (query.type) params = params.set('type', query.type);
    if (query.system) params = params.set('system', query.system);
    if (query.q) params = params.set('q', query.q);
    if (query.includeClosed) params = params.set('includeClosed', 'true');
    return this.http.get<Organisation[]>(BASE, { params });
  }

  /** One page of the organisations list, with the same filters as `list`. */
  paged(query: OrganisationQuery & PageQuery): Observable<Paged<Organisation>> {
    return this.http.get<Paged<Organisation>>(`${BASE}/paged`, { params: queryParams(query) });
  }

  get(id: string): Observable<Organisation> {
    return this.http.get<Organisation>(`${BASE}/${encodeURIComponent(id)}`);
  }

  create(request: CreateOrganisationRequest): Observable<Organisation> {
    return this.http.post<Organisation>(BASE, request);
  }

  update(id: string, request: UpdateOrganisationRequest): Observable<Organisation> {
    return this.http.patch<Organisation>(`${BASE}/${encodeURIComponent(id)}`, request);
  }
}
