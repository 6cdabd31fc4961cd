import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Programme, UpdateProgrammeSettingsRequest } from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/programmes';

@Injectable({ providedIn: 'root' })
export class ProgrammesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<Programme[]> {
    return this.http.get<Programme[]>(BASE);
  }

  get(id: string): Observable<Programme> {
    return this.http.get<Programme>(`${BASE}/${encodeURIComponent(id)}`);
  }

  updateSettings(id: string, request: UpdateProgrammeSettingsRequest): Observable<Programme> {
    return this.http.patch<Programme>(`${BASE}/${encodeURIComponent(id)}/settings`, request);
  }
}
