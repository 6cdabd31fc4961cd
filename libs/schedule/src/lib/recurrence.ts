/**
 * A small, date-only subset of RFC 5545 recurrence rules, enough for
 * stand-alone series such as "first Wednesday of each month, 12:30–13:30".
 *
 * Supported rule parts (any order, names case-insensitive, optional `RRULE:` prefix):
 * - `FREQ=WEEKLY|MONTHLY` (required)
 * - `INTERVAL=n` (default 1)
 * - `BYDAY=MO,WE` (WEEKLY or MONTHLY) or `BYDAY=1WE`, `-1FR` (MONTHLY only; ordinals ±1–5)
 * - `BYMONTHDAY=15`, `-1` (MONTHLY only; months without that day are skipped)
 * - `COUNT=n` or `UNTIL=YYYYMMDD` (inclusive), not both
 *
 * Expansion follows the RFC: DTSTART is always the first occurrence, COUNT
 * counts occurrences before EXDATEs are removed, RDATEs are added on top, and
 * bank holidays are NOT skipped — use {@link skipOrMoveHolidays} for that.
 * WKST is always Monday.
 */
import { ExtraHolidays, isBankHoliday } from './bank-holidays';
import {
  addDays,
  addMonths,
  assertIsoDate,
  compareDates,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  IsoDate,
  isIsoDate,
  IsoWeekday,
  parseIsoDate,
  weekdayOccurrenceInMonth,
  WallTime,
} from './iso-date';
import { LondonTimeSlot, londonTimeSlot } from './london-time';
import { onOrNextWorkingDay } from './working-days';

export type RecurrenceFrequency = 'WEEKLY' | 'MONTHLY';

export interface ByDay {
  weekday: IsoWeekday;
  /** 1–5 or -1…-5 (MONTHLY only): "1st Wednesday", "last Friday". Absent = every such weekday. */
  ordinal?: number;
}

export interface RecurrenceRule {
  freq: RecurrenceFrequency;
  interval: number;
  byDay?: ByDay[];
  byMonthDay?: number[];
  count?: number;
  /** Last possible occurrence date, inclusive. */
  until?: IsoDate;
}

export interface ExpandWindow {
  /** First date to return (inclusive). Occurrences before it still count towards COUNT. */
  from: IsoDate;
  /** Last date to return (inclusive); also bounds rules with neither COUNT nor UNTIL. */
  to: IsoDate;
  /** Dates removed from the series. */
  exdates?: readonly IsoDate[];
  /** Dates added to the series. */
  rdates?: readonly IsoDate[];
}

export type HolidayHandling = 'skip' | 'next-working-day';

/** A rule that could not be parsed or is not in the supported subset; `part` names the rule part. */
export class RecurrenceRuleError extends Error {
  constructor(
    readonly part: string,
    detail: string,
  ) {
    super(`${part}: ${detail}`);
    this.name = 'RecurrenceRuleError';
  }
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const BY_DAY_PATTERN = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const SUPPORTED_PARTS = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL'] as const;
type RulePart = (typeof SUPPORTED_PARTS)[number];

/** Parses an RRULE value such as `FREQ=MONTHLY;BYDAY=1WE;COUNT=12`. Throws {@link RecurrenceRuleError}. */
export function parseRRule(text: string): RecurrenceRule {
  const parts = splitRuleParts(text);
  const freq = parts.get('FREQ');
  if (freq === undefined) throw new RecurrenceRuleError('FREQ', 'is required');
  const rule: RecurrenceRule = { freq: parseFrequency(freq), interval: 1 };
  for (const [name, value] of parts) {
    applyRulePart(rule, name, value);
  }
  validateRRule(rule);
  return rule;
}

/** Formats a rule in canonical part order; `INTERVAL=1` is left out. */
export function formatRRule(rule: RecurrenceRule): string {
  validateRRule(rule);
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay?.length) parts.push(`BYDAY=${rule.byDay.map(formatByDay).join(',')}`);
  if (rule.byMonthDay?.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) parts.push(`UNTIL=${rule.until.replace(/-/g, '')}`);
  return parts.join(';');
}

