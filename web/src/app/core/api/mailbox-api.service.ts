import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { MailboxMessage } from '@upstand/contracts';
import { Observable } from 'rxjs';

/** Emails the platform sent, or kept instead of sending (demo mode, no SMTP server). */
@Injectable({ providedIn: 'root' })
export class MailboxApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<MailboxMessage[]> {
    return this.http.get<MailboxMessage[]>('/api/mailbox');
  }
}
