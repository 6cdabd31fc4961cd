import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CommunityMember, CommunityMemberQuery, CommunitySettings, Paged } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { queryParams } from './query-params';

/** The Community of Practice: the directory and the signed-in user's consent to be listed in it. */
@Injectable({ providedIn: 'root' })
export class CommunityApiService {
  private readonly http = inject(HttpClient);

  settings(): Observable<CommunitySettings> {
    return this.http.get<CommunitySettings>('/api/me/community');
  }

  /** 409 unless the user is a member (has completed the programme). */
  setInDirectory(inDirectory: boolean): Observable<CommunitySettings> {
    return this.http.put<CommunitySettings>('/api/me/community', { inDirectory });
  }

  members(query: CommunityMemberQuery): Observable<Paged<CommunityMember>> {
    return this.http.get<Paged<CommunityMember>>('/api/community/members', { params: queryParams(query) });
  }
}
