import { ExtraHolidays, isBankHoliday } from './bank-holidays';
import { addDays, assertIsoDate, IsoDate, isWeekend } from './iso-date';

export {
  addDays,
  addMonths,
  compareDates,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  isWeekend,
  parseIsoDate,
} from './iso-date';

/**
 * Guards against an endless search when a caller passes a huge closure list;
 * no real calendar has a year without a working day.
 */
const MAX_SEARCH_DAYS = 366;

/** Monday–Friday and neither an England and Wales bank holiday nor one of `extraHolidays`. */
export function isWorkingDay(date: IsoDate, extraHolidays?: ExtraHolidays): boolean {
  assertIsoDate(date);
  return !isWeekend(date) && !isBankHoliday(date, extraHolidays);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, extraHolidays?: ExtraHolidays): IsoDate {
  return stepToWorkingDay(addDays(date, 1), 1, extraHolidays);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate, extraHolidays?: ExtraHolidays): IsoDate {
  return stepToWorkingDay(addDays(date, -1), -1, extraHolidays);
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function onOrNextWorkingDay(date: IsoDate, extraHolidays?: ExtraHolidays): IsoDate {
  return stepToWorkingDay(date, 1, extraHolidays);
}

/**
 * Moves `n` working days forward (or backward when negative). `n = 0` returns
 * `date` unchanged, even if it is not a working day.
 */
export function addWorkingDays(date: IsoDate, n: number, extraHolidays?: ExtraHolidays): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n: ${n} is not an integer`);
  assertIsoDate(date);
  let result = date;
  for (let i = 0; i < Math.abs(n); i++) {
    result = n > 0 ? nextWorkingDay(result, extraHolidays) : previousWorkingDay(result, extraHolidays);
  }
  return result;
}

function stepToWorkingDay(start: IsoDate, step: 1 | -1, extraHolidays?: ExtraHolidays): IsoDate {
  let candidate = start;
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    if (isWorkingDay(candidate, extraHolidays)) return candidate;
    candidate = addDays(candidate, step);
  }
  throw new RangeError(`No working day within ${MAX_SEARCH_DAYS} days of ${start}`);
}
