import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Region } from '@upstand/contracts';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class RegionsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<Region[]> {
    return this.http.get<Region[]>('/api/regions');
  }
}
