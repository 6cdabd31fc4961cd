import {
  addDays,
  dayOfWeek,
  formatIsoDate,
  IsoDate,
  IsoWeekday,
  parseIsoDate,
  weekdayOccurrenceInMonth,
} from './iso-date';

export interface BankHoliday {
  date: IsoDate;
  name: string;
  /**
   * True when the date was computed from the usual rules rather than taken from
   * the GOV.UK table: one-off holidays (jubilees, state funerals) cannot be
   * predicted, so treat these dates as a best guess.
   */
  provisional: boolean;
}

/**
 * Extra closure days on top of the bank holidays (e.g. an organisation's own
 * closure days). A Set is faster when the same list is checked many times.
 */
export type ExtraHolidays = readonly IsoDate[] | ReadonlySet<IsoDate>;

export const FIRST_PUBLISHED_YEAR = 2022;
export const LAST_PUBLISHED_YEAR = 2027;

const NEW_YEAR = "New Year's Day";
const GOOD_FRIDAY = 'Good Friday';
const EASTER_MONDAY = 'Easter Monday';
const EARLY_MAY = 'Early May bank holiday';
const SPRING = 'Spring bank holiday';
const SUMMER = 'Summer bank holiday';
const CHRISTMAS = 'Christmas Day';
const BOXING = 'Boxing Day';
const SUBSTITUTE = ' (substitute day)';

type TableRow = readonly [IsoDate, string];

/** England and Wales bank holidays as published on https://www.gov.uk/bank-holidays. */
const PUBLISHED: Readonly<Record<number, readonly TableRow[]>> = {
  2022: [
    ['2022-01-03', NEW_YEAR + SUBSTITUTE],
    ['2022-04-15', GOOD_FRIDAY],
    ['2022-04-18', EASTER_MONDAY],
    ['2022-05-02', EARLY_MAY],
    ['2022-06-02', SPRING],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2022-08-29', SUMMER],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2022-12-26', BOXING],
    ['2022-12-27', CHRISTMAS + SUBSTITUTE],
  ],
  2023: [
    ['2023-01-02', NEW_YEAR + SUBSTITUTE],
    ['2023-04-07', GOOD_FRIDAY],
    ['2023-04-10', EASTER_MONDAY],
    ['2023-05-01', EARLY_MAY],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
    ['2023-05-29', SPRING],
    ['2023-08-28', SUMMER],
    ['2023-12-25', CHRISTMAS],
    ['2023-12-26', BOXING],
  ],
  2024: [
    ['2024-01-01', NEW_YEAR],
    ['2024-03-29', GOOD_FRIDAY],
    ['2024-04-01', EASTER_MONDAY],
    ['2024-05-06', EARLY_MAY],
    ['2024-05-27', SPRING],
    ['2024-08-26', SUMMER],
    ['2024-12-25', CHRISTMAS],
    ['2024-12-26', BOXING],
  ],
  2025: [
    ['2025-01-01', NEW_YEAR],
    ['2025-04-18', GOOD_FRIDAY],
    ['2025-04-21', EASTER_MONDAY],
    ['2025-05-05', EARLY_MAY],
    ['2025-05-26', SPRING],
    ['2025-08-25', SUMMER],
    ['2025-12-25', CHRISTMAS],
    ['2025-12-26', BOXING],
  ],
  2026: [
    ['2026-01-01', NEW_YEAR],
    ['2026-04-03', GOOD_FRIDAY],
    ['2026-04-06', EASTER_MONDAY],
    ['2026-05-04', EARLY_MAY],
    ['2026-05-25', SPRING],
    ['2026-08-31', SUMMER],
    ['2026-12-25', CHRISTMAS],
    ['2026-12-28', BOXING + SUBSTITUTE],
  ],
  2027: [
    ['2027-01-01', NEW_YEAR],
    ['2027-03-26', GOOD_FRIDAY],
    ['2027-03-29', EASTER_MONDAY],
    ['2027-05-03', EARLY_MAY],
    ['2027-05-31', SPRING],
    ['2027-08-30', SUMMER],
    ['2027-12-27', CHRISTMAS + SUBSTITUTE],
    ['2027-12-28', BOXING + SUBSTITUTE],
  ],
};

const byYearCache = new Map<number, readonly BankHoliday[]>();
const datesByYearCache = new Map<number, ReadonlySet<IsoDate>>();

/**
 * Bank holidays in England and Wales for one year, in date order.
 * 2022–2027 come from the published GOV.UK list; other years are computed
 * from the standing rules and marked `provisional`.
 */
