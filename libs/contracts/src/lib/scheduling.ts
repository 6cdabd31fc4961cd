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
  | {
      kind: 'weeks-after-previous-stage';
      weeks: number;
      stageKey?: string;
      from?: 'first-session' | 'last-session';
    }
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

/** Attendance needed to complete the journey, per session kind: 'all' of them or a minimum number. */
export type CompletionRule = Partial<Record<SessionKind, 'all' | number>>;

export const DEFAULT_COMPLETION_RULE: CompletionRule = { workshop: 'all', 'action-learning-set': 4 };

export interface JourneyTemplateBody {
  id: string;
  version: number;
  stages: TemplateStageBody[];
  completionRule: CompletionRule;
  createdAt: string;
}

export interface Programme {
  id: string;
  name: string;
  /** Sign-ups wait for the line manager's approval before taking a place */
  requiresManagerApproval: boolean;
  /** Hours a waiting-list offer is held */
  offerHoldHours: number;
  /** Questionnaires are paired by a self-generated code instead of the delegate's identity */
  anonymousEvaluation: boolean;
  /**
   * Programme leads only (GET /api/programmes/:id and the settings update): how many pre, post and follow-up
   * questionnaire responses the programme holds. Switching anonymousEvaluation once there are any stops later
   * answers pairing with them.
   */
  evaluationResponseCount?: number;
  currentTemplate: JourneyTemplateBody;
  /**
   * The system (ICB) a programme belongs to, or null for a regional programme: a journey template shared across
   * the region, which only a regional lead changes. A system lead sees regional programmes and their own
   * system's; other systems' programmes do not exist for them (404).
   */
  system: { id: string; odsCode: string; name: string } | null;
}

export interface CreateProgrammeRequest {
  name: string;
  /** Defaults to the Active Bystander journey */
  stages?: TemplateStageBody[];
  completionRule?: CompletionRule;
  requiresManagerApproval?: boolean;
  /**
   * The ICB (ODS code) the programme is for. A system lead's programme is always for their own system: leave it
   * out (or name that system). A regional lead leaves it out for a regional programme or names a system.
   */
  systemOdsCode?: string;
}

export interface UpdateTemplateRequest {
  stages: TemplateStageBody[];
  completionRule?: CompletionRule;
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
  /** Free-text venue description (kept for cohorts without a registered venue) */
  venue?: string | null;
  /** Registered venue for the in-person sessions */
  venueId?: string | null;
  /** Facilitators for the workshop (first listed leads); checked for clashes */
  facilitatorIds?: string[];
  /** Join link for the virtual sessions */
  joinUrl?: string | null;
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
  /** What is odd about the dates, e.g. a workshop split over Easter (sessionId is the planned session's stageKey:sequence) */
  warnings?: SchedulingWarning[];
}

export interface Cohort {
  id: string;
  programmeId: string;
  name: string;
  startDate: string;
  capacity: number;
  /** Whether the cohort takes sign-ups (a lead may still add people by hand when closed) */
  signupsOpen: boolean;
  system: { id: string; odsCode: string; name: string };
  venue: string | null;
  templateVersion: number;
  createdAt: string;
  /** Only in the response to `POST /api/cohorts`: what is odd about the generated dates (kept, not refused) */
  warnings?: SchedulingWarning[];
}

export interface CohortSession extends PlannedSessionBody, SessionDetails {
  id: string;
  /** Null for a stand-alone series session */
  cohortId: string | null;
  seriesId: string | null;
  /** Null for whole-cohort sessions; set for an action learning set's own sessions */
  setId: string | null;
  status: SessionStatus;
  /** Stable iCalendar UID and the SEQUENCE that rises on every change */
  calendarUid: string;
  calendarSequence: number;
}

// ── Scheduling warnings ──────────────────────────────────────────────────────

/**
 * Things a lead should know about a date they chose, shown after saving. They are warnings, never refusals: a
 * lead may have good reason (a venue only free that day), so the change is kept and the page says what to check.
 */
export const SCHEDULING_WARNING_CODES = [
  'bank-holiday',
  'weekend',
  'learning-set-spacing',
  'workshop-split',
  'series-weekday-moved',
] as const;

export type SchedulingWarningCode = (typeof SCHEDULING_WARNING_CODES)[number];

export interface SchedulingWarning {
  code: SchedulingWarningCode;
  /** Plain English, e.g. "Monday 3 May 2027 is a bank holiday (Early May bank holiday)." */
  message: string;
  /** The session the warning is about, when there is one */
  sessionId?: string;
}

/** `PATCH /api/sessions/:id`: the moved session, with anything odd about its new date. */
export interface MovedSession extends CohortSession {
  warnings: SchedulingWarning[];
}

export interface MoveSessionRequest {
  /** ISO 8601 instants (with offset) */
  startsAt: string;
  endsAt: string;
  reason?: string;
}

// ── Facilitators ─────────────────────────────────────────────────────────────

export const FACILITATOR_LEVELS = ['trainee', 'co-facilitator', 'lead-facilitator'] as const;
export type FacilitatorLevel = (typeof FACILITATOR_LEVELS)[number];

export const FACILITATOR_LEVEL_LABELS: Record<FacilitatorLevel, string> = {
  trainee: 'Trainee',
  'co-facilitator': 'Co-facilitator',
  'lead-facilitator': 'Lead facilitator',
};

/** Facilitators a session of each kind needs, and how many of them must be lead facilitators. */
export const REQUIRED_STAFFING: Record<SessionKind, { total: number; leads: number }> = {
  workshop: { total: 2, leads: 1 },
  'action-learning-set': { total: 1, leads: 0 },
  'community-of-practice': { total: 1, leads: 0 },
  'celebration-event': { total: 1, leads: 0 },
  'leadership-development': { total: 1, leads: 1 },
  'train-the-trainer': { total: 2, leads: 1 },
  'line-manager-webinar': { total: 1, leads: 0 },
  'sponsor-meeting': { total: 0, leads: 0 },
};

