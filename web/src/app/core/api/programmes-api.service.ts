import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Programme } from '@upstand/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ProgrammesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<Programme[]> {
    return this.http.get<Programme[]>('/api/programmes');
  }
}
