import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { SecondFactorEnabled, SecondFactorEnrolment, SecondFactorStatus } from '@upstand/contracts';
import { Observable } from 'rxjs';

/** The signed-in user's two-step verification (TOTP). */
@Injectable({ providedIn: 'root' })
export class SecondFactorApiService {
  private readonly http = inject(HttpClient);

  status(): Observable<SecondFactorStatus> {
    return this.http.get<SecondFactorStatus>('/api/me/second-factor');
  }

  start(): Observable<SecondFactorEnrolment> {
    return this.http.post<SecondFactorEnrolment>('/api/me/second-factor', {});
  }

  confirm(code: string): Observable<SecondFactorEnabled> {
    return this.http.post<SecondFactorEnabled>('/api/me/second-factor/confirm', { code });
  }

  turnOff(code: string): Observable<void> {
    return this.http.delete<void>('/api/me/second-factor', { body: { code } });
  }
}
