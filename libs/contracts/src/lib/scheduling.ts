export const SESSION_KINDS = [
  'workshop',
  'action-learning-set',
  'community-of-practice',
  'celebration-event',
  'leadership-development',
  'train-the-trainer',
  'line-manager-webinar',
  'sponsor-meeting',
] as const;

export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  workshop: 'Workshop',
  'action-learning-set': 'Action learning set',
  'community-of-practice': 'Community of Practice catch-up',
  'celebration-event': 'Celebration event',
  'leadership-development': 'Senior leadership development',
  'train-the-trainer': 'Train the trainer',
  'line-manager-webinar': 'Line-manager webinar',
  'sponsor-meeting': 'Sponsor meeting',
};

export type SessionMode = 'in-person' | 'virtual';
export type SessionStatus = 'scheduled' | 'cancelled';

/** How a stage's sessions are placed; see @upstand/schedule for the rules. */
export type SpacingRuleBody =
  | { kind: 'start' }
  | { kind: 'next-working-day' }
  | { kind: 'weeks-after-previous-stage'; weeks: number; stageKey?: string; from?: 'first-session' | 'last-session' }
  | { kind: 'monthly-same-weekday' };

export interface TemplateStageBody {
  key: string;
  title: string;
  kind: SessionKind;
  sessionCount: number;
  mode: SessionMode;
  /** HH:MM, Europe/London wall-clock */
  startTime: string;
  endTime: string;
  firstSession: SpacingRuleBody;
  thenEvery?: SpacingRuleBody;
}

export interface JourneyTemplateBody {
  id: string;
  version: number;
  stages: TemplateStageBody[];
  createdAt: string;
}

export interface Programme {
  id: string;
  name: string;
  currentTemplate: JourneyTemplateBody;
}

export interface CohortScheduleRequest {
  programmeId: string;
  /** YYYY-MM-DD: the first workshop day (moved to the next working day if not one) */
  startDate: string;
}

export interface CreateCohortRequest extends CohortScheduleRequest {
  name: string;
  capacity: number;
  /** ODS code of the cohort's home system (an ICB), e.g. QK1 */
  systemOdsCode: string;
  venue?: string | null;
}

export interface PlannedSessionBody {
  stageKey: string;
  kind: SessionKind;
  mode: SessionMode;
  sequence: number;
  title: string;
  /** ISO 8601 with the Europe/London offset, e.g. 2027-03-30T09:00:00+01:00 */
  startsAt: string;
  endsAt: string;
}

export interface SchedulePreview {
  templateVersion: number;
  sessions: PlannedSessionBody[];
}

export interface Cohort {
  id: string;
  programmeId: string;
  name: string;
  startDate: string;
  capacity: number;
  system: { id: string; odsCode: string; name: string };
  venue: string | null;
  templateVersion: number;
  createdAt: string;
}

export interface CohortSession extends PlannedSessionBody {
  id: string;
  cohortId: string;
  /** Null for whole-cohort sessions; set for an action learning set's own sessions */
  setId: string | null;
  status: SessionStatus;
  /** Stable iCalendar UID and the SEQUENCE that rises on every change */
  calendarUid: string;
  calendarSequence: number;
}

export interface MoveSessionRequest {
  /** ISO 8601 instants (with offset) */
  startsAt: string;
  endsAt: string;
  reason?: string;
}