/** Throws {@link RecurrenceRuleError} if a rule object is outside the supported subset. */
export function validateRRule(rule: RecurrenceRule): void {
  if (rule.freq !== 'WEEKLY' && rule.freq !== 'MONTHLY') {
    throw new RecurrenceRuleError('FREQ', `"${String(rule.freq)}" is not supported (use WEEKLY or MONTHLY)`);
  }
  requirePositiveInteger('INTERVAL', rule.interval);
  if (rule.count !== undefined) requirePositiveInteger('COUNT', rule.count);
  if (rule.until !== undefined && !isIsoDate(rule.until)) {
    throw new RecurrenceRuleError('UNTIL', `"${rule.until}" is not a valid date`);
  }
  if (rule.count !== undefined && rule.until !== undefined) {
    throw new RecurrenceRuleError('COUNT', 'cannot be combined with UNTIL');
  }
  for (const byDay of rule.byDay ?? []) validateByDay(rule.freq, byDay);
  if (rule.byMonthDay?.length && rule.freq !== 'MONTHLY') {
    throw new RecurrenceRuleError('BYMONTHDAY', 'is only allowed with FREQ=MONTHLY');
  }
  for (const day of rule.byMonthDay ?? []) validateMonthDay(String(day), day);
}

/**
 * Occurrence dates of `rule` starting at `dtstart`, limited to `window`,
 * minus EXDATEs plus RDATEs, sorted and without duplicates.
 */
export function expandRRule(
  dtstart: IsoDate,
  rule: RecurrenceRule | string,
  window: ExpandWindow,
): IsoDate[] {
  assertIsoDate(dtstart, 'DTSTART');
  assertIsoDate(window.from, 'from');
  assertIsoDate(window.to, 'to');
  const parsed = typeof rule === 'string' ? parseRRule(rule) : rule;
  validateRRule(parsed);
  const excluded = new Set(window.exdates ?? []);
  excluded.forEach((date) => assertIsoDate(date, 'EXDATE'));
  const added = (window.rdates ?? []).filter((date) => {
    assertIsoDate(date, 'RDATE');
    return inWindow(date, window);
  });
  const fromRule = ruleOccurrences(dtstart, parsed, window.to).filter((date) => inWindow(date, window));
  return [...new Set([...fromRule, ...added])].filter((date) => !excluded.has(date)).sort(compareDates);
}

/**
 * Applies a holiday policy to already-expanded dates: `skip` drops dates on a
 * bank holiday (or extra closure day); `next-working-day` moves them to the
 * next working day. Other dates — weekends included — are left alone. The
 * result is sorted and without duplicates.
 */
export function skipOrMoveHolidays(
  dates: readonly IsoDate[],
  mode: HolidayHandling,
  extraHolidays?: ExtraHolidays,
): IsoDate[] {
  const result = dates.flatMap((date): IsoDate[] => {
    if (!isBankHoliday(date, extraHolidays)) return [date];
    return mode === 'skip' ? [] : [onOrNextWorkingDay(date, extraHolidays)];
  });
  return [...new Set(result)].sort(compareDates);
}

/** A stand-alone recurring series with a London wall-clock time slot. */
export interface RecurringSeries {
  dtstart: IsoDate;
  rrule: RecurrenceRule | string;
  startTime: WallTime;
  endTime: WallTime;
  exdates?: readonly IsoDate[];
  rdates?: readonly IsoDate[];
  /** Omit to keep RFC semantics (holidays not skipped). */
  holidays?: HolidayHandling;
  extraHolidays?: ExtraHolidays;
}

/** The timed occurrences of a series between `from` and `to` (inclusive). */
export function expandSeries(series: RecurringSeries, from: IsoDate, to: IsoDate): LondonTimeSlot[] {
  const dates = expandRRule(series.dtstart, series.rrule, {
    from,
    to,
    exdates: series.exdates,
    rdates: series.rdates,
  });
  const adjusted = series.holidays ? skipOrMoveHolidays(dates, series.holidays, series.extraHolidays) : dates;
  return adjusted.map((date) => londonTimeSlot(date, series.startTime, series.endTime));
}

// ---------------------------------------------------------------- expansion

