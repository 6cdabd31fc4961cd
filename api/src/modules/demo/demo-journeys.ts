/**
 * The demo's journeys in progress: what each demo account sees on its first visit. Every date is an offset from
 * one day (the anchor: the London day the database first got the demo), so a new demo never looks stale. Pure and
 * deterministic for a given anchor, clock, template and questionnaires; demo-journeys.repository.ts writes it.
 * Not real people: every new person and cohort says "(synthetic)" and every email is @synthetic.upstand.test.
 */
import {
  ActionStatus,
  AfcBand,
  AttendanceStatus,
  EnrolmentStatus,
  EvaluationStage,
  FRAMEWORK_AREA_KEYS,
  FrameworkArea,
  InstrumentItem,
  PayScheme,
  RagRating,
  StaffGroup,
} from '@upstand/contracts';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  DEFAULT_ACTIVE_BYSTANDER_TEMPLATE,
  expandSeries,
  generateSchedule,
  IsoDate,
  JourneyTemplate,
  londonWallClockToUtc,
  MONTH_NAMES,
  nthWeekdayOfMonth,
  onOrNextWorkingDay,
  parseIsoDate,
  PlannedSession,
  daysInMonth,
  formatIsoDate,
} from '@upstand/schedule';
import { Random, SYNTHETIC_EMAIL_DOMAIN } from './pilot-seed';

export const DEMO_JOURNEYS_SEED = 'demo-journeys';
const RANDOM_SEED = 20_261_206;

export const DEMO_DELEGATE_EMAIL = 'delegate@demo.upstand.test';
export const DEMO_MANAGER = { email: 'manager@demo.upstand.test', name: 'Helen Carter' };
export const DEMO_LEAD_FACILITATOR = 'facilitator@demo.upstand.test';
export const DEMO_CO_FACILITATOR = 'cofacilitator@demo.upstand.test';
export const DEMO_STEERING = 'steering@demo.upstand.test';
export const demoPersonEmail = (number: number) => `demo.${number}@${SYNTHETIC_EMAIL_DOMAIN}`;

const DAY_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;
const HOME_SYSTEM = 'QK1';
const STAFFED_AHEAD_DAYS = 21;
const MAIN_VENUE = 'Leicester General Hospital, Education Centre';

export type DemoCohortKey = 'current' | 'today' | 'completed' | 'upcoming';
type JourneyStage = Exclude<EvaluationStage, 'session-feedback'>;

export interface DemoPerson {
  email: string;
  fullName: string;
  organisationOdsCode: string;
  jobTitle: string;
  staffGroup: StaffGroup;
  payScheme: PayScheme;
  payBand: AfcBand | null;
  lineManagerName: string;
  lineManagerEmail: string;
  createdAt: Date;
}

export interface DemoCohort {
  key: DemoCohortKey;
  name: string;
  systemOdsCode: string;
  startDate: IsoDate;
  capacity: number;
  signupsOpen: boolean;
  venue: string;
  createdAt: Date;
}

export interface DemoLearningSet {
  key: string;
  cohortKey: DemoCohortKey;
  number: number;
  facilitatorEmail: string;
}

export interface DemoSession {
  key: string;
  cohortKey: DemoCohortKey;
  setKey: string | null;
  stageKey: string;
  kind: PlannedSession['kind'];
  mode: PlannedSession['mode'];
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** In-person sessions are at the demo venue of this name */
  venueName: string | null;
  joinUrl: string | null;
}

export interface DemoSessionFacilitator {
  sessionKey: string;
  email: string;
  position: number;
}

export interface DemoEnrolment {
  key: string;
  cohortKey: DemoCohortKey;
  email: string;
  status: EnrolmentStatus;
  setKey: string | null;
  createdAt: Date;
  statusChangedAt: Date;
  confirmedAt: Date | null;
  withdrawnAt: Date | null;
  completedAt: Date | null;
  didNotCompleteAt: Date | null;
}

