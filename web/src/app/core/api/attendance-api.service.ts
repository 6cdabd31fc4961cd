import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CheckInResult,
  CommunityAttendanceRegister,
  RecordAttendanceRequest,
  SessionRegister,
} from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/sessions';

/** The address of a session's check-in QR code (SVG), for an <img>. */
export function checkInQrUrl(sessionId: string): string {
  return `${BASE}/${encodeURIComponent(sessionId)}/check-in.svg`;
}

/** The address of a session's register as a spreadsheet, for a download link. */
export function registerExportUrl(sessionId: string, format: 'csv' | 'xlsx'): string {
  return `${BASE}/${encodeURIComponent(sessionId)}/register.${format}`;
}

/** Registers (facilitators of the session and leads) and self check-in (delegates). */
@Injectable({ providedIn: 'root' })
export class AttendanceApiService {
  private readonly http = inject(HttpClient);

  register(sessionId: string): Observable<SessionRegister> {
    return this.http.get<SessionRegister>(`${BASE}/${encodeURIComponent(sessionId)}/register`);
  }

  record(sessionId: string, request: RecordAttendanceRequest): Observable<SessionRegister> {
    return this.http.put<SessionRegister>(`${BASE}/${encodeURIComponent(sessionId)}/attendance`, request);
  }

  /** Clears one delegate's mark (back to not recorded). */
  clear(sessionId: string, enrolmentId: string): Observable<SessionRegister> {
    return this.http.delete<SessionRegister>(
      `${BASE}/${encodeURIComponent(sessionId)}/attendance/${encodeURIComponent(enrolmentId)}`,
    );
  }

  allPresent(sessionId: string): Observable<SessionRegister> {
    return this.http.post<SessionRegister>(
      `${BASE}/${encodeURIComponent(sessionId)}/attendance/all-present`,
      {},
    );
  }

  /** Who came to a Community of Practice catch-up or the celebration (series sessions, no bookings). */
  communityAttendance(sessionId: string): Observable<CommunityAttendanceRegister> {
    return this.http.get<CommunityAttendanceRegister>(
      `${BASE}/${encodeURIComponent(sessionId)}/community-attendance`,
    );
  }

  /** Marks that someone came (marking twice changes nothing). */
  markCommunityAttendance(sessionId: string, userId: string): Observable<CommunityAttendanceRegister> {
    return this.http.put<CommunityAttendanceRegister>(
      `${BASE}/${encodeURIComponent(sessionId)}/community-attendance/${encodeURIComponent(userId)}`,
      {},
    );
  }

  unmarkCommunityAttendance(sessionId: string, userId: string): Observable<CommunityAttendanceRegister> {
    return this.http.delete<CommunityAttendanceRegister>(
      `${BASE}/${encodeURIComponent(sessionId)}/community-attendance/${encodeURIComponent(userId)}`,
    );
  }

  /** 400 (field `code`) for a wrong code; 409 when check-in is not open or the delegate is not booked. */
  checkIn(code: string): Observable<CheckInResult> {
    return this.http.post<CheckInResult>('/api/check-in', { code });
  }
}