/** Rule occurrences in order, up to `horizon`, COUNT or UNTIL, whichever comes first. */
function ruleOccurrences(dtstart: IsoDate, rule: RecurrenceRule, horizon: IsoDate): IsoDate[] {
  const last = rule.until !== undefined && compareDates(rule.until, horizon) < 0 ? rule.until : horizon;
  const limit = rule.count ?? Number.POSITIVE_INFINITY;
  const occurrences: IsoDate[] = [];
  const accept = (date: IsoDate): boolean => {
    if (compareDates(date, last) > 0 || occurrences.length >= limit) return false;
    if (occurrences[occurrences.length - 1] !== date) occurrences.push(date);
    return true;
  };
  accept(dtstart); // RFC 5545: DTSTART is always the first occurrence.
  for (let period = 0; ; period++) {
    const periodStart = periodStartDate(dtstart, rule, period);
    if (compareDates(periodStart, last) > 0 || occurrences.length >= limit) break;
    for (const date of candidatesInPeriod(dtstart, rule, periodStart)) {
      if (compareDates(date, dtstart) > 0 && !accept(date)) break;
    }
  }
  return occurrences;
}

function periodStartDate(dtstart: IsoDate, rule: RecurrenceRule, period: number): IsoDate {
  if (rule.freq === 'WEEKLY') {
    const monday = addDays(dtstart, 1 - dayOfWeek(dtstart));
    return addDays(monday, period * rule.interval * 7);
  }
  return addMonths(`${dtstart.slice(0, 8)}01`, period * rule.interval);
}

function candidatesInPeriod(dtstart: IsoDate, rule: RecurrenceRule, periodStart: IsoDate): IsoDate[] {
  if (rule.freq === 'WEEKLY') {
    const weekdays = rule.byDay?.length ? rule.byDay.map((b) => b.weekday) : [dayOfWeek(dtstart)];
    return uniqueSorted(weekdays.map((weekday) => addDays(periodStart, weekday - 1)));
  }
  return monthlyCandidates(dtstart, rule, periodStart);
}

/** RFC 5545 MONTHLY: BYDAY expands, BYMONTHDAY expands, and when both are given they intersect. */
function monthlyCandidates(dtstart: IsoDate, rule: RecurrenceRule, monthStart: IsoDate): IsoDate[] {
  const { year, month } = parseIsoDate(monthStart);
  const byDayDates = rule.byDay?.length ? rule.byDay.flatMap((b) => byDayInMonth(year, month, b)) : undefined;
  const monthDays = rule.byMonthDay?.length
    ? rule.byMonthDay
    : byDayDates
      ? undefined
      : [parseIsoDate(dtstart).day];
  const byMonthDayDates = monthDays?.flatMap((day) => monthDayInMonth(year, month, day));
  if (byDayDates && byMonthDayDates) {
    return uniqueSorted(byDayDates.filter((date) => byMonthDayDates.includes(date)));
  }
  return uniqueSorted(byDayDates ?? byMonthDayDates ?? []);
}

function byDayInMonth(year: number, month: number, byDay: ByDay): IsoDate[] {
  if (byDay.ordinal !== undefined) {
    const date = weekdayOccurrenceInMonth(year, month, byDay.weekday, byDay.ordinal);
    return date === undefined ? [] : [date];
  }
  return [1, 2, 3, 4, 5].flatMap((n) => weekdayOccurrenceInMonth(year, month, byDay.weekday, n) ?? []);
}

/** Day 31 in a 30-day month yields nothing, as in RFC 5545. */
function monthDayInMonth(year: number, month: number, monthDay: number): IsoDate[] {
  const length = daysInMonth(year, month);
  const day = monthDay > 0 ? monthDay : length + monthDay + 1;
  return day >= 1 && day <= length ? [formatIsoDate(year, month, day)] : [];
}

function inWindow(date: IsoDate, window: ExpandWindow): boolean {
  return compareDates(date, window.from) >= 0 && compareDates(date, window.to) <= 0;
}

function uniqueSorted(dates: IsoDate[]): IsoDate[] {
  return [...new Set(dates)].sort(compareDates);
}

// ---------------------------------------------------------------- parsing

function splitRuleParts(text: string): Map<RulePart, string> {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '') throw new RecurrenceRuleError('RRULE', 'is empty');
  const parts = new Map<RulePart, string>();
  for (const chunk of body.split(';')) {
    const [rawName, value, ...rest] = chunk.split('=');
    const name = (rawName ?? '').trim().toUpperCase();
    if (value === undefined || rest.length > 0 || value.trim() === '') {
      throw new RecurrenceRuleError(name || 'RRULE', `"${chunk}" is not NAME=VALUE`);
    }
    if (!isSupportedPart(name)) throw new RecurrenceRuleError(name, 'is not a supported rule part');
    if (parts.has(name)) throw new RecurrenceRuleError(name, 'is given more than once');
    parts.set(name, value.trim().toUpperCase());
  }
  return parts;
}

