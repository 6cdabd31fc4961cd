/**
 * Synthetic pilot data for demonstrations: the LLR pilot of the Active Bystander Programme (October 2022 to
 * January 2024) and its first Midlands scale-up cohorts, as a plan built by a seeded PRNG. Not real people:
 * every name, cohort and added organisation says "(synthetic)" and every email is @synthetic.upstand.test.
 * The same seed always gives the same plan; pilot-seed.repository.ts writes it.
 */
import {
  AfcBand,
  AttendanceStatus,
  EnrolmentStatus,
  EvaluationStage,
  InstrumentItem,
  OrganisationType,
  PayScheme,
  StaffGroup,
} from '@upstand/contracts';
import {
  addDays,
  allocateLearningSets,
  DEFAULT_ACTIVE_BYSTANDER_TEMPLATE,
  expandSeries,
  generateSchedule,
  JourneyTemplate,
  onOrNextWorkingDay,
  PlannedSession,
} from '@upstand/schedule';
import { DEFAULT_INSTRUMENTS } from '../evaluations/default-instruments';

export const PILOT_SEED = 20_221_004;
export const SYNTHETIC_EMAIL_DOMAIN = 'synthetic.upstand.test';
export const pilotEmail = (number: number) => `pilot.${number}@${SYNTHETIC_EMAIL_DOMAIN}`;

/** What the pilot reported, which the synthetic data reproduces exactly. */
export const PILOT_TARGETS = { certified: 231, certifiedScaleUp: 62, pairedPrePost: 98 } as const;

export const HOME_SYSTEM_ODS_CODE = 'QK1';

const DAY_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;

/** mulberry32: a small, fast 32-bit PRNG; plenty for synthetic data and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Weighted<T> = readonly (readonly [T, number])[];

export class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(): number {
    return this.next();
  }
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  /** Whole number from min to max inclusive */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)] as T;
  }
  weighted<T>(options: Weighted<T>): T {
    const total = options.reduce((sum, [, weight]) => sum + weight, 0);
    let threshold = this.next() * total;
    for (const [value, weight] of options) {
      threshold -= weight;
      if (threshold < 0) return value;
    }
    return (options[options.length - 1] as readonly [T, number])[0];
  }
  /** Standard normal (Box–Muller) */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  shuffle<T>(values: readonly T[]): T[] {
    const copy = [...values];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
}

