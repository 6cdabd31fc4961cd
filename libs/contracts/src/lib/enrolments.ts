import { PageQuery } from './paging';
import { SsoFeature } from './sign-in';

/** ESR staff groups (NHS Electronic Staff Record). */
export const STAFF_GROUPS = [
  'Medical and Dental',
  'Students',
  'Nursing and Midwifery Registered',
  'Allied Health Professionals',
  'Additional Professional Scientific and Technical',
  'Healthcare Scientists',
  'Additional Clinical Services',
  'Administrative and Clerical',
  'Estates and Ancillary',
  'Supplementary Roles',
] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

export const PAY_SCHEMES = [
  'agenda-for-change',
  'medical-and-dental',
  'very-senior-manager',
  'non-nhs-or-social-care',
] as const;
export type PayScheme = (typeof PAY_SCHEMES)[number];
export const PAY_SCHEME_LABELS: Record<PayScheme, string> = {
  'agenda-for-change': 'Agenda for Change',
  'medical-and-dental': 'Medical and dental grade',
  'very-senior-manager': 'Very senior manager',
  'non-nhs-or-social-care': 'Non-NHS or social care',
};

/** Agenda for Change bands open to new entrants (band 1 is closed). */
export const AFC_BANDS = ['2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'] as const;
export type AfcBand = (typeof AFC_BANDS)[number];

export interface DelegateProfile {
  jobTitle: string;
  staffGroup: StaffGroup;
  payScheme: PayScheme;
  /** Required for Agenda for Change, otherwise null */
  payBand: AfcBand | null;
  lineManagerName: string;
  lineManagerEmail: string;
}

// ── Equality monitoring (optional, stored apart from identity, aggregate use only) ──

export type WresGroup = 'white' | 'bme' | 'not-stated';

/** NHS Data Dictionary ethnic category codes; WRES groups A–C as White, D–S as BME, Z as not stated. */
export const ETHNIC_CATEGORIES: { code: string; label: string; wresGroup: WresGroup }[] = [
  { code: 'A', label: 'White: British', wresGroup: 'white' },
  { code: 'B', label: 'White: Irish', wresGroup: 'white' },
  { code: 'C', label: 'White: any other White background', wresGroup: 'white' },
  { code: 'D', label: 'Mixed: White and Black Caribbean', wresGroup: 'bme' },
  { code: 'E', label: 'Mixed: White and Black African', wresGroup: 'bme' },
  { code: 'F', label: 'Mixed: White and Asian', wresGroup: 'bme' },
  { code: 'G', label: 'Mixed: any other mixed background', wresGroup: 'bme' },
  { code: 'H', label: 'Asian or Asian British: Indian', wresGroup: 'bme' },
  { code: 'J', label: 'Asian or Asian British: Pakistani', wresGroup: 'bme' },
  { code: 'K', label: 'Asian or Asian British: Bangladeshi', wresGroup: 'bme' },
  { code: 'L', label: 'Asian or Asian British: any other Asian background', wresGroup: 'bme' },
  { code: 'M', label: 'Black or Black British: Caribbean', wresGroup: 'bme' },
  { code: 'N', label: 'Black or Black British: African', wresGroup: 'bme' },
  { code: 'P', label: 'Black or Black British: any other Black background', wresGroup: 'bme' },
  { code: 'R', label: 'Other ethnic group: Chinese', wresGroup: 'bme' },
  { code: 'S', label: 'Other ethnic group: any other ethnic group', wresGroup: 'bme' },
  { code: 'Z', label: 'I prefer not to say', wresGroup: 'not-stated' },
];
export const ETHNIC_CATEGORY_CODES = ETHNIC_CATEGORIES.map((category) => category.code);

export const DISABILITY_ANSWERS = ['yes', 'no', 'prefer-not-to-say'] as const;
export const SEX_ANSWERS = ['female', 'male', 'other', 'prefer-not-to-say'] as const;
export const AGE_BANDS = [
  '16-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65-plus',
  'prefer-not-to-say',
] as const;

export interface EqualityMonitoring {
  ethnicCategory: string | null;
  disability: (typeof DISABILITY_ANSWERS)[number] | null;
  sex: (typeof SEX_ANSWERS)[number] | null;
  ageBand: (typeof AGE_BANDS)[number] | null;
}

// ── Enrolments ──

export const ENROLMENT_STATUSES = [
  'pending-approval',
  'confirmed',
  'waitlisted',
  'offered',
  'declined',
  'withdrawn',
  'completed',
  'did-not-complete',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** Statuses that count as "the" enrolment of a delegate on a programme (one at a time). */
export const ACTIVE_ENROLMENT_STATUSES: EnrolmentStatus[] = [
  'pending-approval',
  'confirmed',
  'waitlisted',
  'offered',
  'completed',
];

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  'pending-approval': 'Waiting for manager approval',
  confirmed: 'Place confirmed',
  waitlisted: 'On the waiting list',
  offered: 'Place offered',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  completed: 'Completed',
  'did-not-complete': 'Did not complete',
};

