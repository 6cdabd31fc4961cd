import { Cohort, CohortSession, SessionMode } from '@upstand/contracts';
import { forkJoin, Observable } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { findById } from '../../shared/load-state';
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
  return forkJoin({ cohort: api.get(cohortId), session: findById(api.sessions(cohortId), sessionId) });
}

export const SESSION_NOT_FOUND = 'This session does not exist.';

export const MODE_LABELS: Record<SessionMode, string> = { 'in-person': 'In person', virtual: 'Virtual' };

/** "Active Bystander workshop: day 1 on Thursday 25 March 2027, 9:00am to 4:30pm" */
export function describeSession(session: Pick<CohortSession, 'title' | 'startsAt' | 'endsAt'>): string {
  return `${session.title} on ${formatLondonRange(session.startsAt, session.endsAt)}`;
}
