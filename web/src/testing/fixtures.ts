import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  ApprovalRequestView,
  CalendarEntry,
  Cohort,
  CohortSession,
  CurrentUser,
  Enrolment,
  Facilitator,
  Journey,
  JourneySession,
  OpenCohort,
  TransferOffer,
  Organisation,
  Programme,
  Role,
  roleIsScoped,
  SessionRegister,
  Venue,
} from '@upstand/contracts';
import { SessionService } from '../app/core/auth/session.service';

export function user(roles: Role[], overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'user-1',
    email: 'sam.patel@example.nhs.uk',
    fullName: 'Sam Patel',
    organisationId: null,
    roles: roles.map((role) => ({
      role,
      organisationId: null,
      organisationName: null,
      scope: roleIsScoped(role) ? { kind: 'region', odsCode: 'Y60', name: 'NHS England Midlands' } : null,
    })),
    ...overrides,
  };
}

export const REGION = { id: 'region-y60', odsCode: 'Y60', name: 'NHS England Midlands' };

export const LLR_ICB: Organisation = {
  id: 'org-qk1',
  odsCode: 'QK1',
  name: 'NHS Leicester, Leicestershire and Rutland ICB',
  type: 'icb',
  region: REGION,
  system: null,
  isHomeSystem: true,
  validFrom: '2022-07-01',
  validTo: null,
  headcount: null,
  headcountAsOf: null,
};

export const UHL: Organisation = {
  id: 'org-rwe',
  odsCode: 'RWE',
  name: 'University Hospitals of Leicester NHS Trust',
  type: 'acute-trust',
  region: REGION,
  system: { id: LLR_ICB.id, odsCode: LLR_ICB.odsCode, name: LLR_ICB.name },
  isHomeSystem: false,
  validFrom: '2022-07-01',
  validTo: null,
  headcount: null,
  headcountAsOf: null,
};