export interface Enrolment {
  id: string;
  cohortId: string;
  cohortName: string;
  status: EnrolmentStatus;
  createdAt: string;
  statusChangedAt: string;
  /** While offered: when the offer lapses */
  offerExpiresAt: string | null;
  /** While waitlisted: 1 = next in line */
  waitlistPosition: number | null;
}

/** An enrolment as a programme lead sees it (with the delegate's identity, never their equality data). */
export interface CohortEnrolment extends Enrolment {
  delegate: { id: string; fullName: string; email: string; organisationName: string | null };
}

/**
 * One scheduled session of an open cohort, as anyone may see it: when and where, never who facilitates it or a
 * joining link.
 */
export interface OpenCohortSession {
  title: string;
  kind: string;
  mode: 'in-person' | 'virtual';
  startsAt: string;
  endsAt: string;
  /** In person: the venue's name (or the cohort's venue text); null online */
  venueName: string | null;
  /** In person at a listed venue: its town, from the venue's address ("Leicester") */
  town: string | null;
  /** An action learning set's own session (the cohort is split into sets): its set number; else null */
  setNumber: number | null;
}

export interface OpenCohort {
  id: string;
  name: string;
  programmeId: string;
  programmeName: string;
  system: { odsCode: string; name: string };
  startDate: string;
  capacity: number;
  placesLeft: number;
  /** Empty when anyone may sign up; otherwise the ODS codes of the ICBs whose staff may */
  restrictedToSystems: string[];
  /** Where the workshop happens: the first in-person session's venue (or the cohort's venue text) */
  venueName: string | null;
  town: string | null;
  /** Every scheduled session, earliest first: the workshop days and the action learning sets */
  sessions: OpenCohortSession[];
}

/** `GET /api/open-cohorts`: paged; `q` searches the cohort's name, its system and its venue's name or town. */
export type OpenCohortQuery = PageQuery;

export interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  hasCalendarInvite: boolean;
  status: 'pending' | 'sending' | 'sent' | 'kept' | 'dropped' | 'failed';
  createdAt: string;
  sentAt: string | null;
}

/** `GET /api/features` (public): what this installation offers, so the web shows only what works. */
export interface AppFeatures {
  /** Demo mode: no email server; emails are kept in the in-app mailbox (programme leads) instead of sent. */
  demoMailbox: boolean;
  /** A demo installation (development): its people, cohorts and figures are synthetic, and the web says so. */
  demoData: boolean;
  /** The organisation running this installation (data controller), e.g. an Integrated Care Board. */
  serviceOwnerName: string;
  /** Where to send data-protection requests: an email address. */
  serviceOwnerContact: string;
  /** Single sign-on, when this installation has it (the sign-in page offers its button). */
  sso: SsoFeature | null;
}

// ── Line-manager approval ──

export type ApprovalState = 'pending' | 'approved' | 'declined' | 'expired';

/** What a line manager sees behind an approval link (or in their account). */
export interface ApprovalRequestView {
  id: string;
  state: ApprovalState;
  delegateName: string;
  delegateJobTitle: string | null;
  organisationName: string | null;
  cohortName: string;
  programmeName: string;
  expiresAt: string;
  sessions: { title: string; startsAt: string; endsAt: string; mode: 'in-person' | 'virtual' }[];
}

export interface TeamMemberProgress {
  delegateName: string;
  cohortName: string;
  status: EnrolmentStatus;
  sessionsAttended: number;
  sessionsHeld: number;
}

export interface UpdateProgrammeSettingsRequest {
  requiresManagerApproval?: boolean;
  offerHoldHours?: number;
  /** Pair questionnaires by a self-generated code instead of identity (see SubmitEvaluationRequest) */
  anonymousEvaluation?: boolean;
  /**
   * Needed to switch anonymousEvaluation (either way) once the programme has questionnaire responses: answers
   * given after the switch cannot be paired with those given before it. Without it the API answers 409.
   */
  confirmPairingBreak?: boolean;
}

// ── Registers, check-in, completion ──

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'apologies'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A delegate's place on the cohort as a register shows it: a withdrawal by moving cohorts reads "transferred". */
export type RegisterPlace = EnrolmentStatus | 'transferred';

export const REGISTER_PLACE_LABELS: Record<RegisterPlace, string> = {
  ...ENROLMENT_STATUS_LABELS,
  transferred: 'Transferred to another cohort',
};

