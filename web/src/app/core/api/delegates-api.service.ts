import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { DelegateProfile, EqualityMonitoring, MyDataExport } from '@upstand/contracts';
import { Observable } from 'rxjs';

export const MY_PROFILE_URL = '/api/me/profile';
export const MY_EQUALITY_URL = '/api/me/equality';
export const MY_DATA_EXPORT_URL = '/api/me/data-export';

/** The signed-in delegate's profile, and their equality monitoring answers (kept apart from it). */
@Injectable({ providedIn: 'root' })
export class DelegatesApiService {
  private readonly http = inject(HttpClient);

  /** Fails with 404 when the delegate has no profile yet. */
  profile(): Observable<DelegateProfile> {
    return this.http.get<DelegateProfile>(MY_PROFILE_URL);
  }

  saveProfile(profile: DelegateProfile): Observable<DelegateProfile> {
    return this.http.put<DelegateProfile>(MY_PROFILE_URL, profile);
  }

  equality(): Observable<EqualityMonitoring> {
    return this.http.get<EqualityMonitoring>(MY_EQUALITY_URL);
  }

  saveEquality(answers: EqualityMonitoring): Observable<EqualityMonitoring> {
    return this.http.put<EqualityMonitoring>(MY_EQUALITY_URL, answers);
  }

  /** "Stop using my answers": deletes them. */
  deleteEquality(): Observable<void> {
    return this.http.delete<void>(MY_EQUALITY_URL);
  }

  /** Everything held about the signed-in person (subject access); each fetch is recorded in the audit log. */
  myData(): Observable<MyDataExport> {
    return this.http.get<MyDataExport>(MY_DATA_EXPORT_URL);
  }
}
