import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { MailboxMessage, MailboxQuery, Paged } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { queryParams } from './query-params';

/** Emails the platform sent, or kept instead of sending (demo mode, no SMTP server). */
@Injectable({ providedIn: 'root' })
export class MailboxApiService {
  private readonly http = inject(HttpClient);

  list(query: MailboxQuery): Observable<Paged<MailboxMessage>> {
    return this.http.get<Paged<MailboxMessage>>('/api/mailbox', { params: queryParams(query) });
  }
}
