/**
 * Europe/London wall-clock time <-> UTC instants, using the time-zone data built
 * into `Intl` (no library, no dependence on the host's own zone).
 */
import { assertIsoDate, assertWallTime, IsoDate, parseIsoDate, WallTime } from './iso-date';

export const LONDON_TIME_ZONE = 'Europe/London';

export interface LondonWallClock {
  date: IsoDate;
  time: WallTime;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

let londonFormatter: Intl.DateTimeFormat | undefined;

/**
 * The UTC instant at which London clocks show `date` `time`.
 *
 * Follows RFC 5545 §3.3.5 at the clock changes:
 * - autumn (clocks go back, 01:00–01:59 happens twice): the first occurrence,
 *   i.e. still BST;
 * - spring (clocks go forward, 01:00–01:59 never happens): the offset from
 *   before the gap is used, so 01:30 becomes 02:30 BST.
 */
export function londonWallClockToUtc(date: IsoDate, time: WallTime): Date {
  assertIsoDate(date);
  assertWallTime(time);
  const wallMs = wallClockAsUtcMs(date, time);
  const offsetBefore = londonOffsetMinutes(new Date(wallMs - DAY_MS));
  const offsetAfter = londonOffsetMinutes(new Date(wallMs + DAY_MS));
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((instantMs) => wallClockAsUtcMsOf(new Date(instantMs)) === wallMs)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  return new Date(earliest ?? wallMs - offsetBefore * MINUTE_MS);
}

/** London wall-clock date and `HH:MM` time (seconds dropped) for an instant. */
export function utcToLondonWallClock(instant: Date): LondonWallClock {
  const parts = londonParts(instant);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** London's offset from UTC at `instant`, in minutes (0 for GMT, 60 for BST). */
export function londonOffsetMinutes(instant: Date): number {
  const wholeSecondMs = Math.floor(assertValidInstant(instant).getTime() / 1000) * 1000;
  return Math.round((wallClockAsUtcMsOf(instant) - wholeSecondMs) / MINUTE_MS);
}

/**
 * ISO 8601 with London's local offset, e.g. `2027-03-30T09:00:00+01:00`.
 * Sub-second precision is dropped.
 */
export function toIsoWithOffset(instant: Date): string {
  const parts = londonParts(instant);
  const offset = londonOffsetMinutes(instant);
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  const offsetText = `${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offsetText}`;
}

interface WallParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function londonParts(instant: Date): WallParts {
  const values: Partial<Record<keyof WallParts, string>> = {};
  for (const part of formatter().formatToParts(assertValidInstant(instant))) {
    if (isWallPartType(part.type)) values[part.type] = part.value;
  }
  const { year, month, day, hour, minute, second } = values;
  if (!year || !month || !day || !hour || !minute || !second) {
    throw new Error(`Could not read London wall-clock time for ${instant.toISOString()}`);
  }
  return { year: year.padStart(4, '0'), month, day, hour, minute, second };
}

/** The London wall-clock reading of `instant`, expressed as if it were UTC milliseconds. */
function wallClockAsUtcMsOf(instant: Date): number {
  const p = londonParts(instant);
  return utcMs(+p.year, +p.month, +p.day, +p.hour, +p.minute, +p.second);
}

function wallClockAsUtcMs(date: IsoDate, time: WallTime): number {
  const { year, month, day } = parseIsoDate(date);
  return utcMs(year, month, day, Number(time.slice(0, 2)), Number(time.slice(3, 5)), 0);
}

/** Like `Date.UTC`, but without its mapping of years 0–99 to 1900–1999. */
function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function formatter(): Intl.DateTimeFormat {
  londonFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: LONDON_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return londonFormatter;
}

function isWallPartType(type: string): type is keyof WallParts {
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].includes(type);
}

function assertValidInstant(instant: Date): Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('instant: not a valid Date');
  }
  return instant;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** A London wall-clock slot on one date, with its UTC instants. */
export interface LondonTimeSlot {
  date: IsoDate;
  startsAt: Date;
  endsAt: Date;
  /** e.g. `2027-03-30T09:00:00+01:00` */
  startsAtIso: string;
  endsAtIso: string;
}

/** The instants for `startTime`–`endTime` London time on `date`; `endTime` must be later than `startTime`. */
export function londonTimeSlot(date: IsoDate, startTime: WallTime, endTime: WallTime): LondonTimeSlot {
  assertWallTime(startTime, 'startTime');
  assertWallTime(endTime, 'endTime');
  if (endTime <= startTime) {
    throw new RangeError(`endTime: "${endTime}" must be later than startTime "${startTime}"`);
  }
  const startsAt = londonWallClockToUtc(date, startTime);
  const endsAt = londonWallClockToUtc(date, endTime);
  return {
    date,
    startsAt,
    endsAt,
    startsAtIso: toIsoWithOffset(startsAt),
    endsAtIso: toIsoWithOffset(endsAt),
  };
}
