/**
 * Generates a cohort's planned sessions from a journey template: every session
 * lands on a working day (Mon–Fri, not a bank holiday or extra closure day) and
 * carries UTC instants for its London wall-clock times.
 */
import { ExtraHolidays } from './bank-holidays';
import { addDays, assertIsoDate, isWallTime, IsoDate, WallTime } from './iso-date';
import { londonTimeSlot } from './london-time';
import { monthlyPatternOf, patternDateInMonth } from './monthly-pattern';
import { nextWorkingDay, onOrNextWorkingDay } from './working-days';

export type SessionKind =
  | 'workshop'
  | 'action-learning-set'
  | 'community-of-practice'
  | 'celebration-event'
  | 'leadership-development'
  | 'train-the-trainer'
  | 'line-manager-webinar'
  | 'sponsor-meeting';

export type SessionMode = 'in-person' | 'virtual';

/**
 * How a session's date is derived. Every computed date is moved forward to a
 * working day if it is not one.
 */
export type SpacingRule =
  /** The cohort start date. Only valid as `firstSession`. */
  | { kind: 'start' }
  /** The working day after the previous session of the template (as `thenEvery`: of this stage). */
  | { kind: 'next-working-day' }
  /**
   * As `firstSession`: `weeks` after a session of another stage — by default
   * the first session of the previous stage. `stageKey` picks an earlier stage
   * instead and `from: 'last-session'` measures from that stage's last session.
   * As `thenEvery`: every `weeks` weeks after this stage's first session.
   */
  | {
      kind: 'weeks-after-previous-stage';
      weeks: number;
      stageKey?: string;
      from?: 'first-session' | 'last-session';
    }
  /**
   * As `thenEvery`: monthly on the same weekday and week of the month as the
   * stage's first session. As `firstSession`: the same pattern, one month
   * after the previous session of the template.
   */
  | { kind: 'monthly-same-weekday' };

export interface TemplateStage {
  /** Unique within the template. */
  key: string;
  title: string;
  kind: SessionKind;
  sessionCount: number;
  mode: SessionMode;
  /** London wall-clock time. */
  startTime: WallTime;
  endTime: WallTime;
  firstSession: SpacingRule;
  /** Required when `sessionCount` > 1. */
  thenEvery?: SpacingRule;
}

export interface JourneyTemplate {
  stages: TemplateStage[];
}

export interface PlannedSession {
  stageKey: string;
  kind: SessionKind;
  mode: SessionMode;
  /** 1-based within the stage. */
  sequence: number;
  title: string;
  date: IsoDate;
  startsAt: Date;
  endsAt: Date;
  /** London local time with offset, e.g. `2027-03-30T09:00:00+01:00`. */
  startsAtIso: string;
  endsAtIso: string;
}

export interface GenerateScheduleOptions {
  /** Closure days to avoid on top of England and Wales bank holidays. */
  extraHolidays?: ExtraHolidays;
}

/** A template that cannot produce a schedule; the message names the stage. */
export class JourneyTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JourneyTemplateError';
  }
}

const ACTION_LEARNING_SETS: TemplateStage = {
  key: 'action-learning-sets',
  title: 'Action learning set',
  kind: 'action-learning-set',
  sessionCount: 5,
  mode: 'virtual',
  startTime: '10:00',
  endTime: '11:30',
  firstSession: { kind: 'weeks-after-previous-stage', weeks: 4, stageKey: 'workshop-day-1' },
  thenEvery: { kind: 'monthly-same-weekday' },
};

const COMMUNITY_OF_PRACTICE: TemplateStage = {
  key: 'community-of-practice',
  title: 'Community of practice catch-up',
  kind: 'community-of-practice',
  sessionCount: 1,
  mode: 'virtual',
  startTime: '12:30',
  endTime: '13:30',
  firstSession: { kind: 'weeks-after-previous-stage', weeks: 4, from: 'last-session' },
  thenEvery: { kind: 'monthly-same-weekday' },
};

/**
 * The standard programme: a two-part in-person workshop, five monthly virtual
 * action learning sets starting about four weeks after the workshop's first
 * day, then the first monthly community-of-practice catch-up.
 */
