import { Pipe, PipeTransform } from '@angular/core';
import {
  addDays,
  dayOfWeek,
  formatClockTime,
  isIsoDate,
  IsoDate,
  londonWallClockToUtc,
  toIsoWithOffset,
  utcToLondonWallClock,
} from '@upstand/schedule';
import { formatNhsDate } from './nhs-date.pipe';

/**
 * Sessions happen in England: every date and time is shown as London wall-clock time, whatever the time zone of
 * the browser, and what a lead types in is read as London time.
 */

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** The London calendar date of an instant (ISO 8601 with any offset). */
export function londonDate(instant: string): IsoDate {
  return utcToLondonWallClock(new Date(instant)).date;
}

/** The London `HH:MM` time of an instant. */
export function londonTime(instant: string): string {
  return utcToLondonWallClock(new Date(instant)).time;
}

/** Today's date in London. */
export function londonToday(now: Date = new Date()): IsoDate {
  return utcToLondonWallClock(now).date;
}

/** "Thursday 25 March 2027" for 2027-03-25. */
export function formatLongDate(date: IsoDate): string {
  if (!isIsoDate(date)) return date;
  return `${WEEKDAYS[dayOfWeek(date) - 1]} ${formatNhsDate(date)}`;
}

/** "9:00am", "4:30pm", "midday", "midnight" for HH:MM, as the NHS style guide writes times. */
export { formatClockTime };

/** "Thursday 25 March 2027, 9:00am to 4:30pm"; both dates are given when a session crosses midnight. */
export function formatLondonRange(startsAt: string, endsAt: string): string {
  const start = utcToLondonWallClock(new Date(startsAt));
  const end = utcToLondonWallClock(new Date(endsAt));
  const from = `${formatLongDate(start.date)}, ${formatClockTime(start.time)}`;
  if (end.date === start.date) return `${from} to ${formatClockTime(end.time)}`;
  return `${from} to ${formatLongDate(end.date)}, ${formatClockTime(end.time)}`;
}

/** "9:00am to 4:30pm" in London time. */
export function formatLondonTimes(startsAt: string, endsAt: string): string {
  return `${formatClockTime(londonTime(startsAt))} to ${formatClockTime(londonTime(endsAt))}`;
}

/**
 * The instant London clocks show `date` `time`, as ISO 8601 with London's offset on that day, e.g.
 * `2027-03-29T09:00:00+01:00`. At the clock changes it follows the schedule library (RFC 5545).
 */
export function londonIso(date: IsoDate, time: string): string {
  return toIsoWithOffset(londonWallClockToUtc(date, time));
}

/** The first day of the month of `date`. */
export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/** The Monday on or before `date`. */
export function startOfWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - dayOfWeek(date));
}

/** "9:00am on Thursday 25 March 2027" for an instant. */
export function formatLondonDateTime(instant: string): string {
  return `${formatClockTime(londonTime(instant))} on ${formatLongDate(londonDate(instant))}`;
}

/** "Thursday 25 March 2027" for an instant. */
@Pipe({ name: 'londonDate' })
export class LondonDatePipe implements PipeTransform {
  transform(instant: string | null | undefined): string {
    return instant ? formatLongDate(londonDate(instant)) : '';
  }
}

/** "9:00am to 4:30pm" for a start and end instant. */
@Pipe({ name: 'londonTimes' })
export class LondonTimesPipe implements PipeTransform {
  transform(startsAt: string | null | undefined, endsAt: string | null | undefined): string {
    return startsAt && endsAt ? formatLondonTimes(startsAt, endsAt) : '';
  }
}

/** "Thursday 25 March 2027, 9:00am to 4:30pm" for a start and end instant. */
@Pipe({ name: 'londonRange' })
export class LondonRangePipe implements PipeTransform {
  transform(startsAt: string | null | undefined, endsAt: string | null | undefined): string {
    return startsAt && endsAt ? formatLondonRange(startsAt, endsAt) : '';
  }
}

/** "9:00am on Thursday 25 March 2027" for an instant. */
@Pipe({ name: 'londonDateTime' })
export class LondonDateTimePipe implements PipeTransform {
  transform(instant: string | null | undefined): string {
    return instant ? formatLondonDateTime(instant) : '';
  }
}