export interface DemoApproval {
  enrolmentKey: string;
  managerEmail: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface DemoAttendance {
  sessionKey: string;
  enrolmentKey: string;
  status: AttendanceStatus;
  method: 'register' | 'self-check-in';
  recordedAt: Date;
}

export interface DemoAnswer {
  itemCode: string;
  valueNumber: number | null;
  valueText: string | null;
}

export interface DemoResponse {
  enrolmentKey: string;
  stage: EvaluationStage;
  /** The session, for session feedback; null for the journey questionnaires */
  sessionKey: string | null;
  submittedAt: Date;
  answers: DemoAnswer[];
}

export interface DemoCommunityMember {
  email: string;
  joinedAt: Date;
  inDirectory: boolean;
}

export interface DemoSeries {
  title: string;
  startDate: IsoDate;
  startTime: string;
  endTime: string;
  rrule: string;
}

export interface DemoSeriesSession {
  key: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
}

export interface DemoCommunityAttendance {
  seriesSessionKey: string;
  email: string;
  recordedAt: Date;
}

export interface DemoReview {
  key: string;
  label: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  createdAt: Date;
  closedAt: Date | null;
  ratings: { area: FrameworkArea; rating: RagRating; evidence: string; ratedAt: Date }[];
}

export interface DemoAction {
  action: string;
  owner: string;
  dueDate: IsoDate;
  status: ActionStatus;
  area: FrameworkArea;
  reviewKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoPlan {
  anchorDate: IsoDate;
  people: DemoPerson[];
  cohorts: DemoCohort[];
  learningSets: DemoLearningSet[];
  sessions: DemoSession[];
  sessionFacilitators: DemoSessionFacilitator[];
  enrolments: DemoEnrolment[];
  approvals: DemoApproval[];
  attendance: DemoAttendance[];
  responses: DemoResponse[];
  community: DemoCommunityMember[];
  series: DemoSeries;
  seriesSessions: DemoSeriesSession[];
  communityAttendance: DemoCommunityAttendance[];
  reviews: DemoReview[];
  actions: DemoAction[];
}

export interface DemoPlanOptions {
  /** The London day everything is dated from */
  anchorDate: IsoDate;
  /** The moment of seeding: nothing is recorded after it */
  now: Date;
  template?: JourneyTemplate;
  instruments: Record<EvaluationStage, InstrumentItem[]>;
}

// ── People ────────────────────────────────────────────────────────────────────────────────────────────────

interface PersonSpec {
  name: string;
  org: string;
  job: string;
  group: StaffGroup;
  band: AfcBand | null;
  /** Reports to the demo line manager (Helen Carter) */
  team?: boolean;
}

// prettier-ignore
const PEOPLE: Record<DemoCohortKey, PersonSpec[]> = {
  current: [
    { name: 'Riley Adams', org: 'RWE', job: 'Healthcare assistant, emergency department', group: 'Additional Clinical Services', band: '3', team: true },
    { name: 'Jordan Blake', org: 'RWE', job: 'Staff nurse, ward 21', group: 'Nursing and Midwifery Registered', band: '5' },
    { name: 'Taylor Chen', org: 'RT5', job: 'Occupational therapist', group: 'Allied Health Professionals', band: '6' },
    { name: 'Morgan Doyle', org: 'RWE', job: 'Ward clerk', group: 'Administrative and Clerical', band: '3' },
    { name: 'Casey Evans', org: 'RT5', job: 'Community nurse', group: 'Nursing and Midwifery Registered', band: '6' },
    { name: 'Jamie Farah', org: 'RWE', job: 'Porter', group: 'Estates and Ancillary', band: '2' },
    { name: 'Alex Grant', org: 'QK1', job: 'Commissioning manager', group: 'Administrative and Clerical', band: '7' },
    { name: 'Sky Hussain', org: 'RWE', job: 'Physiotherapist', group: 'Allied Health Professionals', band: '6' },
    { name: 'Robin Iqbal', org: 'RT5', job: 'Healthcare assistant', group: 'Additional Clinical Services', band: '3' },
  ],
  today: [
    { name: 'Drew Jackson', org: 'RWE', job: 'Staff nurse, emergency department', group: 'Nursing and Midwifery Registered', band: '5', team: true },
    { name: 'Quinn Kaur', org: 'RWE', job: 'Midwife', group: 'Nursing and Midwifery Registered', band: '6' },
    { name: 'Avery Lewis', org: 'RT5', job: 'Psychologist', group: 'Additional Professional Scientific and Technical', band: '7' },
    { name: 'Rowan Mistry', org: 'RWE', job: 'Medical secretary', group: 'Administrative and Clerical', band: '4' },
    { name: 'Charlie Nowak', org: 'RWE', job: 'Radiographer', group: 'Allied Health Professionals', band: '6' },
    { name: 'Frankie Okoro', org: 'RT5', job: 'Nursing associate', group: 'Additional Clinical Services', band: '4' },
    { name: 'Harper Patel', org: 'RWE', job: 'Domestic assistant', group: 'Estates and Ancillary', band: '2' },
    { name: 'Emerson Quinn', org: 'RWE', job: 'Biomedical scientist', group: 'Healthcare Scientists', band: '6' },
    { name: 'Sasha Reid', org: 'RT5', job: 'Team administrator', group: 'Administrative and Clerical', band: '3' },
    { name: 'Kit Shah', org: 'RWE', job: 'Pharmacist', group: 'Additional Professional Scientific and Technical', band: '7' },
    { name: 'Remy Turner', org: 'QK1', job: 'Quality improvement lead', group: 'Administrative and Clerical', band: '8a' },
    { name: 'Ellis Umar', org: 'RWE', job: 'Therapy assistant', group: 'Additional Clinical Services', band: '3' },
  ],
  completed: [
    { name: 'Blair Vaughan', org: 'RWE', job: 'Ward sister', group: 'Nursing and Midwifery Registered', band: '7', team: true },
    { name: 'Hayden Walsh', org: 'RWE', job: 'Dietitian', group: 'Allied Health Professionals', band: '6' },
    { name: 'Jesse Yates', org: 'RT5', job: 'Clinical nurse specialist', group: 'Nursing and Midwifery Registered', band: '7' },
    { name: 'Logan Zaman', org: 'RWE', job: 'Service manager', group: 'Administrative and Clerical', band: '8a' },
    { name: 'Marley Ahmed', org: 'RWE', job: 'Maternity support worker', group: 'Additional Clinical Services', band: '3' },
    { name: 'Noel Brooks', org: 'RT5', job: 'Paramedic', group: 'Allied Health Professionals', band: '6' },
    { name: 'Parker Cole', org: 'RWE', job: 'Catering assistant', group: 'Estates and Ancillary', band: '2' },
    { name: 'Reese Dunn', org: 'RWE', job: 'HR business partner', group: 'Administrative and Clerical', band: '6' },
  ],
  upcoming: [
    { name: 'Sam Ellison', org: 'RWE', job: 'Healthcare assistant, ward 7', group: 'Additional Clinical Services', band: '2', team: true },
    { name: 'Toni Fraser', org: 'RWE', job: 'Staff nurse, ward 9', group: 'Nursing and Midwifery Registered', band: '5' },
    { name: 'Val Gordon', org: 'RT5', job: 'Pharmacy technician', group: 'Additional Professional Scientific and Technical', band: '5' },
    { name: 'Wren Hart', org: 'RWE', job: 'Estates officer', group: 'Estates and Ancillary', band: '4' },
    { name: 'Zion Ince', org: 'RWE', job: 'Specialty doctor', group: 'Medical and Dental', band: null },
  ],
};

const MANAGERS = ['Pat Moss', 'Lee Norris', 'Kim Osei', 'Jo Price'];

const COMMENTS = [
  'Practising the 5 Ds in pairs made it feel possible.',
  'The scenarios felt like our ward. More time for them, please.',
  'Good to hear how other teams deal with it.',
  'I feel more confident to step in when a patient is rude to a colleague.',
  'The facilitators made it a safe space to talk.',
  'Useful, though the room was cold.',
];

const at = (base: Date, ms: number) => new Date(Math.round((base.getTime() + ms) / MINUTE_MS) * MINUTE_MS);
const earliest = (a: Date, b: Date) => (a < b ? a : b);

/** The first and last days of the month `months` away from `date`. */
function monthStart(date: IsoDate, months: number): IsoDate {
  const { year, month } = parseIsoDate(addMonths(date, months));
  return formatIsoDate(year, month, 1);
}
function monthEnd(date: IsoDate, months: number): IsoDate {
  const { year, month } = parseIsoDate(addMonths(date, months));
  return formatIsoDate(year, month, daysInMonth(year, month));
}
function firstWednesday(monthStart: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(monthStart);
  return nthWeekdayOfMonth(year, month, 3, 1);
}
const monthYear = (date: IsoDate) => {
  const { year, month } = parseIsoDate(date);
  return `${MONTH_NAMES[month - 1]} ${year}`;
};

/** Builds the whole demo; the same options always give the same plan (ids are the repository's). */
export function buildDemoPlan(options: DemoPlanOptions): DemoPlan {
  const { anchorDate: today, now } = options;
  const template = options.template ?? DEFAULT_ACTIVE_BYSTANDER_TEMPLATE;
  const random = new Random(RANDOM_SEED);
  const plan: DemoPlan = {
    anchorDate: today,
    people: [],
    cohorts: [],
    learningSets: [],
    sessions: [],
    sessionFacilitators: [],
    enrolments: [],
    approvals: [],
    attendance: [],
    responses: [],
    community: [],
    series: {
      title: 'Community of Practice catch-up, Leicester (synthetic)',
      // The first Wednesday two months back: a series' start is its first catch-up
      startDate: firstWednesday(monthStart(today, -2)),
      startTime: '12:30',
      endTime: '13:30',
      rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=6',
    },
    seriesSessions: [],
    communityAttendance: [],
    reviews: [],
    actions: [],
  };
  const staffed = new Map<string, { startsAt: Date; endsAt: Date }[]>();
  // Staffed up to three weeks ahead; later sessions wait for a lead to staff them, as real ones do (and a lead
  // trying the demo can put the demo facilitators on a new cohort's dates without a clash).
  const staffedUntil = new Date(now.getTime() + STAFFED_AHEAD_DAYS * DAY_MS);
  const staff = (session: DemoSession, email: string, position: number) => {
    if (session.startsAt > staffedUntil) return;
    const busy = staffed.get(email) ?? [];
    if (busy.some((slot) => slot.startsAt < session.endsAt && session.startsAt < slot.endsAt)) return;
    staffed.set(email, [...busy, session]);
    plan.sessionFacilitators.push({ sessionKey: session.key, email, position });
  };

  // The cohorts, each from the programme's template
  const schedules = {
    current: currentSchedule(template, today),
    today: todaySchedule(template, today),
    completed: generateSchedule(template, onOrNextWorkingDay(addMonths(today, -9))),
    upcoming: generateSchedule(template, onOrNextWorkingDay(addDays(today, 42))),
  } satisfies Record<DemoCohortKey, PlannedSession[]>;
  const cohortSpecs: Record<DemoCohortKey, { capacity: number; signupsOpen: boolean; sets: number }> = {
    current: { capacity: 12, signupsOpen: false, sets: 2 },
    today: { capacity: 16, signupsOpen: false, sets: 0 },
    completed: { capacity: 12, signupsOpen: false, sets: 2 },
    upcoming: { capacity: 12, signupsOpen: true, sets: 0 },
  };
  let personNumber = 0;
  for (const key of ['completed', 'current', 'today', 'upcoming'] as DemoCohortKey[]) {
    const schedule = schedules[key];
    const first = schedule[0] as PlannedSession;
    const spec = cohortSpecs[key];
    const createdAt = at(first.startsAt, -random.int(70, 90) * DAY_MS);
    plan.cohorts.push({
      key,
      name: `Leicester ${monthYear(first.date)} (synthetic)`,
      systemOdsCode: HOME_SYSTEM,
      startDate: first.date,
      capacity: spec.capacity,
      signupsOpen: spec.signupsOpen,
      venue: MAIN_VENUE,
      createdAt: earliest(createdAt, now),
    });
    const setKeys = Array.from({ length: spec.sets }, (_, index) => `${key}:set-${index + 1}`);
    setKeys.forEach((setKey, index) =>
      plan.learningSets.push({
        key: setKey,
        cohortKey: key,
        number: index + 1,
        facilitatorEmail: index === 0 ? DEMO_LEAD_FACILITATOR : DEMO_CO_FACILITATOR,
      }),
    );
    for (const session of schedule) {
      const perSet = session.kind === 'action-learning-set' && setKeys.length > 0;
      for (const setKey of perSet ? setKeys : [null]) {
        const number = setKey ? setKeys.indexOf(setKey) + 1 : 0;
        const demoSession: DemoSession = {
          key: `${key}:${session.stageKey}:${session.sequence}${setKey ? `:set-${number}` : ''}`,
          cohortKey: key,
          setKey,
          stageKey: session.stageKey,
          kind: session.kind,
          mode: session.mode,
          sequence: session.sequence,
          title: setKey ? `${session.title}: set ${number}` : session.title,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          venueName: session.mode === 'in-person' ? MAIN_VENUE : null,
          joinUrl: session.mode === 'virtual' ? 'https://meet.example.nhs.uk/upstand-demo' : null,
        };
        plan.sessions.push(demoSession);
        if (session.kind === 'workshop') {
          staff(demoSession, DEMO_LEAD_FACILITATOR, 0);
          staff(demoSession, DEMO_CO_FACILITATOR, 1);
        } else if (setKey) {
          staff(demoSession, number === 1 ? DEMO_LEAD_FACILITATOR : DEMO_CO_FACILITATOR, 0);
        }
      }
    }
    const emails = PEOPLE[key].map((person) => {
      personNumber++;
      const email = demoPersonEmail(personNumber);
      const manager = person.team
        ? DEMO_MANAGER
        : {
            email: `demo.manager.${personNumber % 4}@${SYNTHETIC_EMAIL_DOMAIN}`,
            name: `${MANAGERS[personNumber % 4]} (synthetic)`,
          };
      plan.people.push({
        email,
        fullName: `${person.name} (synthetic)`,
        organisationOdsCode: person.org,
        jobTitle: person.job,
        staffGroup: person.group,
        payScheme: person.band ? 'agenda-for-change' : 'medical-and-dental',
        payBand: person.band,
        lineManagerName: manager.name,
        lineManagerEmail: manager.email,
        createdAt: earliest(at(first.startsAt, -random.int(40, 60) * DAY_MS), now),
      });
      return email;
    });
    // The demo delegate is first in the cohort they are part-way through
    if (key === 'current') emails.unshift(DEMO_DELEGATE_EMAIL);
    addJourneys(plan, key, emails, setKeys, schedule, options, random);
  }
  addCommunity(plan, today, now);
  addGovernance(plan, today, now);
  return plan;
}

/**
 * The demo delegate's cohort: it started about two months ago, so the workshop and two monthly learning sets are
 * behind them (the second within the last fortnight, its feedback still open) and three sets are still to come.
 */
function currentSchedule(template: JourneyTemplate, today: IsoDate): PlannedSession[] {
  const sets = (schedule: PlannedSession[]) =>
    schedule.filter((session) => session.kind === 'action-learning-set');
  let best: { schedule: PlannedSession[]; distance: number } | null = null;
  for (let daysBack = 45; daysBack <= 90; daysBack++) {
    const schedule = generateSchedule(template, onOrNextWorkingDay(addDays(today, -daysBack)));
    const [, second, third] = sets(schedule);
    if (!second || !third) continue;
    const daysAgo = daysBetween(second.date, today);
    if (daysAgo < 2 || daysAgo > 12 || compareDates(third.date, today) <= 0) continue;
    const distance = Math.abs(daysAgo - 6);
    if (!best || distance < best.distance) best = { schedule, distance };
  }
  return best?.schedule ?? generateSchedule(template, onOrNextWorkingDay(addDays(today, -61)));
}

/** The cohort whose workshop is today (whatever day of the week that is), and the rest of its journey after. */
function todaySchedule(template: JourneyTemplate, today: IsoDate): PlannedSession[] {
  const schedule = generateSchedule(template, today);
  const first = schedule[0] as PlannedSession;
  if (first.date === today) return schedule;
  const startTime = first.startsAtIso.slice(11, 16);
  const endTime = first.endsAtIso.slice(11, 16);
  const startsAt = londonWallClockToUtc(today, startTime);
  const endsAt = londonWallClockToUtc(today, endTime);
  return [
    {
      ...first,
      date: today,
      startsAt,
      endsAt,
      startsAtIso: `${today}${first.startsAtIso.slice(10)}`,
      endsAtIso: `${today}${first.endsAtIso.slice(10)}`,
    },
    ...schedule.slice(1),
  ];
}

const present = (random: Random): AttendanceStatus => (random.chance(0.1) ? 'late' : 'present');

function addJourneys(
  plan: DemoPlan,
  key: DemoCohortKey,
  emails: string[],
  setKeys: string[],
  schedule: PlannedSession[],
  options: DemoPlanOptions,
  random: Random,
): void {
  const { now } = options;
  const first = schedule[0] as PlannedSession;
  const sessionsOf = (setKey: string | null) =>
    plan.sessions.filter(
      (session) => session.cohortKey === key && (session.setKey === null || session.setKey === setKey),
    );
  const ended = (session: DemoSession) => session.endsAt <= now;
  emails.forEach((email, index) => {
    const enrolmentKey = `${key}:${email}`;
    const createdAt =
      key === 'upcoming'
        ? at(now, -random.int(3, 20) * DAY_MS)
        : earliest(at(first.startsAt, -random.int(14, 35) * DAY_MS), now);
    const setKey = setKeys.length > 0 ? (setKeys[index % setKeys.length] as string) : null;
    const enrolment: DemoEnrolment = {
      key: enrolmentKey,
      cohortKey: key,
      email,
      status: 'confirmed',
      setKey,
      createdAt,
      statusChangedAt: at(createdAt, 90 * MINUTE_MS),
      confirmedAt: at(createdAt, 90 * MINUTE_MS),
      withdrawnAt: null,
      completedAt: null,
      didNotCompleteAt: null,
    };
    plan.enrolments.push(enrolment);
    const mark = (
      session: DemoSession,
      status: AttendanceStatus,
      recordedAt = at(session.endsAt, 20 * MINUTE_MS),
    ) =>
      plan.attendance.push({
        sessionKey: session.key,
        enrolmentKey,
        status,
        method:
          status !== 'absent' && status !== 'apologies' && random.chance(0.3) ? 'self-check-in' : 'register',
        recordedAt: earliest(recordedAt, now),
      });
    const mine = sessionsOf(setKey);
    const workshop = mine.filter((session) => session.kind === 'workshop');
    const sets = mine.filter((session) => session.kind === 'action-learning-set');

    if (key === 'upcoming') {
      // The last of the demo manager's team asked for a place yesterday: the approval waits for them.
      if (plan.people.find((person) => person.email === email)?.lineManagerEmail === DEMO_MANAGER.email) {
        const asked = at(now, -26 * 3_600_000);
        Object.assign(enrolment, {
          status: 'pending-approval',
          createdAt: asked,
          statusChangedAt: asked,
          confirmedAt: null,
        });
        plan.approvals.push({
          enrolmentKey,
          managerEmail: DEMO_MANAGER.email,
          createdAt: asked,
          expiresAt: at(asked, 7 * DAY_MS),
        });
      }
      return;
    }
    if (key === 'today') {
      // The register is part-taken: the first seven are marked (some checked themselves in), the rest are not yet.
      const day1 = workshop[0] as DemoSession;
      if (index < 7)
        mark(
          day1,
          index === 5 ? 'apologies' : index === 3 ? 'late' : 'present',
          at(day1.startsAt, index * MINUTE_MS),
        );
      return;
    }
    // Journey questionnaires: pre before the workshop (most people), post and follow-up once open (completers).
    const answersPre = email === DEMO_DELEGATE_EMAIL || index % 4 !== 3;
    if (answersPre)
      plan.responses.push(
        journeyResponse(
          enrolmentKey,
          'pre',
          at(first.startsAt, -random.int(2, 10) * DAY_MS),
          options,
          random,
        ),
      );

    if (key === 'current') {
      const dropsDayTwo = index === emails.length - 1;
      workshop.forEach((session, day) =>
        mark(session, dropsDayTwo && day === 1 ? 'apologies' : present(random)),
      );
      sets
        .filter(ended)
        .forEach((session, number) =>
          mark(
            session,
            email !== DEMO_DELEGATE_EMAIL && index === 4 && number === 0 ? 'absent' : present(random),
          ),
        );
      return;
    }
    // completed cohort: six certified, one did not complete, one withdrew after the first set
    workshop.forEach((session) => mark(session, present(random)));
    const outcome = index === 6 ? 'did-not-complete' : index === 7 ? 'withdrawn' : 'completed';
    let attended = 0;
    sets.forEach((session, number) => {
      if (outcome === 'withdrawn' && number > 0) return;
      const missed =
        (outcome === 'did-not-complete' && number >= 2) ||
        (outcome === 'completed' && index % 3 === 1 && number === 2);
      mark(session, missed ? 'apologies' : present(random));
      if (missed) return;
      attended++;
      if (outcome === 'completed' && attended === 4 && !enrolment.completedAt) {
        enrolment.completedAt = earliest(at(session.endsAt, 20 * MINUTE_MS), now);
        enrolment.status = 'completed';
        enrolment.statusChangedAt = enrolment.completedAt;
      }
    });
    const lastSetEnd = (sets[sets.length - 1] as DemoSession).endsAt;
    if (outcome === 'withdrawn') {
      const withdrawnAt = at((sets[0] as DemoSession).endsAt, 9 * DAY_MS);
      Object.assign(enrolment, { status: 'withdrawn', withdrawnAt, statusChangedAt: withdrawnAt });
    } else if (outcome === 'did-not-complete') {
      const didNotCompleteAt = earliest(at(lastSetEnd, 10 * DAY_MS), now);
      Object.assign(enrolment, {
        status: 'did-not-complete',
        didNotCompleteAt,
        statusChangedAt: didNotCompleteAt,
      });
    } else {
      plan.community.push({ email, joinedAt: enrolment.completedAt as Date, inDirectory: index % 2 === 0 });
      const post = at(lastSetEnd, random.int(2, 20) * DAY_MS);
      if (post < now && index !== 5)
        plan.responses.push(journeyResponse(enrolmentKey, 'post', post, options, random));
      const followUp = at(lastSetEnd, (92 + random.int(0, 10)) * DAY_MS);
      if (followUp < now && index % 2 === 0)
        plan.responses.push(journeyResponse(enrolmentKey, 'follow-up', followUp, options, random));
    }
  });
  addSessionFeedback(plan, key, options, random);
}

/**
 * Feedback from those who came: the workshop days from most of them, a set from fewer (one set so few that a
 * facilitator sees its count but not its scores). The demo delegate's latest set is left for them to answer.
 */
function addSessionFeedback(
  plan: DemoPlan,
  key: DemoCohortKey,
  options: DemoPlanOptions,
  random: Random,
): void {
  const cameTo = (sessionKey: string) =>
    plan.attendance.filter(
      (line) => line.sessionKey === sessionKey && (line.status === 'present' || line.status === 'late'),
    );
  const sessions = plan.sessions.filter(
    (session) =>
      session.cohortKey === key && session.endsAt <= options.now && session.kind !== 'community-of-practice',
  );
  for (const session of sessions) {
    const share = session.kind === 'workshop' ? 0.8 : session.setKey?.endsWith('set-1') ? 0.6 : 0.9;
    const respondents = cameTo(session.key).filter(
      (line) => !line.enrolmentKey.endsWith(`:${DEMO_DELEGATE_EMAIL}`) || session.sequence === 1,
    );
    respondents.forEach((line, index) => {
      if (index >= Math.round(respondents.length * share)) return;
      const submittedAt = at(session.endsAt, random.int(30, 600) * MINUTE_MS);
      if (submittedAt > options.now) return;
      const useful = random.weighted<number>([
        [5, 45],
        [4, 38],
        [3, 12],
        [2, 5],
      ]);
      plan.responses.push({
        enrolmentKey: line.enrolmentKey,
        stage: 'session-feedback',
        sessionKey: session.key,
        submittedAt,
        answers: answersFor(options.instruments['session-feedback'], random, {
          likert: useful,
          comment: 0.4,
        }),
      });
    });
  }
}

function journeyResponse(
  enrolmentKey: string,
  stage: JourneyStage,
  submittedAt: Date,
  options: DemoPlanOptions,
  random: Random,
): DemoResponse {
  const likert = stage === 'pre' ? random.int(2, 4) : random.int(3, 5);
  return {
    enrolmentKey,
    stage,
    sessionKey: null,
    submittedAt: earliest(submittedAt, options.now),
    answers: answersFor(options.instruments[stage], random, { likert, comment: stage === 'pre' ? 0.1 : 0.3 }),
  };
}

/** A plausible answer to every item of the questionnaire version in use (the optional ones now and then left out). */
function answersFor(
  items: InstrumentItem[],
  random: Random,
  shape: { likert: number; comment: number },
): DemoAnswer[] {
  const answers: DemoAnswer[] = [];
  for (const item of items) {
    const number = (value: number): DemoAnswer => ({
      itemCode: item.code,
      valueNumber: value,
      valueText: null,
    });
    switch (item.type) {
      case 'likert-5':
        answers.push(
          number(Math.min(5, Math.max(1, shape.likert + (random.chance(0.3) ? random.int(-1, 1) : 0)))),
        );
        break;
      case 'scale-0-10':
        answers.push(number(Math.min(10, Math.max(0, shape.likert * 2 + random.int(-2, 1)))));
        break;
      case 'yes-no':
        answers.push(number(random.chance(0.3 + shape.likert * 0.1) ? 1 : 0));
        break;
      case 'single-choice':
        if (item.options?.length)
          answers.push({ itemCode: item.code, valueNumber: null, valueText: random.pick(item.options) });
        break;
      case 'free-text':
        if (random.chance(shape.comment))
          answers.push({ itemCode: item.code, valueNumber: null, valueText: random.pick(COMMENTS) });
        break;
    }
  }
  return answers;
}

/** The Community of Practice's monthly catch-ups; those certified came to the last ones. */
function addCommunity(plan: DemoPlan, today: IsoDate, now: Date): void {
  const series = plan.series;
  expandSeries(
    { dtstart: series.startDate, rrule: series.rrule, startTime: series.startTime, endTime: series.endTime },
    series.startDate,
    addMonths(today, 6),
  ).forEach((slot, index) =>
    plan.seriesSessions.push({
      key: `catch-up:${index + 1}`,
      sequence: index + 1,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    }),
  );
  const held = plan.seriesSessions.filter((session) => session.endsAt <= now);
  held.forEach((session, index) =>
    plan.community
      .filter((member) => member.joinedAt < session.startsAt)
      .forEach((member, memberIndex) => {
        if ((memberIndex + index) % 3 === 2) return;
        plan.communityAttendance.push({
          seriesSessionKey: session.key,
          email: member.email,
          recordedAt: at(session.endsAt, 15 * MINUTE_MS),
        });
      }),
  );
}

// ── Programme review ──────────────────────────────────────────────────────────────────────────────────────

// prettier-ignore
const RATINGS: Record<FrameworkArea, [RagRating, RagRating, string]> = {
  'overall-effectiveness': ['amber', 'green', 'Confidence to intervene rose after the programme in both periods.'],
  relevance: ['green', 'green', 'Delegates say the scenarios match what they see at work.'],
  efficiency: ['amber', 'amber', 'Cost per certified delegate is falling as cohorts fill.'],
  implementation: ['amber', 'green', 'Cohorts ran to plan; one venue change at short notice.'],
  'stakeholder-engagement': ['green', 'green', 'Sponsors from both trusts attend the steering group.'],
  'participation-accessibility': ['red', 'amber', 'Estates and ancillary staff are under-represented; shift-friendly dates added.'],
  'quality-of-outputs': ['green', 'green', 'Session feedback is consistently positive.'],
  'learning-adaptation': ['amber', 'green', 'Workshop timings changed after feedback.'],
  sustainability: ['red', 'amber', 'Two more facilitators in training; funding agreed for next year.'],
  'impact-on-target-cohort': ['amber', 'amber', 'Too few follow-up questionnaires to judge lasting change yet.'],
  'collaboration-partnerships': ['green', 'green', 'Joint cohorts with the community trust work well.'],
  'communication-effectiveness': ['amber', 'green', 'Board reports now include the Impact headline.'],
  'cost-benefit': ['amber', 'amber', 'Benefits are not yet costed.'],
  'monitoring-evaluation': ['amber', 'green', 'Pre and post questionnaires are paired for most delegates.'],
  'long-term-impact': ['amber', 'amber', 'Follow-up at three months has started.'],
  recommendations: ['green', 'green', 'Recommendations from the last review are in the action log.'],
};

function addGovernance(plan: DemoPlan, today: IsoDate, now: Date): void {
  const periods = [
    { key: 'earlier', start: monthStart(today, -12), end: monthEnd(today, -7), closed: true },
    { key: 'latest', start: monthStart(today, -6), end: monthEnd(today, -1), closed: false },
  ];
  periods.forEach((period, index) => {
    const endsAt = londonWallClockToUtc(period.end, '17:00');
    const ratedAt = earliest(at(endsAt, 12 * DAY_MS), now);
    plan.reviews.push({
      key: period.key,
      label: `${monthYear(period.start)} to ${monthYear(period.end)} (synthetic)`,
      periodStart: period.start,
      periodEnd: period.end,
      createdAt: earliest(at(endsAt, 2 * DAY_MS), now),
      closedAt: period.closed ? earliest(at(endsAt, 20 * DAY_MS), now) : null,
      ratings: FRAMEWORK_AREA_KEYS.map((area) => {
        const [earlier, latest, evidence] = RATINGS[area];
        return { area, rating: index === 0 ? earlier : latest, evidence: `${evidence} (synthetic)`, ratedAt };
      }),
    });
  });
  const created = earliest(londonWallClockToUtc(monthEnd(today, -7), '17:00'), now);
  // prettier-ignore
  const actions: [string, string, number, ActionStatus, FrameworkArea, string][] = [
    ['Share the Impact headline with both trust boards (synthetic)', 'Steering group chair', -40, 'done', 'communication-effectiveness', 'earlier'],
    ['Send a reminder before each action learning set to lift attendance (synthetic)', 'Programme lead', -10, 'in-progress', 'participation-accessibility', 'latest'],
    ['Book venues for the next two cohorts (synthetic)', 'Programme lead', 21, 'open', 'implementation', 'latest'],
    ['Ask sponsors for staff headcounts so reach can be reported (synthetic)', 'Steering group', 45, 'open', 'monitoring-evaluation', 'latest'],
  ];
  for (const [action, owner, dueIn, status, area, reviewKey] of actions)
    plan.actions.push({
      action,
      owner,
      dueDate: addDays(today, dueIn),
      status,
      area,
      reviewKey,
      createdAt: created,
      updatedAt: status === 'open' ? created : earliest(at(now, -3 * DAY_MS), now),
    });
}

export interface DemoJourneysSummary {
  anchorDate: IsoDate;
  cohorts: number;
  people: number;
  enrolments: number;
  responses: number;
}

export const summariseDemoPlan = (plan: DemoPlan): DemoJourneysSummary => ({
  anchorDate: plan.anchorDate,
  cohorts: plan.cohorts.length,
  people: plan.people.length,
  enrolments: plan.enrolments.length,
  responses: plan.responses.length,
});