/** Signs a user in the way the app does at start-up: GET /api/auth/me. Pass null for a signed-out visitor. */
export async function signInAs(current: CurrentUser | null): Promise<void> {
  const session = TestBed.inject(SessionService);
  const http = TestBed.inject(HttpTestingController);
  const loading = session.load();
  const request = http.expectOne('/api/auth/me');
  if (current) request.flush(current);
  else
    request.flush(
      { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' },
      { status: 401, statusText: 'Unauthorized' },
    );
  await loading;
}

/** Only what the web reads of a programme (its id and name); the template and settings do not matter here. */
export const PROGRAMME = { id: 'programme-1', name: 'Active Bystander Programme' } as Programme;

export function facilitator(overrides: Partial<Facilitator> = {}): Facilitator {
  return {
    id: 'facilitator-tom',
    userId: 'user-tom',
    fullName: 'Tom Okafor',
    email: 'facilitator@demo.upstand.test',
    organisationName: 'Leicestershire Partnership NHS Trust',
    level: 'lead-facilitator',
    sessionKinds: ['workshop', 'action-learning-set'],
    active: true,
    unavailableDates: [],
    ...overrides,
  };
}

export const TOM = facilitator();
export const AISHA = facilitator({
  id: 'facilitator-aisha',
  userId: 'user-aisha',
  fullName: 'Aisha Rahman',
  email: 'cofacilitator@demo.upstand.test',
  organisationName: 'University Hospitals of Leicester NHS Trust',
  level: 'co-facilitator',
});

export const VENUE: Venue = {
  id: 'venue-1',
  name: 'Leicester General Hospital, Education Centre',
  address: 'Gwendolen Road, Leicester LE5 4PW',
  capacity: 30,
  accessibilityNotes: 'Step-free access',
};

export const COHORT: Cohort = {
  id: 'cohort-1',
  programmeId: PROGRAMME.id,
  name: 'LLR spring 2027',
  startDate: '2027-03-25',
  capacity: 24,
  signupsOpen: true,
  system: { id: LLR_ICB.id, odsCode: LLR_ICB.odsCode, name: LLR_ICB.name },
  venue: null,
  templateVersion: 3,
  createdAt: '2026-11-01T10:00:00Z',
};

export function cohortSession(overrides: Partial<CohortSession> = {}): CohortSession {
  return {
    id: 'session-1',
    cohortId: COHORT.id,
    seriesId: null,
    setId: null,
    stageKey: 'workshop-day-1',
    kind: 'workshop',
    mode: 'in-person',
    sequence: 1,
    title: 'Active Bystander workshop: day 1',
    startsAt: '2027-03-25T09:00:00+00:00',
    endsAt: '2027-03-25T16:30:00+00:00',
    status: 'scheduled',
    calendarUid: 'uid-1',
    calendarSequence: 0,
    venueId: VENUE.id,
    venueName: VENUE.name,
    joinUrl: null,
    facilitators: [{ facilitatorId: TOM.id, fullName: TOM.fullName, level: TOM.level }],
    problems: ['Needs 2 facilitators, has 1'],
    ...overrides,
  };
}

export function calendarEntry(overrides: Partial<CalendarEntry> = {}): CalendarEntry {
  return {
    sessionId: 'session-1',
    cohortId: COHORT.id,
    cohortName: COHORT.name,
    seriesId: null,
    title: 'Active Bystander workshop: day 1',
    kind: 'workshop',
    mode: 'in-person',
    status: 'scheduled',
    startsAt: '2027-03-25T09:00:00+00:00',
    endsAt: '2027-03-25T16:30:00+00:00',
    systemOdsCode: 'QK1',
    venueName: VENUE.name,
    facilitatorNames: ['Tom Okafor'],
    problems: [],
    ...overrides,
  };
}

/** Fails with an API error body, as HttpTestingController's flush needs it. */
export function apiError(
  status: number,
  message: string,
  errors?: { field: string; message: string }[],
): [object, { status: number; statusText: string }] {
  const statusText =
    { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' }[status] ?? 'Error';
  return [
    { statusCode: status, error: statusText, message, ...(errors ? { errors } : {}) },
    { status, statusText },
  ];
}

export function enrolment(overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    id: 'enrolment-1',
    cohortId: COHORT.id,
    cohortName: COHORT.name,
    status: 'confirmed',
    createdAt: '2026-12-01T10:00:00Z',
    statusChangedAt: '2026-12-01T10:00:00Z',
    offerExpiresAt: null,
    waitlistPosition: null,
    ...overrides,
  };
}

export function journeySession(overrides: Partial<JourneySession> = {}): JourneySession {
  return {
    id: 'session-1',
    title: 'Active Bystander workshop: day 1',
    kind: 'workshop',
    mode: 'in-person',
    status: 'scheduled',
    startsAt: '2027-03-25T09:00:00+00:00',
    endsAt: '2027-03-25T16:30:00+00:00',
    venueName: VENUE.name,
    joinUrl: null,
    attendance: null,
    ...overrides,
  };
}

export const ALS_SESSION = journeySession({
  id: 'session-als-1',
  title: 'Action learning set 1',
  kind: 'action-learning-set',
  mode: 'virtual',
  startsAt: '2027-04-22T10:00:00+01:00',
  endsAt: '2027-04-22T11:30:00+01:00',
  venueName: null,
});

export function journey(overrides: Partial<Journey> = {}): Journey {
  const workshop = journeySession();
  return {
    enrolment: enrolment(),
    programmeName: 'Active Bystander Programme',
    setName: null,
    stages: [
      { key: 'workshop-day-1', title: 'Active Bystander workshop: day 1', sessions: [workshop] },
      { key: 'action-learning-sets', title: 'Action learning sets', sessions: [ALS_SESSION] },
    ],
    nextSession: workshop,
    certificateUrl: null,
    communityMember: false,
    ...overrides,
  };
}

export function transferOffer(overrides: Partial<TransferOffer> = {}): TransferOffer {
  return {
    id: 'offer-1',
    status: 'pending',
    enrolmentId: 'enrolment-1',
    delegate: { fullName: 'Sam Patel', organisationName: 'University Hospitals of Leicester' },
    from: {
      id: 'cohort-9',
      name: 'Coventry spring 2027',
      startDate: '2027-03-11',
      system: { odsCode: 'QWU', name: 'NHS Coventry and Warwickshire Integrated Care Board' },
    },
    to: {
      id: COHORT.id,
      name: COHORT.name,
      startDate: COHORT.startDate,
      system: { odsCode: LLR_ICB.odsCode, name: LLR_ICB.name },
    },
    offeredBy: 'Nadia Brooks',
    createdAt: '2026-12-01T10:00:00Z',
    decidedAt: null,
    newEnrolmentId: null,
    canDecide: true,
    canWithdraw: false,
    ...overrides,
  };
}

export function openCohort(overrides: Partial<OpenCohort> = {}): OpenCohort {
  return {
    id: COHORT.id,
    name: COHORT.name,
    programmeId: COHORT.programmeId,
    programmeName: 'Active Bystander Programme',
    system: { odsCode: 'QK1', name: LLR_ICB.name },
    startDate: COHORT.startDate,
    capacity: 24,
    placesLeft: 10,
    restrictedToSystems: [],
    venueName: 'Leicester General Hospital',
    town: 'Leicester',
    sessions: [
      {
        title: 'Active Bystander workshop: day 1',
        kind: 'workshop',
        mode: 'in-person',
        startsAt: '2027-03-25T09:00:00+00:00',
        endsAt: '2027-03-25T16:30:00+00:00',
        venueName: 'Leicester General Hospital',
        town: 'Leicester',
        setNumber: null,
      },
      {
        title: 'Active Bystander workshop: day 2',
        kind: 'workshop',
        mode: 'in-person',
        startsAt: '2027-03-26T09:00:00+00:00',
        endsAt: '2027-03-26T12:30:00+00:00',
        venueName: 'Leicester General Hospital',
        town: 'Leicester',
        setNumber: null,
      },
      {
        title: 'Action learning set 1',
        kind: 'action-learning-set',
        mode: 'virtual',
        startsAt: '2027-04-22T10:00:00+01:00',
        endsAt: '2027-04-22T11:30:00+01:00',
        venueName: null,
        town: null,
        setNumber: null,
      },
    ],
    ...overrides,
  };
}

export function sessionRegister(overrides: Partial<SessionRegister> = {}): SessionRegister {
  return {
    sessionId: 'session-1',
    title: 'Active Bystander workshop: day 1',
    cohortName: COHORT.name,
    startsAt: '2027-03-25T09:00:00+00:00',
    endsAt: '2027-03-25T16:30:00+00:00',
    venue: 'Leicester Royal Infirmary, Infirmary Square, Leicester LE1 5WW',
    checkIn: {
      code: 'K7QX2M',
      url: 'http://localhost:3000/check-in?code=K7QX2M',
      opensAt: '2027-03-25T08:45:00+00:00',
      closesAt: '2027-03-25T16:30:00+00:00',
    },
    entries: [
      {
        enrolmentId: 'enrolment-1',
        fullName: 'Sam Patel',
        organisationName: UHL.name,
        status: null,
        method: null,
        place: 'confirmed',
        markable: true,
      },
      {
        enrolmentId: 'enrolment-2',
        fullName: 'Jo Bloggs',
        organisationName: null,
        status: 'late',
        method: 'self-check-in',
        place: 'completed',
        markable: true,
      },
    ],
    ...overrides,
  };
}

export function approvalView(overrides: Partial<ApprovalRequestView> = {}): ApprovalRequestView {
  return {
    id: 'approval-1',
    state: 'pending',
    delegateName: 'Sam Patel',
    delegateJobTitle: 'Staff nurse',
    organisationName: UHL.name,
    cohortName: COHORT.name,
    programmeName: 'Active Bystander Programme',
    expiresAt: '2027-03-01T10:00:00Z',
    sessions: [
      {
        title: 'Active Bystander workshop: day 1',
        startsAt: '2027-03-25T09:00:00+00:00',
        endsAt: '2027-03-25T16:30:00+00:00',
        mode: 'in-person',
      },
    ],
    ...overrides,
  };
}
