import { CalendarEntry, Cohort, CohortSession } from '@upstand/contracts';
import { toIsoWithOffset } from '@upstand/schedule';
import { CohortEntity } from './cohort.entity';
import { sessionProblems } from './session-problems';
import { SessionViewRow } from './session-views.repository';

export function toCohort(cohort: CohortEntity): Cohort {
  if (!cohort.system || !cohort.template)
    throw new Error(`Cohort ${cohort.id} was loaded without its system and template`);
  return {
    id: cohort.id,
    programmeId: cohort.programmeId,
    name: cohort.name,
    startDate: cohort.startDate,
    capacity: cohort.capacity,
    signupsOpen: cohort.signupsOpen,
    system: { id: cohort.system.id, odsCode: cohort.system.odsCode, name: cohort.system.name },
    venue: cohort.venue,
    templateVersion: cohort.template.version,
    createdAt: cohort.createdAt.toISOString(),
  };
}

function problemsOf(row: SessionViewRow): string[] {
  return sessionProblems({
    kind: row.kind,
    mode: row.mode,
    status: row.status,
    facilitatorCount: row.facilitators.length,
    leadFacilitatorCount: row.facilitators.filter((facilitator) => facilitator.level === 'lead-facilitator')
      .length,
    venueName: row.venueName,
    venueCapacity: row.venueCapacity,
    cohortVenue: row.cohortVenue,
    cohortCapacity: row.cohortCapacity,
    joinUrl: row.joinUrl,
    endsAt: row.endsAt,
  });
}

/** `showJoinUrl`: only staff (and, later, booked delegates) may see a virtual session's link. */
export function toCohortSession(row: SessionViewRow, showJoinUrl: boolean): CohortSession {
  return {
    id: row.id,
    cohortId: row.cohortId,
    seriesId: row.seriesId,
    setId: row.setId,
    stageKey: row.stageKey,
    kind: row.kind,
    mode: row.mode,
    sequence: row.sequence,
    title: row.title,
    startsAt: toIsoWithOffset(row.startsAt),
    endsAt: toIsoWithOffset(row.endsAt),
    status: row.status,
    calendarUid: row.calendarUid,
    calendarSequence: row.calendarSequence,
    venueId: row.venueId,
    venueName: row.venueName ?? row.cohortVenue,
    joinUrl: showJoinUrl ? row.joinUrl : null,
    facilitators: row.facilitators,
    problems: problemsOf(row),
  };
}

export function toCalendarEntry(row: SessionViewRow): CalendarEntry {
  return {
    sessionId: row.id,
    cohortId: row.cohortId,
    cohortName: row.cohortName,
    seriesId: row.seriesId,
    title: row.title,
    kind: row.kind,
    mode: row.mode,
    status: row.status,
    startsAt: toIsoWithOffset(row.startsAt),
    endsAt: toIsoWithOffset(row.endsAt),
    systemOdsCode: row.systemOdsCode,
    venueName: row.venueName ?? row.cohortVenue,
    facilitatorNames: row.facilitators.map((facilitator) => facilitator.fullName),
    problems: problemsOf(row),
  };
}