export function englandAndWalesBankHolidays(year: number): BankHoliday[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`year: ${year} is not a four-digit year`);
  }
  let holidays = byYearCache.get(year);
  if (!holidays) {
    const published = PUBLISHED[year];
    holidays = published
      ? published.map(([date, name]) => ({ date, name, provisional: false }))
      : computeBankHolidaysByRule(year);
    byYearCache.set(year, holidays);
  }
  return holidays.map((holiday) => ({ ...holiday }));
}

/** True when `date` is an England and Wales bank holiday, or one of `extraHolidays`. */
export function isBankHoliday(date: IsoDate, extraHolidays?: ExtraHolidays): boolean {
  return bankHolidayDates(parseIsoDate(date).year).has(date) || isExtraHoliday(date, extraHolidays);
}

/** The bank holiday on `date`, if any (extra closure days are not included). */
export function bankHolidayOn(date: IsoDate): BankHoliday | undefined {
  return englandAndWalesBankHolidays(parseIsoDate(date).year).find((holiday) => holiday.date === date);
}

export function isExtraHoliday(date: IsoDate, extraHolidays?: ExtraHolidays): boolean {
  if (!extraHolidays) return false;
  return isReadonlySet(extraHolidays) ? extraHolidays.has(date) : extraHolidays.includes(date);
}

/**
 * The usual England and Wales rules, used for years outside the published
 * table. Weekend New Year, Christmas and Boxing days get a substitute on the
 * next weekday that is not already a holiday.
 */
export function computeBankHolidaysByRule(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const rows: TableRow[] = [
    substituteIfWeekend(formatIsoDate(year, 1, 1), NEW_YEAR),
    [addDays(easter, -2), GOOD_FRIDAY],
    [addDays(easter, 1), EASTER_MONDAY],
    [firstWeekdayOfMonth(year, 5, 1), EARLY_MAY],
    [lastWeekdayOfMonth(year, 5, 1), SPRING],
    [lastWeekdayOfMonth(year, 8, 1), SUMMER],
    ...christmasAndBoxingDay(year),
  ];
  return rows
    .map(([date, name]) => ({ date, name, provisional: true }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}

function bankHolidayDates(year: number): ReadonlySet<IsoDate> {
  let dates = datesByYearCache.get(year);
  if (!dates) {
    dates = new Set(englandAndWalesBankHolidays(year).map((holiday) => holiday.date));
    datesByYearCache.set(year, dates);
  }
  return dates;
}

function substituteIfWeekend(date: IsoDate, name: string): TableRow {
  const weekday = dayOfWeek(date);
  if (weekday === 6) return [addDays(date, 2), name + SUBSTITUTE];
  if (weekday === 7) return [addDays(date, 1), name + SUBSTITUTE];
  return [date, name];
}

/**
 * Christmas on Saturday: both move to Mon 27 / Tue 28. Christmas on Sunday:
 * Boxing Day stays Mon 26 and Christmas moves to Tue 27. Christmas on Friday:
 * Boxing Day moves to Mon 28.
 */
function christmasAndBoxingDay(year: number): TableRow[] {
  const christmas = formatIsoDate(year, 12, 25);
  const boxing = formatIsoDate(year, 12, 26);
  switch (dayOfWeek(christmas)) {
    case 5:
      return [
        [christmas, CHRISTMAS],
        [addDays(boxing, 2), BOXING + SUBSTITUTE],
      ];
    case 6:
      return [
        [addDays(christmas, 2), CHRISTMAS + SUBSTITUTE],
        [addDays(boxing, 2), BOXING + SUBSTITUTE],
      ];
    case 7:
      return [
        [boxing, BOXING],
        [addDays(christmas, 2), CHRISTMAS + SUBSTITUTE],
      ];
    default:
      return [
        [christmas, CHRISTMAS],
        [boxing, BOXING],
      ];
  }
}

function firstWeekdayOfMonth(year: number, month: number, weekday: IsoWeekday): IsoDate {
  return mustExist(weekdayOccurrenceInMonth(year, month, weekday, 1));
}

function lastWeekdayOfMonth(year: number, month: number, weekday: IsoWeekday): IsoDate {
  return mustExist(weekdayOccurrenceInMonth(year, month, weekday, -1));
}

function mustExist(date: IsoDate | undefined): IsoDate {
  if (date === undefined) throw new Error('Every month has a first and a last of each weekday');
  return date;
}

function isReadonlySet(value: ExtraHolidays): value is ReadonlySet<IsoDate> {
  return value instanceof Set;
}
