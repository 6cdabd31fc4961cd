import { HttpErrorResponse } from '@angular/common/http';
import { Cohort, CohortSession, SessionMode } from '@upstand/contracts';
import { forkJoin, map, Observable } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { formatLondonRange } from '../../shared/london-time';

export interface CohortAndSession {
  cohort: Cohort;
  session: CohortSession;
}

/** A cohort and one of its sessions; fails with a 404 when the session is not the cohort's. */
export function loadCohortSession(
  api: CohortsApiService,
  cohortId: string,
  sessionId: string,
): Observable<CohortAndSession> {
  return forkJoin({ cohort: api.get(cohortId), sessions: api.sessions(cohortId) }).pipe(
    map(({ cohort, sessions }) => {
      const session = sessions.find((candidate) => candidate.id === sessionId);
      if (!session) throw new HttpErrorResponse({ status: 404, statusText: 'Not Found' });
      return { cohort, session };
    }),
  );
}

export const SESSION_NOT_FOUND = 'This session does not exist.';

export const MODE_LABELS: Record<SessionMode, string> = { 'in-person': 'In person', virtual: 'Virtual' };

/** "Active Bystander workshop: day 1 on Thursday 25 March 2027, 9:00am to 4:30pm" */
export function describeSession(session: Pick<CohortSession, 'title' | 'startsAt' | 'endsAt'>): string {
  return `${session.title} on ${formatLondonRange(session.startsAt, session.endsAt)}`;
}