export const DEFAULT_ACTIVE_BYSTANDER_TEMPLATE: JourneyTemplate = {
  stages: [
    {
      key: 'workshop-day-1',
      title: 'Active Bystander workshop: day 1',
      kind: 'workshop',
      sessionCount: 1,
      mode: 'in-person',
      startTime: '09:00',
      endTime: '16:30',
      firstSession: { kind: 'start' },
    },
    {
      key: 'workshop-day-2',
      title: 'Active Bystander workshop: day 2',
      kind: 'workshop',
      sessionCount: 1,
      mode: 'in-person',
      startTime: '09:00',
      endTime: '12:30',
      firstSession: { kind: 'next-working-day' },
    },
    ACTION_LEARNING_SETS,
    COMMUNITY_OF_PRACTICE,
  ],
};

/** As the default, with a single full-day workshop. */
export const ONE_DAY_WORKSHOP_TEMPLATE: JourneyTemplate = {
  stages: [
    {
      key: 'workshop',
      title: 'Active Bystander workshop',
      kind: 'workshop',
      sessionCount: 1,
      mode: 'in-person',
      startTime: '09:00',
      endTime: '16:30',
      firstSession: { kind: 'start' },
    },
    { ...ACTION_LEARNING_SETS, firstSession: { kind: 'weeks-after-previous-stage', weeks: 4 } },
    COMMUNITY_OF_PRACTICE,
  ],
};

/** Plans every session of `template` for a cohort starting on `startDate`, in template order. */
export function generateSchedule(
  template: JourneyTemplate,
  startDate: IsoDate,
  options: GenerateScheduleOptions = {},
): PlannedSession[] {
  assertIsoDate(startDate, 'startDate');
  validateTemplate(template);
  const planned = new Map<string, IsoDate[]>();
  const sessions: PlannedSession[] = [];
  template.stages.forEach((stage, index) => {
    const context: StageContext = {
      stage,
      startDate,
      previousStage: template.stages[index - 1],
      planned,
      previousSessionDate: sessions[sessions.length - 1]?.date,
      extraHolidays: options.extraHolidays,
    };
    const dates = stageDates(context);
    planned.set(stage.key, dates);
    dates.forEach((date, i) => sessions.push(toPlannedSession(stage, i + 1, date)));
  });
  return sessions;
}

/** Throws {@link JourneyTemplateError} describing the first problem found. */
export function validateTemplate(template: JourneyTemplate): void {
  const seen = new Set<string>();
  template.stages.forEach((stage, index) => {
    const where = `Stage "${stage.key}"`;
    if (!stage.key || seen.has(stage.key))
      throw new JourneyTemplateError(`${where}: key must be unique and non-empty`);
    if (!Number.isInteger(stage.sessionCount) || stage.sessionCount < 1) {
      throw new JourneyTemplateError(`${where}: sessionCount must be a whole number of 1 or more`);
    }
    if (!isWallTime(stage.startTime) || !isWallTime(stage.endTime) || stage.endTime <= stage.startTime) {
      throw new JourneyTemplateError(`${where}: times must be HH:MM with endTime after startTime`);
    }
    if (stage.sessionCount > 1 && !stage.thenEvery) {
      throw new JourneyTemplateError(`${where}: thenEvery is required when sessionCount > 1`);
    }
    if (stage.thenEvery?.kind === 'start')
      throw new JourneyTemplateError(`${where}: thenEvery cannot be "start"`);
    validateFirstSessionRule(stage.firstSession, index, seen, where);
    validateWeeks(stage.firstSession, where);
    if (stage.thenEvery) validateWeeks(stage.thenEvery, where);
    seen.add(stage.key);
  });
}

interface StageContext {
  stage: TemplateStage;
  startDate: IsoDate;
  previousStage: TemplateStage | undefined;
  planned: ReadonlyMap<string, IsoDate[]>;
  previousSessionDate: IsoDate | undefined;
  extraHolidays: ExtraHolidays | undefined;
}

