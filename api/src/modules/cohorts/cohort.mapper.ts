import { Cohort, CohortSession } from '@upstand/contracts';
import { toIsoWithOffset } from '@upstand/schedule';
import { CohortEntity } from './cohort.entity';
import { SessionEntity } from './session.entity';

export function toCohort(cohort: CohortEntity): Cohort {
  if (!cohort.system || !cohort.template) throw new Error(`Cohort ${cohort.id} was loaded without its system and template`);
  return {
    id: cohort.id,
    programmeId: cohort.programmeId,
    name: cohort.name,
    startDate: cohort.startDate,
    capacity: cohort.capacity,
    system: { id: cohort.system.id, odsCode: cohort.system.odsCode, name: cohort.system.name },
    venue: cohort.venue,
    templateVersion: cohort.template.version,
    createdAt: cohort.createdAt.toISOString(),
  };
}

export function toCohortSession(session: SessionEntity): CohortSession {
  return {
    id: session.id,
    cohortId: session.cohortId,
    setId: null,
    stageKey: session.stageKey,
    kind: session.kind,
    mode: session.mode,
    sequence: session.sequence,
    title: session.title,
    startsAt: toIsoWithOffset(session.startsAt),
    endsAt: toIsoWithOffset(session.endsAt),
    status: session.status,
    calendarUid: session.calendarUid,
    calendarSequence: session.calendarSequence,
  };
}