export interface RegisterEntry {
  enrolmentId: string;
  fullName: string;
  organisationName: string | null;
  status: AttendanceStatus | null;
  method: 'register' | 'self-check-in' | null;
  place: RegisterPlace;
  /**
   * Whether attendance can be recorded for this delegate at this session: they held a place when it started
   * (a mark already made can always be cleared).
   */
  markable: boolean;
}

export interface SessionRegister {
  sessionId: string;
  title: string;
  cohortName: string | null;
  startsAt: string;
  endsAt: string;
  /** The session's venue (name and address), else the cohort's; null when none is set. */
  venue: string | null;
  checkIn: { code: string; url: string; opensAt: string; closesAt: string };
  entries: RegisterEntry[];
}

export interface RecordAttendanceRequest {
  entries: { enrolmentId: string; status: AttendanceStatus }[];
}

export interface CheckInRequest {
  code: string;
}

export interface CheckInResult {
  sessionTitle: string;
  status: AttendanceStatus;
}

export interface CommunityMember {
  fullName: string;
  organisationName: string | null;
  joinedAt: string;
}

/** Sessions of the Community of Practice: attendance is marked by person, with no enrolment or booking. */
export const COMMUNITY_SESSION_KINDS = ['community-of-practice', 'celebration-event'] as const;
export type CommunitySessionKind = (typeof COMMUNITY_SESSION_KINDS)[number];

export interface CommunityAttendanceEntry {
  userId: string;
  fullName: string;
  organisationName: string | null;
  attended: boolean;
}

/**
 * Who came to a Community of Practice catch-up or the celebration event (a series session). `people` lists the
 * members certified in the session's system (or, for a whole-region series, in the systems the viewer's grant
 * covers) and anyone already marked, by name.
 */
export interface CommunityAttendanceRegister {
  sessionId: string;
  title: string;
  kind: CommunitySessionKind;
  startsAt: string;
  endsAt: string;
  people: CommunityAttendanceEntry[];
}

export interface CommunitySettings {
  member: boolean;
  inDirectory: boolean;
}

// ── Journey, transfers, sponsors ──

export interface JourneySession {
  id: string;
  title: string;
  kind: string;
  mode: 'in-person' | 'virtual';
  status: 'scheduled' | 'cancelled';
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  /** Only for virtual sessions of a booked (confirmed or completed) delegate */
  joinUrl: string | null;
  attendance: AttendanceStatus | null;
}

export interface JourneyStage {
  key: string;
  title: string;
  sessions: JourneySession[];
}

/** The delegate's home page: one enrolment, its stages, what comes next. */
export interface Journey {
  enrolment: Enrolment | null;
  programmeName: string | null;
  setName: string | null;
  stages: JourneyStage[];
  nextSession: JourneySession | null;
  certificateUrl: string | null;
  communityMember: boolean;
}

export interface TransferRequest {
  cohortId: string;
}

/**
 * A transfer into a cohort of a system the lead's grant does not reach: offered to that system's leads, who
 * accept (the delegate moves then) or decline it. One pending offer per enrolment at a time.
 */
export const TRANSFER_OFFER_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type TransferOfferStatus = (typeof TRANSFER_OFFER_STATUSES)[number];

export const TRANSFER_OFFER_STATUS_LABELS: Record<TransferOfferStatus, string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export interface TransferOfferCohort {
  id: string;
  name: string;
  startDate: string;
  system: { odsCode: string; name: string };
}

export interface TransferOffer {
  id: string;
  status: TransferOfferStatus;
  enrolmentId: string;
  delegate: { fullName: string; organisationName: string | null };
  from: TransferOfferCohort;
  to: TransferOfferCohort;
  offeredBy: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Set when accepted: the delegate's enrolment on the receiving cohort */
  newEnrolmentId: string | null;
  /** Whether the viewer's grant reaches the receiving cohort, so they may accept or decline it */
  canDecide: boolean;
  /** Whether the viewer's grant reaches the sending cohort, so they may withdraw it */
  canWithdraw: boolean;
}

/**
 * What POST /api/enrolments/{id}/transfer did: moved the delegate (200, with their new enrolment), or, for a
 * cohort outside the lead's grant, offered the transfer to that system's leads (202, with the offer).
 */
export type TransferOutcome =
  { kind: 'moved'; enrolment: Enrolment } | { kind: 'offered'; offer: TransferOffer };

/** A sponsor's view of one delegate from their organisation: progress only, never equality data. */
export interface SponsorDelegate {
  fullName: string;
  jobTitle: string | null;
  cohortName: string;
  status: EnrolmentStatus;
  sessionsAttended: number;
  sessionsHeld: number;
}
