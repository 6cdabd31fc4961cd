/**
 * Warnings (never refusals) about dates a lead chose: a bank holiday or weekend, action learning sets no longer
 * about a month apart, a workshop's days split over a weekend, a series that loses its weekday. A lead may have
 * good reason for any of these, so the change is kept and the warning says what to check.
 */
import type { SchedulingWarning } from '@upstand/contracts';
import { bankHolidayOn } from './bank-holidays';
import { addDays, compareDates, dayOfWeek, daysBetween, IsoDate, isWeekend } from './iso-date';
import { formatNhsDate } from './nhs-format';
import { HolidayHandling } from './recurrence';
import { onOrNextWorkingDay } from './working-days';

/** Action learning sets closer than this to the one before or after no longer read as "monthly". */
export const MIN_LEARNING_SET_GAP_DAYS = 21;
/** …and further apart than this leave a delegate too long between sets. */
export const MAX_LEARNING_SET_GAP_DAYS = 42;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** One of a cohort's scheduled sessions, by its London calendar date. */
export interface DatedSession {
  id: string;
  kind: string;
  /** London calendar date, YYYY-MM-DD */
  date: IsoDate;
  /** An action learning set's own sessions share a set id; null for whole-cohort sessions */
  setId?: string | null;
}

export interface ProposedMove {
  sessionId: string;
  /** The new London calendar date */
  date: IsoDate;
}

/** "Monday 3 May 2027" */
export function formatDayAndDate(date: IsoDate): string {
  return `${WEEKDAY_NAMES[dayOfWeek(date) - 1]} ${formatNhsDate(date)}`;
}

/** Day warnings for a single date: a bank holiday (named) or a weekend. */
export function dayWarnings(date: IsoDate, sessionId?: string): SchedulingWarning[] {
  const warnings: SchedulingWarning[] = [];
  const holiday = bankHolidayOn(date);
  if (holiday) {
    warnings.push({
      code: 'bank-holiday',
      message: `${formatDayAndDate(date)} is a bank holiday (${holiday.name}).`,
      ...(sessionId ? { sessionId } : {}),
    });
  }
  if (isWeekend(date)) {
    warnings.push({
      code: 'weekend',
      message: `${formatDayAndDate(date)} is at the weekend.`,
      ...(sessionId ? { sessionId } : {}),
    });
  }
  return warnings;
}

/**
 * What is odd about moving one of a cohort's sessions to a new date. `sessions` are the cohort's scheduled
 * sessions with their current dates (the moved one included); cancelled sessions should be left out.
 */
export function sessionMoveWarnings(
  sessions: readonly DatedSession[],
  move: ProposedMove,
): SchedulingWarning[] {
  const moved = sessions.find((session) => session.id === move.sessionId);
  if (!moved) throw new RangeError(`sessionId: ${move.sessionId} is not one of the sessions`);
  const after = sessions.map((session) =>
    session.id === moved.id ? { ...session, date: move.date } : session,
  );
  const warnings = dayWarnings(move.date, moved.id);
  if (moved.kind === 'action-learning-set') warnings.push(...learningSetSpacing(after, moved));
  if (moved.kind === 'workshop') warnings.push(...workshopSplit(after, moved));
  return warnings;
}

type Side = 'previous' | 'next';

function learningSetSpacing(
  sessions: readonly DatedSession[],
  moved: DatedSession,
  sides: readonly Side[] = ['previous', 'next'],
): SchedulingWarning[] {
  const group = sessions.filter(
    (session) => session.kind === 'action-learning-set' && (session.setId ?? null) === (moved.setId ?? null),
  );
  const { previous, self, next } = neighbours(group, moved.id);
  const warnings: SchedulingWarning[] = [];
  for (const [other, which] of [
    [previous, 'previous'],
    [next, 'next'],
  ] as const) {
    if (!other || !sides.includes(which)) continue;
    const gap = Math.abs(daysBetween(other.date, self.date));
    if (gap >= MIN_LEARNING_SET_GAP_DAYS && gap <= MAX_LEARNING_SET_GAP_DAYS) continue;
    const relation = which === 'previous' ? 'after the previous set' : 'before the next set';
    warnings.push({
      code: 'learning-set-spacing',
      message:
        `This action learning set is ${days(gap)} ${relation} (${formatDayAndDate(other.date)}). ` +
        'Sets are meant to be about a month apart.',
      sessionId: moved.id,
    });
  }
  return warnings;
}