export interface Facilitator {
  id: string;
  userId: string;
  fullName: string;
  email: string;
  organisationName: string | null;
  level: FacilitatorLevel;
  /** The session kinds this person may run */
  sessionKinds: SessionKind[];
  active: boolean;
  /** YYYY-MM-DD days they cannot facilitate */
  unavailableDates: string[];
}

/** Someone who completed train-the-trainer and is not yet in the pool: ready to be added as a co-facilitator. */
export interface FacilitatorCandidate {
  userId: string;
  fullName: string;
  email: string;
  organisationName: string | null;
  completedAt: string;
  cohortName: string;
}

export interface CreateFacilitatorRequest {
  /** Email of an existing account; it gains the facilitator role */
  email: string;
  level: FacilitatorLevel;
  sessionKinds: SessionKind[];
}

export interface UpdateFacilitatorRequest {
  level?: FacilitatorLevel;
  sessionKinds?: SessionKind[];
  active?: boolean;
  unavailableDates?: string[];
}

// ── Venues ───────────────────────────────────────────────────────────────────

export interface Venue {
  id: string;
  name: string;
  address: string;
  capacity: number;
  accessibilityNotes: string | null;
}

export type CreateVenueRequest = Omit<Venue, 'id'>;
export type UpdateVenueRequest = Partial<CreateVenueRequest>;

// ── Session staffing, places and calendar ────────────────────────────────────

export interface SessionFacilitator {
  facilitatorId: string;
  fullName: string;
  level: FacilitatorLevel;
}

export interface SessionDetails {
  venueId: string | null;
  venueName: string | null;
  /** Teams/Zoom link; only staff and (later) booked delegates see it, otherwise null */
  joinUrl: string | null;
  facilitators: SessionFacilitator[];
  /** Human-readable problems, e.g. "Needs 2 facilitators, has 1" */
  problems: string[];
}

export interface AssignFacilitatorsRequest {
  facilitatorIds: string[];
}

export interface UpdateSessionPlaceRequest {
  venueId?: string | null;
  joinUrl?: string | null;
}

export interface CancelSessionRequest {
  reason: string;
}

export interface CalendarQuery {
  /** YYYY-MM-DD inclusive */
  from: string;
  /** YYYY-MM-DD exclusive */
  to: string;
  /** ODS code of an ICB */
  system?: string;
  cohortId?: string;
  kind?: SessionKind;
  facilitatorId?: string;
}

export interface CalendarEntry {
  sessionId: string;
  cohortId: string | null;
  cohortName: string | null;
  seriesId: string | null;
  title: string;
  kind: SessionKind;
  mode: SessionMode;
  status: SessionStatus;
  startsAt: string;
  endsAt: string;
  systemOdsCode: string | null;
  venueName: string | null;
  facilitatorNames: string[];
  problems: string[];
}

/**
 * `POST /api/me/calendar-feed`: the new subscription URL. Shown this once: only the token's hash is kept, so
 * the URL cannot be shown again (replace it to get a new one).
 */
export interface CalendarFeed {
  /** Absolute URL to subscribe to from Outlook; contains a secret token */
  url: string;
  createdAt: string;
}

/** `GET /api/me/calendar-feed`: whether the user has a subscription, and since when (never its URL). */
export interface CalendarFeedStatus {
  active: boolean;
  createdAt: string | null;
}

// ── Recurring series of stand-alone sessions ─────────────────────────────────

export interface CreateSeriesRequest {
  programmeId: string;
  kind: SessionKind;
  title: string;
  mode: SessionMode;
  /** ODS code of the ICB the series belongs to; omit for programme-wide */
  systemOdsCode?: string | null;
  /** YYYY-MM-DD: DTSTART */
  startDate: string;
  /** HH:MM London wall-clock */
  startTime: string;
  endTime: string;
  /** RFC 5545 RRULE subset, e.g. FREQ=MONTHLY;BYDAY=1WE;COUNT=12 */
  rrule: string;
  /** YYYY-MM-DD dates to leave out (EXDATE) */
  exceptions?: string[];
  /** What to do with an occurrence on an England and Wales bank holiday (default: skip it) */
  onBankHoliday?: 'keep' | 'skip' | 'next-working-day';
  joinUrl?: string | null;
}

export interface Series {
  id: string;
  kind: SessionKind;
  title: string;
  mode: SessionMode;
  rrule: string;
  exceptions: string[];
  systemOdsCode: string | null;
  sessionCount: number;
  /** Only in the response to `POST /api/series`: e.g. sessions moved off a bank holiday onto another weekday */
  warnings?: SchedulingWarning[];
}

// ── Action learning sets ─────────────────────────────────────────────────────

export interface LearningSetMember {
  enrolmentId: string;
  fullName: string;
  organisationName: string | null;
}

export interface LearningSet {
  id: string;
  cohortId: string;
  number: number;
  /** "Set 1" */
  name: string;
  facilitator: SessionFacilitator | null;
  members: LearningSetMember[];
  /** The set's own sessions (ids of CohortSession with this setId) */
  sessionIds: string[];
}

export interface CohortLearningSets {
  sets: LearningSet[];
  /** Plain-English notes, e.g. a set outside 6–8 people */
  warnings: string[];
}

export interface AllocateSetsRequest {
  minSize?: number;
  maxSize?: number;
}

export interface AssignSetFacilitatorRequest {
  facilitatorId: string | null;
}

export interface MoveSetMemberRequest {
  enrolmentId: string;
}