function applyRulePart(rule: RecurrenceRule, name: RulePart, value: string): void {
  switch (name) {
    case 'FREQ':
      return;
    case 'INTERVAL':
      rule.interval = parsePositiveInteger('INTERVAL', value);
      return;
    case 'COUNT':
      rule.count = parsePositiveInteger('COUNT', value);
      return;
    case 'UNTIL':
      rule.until = parseUntil(value);
      return;
    case 'BYDAY':
      rule.byDay = value.split(',').map(parseByDay);
      return;
    case 'BYMONTHDAY':
      rule.byMonthDay = value.split(',').map(parseMonthDay);
      return;
  }
}

function parseFrequency(value: string): RecurrenceFrequency {
  if (value === 'WEEKLY' || value === 'MONTHLY') return value;
  throw new RecurrenceRuleError('FREQ', `"${value}" is not supported (use WEEKLY or MONTHLY)`);
}

function parseByDay(token: string): ByDay {
  const match = BY_DAY_PATTERN.exec(token.trim());
  const code = match?.[2];
  if (!match || code === undefined) {
    throw new RecurrenceRuleError(
      'BYDAY',
      `"${token}" is not a valid weekday (use MO…SU, optionally with 1–5 or -1…-5)`,
    );
  }
  const weekday = (WEEKDAY_CODES.indexOf(code as (typeof WEEKDAY_CODES)[number]) + 1) as IsoWeekday;
  const ordinalText = match[1];
  if (ordinalText === undefined) return { weekday };
  const ordinal = Number(ordinalText);
  if (!isValidOrdinal(ordinal)) {
    throw new RecurrenceRuleError(
      'BYDAY',
      `"${token}" is not a valid weekday (the week number must be 1–5 or -1…-5)`,
    );
  }
  return { weekday, ordinal };
}

function parseMonthDay(token: string): number {
  const trimmed = token.trim();
  const day = /^[+-]?\d{1,2}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  validateMonthDay(token, day);
  return day;
}

function parseUntil(value: string): IsoDate {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!isIsoDate(date)) {
    throw new RecurrenceRuleError('UNTIL', `"${value}" is not a date written YYYYMMDD`);
  }
  return date;
}

function parsePositiveInteger(part: RulePart, value: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  requirePositiveInteger(part, number, value);
  return number;
}

function requirePositiveInteger(part: string, value: number, text = String(value)): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RecurrenceRuleError(part, `"${text}" must be a whole number of 1 or more`);
  }
}

function validateByDay(freq: RecurrenceFrequency, byDay: ByDay): void {
  const text = formatByDay(byDay);
  if (!Number.isInteger(byDay.weekday) || byDay.weekday < 1 || byDay.weekday > 7) {
    throw new RecurrenceRuleError('BYDAY', `weekday ${byDay.weekday} is not a valid weekday (use 1–7)`);
  }
  if (byDay.ordinal === undefined) return;
  if (!isValidOrdinal(byDay.ordinal)) {
    throw new RecurrenceRuleError(
      'BYDAY',
      `"${text}" is not a valid weekday (the week number must be 1–5 or -1…-5)`,
    );
  }
  if (freq !== 'MONTHLY') {
    throw new RecurrenceRuleError('BYDAY', `"${text}": a week number is only allowed with FREQ=MONTHLY`);
  }
}

function validateMonthDay(token: string, day: number): void {
  if (!Number.isInteger(day) || day === 0 || day < -31 || day > 31) {
    throw new RecurrenceRuleError(
      'BYMONTHDAY',
      `"${token}" is not a valid day of the month (use 1–31 or -1…-31)`,
    );
  }
}

function isValidOrdinal(ordinal: number): boolean {
  return Number.isInteger(ordinal) && ordinal !== 0 && ordinal >= -5 && ordinal <= 5;
}

function formatByDay(byDay: ByDay): string {
  const code = WEEKDAY_CODES[byDay.weekday - 1] ?? String(byDay.weekday);
  return `${byDay.ordinal ?? ''}${code}`;
}

function isSupportedPart(name: string): name is RulePart {
  return (SUPPORTED_PARTS as readonly string[]).includes(name);
}