/** Splits `total` into `parts` whole numbers of similar size (±20 %) that add up exactly. */
export function splitTotal(total: number, parts: number, random: Random): number[] {
  const weights = Array.from({ length: parts }, () => random.between(0.8, 1.2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((weight) => (total * weight) / sum);
  const result = raw.map(Math.floor);
  const order = raw
    .map((value, index) => [value - Math.floor(value), index] as const)
    .sort((a, b) => b[0] - a[0]);
  const remainder = total - result.reduce((a, b) => a + b, 0);
  for (let i = 0; i < remainder; i++) {
    const index = (order[i] as readonly [number, number])[1];
    result[index] = (result[index] as number) + 1;
  }
  return result;
}

// ── Reference lists ────────────────────────────────────────────────────────────────────────────────────────

export interface PilotOrganisation {
  odsCode: string;
  name: string;
  type: OrganisationType;
  systemOdsCode: string;
  validFrom: string;
}

/** Synthetic providers for the systems the pilot reached; codes start SYN so they cannot be taken for real ones. */
export const PILOT_ORGANISATIONS: PilotOrganisation[] = [
  ['SYNLP1', 'LLR general practices (synthetic)', 'primary-care', 'QK1'],
  ['SYNLS1', 'LLR adult social care (synthetic)', 'social-care', 'QK1'],
  ['SYNNA1', 'Northamptonshire acute hospitals (synthetic)', 'acute-trust', 'QPM'],
  ['SYNTA1', 'Nottinghamshire acute hospitals (synthetic)', 'acute-trust', 'QT1'],
  [
    'SYNTM1',
    'Nottinghamshire community and mental health services (synthetic)',
    'mental-health-community-trust',
    'QT1',
  ],
  ['SYNDA1', 'Derbyshire acute hospitals (synthetic)', 'acute-trust', 'QJ2'],
  ['SYNCA1', 'Coventry and Warwickshire acute hospitals (synthetic)', 'acute-trust', 'QWU'],
  ['SYNLA1', 'Lincolnshire acute hospitals (synthetic)', 'acute-trust', 'QJM'],
].map(([odsCode, name, type, systemOdsCode]) => ({
  odsCode: odsCode as string,
  name: name as string,
  type: type as OrganisationType,
  systemOdsCode: systemOdsCode as string,
  validFrom: '2022-07-01',
}));

/** Where each system's delegates work (ODS codes, weights); the ICB itself sends a few. */
// prettier-ignore
const EMPLOYERS: Record<string, Weighted<string>> = {
  QK1: [['RWE', 50], ['RT5', 30], ['SYNLP1', 10], ['SYNLS1', 5], ['QK1', 5]],
  QPM: [['RP1', 55], ['SYNNA1', 40], ['QPM', 5]],
  QT1: [['SYNTA1', 60], ['SYNTM1', 35], ['QT1', 5]],
  QJ2: [['SYNDA1', 92], ['QJ2', 8]],
  QWU: [['SYNCA1', 92], ['QWU', 8]],
  QJM: [['SYNLA1', 92], ['QJM', 8]],
};

interface CohortSpec {
  month: string;
  area: string;
  systemOdsCode: string;
}

const LLR = (month: string): CohortSpec => ({ month, area: 'LLR', systemOdsCode: HOME_SYSTEM_ODS_CODE });

/** Twelve LLR cohorts, and five in the Midlands systems that took the programme up from summer 2023. */
// prettier-ignore
const HOME_COHORTS: CohortSpec[] = [
  '2022-10', '2022-11', '2023-01', '2023-02', '2023-03', '2023-05',
  '2023-06', '2023-07', '2023-09', '2023-10', '2023-11', '2024-01',
].map(LLR);

const SCALE_UP_COHORTS: CohortSpec[] = [
  { month: '2023-06', area: 'Northamptonshire', systemOdsCode: 'QPM' },
  { month: '2023-09', area: 'Nottingham and Nottinghamshire', systemOdsCode: 'QT1' },
  { month: '2023-10', area: 'Derby and Derbyshire', systemOdsCode: 'QJ2' },
  { month: '2023-11', area: 'Coventry and Warwickshire', systemOdsCode: 'QWU' },
  { month: '2024-01', area: 'Lincolnshire', systemOdsCode: 'QJM' },
];

// prettier-ignore
export const FIRST_NAMES = [
  'Amelia', 'Olivia', 'Priya', 'Aisha', 'Sophie', 'Emily', 'Hannah', 'Grace', 'Fatima', 'Chloe', 'Zara',
  'Jessica', 'Niamh', 'Anjali', 'Chidinma', 'Lucy', 'Megan', 'Rebecca', 'Sarah', 'Laura', 'Joanne', 'Karen',
  'Deepa', 'Maria', 'Agnieszka', 'Funmi', 'Mei', 'Rachel', 'Claire', 'Nadia', 'James', 'Mohammed', 'Daniel',
  'Thomas', 'Raj', 'Oliver', 'Samuel', 'David', 'Kwame', 'Arjun', 'Ryan', 'Liam', 'Imran', 'Paul', 'Tomasz',
  'Chinedu', 'Harry', 'Matthew', 'Yusuf', 'Andrew',
];
// prettier-ignore
export const SURNAMES = [
  'Smith', 'Patel', 'Jones', 'Khan', 'Williams', 'Brown', 'Mistry', 'Taylor', 'Begum', 'Davies', 'Evans',
  'Ahmed', 'Wilson', 'Thomas', 'Okafor', 'Johnson', 'Roberts', 'Chauhan', 'Walker', 'Wright', 'Hussain',
  'Robinson', 'Thompson', 'Parmar', 'White', 'Hughes', 'Mensah', 'Edwards', 'Green', 'Lewis', 'Nowak',
  'Adeyemi', 'Hall', 'Clarke', 'Jackson', 'Wood', 'Chen', 'Harris', 'Martin', 'Lakhani', 'Cooper', 'King',
  'Singh', 'Ward', 'Mahmood', 'Turner', 'Hill', 'Moore', 'Kaur', 'Bennett',
];

export interface StaffGroupProfile {
  weight: number;
  jobTitles: string[];
  bands: Weighted<AfcBand> | null;
  payScheme: PayScheme;
}

/** Roughly the NHS workforce mix; bands by staff group. */
// prettier-ignore
export const STAFF_GROUP_PROFILES: Record<StaffGroup, StaffGroupProfile> = {
  'Nursing and Midwifery Registered': {
    weight: 27,
    jobTitles: ['Staff nurse', 'Ward sister', 'Midwife', 'Community nurse', 'Clinical nurse specialist'],
    bands: [['5', 40], ['6', 35], ['7', 18], ['8a', 7]],
    payScheme: 'agenda-for-change',
  },
  'Additional Clinical Services': {
    weight: 20,
    jobTitles: ['Healthcare assistant', 'Nursing associate', 'Maternity support worker', 'Therapy assistant'],
    bands: [['2', 20], ['3', 45], ['4', 35]],
    payScheme: 'agenda-for-change',
  },
  'Administrative and Clerical': {
    weight: 21,
    jobTitles: ['Ward clerk', 'Medical secretary', 'Team administrator', 'Service manager', 'HR business partner'],
    bands: [['2', 8], ['3', 22], ['4', 25], ['5', 15], ['6', 12], ['7', 10], ['8a', 5], ['8b', 3]],
    payScheme: 'agenda-for-change',
  },
  'Allied Health Professionals': {
    weight: 9,
    jobTitles: ['Physiotherapist', 'Occupational therapist', 'Paramedic', 'Radiographer', 'Dietitian'],
    bands: [['5', 25], ['6', 40], ['7', 25], ['8a', 10]],
    payScheme: 'agenda-for-change',
  },
  'Medical and Dental': {
    weight: 9,
    jobTitles: ['Consultant', 'Specialty doctor', 'Resident doctor', 'GP'],
    bands: null,
    payScheme: 'medical-and-dental',
  },
  'Additional Professional Scientific and Technical': {
    weight: 5,
    jobTitles: ['Pharmacist', 'Psychologist', 'Pharmacy technician'],
    bands: [['4', 15], ['5', 20], ['6', 25], ['7', 25], ['8a', 15]],
    payScheme: 'agenda-for-change',
  },
  'Estates and Ancillary': {
    weight: 5,
    jobTitles: ['Porter', 'Domestic assistant', 'Catering assistant', 'Estates officer'],
    bands: [['2', 50], ['3', 30], ['4', 15], ['5', 5]],
    payScheme: 'agenda-for-change',
  },
  'Healthcare Scientists': {
    weight: 2,
    jobTitles: ['Biomedical scientist', 'Clinical physiologist'],
    bands: [['5', 25], ['6', 35], ['7', 30], ['8a', 10]],
    payScheme: 'agenda-for-change',
  },
  Students: {
    weight: 1,
    jobTitles: ['Student nurse', 'Student paramedic'],
    bands: null,
    payScheme: 'non-nhs-or-social-care',
  },
  'Supplementary Roles': {
    weight: 1,
    jobTitles: ['Freedom to Speak Up guardian', 'Chaplain'],
    bands: [['5', 40], ['6', 40], ['7', 20]],
    payScheme: 'agenda-for-change',
  },
};

/** NHS ethnic category codes with a Leicester-like mix; Z is "not stated". */
// prettier-ignore
export const ETHNIC_CATEGORY_WEIGHTS: Weighted<string> = [
  ['A', 58], ['B', 1], ['C', 6], ['D', 1], ['E', 0.5], ['F', 1], ['G', 1], ['H', 14], ['J', 2], ['K', 1],
  ['L', 2], ['M', 1.5], ['N', 5], ['P', 0.5], ['R', 0.5], ['S', 1.5], ['Z', 3.5],
];
// prettier-ignore
export const DISABILITY_WEIGHTS: Weighted<string | null> = [['no', 83], ['yes', 9], ['prefer-not-to-say', 5], [null, 3]];
// prettier-ignore
export const SEX_WEIGHTS: Weighted<string | null> = [
  ['female', 76], ['male', 20], ['other', 0.5], ['prefer-not-to-say', 2.5], [null, 1],
];
// prettier-ignore
export const AGE_BAND_WEIGHTS: Weighted<string | null> = [
  ['16-24', 7], ['25-34', 24], ['35-44', 26], ['45-54', 23], ['55-64', 14], ['65-plus', 1.5],
  ['prefer-not-to-say', 2.5], [null, 2],
];

export const DO_DIFFERENTLY = [
  'Speak up sooner when I hear comments about colleagues’ accents.',
  'Use distract more often, it feels safer than confronting someone directly.',
  'Check in with colleagues afterwards instead of assuming someone else will.',
  'Report incidents through the proper route and encourage others to do the same.',
  'Challenge banter in the staff room that crosses the line.',
  'I will call out racist remarks from patients and support the staff member affected.',
  'Talk to my team about the 5 Ds at our huddles.',
  'Be more aware of what is happening around me on busy shifts.',
  'Ask my manager for help earlier (delegate) rather than dealing with it alone.',
  'Keep notes of what I witness, with the person’s consent.',
  'Support new starters who are being excluded.',
  'Feel more confident to step in when a senior colleague is being rude.',
];

// ── The plan ───────────────────────────────────────────────────────────────────────────────────────────────

export interface PilotCohort {
  name: string;
  systemOdsCode: string;
  scaleUp: boolean;
  startDate: string;
  capacity: number;
  createdAt: Date;
}

export interface PilotSession {
  cohortIndex: number;
  /** null: the whole cohort; otherwise the index into `learningSets` */
  learningSetIndex: number | null;
  stageKey: string;
  kind: PlannedSession['kind'];
  mode: PlannedSession['mode'];
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

export interface PilotLearningSet {
  cohortIndex: number;
  number: number;
}

export interface PilotDelegate {
  email: string;
  fullName: string;
  organisationOdsCode: string;
  jobTitle: string;
  staffGroup: StaffGroup;
  payScheme: PayScheme;
  payBand: AfcBand | null;
  lineManagerName: string;
  lineManagerEmail: string;
  /** null: never filled in the optional equality questions */
  equality: {
    ethnicCategory: string | null;
    disability: string | null;
    sex: string | null;
    ageBand: string | null;
  } | null;
}

/** One per delegate (same index). */
export interface PilotEnrolment {
  cohortIndex: number;
  delegateIndex: number;
  learningSetIndex: number | null;
  status: EnrolmentStatus;
  createdAt: Date;
  statusChangedAt: Date;
  confirmedAt: Date | null;
  waitlistedAt: Date | null;
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
  declinedAt: Date | null;
  withdrawnAt: Date | null;
  completedAt: Date | null;
  didNotCompleteAt: Date | null;
}

export interface PilotAttendance {
  enrolmentIndex: number;
  sessionIndex: number;
  status: AttendanceStatus;
  method: 'register' | 'self-check-in';
  recordedAt: Date;
}

export interface PilotCommunityMember {
  delegateIndex: number;
  joinedAt: Date;
  inDirectory: boolean;
}

/** A stand-alone series the Community of Practice meets in, run by the home system for everyone certified. */
export interface PilotSeries {
  kind: 'community-of-practice' | 'celebration-event';
  title: string;
  mode: PlannedSession['mode'];
  systemOdsCode: string;
  startDate: string;
  startTime: string;
  endTime: string;
  rrule: string;
}

export interface PilotSeriesSession {
  seriesIndex: number;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
}

/** A certified delegate marked as present at a catch-up or celebration by the lead. */
export interface PilotCommunityAttendance {
  seriesSessionIndex: number;
  delegateIndex: number;
  recordedAt: Date;
}

export interface PilotAnswer {
  itemCode: string;
  valueNumber: number | null;
  valueText: string | null;
}

export type JourneyStage = Exclude<EvaluationStage, 'session-feedback'>;

export interface PilotResponse {
  enrolmentIndex: number;
  stage: JourneyStage;
  submittedAt: Date;
  answers: PilotAnswer[];
}

export interface PilotPlan {
  seed: number;
  organisations: PilotOrganisation[];
  cohorts: PilotCohort[];
  learningSets: PilotLearningSet[];
  sessions: PilotSession[];
  delegates: PilotDelegate[];
  enrolments: PilotEnrolment[];
  attendance: PilotAttendance[];
  community: PilotCommunityMember[];
  series: PilotSeries[];
  seriesSessions: PilotSeriesSession[];
  communityAttendance: PilotCommunityAttendance[];
  responses: PilotResponse[];
}

export interface PilotPlanOptions {
  seed?: number;
  template?: JourneyTemplate;
  /** The questionnaire items to answer, per stage (default: the default instruments) */
  instruments?: Partial<Record<JourneyStage, InstrumentItem[]>>;
}

type Outcome = 'completed' | 'did-not-complete' | 'withdrawn-early' | 'withdrawn-late' | 'declined';

const defaultItems = (stage: JourneyStage): InstrumentItem[] =>
  DEFAULT_INSTRUMENTS.find((instrument) => instrument.stage === stage)?.items ?? [];

/** Builds the whole pilot; pure and deterministic for a given seed, template and instruments. */
export function buildPilotPlan(options: PilotPlanOptions = {}): PilotPlan {
  const seed = options.seed ?? PILOT_SEED;
  const random = new Random(seed);
  const template = options.template ?? DEFAULT_ACTIVE_BYSTANDER_TEMPLATE;
  const instruments: Record<JourneyStage, InstrumentItem[]> = {
    pre: options.instruments?.pre ?? defaultItems('pre'),
    post: options.instruments?.post ?? defaultItems('post'),
    'follow-up': options.instruments?.['follow-up'] ?? defaultItems('follow-up'),
  };
  const plan: PilotPlan = {
    seed,
    organisations: PILOT_ORGANISATIONS,
    cohorts: [],
    learningSets: [],
    sessions: [],
    delegates: [],
    enrolments: [],
    attendance: [],
    community: [],
    series: [],
    seriesSessions: [],
    communityAttendance: [],
    responses: [],
  };

  const specs = [...HOME_COHORTS, ...SCALE_UP_COHORTS].sort((a, b) => a.month.localeCompare(b.month));
  const homeCompletions = splitTotal(
    PILOT_TARGETS.certified - PILOT_TARGETS.certifiedScaleUp,
    HOME_COHORTS.length,
    random,
  );
  const scaleUpCompletions = splitTotal(PILOT_TARGETS.certifiedScaleUp, SCALE_UP_COHORTS.length, random);
  const completedEnrolments: number[] = [];

  for (const spec of specs) {
    const scaleUp = spec.systemOdsCode !== HOME_SYSTEM_ODS_CODE;
    const completions = (scaleUp ? scaleUpCompletions : homeCompletions).shift() as number;
    const cohortIndex = plan.cohorts.length;
    const startDate = onOrNextWorkingDay(addDays(`${spec.month}-01`, random.int(3, 18)));
    const schedule = generateSchedule(template, startDate);
    plan.cohorts.push({
      name: `Pilot ${spec.month} ${spec.area} (synthetic)`,
      systemOdsCode: spec.systemOdsCode,
      scaleUp,
      startDate: schedule[0]?.date ?? startDate,
      capacity: 24,
      createdAt: new Date(Date.parse(`${startDate}T10:00:00Z`) - random.int(80, 110) * DAY_MS),
    });

    const outcomes: Outcome[] = random.shuffle([
      ...Array<Outcome>(completions).fill('completed'),
      ...Array<Outcome>(Math.round(completions * random.between(0.15, 0.28))).fill('did-not-complete'),
      ...Array<Outcome>(Math.round(completions * random.between(0.04, 0.1))).fill('withdrawn-early'),
      ...Array<Outcome>(random.chance(0.5) ? 1 : 0).fill('withdrawn-late'),
      ...Array<Outcome>(random.chance(0.35) ? 1 : 0).fill('declined'),
    ]);
    const firstEnrolment = plan.enrolments.length;
    for (const outcome of outcomes) {
      const delegateIndex = plan.delegates.length;
      plan.delegates.push(makeDelegate(delegateIndex + 1, spec.systemOdsCode, random));
      plan.enrolments.push(makeEnrolment(cohortIndex, delegateIndex, outcome, schedule, random));
    }
    const cohortEnrolments = outcomes.map((outcome, offset) => ({ outcome, index: firstEnrolment + offset }));

    // Learning sets: everyone still on the programme after the workshop, organisations mixed.
    const allocation = allocateLearningSets(
      cohortEnrolments
        .filter(({ outcome }) => outcome !== 'withdrawn-early' && outcome !== 'declined')
        .map(({ index }) => ({
          id: String(index),
          organisationId: plan.delegates[index]?.organisationOdsCode ?? null,
        })),
    );
    const wholeCohort = schedule.filter((session) => session.kind !== 'action-learning-set');
    const setSessions = schedule.filter((session) => session.kind === 'action-learning-set');
    const sessionIndex = new Map<string, number>();
    for (const session of wholeCohort) {
      sessionIndex.set(`${session.stageKey}#${session.sequence}`, plan.sessions.length);
      plan.sessions.push(toSession(cohortIndex, null, session, session.title));
    }
    allocation.sets.forEach((members, setOffset) => {
      const learningSetIndex = plan.learningSets.length;
      plan.learningSets.push({ cohortIndex, number: setOffset + 1 });
      for (const member of members)
        (plan.enrolments[Number(member.id)] as PilotEnrolment).learningSetIndex = learningSetIndex;
      for (const session of setSessions) {
        sessionIndex.set(`${learningSetIndex}:${session.sequence}`, plan.sessions.length);
        plan.sessions.push(
          toSession(cohortIndex, learningSetIndex, session, `${session.title}: set ${setOffset + 1}`),
        );
      }
    });

    for (const { outcome, index } of cohortEnrolments) {
      const enrolment = plan.enrolments[index] as PilotEnrolment;
      addAttendance(plan, index, outcome, schedule, sessionIndex, random);
      if (outcome === 'completed') {
        completedEnrolments.push(index);
        plan.community.push({
          delegateIndex: enrolment.delegateIndex,
          joinedAt: enrolment.completedAt as Date,
          inDirectory: random.chance(0.3),
        });
      }
    }
  }

  addResponses(plan, completedEnrolments, instruments, random);
  // Drawn from a PRNG of their own, so the journeys and answers above stay exactly as they were.
  const later = new Random(seed + 1);
  addSetsWithoutWorkshop(plan, later);
  addCommunityOfPractice(plan, later);
  return plan;
}

/**
 * About a third of those who did not complete missed the second workshop day but kept coming to their set: they
 * attended the sets the rule asks for yet cannot be certified (the rule needs every workshop session), as happens.
 */
function addSetsWithoutWorkshop(plan: PilotPlan, random: Random): void {
  const isPresent = (line: PilotAttendance) => line.status === 'present' || line.status === 'late';
  const linesOf = new Map<number, PilotAttendance[]>();
  for (const line of plan.attendance)
    linesOf.set(line.enrolmentIndex, [...(linesOf.get(line.enrolmentIndex) ?? []), line]);
  plan.enrolments.forEach((enrolment, enrolmentIndex) => {
    if (enrolment.status !== 'did-not-complete') return;
    const lines = linesOf.get(enrolmentIndex) ?? [];
    const kindOf = (line: PilotAttendance) => plan.sessions[line.sessionIndex]?.kind;
    const workshop = lines.filter((line) => kindOf(line) === 'workshop');
    const dayTwo = workshop[workshop.length - 1];
    if (!dayTwo || workshop.length < 2 || !isPresent(workshop[0] as PilotAttendance)) return;
    if (!random.chance(isPresent(dayTwo) ? 0.3 : 0.8)) return;
    dayTwo.status = missed(random);
    let attended = lines.filter((line) => kindOf(line) === 'action-learning-set' && isPresent(line)).length;
    for (const line of lines) {
      if (attended >= 4) break;
      if (kindOf(line) !== 'action-learning-set' || isPresent(line)) continue;
      line.status = presentOrLate(random);
      attended++;
    }
  });
}

const COMMUNITY_MONTHS_FROM = '2023-03-01';

/**
 * The Community of Practice: catch-ups every other month (first Wednesday, online) from March 2023 to March 2026
 * and a celebration event each July, with attendance by certified delegates from their certification on. Most
 * come a few times then drift away; a core keeps coming, so each year a minority of the certified is active.
 */
function addCommunityOfPractice(plan: PilotPlan, random: Random): void {
  plan.series.push(
    {
      kind: 'community-of-practice',
      title: 'Community of Practice catch-up (synthetic)',
      mode: 'virtual',
      systemOdsCode: HOME_SYSTEM_ODS_CODE,
      startDate: COMMUNITY_MONTHS_FROM,
      startTime: '12:30',
      endTime: '13:30',
      rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE;COUNT=19',
    },
    {
      kind: 'celebration-event',
      title: 'Active Bystander celebration (synthetic)',
      mode: 'in-person',
      systemOdsCode: HOME_SYSTEM_ODS_CODE,
      startDate: '2023-07-13',
      startTime: '14:00',
      endTime: '17:00',
      rrule: 'FREQ=MONTHLY;INTERVAL=12;BYDAY=2TH;COUNT=3',
    },
  );
  plan.series.forEach((series, seriesIndex) =>
    expandSeries(
      {
        dtstart: series.startDate,
        rrule: series.rrule,
        startTime: series.startTime,
        endTime: series.endTime,
        exdates: [],
      },
      series.startDate,
      '2026-03-31',
    ).forEach((slot, index) =>
      plan.seriesSessions.push({
        seriesIndex,
        sequence: index + 1,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
      }),
    ),
  );
  const YEAR_MS = 365 * DAY_MS;
  for (const member of plan.community) {
    // How keen each member is: about a third never come; the rest come now and then, less as years pass.
    const keenness = random.weighted<number>([
      [0, 35],
      [0.15, 30],
      [0.35, 22],
      [0.6, 13],
    ]);
    if (keenness === 0) continue;
    plan.seriesSessions.forEach((session, seriesSessionIndex) => {
      if (session.startsAt <= member.joinedAt) return;
      const years = (session.startsAt.getTime() - member.joinedAt.getTime()) / YEAR_MS;
      const celebration = plan.series[session.seriesIndex]?.kind === 'celebration-event';
      const chance = (celebration ? keenness + 0.15 : keenness) * Math.pow(0.6, years);
      if (random.chance(chance))
        plan.communityAttendance.push({
          seriesSessionIndex,
          delegateIndex: member.delegateIndex,
          recordedAt: at(session.endsAt, random.between(10, 180) * MINUTE_MS),
        });
    });
  }
}

function toSession(
  cohortIndex: number,
  learningSetIndex: number | null,
  session: PlannedSession,
  title: string,
): PilotSession {
  return {
    cohortIndex,
    learningSetIndex,
    stageKey: session.stageKey,
    kind: session.kind,
    mode: session.mode,
    sequence: session.sequence,
    title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
  };
}

function makeDelegate(number: number, systemOdsCode: string, random: Random): PilotDelegate {
  const organisationOdsCode = random.weighted(EMPLOYERS[systemOdsCode] ?? [[systemOdsCode, 1]]);
  const staffGroup = random.weighted(
    Object.entries(STAFF_GROUP_PROFILES).map(
      ([group, profile]) => [group as StaffGroup, profile.weight] as const,
    ),
  );
  const profile = STAFF_GROUP_PROFILES[staffGroup];
  const socialCare = organisationOdsCode === 'SYNLS1';
  const veryseniorManager = staffGroup === 'Administrative and Clerical' && random.chance(0.02);
  const payScheme: PayScheme = socialCare
    ? 'non-nhs-or-social-care'
    : veryseniorManager
      ? 'very-senior-manager'
      : profile.payScheme;
  const managerNumber = random.int(1, 60);
  return {
    email: pilotEmail(number),
    fullName: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)} (synthetic)`,
    organisationOdsCode,
    jobTitle: veryseniorManager ? 'Director of operations' : random.pick(profile.jobTitles),
    staffGroup,
    payScheme,
    payBand: payScheme === 'agenda-for-change' && profile.bands ? random.weighted(profile.bands) : null,
    lineManagerName: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)} (synthetic)`,
    lineManagerEmail: `pilot.manager.${managerNumber}@${SYNTHETIC_EMAIL_DOMAIN}`,
    equality: random.chance(0.12)
      ? null
      : {
          ethnicCategory: random.chance(0.02) ? null : random.weighted(ETHNIC_CATEGORY_WEIGHTS),
          disability: random.weighted(DISABILITY_WEIGHTS),
          sex: random.weighted(SEX_WEIGHTS),
          ageBand: random.weighted(AGE_BAND_WEIGHTS),
        },
  };
}

/** `ms` after `base`, to the whole minute as the app's own records would look */
const at = (base: Date, ms: number) => new Date(Math.round((base.getTime() + ms) / MINUTE_MS) * MINUTE_MS);
const actionLearningSets = (schedule: PlannedSession[]) =>
  schedule.filter((session) => session.kind === 'action-learning-set');

function makeEnrolment(
  cohortIndex: number,
  delegateIndex: number,
  outcome: Outcome,
  schedule: PlannedSession[],
  random: Random,
): PilotEnrolment {
  const firstStart = (schedule[0] as PlannedSession).startsAt;
  const sets = actionLearningSets(schedule);
  const lastSetEnd = (sets[sets.length - 1] as PlannedSession).endsAt;
  const createdAt = at(firstStart, -random.between(12, 75) * DAY_MS);
  const base: PilotEnrolment = {
    cohortIndex,
    delegateIndex,
    learningSetIndex: null,
    status: 'confirmed',
    createdAt,
    statusChangedAt: createdAt,
    confirmedAt: at(createdAt, random.between(5, 600) * MINUTE_MS),
    waitlistedAt: null,
    offeredAt: null,
    offerExpiresAt: null,
    declinedAt: null,
    withdrawnAt: null,
    completedAt: null,
    didNotCompleteAt: null,
  };
  switch (outcome) {
    case 'declined': {
      const offeredAt = at(createdAt, random.between(2, 9) * DAY_MS);
      const declinedAt = at(offeredAt, random.between(2, 40) * 3_600_000);
      return {
        ...base,
        status: 'declined',
        confirmedAt: null,
        waitlistedAt: createdAt,
        offeredAt,
        offerExpiresAt: at(offeredAt, 48 * 3_600_000),
        declinedAt,
        statusChangedAt: declinedAt,
      };
    }
    case 'withdrawn-early': {
      const confirmedAt = base.confirmedAt as Date;
      const withdrawnAt = at(
        confirmedAt,
        random.uniform() * (firstStart.getTime() - confirmedAt.getTime()) * 0.9,
      );
      return { ...base, status: 'withdrawn', withdrawnAt, statusChangedAt: withdrawnAt };
    }
    case 'withdrawn-late': {
      const withdrawnAt = at(
        (sets[random.int(0, 1)] as PlannedSession).endsAt,
        random.between(1, 12) * DAY_MS,
      );
      return { ...base, status: 'withdrawn', withdrawnAt, statusChangedAt: withdrawnAt };
    }
    case 'did-not-complete': {
      const didNotCompleteAt = at(lastSetEnd, random.between(3, 21) * DAY_MS);
      return { ...base, status: 'did-not-complete', didNotCompleteAt, statusChangedAt: didNotCompleteAt };
    }
    case 'completed':
      return { ...base, status: 'completed' }; // completedAt is set with the attendance that met the rule
  }
}

function presentOrLate(random: Random): AttendanceStatus {
  return random.chance(0.06) ? 'late' : 'present';
}
function missed(random: Random): AttendanceStatus {
  return random.chance(0.6) ? 'apologies' : 'absent';
}

function addAttendance(
  plan: PilotPlan,
  enrolmentIndex: number,
  outcome: Outcome,
  schedule: PlannedSession[],
  sessionIndex: Map<string, number>,
  random: Random,
): void {
  if (outcome === 'withdrawn-early' || outcome === 'declined') return;
  const enrolment = plan.enrolments[enrolmentIndex] as PilotEnrolment;
  const record = (key: string, session: PlannedSession, status: AttendanceStatus): Date => {
    const selfCheckIn = status !== 'absent' && status !== 'apologies' && random.chance(0.3);
    const recordedAt = selfCheckIn
      ? at(session.startsAt, random.between(-10, 25) * MINUTE_MS)
      : at(session.endsAt, random.between(10, 240) * MINUTE_MS);
    plan.attendance.push({
      enrolmentIndex,
      sessionIndex: sessionIndex.get(key) as number,
      status,
      method: selfCheckIn ? 'self-check-in' : 'register',
      recordedAt,
    });
    return recordedAt;
  };
  const workshop = schedule.filter((session) => session.kind === 'workshop');
  const sets = actionLearningSets(schedule);
  const setKey = (session: PlannedSession) => `${enrolment.learningSetIndex}:${session.sequence}`;

  const missesDayTwo = outcome === 'did-not-complete' && random.chance(0.2);
  workshop.forEach((session, index) =>
    record(
      `${session.stageKey}#${session.sequence}`,
      session,
      missesDayTwo && index === workshop.length - 1 ? 'absent' : presentOrLate(random),
    ),
  );

  if (outcome === 'completed') {
    const skipped = random.chance(0.3) ? random.int(1, sets.length) : 0;
    let attended = 0;
    for (const session of sets) {
      const status = session.sequence === skipped ? missed(random) : presentOrLate(random);
      const recordedAt = record(setKey(session), session, status);
      if (status === 'present' || status === 'late') attended++;
      if (attended === 4 && !enrolment.completedAt) {
        enrolment.completedAt = recordedAt;
        enrolment.statusChangedAt = recordedAt;
      }
    }
    const communitySession = schedule.find((session) => session.kind === 'community-of-practice');
    if (communitySession && random.chance(0.35))
      record(
        `${communitySession.stageKey}#${communitySession.sequence}`,
        communitySession,
        presentOrLate(random),
      );
  } else if (outcome === 'did-not-complete') {
    const attendedCount = random.weighted<number>([
      [0, 20],
      [1, 25],
      [2, 30],
      [3, 25],
    ]);
    const attendedSequences = new Set(random.shuffle(sets.map((s) => s.sequence)).slice(0, attendedCount));
    for (const session of sets)
      record(
        setKey(session),
        session,
        attendedSequences.has(session.sequence) ? presentOrLate(random) : missed(random),
      );
  } else {
    // withdrawn after the workshop: the sets held before they left
    for (const session of sets)
      if (session.endsAt < (enrolment.withdrawnAt as Date))
        record(setKey(session), session, presentOrLate(random));
  }
}

// ── Questionnaires ─────────────────────────────────────────────────────────────────────────────────────────

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/** How a person's answers move, by item (likert-5 and 0–10 items; others are handled by type). */
// prettier-ignore
const LIKERT_MODELS: Record<string, { mean: number; change: Weighted<number> }> = {
  confidence_intervene: { mean: 2.9, change: [[-1, 6], [0, 24], [1, 46], [2, 20], [3, 4]] },
  likely_intervene: { mean: 3.4, change: [[-1, 6], [0, 38], [1, 42], [2, 14]] },
  safe_speak_up: { mean: 3.1, change: [[-1, 10], [0, 50], [1, 32], [2, 8]] },
};
export const FIVE_D_MEANS: Record<string, number> = {
  d_direct: 4.3,
  d_distract: 5.4,
  d_delegate: 6,
  d_delay: 5.6,
  d_document: 3.9,
};

type Trajectory = Record<JourneyStage, number | string | null>;

/** One person's answer to an item at each stage, so post moves from their own pre. */
function trajectory(item: InstrumentItem, confidence: number, random: Random): Trajectory {
  switch (item.type) {
    case 'likert-5': {
      const model = LIKERT_MODELS[item.code] ?? {
        mean: 3,
        change: [
          [-1, 8],
          [0, 40],
          [1, 40],
          [2, 12],
        ],
      };
      const pre = clamp(model.mean + 0.75 * confidence + random.normal(0, 0.45), 1, 5);
      if (item.retrospective) {
        // "Thinking back": most rate their past selves the same or lower than they did at the time
        const retro = clamp(
          pre +
            random.weighted([
              [-1, 35],
              [0, 55],
              [1, 10],
            ]),
          1,
          5,
        );
        return { pre: retro, post: retro, 'follow-up': retro };
      }
      const post = clamp(pre + random.weighted(model.change), 1, 5);
      return {
        pre,
        post,
        'follow-up': clamp(
          post +
            random.weighted([
              [-1, 25],
              [0, 65],
              [1, 10],
            ]),
          1,
          5,
        ),
      };
    }
    case 'scale-0-10': {
      const pre = clamp((FIVE_D_MEANS[item.code] ?? 5) + 1.7 * confidence + random.normal(0, 1.2), 0, 10);
      const post = clamp(pre + random.normal(2.1, 1.4), 0, 10);
      return { pre, post, 'follow-up': clamp(post + random.normal(-0.4, 1), 0, 10) };
    }
    case 'yes-no': {
      const pre = random.chance(0.52 + 0.08 * confidence) ? 1 : 0;
      const post = random.chance(pre ? 0.95 : 0.75) ? 1 : 0;
      return { pre, post, 'follow-up': random.chance(post ? 0.92 : 0.5) ? 1 : 0 };
    }
    case 'single-choice': {
      const option = random.pick(item.options ?? ['']);
      return { pre: option, post: option, 'follow-up': option };
    }
    case 'free-text':
      return {
        pre: random.chance(0.2) ? random.pick(DO_DIFFERENTLY) : null,
        post: random.chance(0.35) ? random.pick(DO_DIFFERENTLY) : null,
        'follow-up': random.chance(0.25) ? random.pick(DO_DIFFERENTLY) : null,
      };
  }
}

function addResponses(
  plan: PilotPlan,
  completedEnrolments: number[],
  instruments: Record<JourneyStage, InstrumentItem[]>,
  random: Random,
): void {
  const paired = new Set(random.shuffle(completedEnrolments).slice(0, PILOT_TARGETS.pairedPrePost));
  const stagesByEnrolment = plan.enrolments.map((enrolment, index): JourneyStage[] => {
    if (paired.has(index)) return random.chance(0.4) ? ['pre', 'post', 'follow-up'] : ['pre', 'post'];
    switch (enrolment.status) {
      case 'completed':
        // did not return one of the two questionnaires
        return random.chance(0.1) ? ['post'] : random.chance(0.72) ? ['pre'] : [];
      case 'did-not-complete':
        return random.chance(0.7) ? ['pre'] : [];
      case 'withdrawn':
        return random.chance(enrolment.learningSetIndex === null ? 0.35 : 0.7) ? ['pre'] : [];
      default:
        return [];
    }
  });

  plan.enrolments.forEach((enrolment, enrolmentIndex) => {
    const stages = stagesByEnrolment[enrolmentIndex] as JourneyStage[];
    if (stages.length === 0) return;
    const cohortSessions = plan.sessions.filter((session) => session.cohortIndex === enrolment.cohortIndex);
    const firstStart = cohortSessions[0]?.startsAt as Date;
    const lastSetEnd = cohortSessions
      .filter((session) => session.kind === 'action-learning-set')
      .reduce((latest, session) => (session.endsAt > latest ? session.endsAt : latest), firstStart);
    const confidence = random.normal();
    const answersByItem = new Map<string, Trajectory>();
    const answerFor = (item: InstrumentItem) => {
      const key = `${item.type}:${item.code}`;
      if (!answersByItem.has(key)) answersByItem.set(key, trajectory(item, confidence, random));
      return answersByItem.get(key) as Trajectory;
    };
    const preClosesAt =
      enrolment.withdrawnAt && enrolment.withdrawnAt < firstStart ? enrolment.withdrawnAt : firstStart;
    for (const stage of stages) {
      const submittedAt =
        stage === 'pre'
          ? at(
              enrolment.createdAt,
              random.between(0.05, 0.95) * (preClosesAt.getTime() - enrolment.createdAt.getTime()),
            )
          : stage === 'post'
            ? at(lastSetEnd, random.between(0.2, 35) * DAY_MS)
            : at(lastSetEnd, (91 + random.between(0.2, 25)) * DAY_MS);
      const answers: PilotAnswer[] = [];
      for (const item of instruments[stage]) {
        const value = answerFor(item)[stage];
        if (value === null || (!item.required && item.type !== 'free-text' && random.chance(0.05))) continue;
        answers.push({
          itemCode: item.code,
          valueNumber: typeof value === 'number' ? value : null,
          valueText: typeof value === 'string' ? value : null,
        });
      }
      plan.responses.push({ enrolmentIndex, stage, submittedAt, answers });
    }
  });
}

export interface PilotSummary {
  cohorts: number;
  delegates: number;
  certified: number;
  certifiedScaleUp: number;
  pairedPrePost: number;
  responses: number;
  answers: number;
}

/** Counts as a report would: certified = completed enrolments; paired = delegates with pre and post. */
export function summarisePilot(plan: PilotPlan): PilotSummary {
  const completed = plan.enrolments.filter((enrolment) => enrolment.status === 'completed');
  const stages = new Map<number, Set<JourneyStage>>();
  for (const response of plan.responses)
    stages.set(
      response.enrolmentIndex,
      (stages.get(response.enrolmentIndex) ?? new Set()).add(response.stage),
    );
  return {
    cohorts: plan.cohorts.length,
    delegates: plan.delegates.length,
    certified: completed.length,
    certifiedScaleUp: completed.filter((enrolment) => plan.cohorts[enrolment.cohortIndex]?.scaleUp).length,
    pairedPrePost: [...stages.values()].filter((set) => set.has('pre') && set.has('post')).length,
    responses: plan.responses.length,
    answers: plan.responses.reduce((sum, response) => sum + response.answers.length, 0),
  };
}
