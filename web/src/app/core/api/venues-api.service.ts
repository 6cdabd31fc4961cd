import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CreateVenueRequest, UpdateVenueRequest, Venue } from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/venues';

@Injectable({ providedIn: 'root' })
export class VenuesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<Venue[]> {
    return this.http.get<Venue[]>(BASE);
  }

  create(request: CreateVenueRequest): Observable<Venue> {
    return this.http.post<Venue>(BASE, request);
  }

  update(id: string, request: UpdateVenueRequest): Observable<Venue> {
    return this.http.patch<Venue>(`${BASE}/${encodeURIComponent(id)}`, request);
  }
}
