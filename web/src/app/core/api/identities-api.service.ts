import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { LinkedIdentity, SsoRedirect } from '@upstand/contracts';
import { Observable } from 'rxjs';

/** The signed-in user's linked single sign-on accounts. */
@Injectable({ providedIn: 'root' })
export class IdentitiesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<LinkedIdentity[]> {
    return this.http.get<LinkedIdentity[]>('/api/me/identities');
  }

  /** Starts linking: the browser then goes to the answer's redirectUrl. */
  link(): Observable<SsoRedirect> {
    return this.http.post<SsoRedirect>('/api/me/identities/link', {});
  }
}
