/**
 * Calendar-date primitives.
 *
 * Dates are plain `YYYY-MM-DD` strings and all arithmetic is done on an integer
 * day number (days since 1970-01-01), so results never depend on the host's
 * local time zone or on daylight-saving changes.
 */

/** A calendar date, `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;

/** A wall-clock time, `HH:MM` in 24-hour form. */
export type WallTime = string;

/** ISO weekday number: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const length = lengths[month - 1];
  if (length === undefined) {
    throw new RangeError(`Month ${month} is out of range 1–12`);
  }
  return length;
}

/** True for a real calendar date written exactly as `YYYY-MM-DD` (e.g. rejects `2027-02-29`). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month);
}

/** Throws a RangeError naming the bad value unless it is a valid `YYYY-MM-DD` date. */
export function assertIsoDate(value: unknown, label = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw new RangeError(`${label}: "${String(value)}" is not a valid YYYY-MM-DD date`);
  }
}

export function parseIsoDate(date: IsoDate): DateParts {
  assertIsoDate(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  const text = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  assertIsoDate(text);
  return text;
}

/** True for `HH:MM` (00:00–23:59). */
export function isWallTime(value: unknown): value is WallTime {
  return typeof value === 'string' && WALL_TIME_PATTERN.test(value);
}

export function assertWallTime(value: unknown, label = 'time'): asserts value is WallTime {
  if (!isWallTime(value)) {
    throw new RangeError(`${label}: "${String(value)}" is not a valid HH:MM time`);
  }
}

/** Minutes after midnight for an `HH:MM` time. */
export function wallTimeToMinutes(time: WallTime): number {
  assertWallTime(time);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
 * `days_from_civil`): pure integer math, no `Date` involved.
 */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link toDayNumber} (Hinnant's `civil_from_days`). */
export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isInteger(dayNumber)) {
    throw new RangeError(`Day number ${dayNumber} is not an integer`);
  }
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate(year, month, day);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: IsoDate): boolean {
  return dayOfWeek(date) >= 6;
}

/** Adds (or with a negative `days`, subtracts) whole calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days');
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds whole calendar months, clamping the day to the end of a shorter month
 * (2027-01-31 + 1 month = 2027-02-28).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  assertInteger(months, 'months');
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return formatIsoDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Negative when `a` is before `b`, 0 when equal, positive when after (usable with `Array.sort`). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

function assertInteger(value: number, label: string): void {
  if (!Number.isInteger(value)) {
    throw new RangeError(`${label}: ${value} is not an integer`);
  }
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The `n`th `weekday` of a month: n = 1…5 counts from the start, n = -1…-5
 * from the end (-1 = last). Undefined when the month has no such occurrence
 * (e.g. a 5th Monday).
 */
export function weekdayOccurrenceInMonth(
  year: number,
  month: number,
  weekday: IsoWeekday,
  n: number,
): IsoDate | undefined {
  if (!Number.isInteger(n) || n === 0 || n < -5 || n > 5) {
    throw new RangeError(`n: ${n} must be 1–5 or -1–-5`);
  }
  const length = daysInMonth(year, month);
  const day =
    n > 0
      ? 1 + ((weekday - dayOfWeek(formatIsoDate(year, month, 1)) + 7) % 7) + (n - 1) * 7
      : length - ((dayOfWeek(formatIsoDate(year, month, length)) - weekday + 7) % 7) + (n + 1) * 7;
  return day >= 1 && day <= length ? formatIsoDate(year, month, day) : undefined;
}