function stageDates(context: StageContext): IsoDate[] {
  const first = firstSessionDate(context);
  const dates = [first];
  const rule = context.stage.thenEvery;
  for (let sequence = 2; rule && sequence <= context.stage.sessionCount; sequence++) {
    dates.push(
      laterSessionDate(rule, first, dates[dates.length - 1] ?? first, sequence, context.extraHolidays),
    );
  }
  return dates;
}

function firstSessionDate(context: StageContext): IsoDate {
  const { stage, extraHolidays } = context;
  const rule = stage.firstSession;
  switch (rule.kind) {
    case 'start':
      return onOrNextWorkingDay(context.startDate, extraHolidays);
    case 'next-working-day':
      return nextWorkingDay(requirePreviousSession(context), extraHolidays);
    case 'weeks-after-previous-stage':
      return onOrNextWorkingDay(addDays(referenceStageDate(context, rule), rule.weeks * 7), extraHolidays);
    case 'monthly-same-weekday': {
      const previous = requirePreviousSession(context);
      return onOrNextWorkingDay(patternDateInMonth(previous, monthlyPatternOf(previous), 1), extraHolidays);
    }
  }
}

function laterSessionDate(
  rule: SpacingRule,
  first: IsoDate,
  previous: IsoDate,
  sequence: number,
  extraHolidays: ExtraHolidays | undefined,
): IsoDate {
  switch (rule.kind) {
    case 'next-working-day':
      return nextWorkingDay(previous, extraHolidays);
    case 'weeks-after-previous-stage':
      return onOrNextWorkingDay(addDays(first, (sequence - 1) * rule.weeks * 7), extraHolidays);
    case 'monthly-same-weekday':
      return onOrNextWorkingDay(
        patternDateInMonth(first, monthlyPatternOf(first), sequence - 1),
        extraHolidays,
      );
    case 'start':
      throw new JourneyTemplateError('thenEvery cannot be "start"');
  }
}

function referenceStageDate(
  context: StageContext,
  rule: Extract<SpacingRule, { kind: 'weeks-after-previous-stage' }>,
): IsoDate {
  const key = rule.stageKey ?? context.previousStage?.key;
  const dates = key === undefined ? undefined : context.planned.get(key);
  const date = rule.from === 'last-session' ? dates?.[dates.length - 1] : dates?.[0];
  if (date === undefined) {
    throw new JourneyTemplateError(`Stage "${context.stage.key}": no earlier stage to count weeks from`);
  }
  return date;
}

function requirePreviousSession(context: StageContext): IsoDate {
  if (context.previousSessionDate === undefined) {
    throw new JourneyTemplateError(`Stage "${context.stage.key}": there is no previous session to follow`);
  }
  return context.previousSessionDate;
}

function toPlannedSession(stage: TemplateStage, sequence: number, date: IsoDate): PlannedSession {
  const slot = londonTimeSlot(date, stage.startTime, stage.endTime);
  return {
    stageKey: stage.key,
    kind: stage.kind,
    mode: stage.mode,
    sequence,
    title: stage.title,
    date,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    startsAtIso: slot.startsAtIso,
    endsAtIso: slot.endsAtIso,
  };
}

function validateFirstSessionRule(
  rule: SpacingRule,
  index: number,
  earlierKeys: Set<string>,
  where: string,
): void {
  const needsEarlierSession = rule.kind !== 'start';
  if (needsEarlierSession && index === 0) {
    throw new JourneyTemplateError(`${where}: the first stage must use firstSession "start"`);
  }
  if (
    rule.kind === 'weeks-after-previous-stage' &&
    rule.stageKey !== undefined &&
    !earlierKeys.has(rule.stageKey)
  ) {
    throw new JourneyTemplateError(`${where}: stageKey "${rule.stageKey}" is not an earlier stage`);
  }
}

function validateWeeks(rule: SpacingRule, where: string): void {
  if (rule.kind === 'weeks-after-previous-stage' && (!Number.isInteger(rule.weeks) || rule.weeks < 1)) {
    throw new JourneyTemplateError(`${where}: weeks must be a whole number of 1 or more`);
  }
}
