import { REQUIRED_STAFFING, SessionKind, SessionMode, SessionStatus } from '@upstand/contracts';

export interface SessionFacts {
  kind: SessionKind;
  mode: SessionMode;
  status: SessionStatus;
  facilitatorCount: number;
  leadFacilitatorCount: number;
  venueName: string | null;
  venueCapacity: number | null;
  /** Free-text venue on the cohort, when no registered venue is set */
  cohortVenue: string | null;
  cohortCapacity: number | null;
  joinUrl: string | null;
  endsAt: Date;
}

/**
 * What a lead must still sort out for a session; shown as flags ("needs attention") in the schedule and
 * calendar. Nothing, for a cancelled session or one that is over: no one can staff, house or link it any more
 * (a pilot's past sessions, recorded without their staff, were all flagged).
 */
export function sessionProblems(facts: SessionFacts, now: Date = new Date()): string[] {
  if (facts.status === 'cancelled' || facts.endsAt <= now) return [];
  const problems: string[] = [];
  const required = REQUIRED_STAFFING[facts.kind];
  if (facts.facilitatorCount < required.total) {
    problems.push(
      `Needs ${required.total} facilitator${required.total === 1 ? '' : 's'}, has ${facts.facilitatorCount}`,
    );
  }
  if (facts.leadFacilitatorCount < required.leads) problems.push('Needs a lead facilitator');
  if (facts.mode === 'in-person' && !facts.venueName && !facts.cohortVenue) problems.push('No venue');
  if (
    facts.mode === 'in-person' &&
    facts.venueCapacity !== null &&
    facts.cohortCapacity !== null &&
    facts.venueCapacity < facts.cohortCapacity
  ) {
    problems.push(`Venue holds ${facts.venueCapacity}, cohort has ${facts.cohortCapacity} places`);
  }
  if (facts.mode === 'virtual' && !facts.joinUrl) problems.push('No join link');
  return problems;
}