function workshopSplit(
  sessions: readonly DatedSession[],
  moved: DatedSession,
  sides: readonly Side[] = ['previous', 'next'],
): SchedulingWarning[] {
  const workshopDays = sessions.filter((session) => session.kind === 'workshop');
  const { previous, self, next } = neighbours(workshopDays, moved.id);
  const warnings: SchedulingWarning[] = [];
  for (const [first, second, side] of [
    [previous, self, 'previous'],
    [self, next, 'next'],
  ] as const) {
    if (!first || !second || !sides.includes(side)) continue;
    const gap = daysBetween(first.date, second.date);
    if (gap <= 1) continue;
    const between = Array.from({ length: gap - 1 }, (_, index) => addDays(first.date, index + 1));
    const how = between.some(isWeekend) ? 'over a weekend' : `with ${days(gap - 1)} between them`;
    warnings.push({
      code: 'workshop-split',
      message:
        `The workshop is split ${how}: ${formatDayAndDate(first.date)} and ${formatDayAndDate(second.date)}. ` +
        'Its days are meant to run back to back.',
      sessionId: moved.id,
    });
  }
  return warnings;
}

/** The sessions either side of `id` once the group is in date order (ties keep their given order). */
function neighbours(
  group: readonly DatedSession[],
  id: string,
): { previous?: DatedSession; self: DatedSession; next?: DatedSession } {
  const ordered = [...group].sort((a, b) => compareDates(a.date, b.date));
  const index = ordered.findIndex((session) => session.id === id);
  const self = ordered[index];
  if (!self) throw new RangeError(`sessionId: ${id} is not in its group`);
  return { previous: ordered[index - 1], self, next: ordered[index + 1] };
}

/**
 * What is odd about a whole schedule, e.g. a new cohort's generated sessions: a workshop whose days fall either
 * side of Easter, or sets pushed out of their monthly rhythm. Each problem is named once, against the later
 * session of the pair.
 */
export function scheduleWarnings(sessions: readonly DatedSession[]): SchedulingWarning[] {
  const warnings = sessions.flatMap((session) => dayWarnings(session.date, session.id));
  for (const session of sessions) {
    if (session.kind === 'action-learning-set')
      warnings.push(...learningSetSpacing(sessions, session, ['previous']));
    if (session.kind === 'workshop') warnings.push(...workshopSplit(sessions, session, ['previous']));
  }
  return warnings;
}

/**
 * What a series' holiday rule did to the dates its recurrence rule gave (`ruleDates`, in order, exceptions
 * already removed). Moving a session to the next working day changes its weekday, so the series must say so.
 */
export function seriesWarnings(
  ruleDates: readonly IsoDate[],
  onBankHoliday: HolidayHandling | 'keep',
): SchedulingWarning[] {
  const warnings: SchedulingWarning[] = [];
  ruleDates.forEach((date, index) => {
    const holiday = bankHolidayOn(date);
    if (holiday) {
      const day = `${formatDayAndDate(date)} is a bank holiday (${holiday.name})`;
      if (onBankHoliday === 'next-working-day') {
        const movedTo = onOrNextWorkingDay(date);
        warnings.push({
          code: 'series-weekday-moved',
          message: `${day}, so that session moves to ${formatDayAndDate(movedTo)}: a ${WEEKDAY_NAMES[dayOfWeek(movedTo) - 1]}, not a ${WEEKDAY_NAMES[dayOfWeek(date) - 1]}.`,
        });
      } else if (onBankHoliday === 'skip') {
        const start = index === 0 ? ruleDates.find((other) => !bankHolidayOn(other)) : undefined;
        warnings.push({
          code: 'bank-holiday',
          message:
            `${day}, so there is no session that day.` +
            (index === 0 && start ? ` The series starts on ${formatDayAndDate(start)} instead.` : ''),
        });
      } else {
        warnings.push({ code: 'bank-holiday', message: `${day}; the session is kept on that day.` });
      }
    }
    if (isWeekend(date))
      warnings.push({ code: 'weekend', message: `${formatDayAndDate(date)} is at the weekend.` });
  });
  return warnings;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}
