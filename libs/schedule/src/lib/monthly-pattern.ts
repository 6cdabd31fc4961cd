/**
 * "Same weekday and week of the month" series, e.g. "the 4th Thursday of each
 * month", as used for action learning sets and community-of-practice catch-ups.
 */
import { ExtraHolidays } from './bank-holidays';
import {
  addMonths,
  assertIsoDate,
  dayOfWeek,
  IsoDate,
  IsoWeekday,
  parseIsoDate,
  weekdayOccurrenceInMonth,
} from './iso-date';
import { onOrNextWorkingDay } from './working-days';

/** Which occurrence of a weekday in its month: 1st–4th, or -1 for the last. */
export type WeekOfMonth = 1 | 2 | 3 | 4 | -1;

export interface MonthlyWeekdayPattern {
  weekday: IsoWeekday;
  week: WeekOfMonth;
}

export interface MonthlySameWeekdayOptions {
  /** Closure days to avoid on top of bank holidays. */
  extraHolidays?: ExtraHolidays;
  /** Make the anchor's own month the first date of the series (default false: start the month after). */
  includeAnchor?: boolean;
}

/**
 * The `n`th `weekday` (1 = Monday … 7 = Sunday) of `month` (1–12); n = -1 is
 * the last. Every month has a 1st–4th and a last of each weekday, so this
 * always returns a date.
 */
export function nthWeekdayOfMonth(year: number, month: number, weekday: IsoWeekday, n: WeekOfMonth): IsoDate {
  if (![1, 2, 3, 4, -1].includes(n)) throw new RangeError(`n: ${n} must be 1–4 or -1 (last)`);
  const date = weekdayOccurrenceInMonth(year, month, weekday, n);
  if (date === undefined)
    throw new RangeError(`No occurrence ${n} of weekday ${weekday} in ${year}-${month}`);
  return date;
}

/**
 * The weekday and week of the month of `date`. A 5th occurrence becomes
 * "last" (-1) because most months have no 5th one.
 */
export function monthlyPatternOf(date: IsoDate): MonthlyWeekdayPattern {
  const week = Math.ceil(parseIsoDate(date).day / 7);
  return { weekday: dayOfWeek(date), week: week === 5 ? -1 : (week as WeekOfMonth) };
}

/** The date matching `pattern` in the month `monthsAfter` months after `anchor`'s month. */
export function patternDateInMonth(
  anchor: IsoDate,
  pattern: MonthlyWeekdayPattern,
  monthsAfter: number,
): IsoDate {
  const { year, month } = parseIsoDate(addMonths(firstOfMonth(anchor), monthsAfter));
  return nthWeekdayOfMonth(year, month, pattern.weekday, pattern.week);
}

/**
 * `count` monthly dates on the same weekday and week of the month as `anchor`
 * (Thursday 22 April 2027, the 4th Thursday → 4th Thursday of May, June …).
 * A date on a weekend, bank holiday or extra closure day moves to the next
 * working day; the pattern itself is unaffected, so later months do not drift.
 */
export function monthlySameWeekday(
  anchor: IsoDate,
  count: number,
  options: MonthlySameWeekdayOptions = {},
): IsoDate[] {
  assertIsoDate(anchor, 'anchor');
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count: ${count} must be a whole number ≥ 0`);
  const pattern = monthlyPatternOf(anchor);
  const firstOffset = options.includeAnchor ? 0 : 1;
  return Array.from({ length: count }, (_, i) =>
    onOrNextWorkingDay(patternDateInMonth(anchor, pattern, firstOffset + i), options.extraHolidays),
  );
}

function firstOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01`;
}
