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
}

/** What a lead must still sort out for a session; shown as flags in the schedule and calendar. */
export function sessionProblems(facts: SessionFacts): string[] {
  if (facts.status === 'cancelled') return [];
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
