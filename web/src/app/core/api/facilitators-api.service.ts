import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CreateFacilitatorRequest, Facilitator, UpdateFacilitatorRequest } from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/facilitators';

@Injectable({ providedIn: 'root' })
export class FacilitatorsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<Facilitator[]> {
    return this.http.get<Facilitator[]>(BASE);
  }

  create(request: CreateFacilitatorRequest): Observable<Facilitator> {
    return this.http.post<Facilitator>(BASE, request);
  }

  update(id: string, request: UpdateFacilitatorRequest): Observable<Facilitator> {
    return this.http.patch<Facilitator>(`${BASE}/${encodeURIComponent(id)}`, request);
  }
}
