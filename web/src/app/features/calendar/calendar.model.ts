import { ParamMap, Params } from '@angular/router';
import { CalendarEntry, CalendarQuery, SESSION_KINDS, SessionKind } from '@upstand/contracts';
import { addDays, addMonths, isIsoDate, IsoDate, MONTH_NAMES, parseIsoDate } from '@upstand/schedule';
import { londonDate, startOfMonth, startOfWeek } from '../../shared/london-time';
import { formatNhsDate } from '../../shared/nhs-date.pipe';

export const CALENDAR_VIEWS = ['month', 'week', 'list'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export const VIEW_LABELS: Record<CalendarView, string> = { month: 'Month', week: 'Week', list: 'List' };

export interface CalendarFilters {
  system: string;
  cohortId: string;
  kind: SessionKind | '';
  facilitatorId: string;
}

export interface CalendarState {
  view: CalendarView;
  /** First day of the period shown */
  from: IsoDate;
  filters: CalendarFilters;
}

export interface Period {
  from: IsoDate;
  /** Exclusive */
  to: IsoDate;
  /** "March 2027", "22 to 28 March 2027" */
  label: string;
  previous: IsoDate;
  next: IsoDate;
  /** "February 2027", for the previous/next links */
  previousLabel: string;
  nextLabel: string;
}

export interface CalendarDay {
  date: IsoDate;
  day: number;
  /** e.g. "March" */
  monthName: string;
  /** False for the days of the neighbouring months that fill the first and last weeks of a month grid */
  inPeriod: boolean;
  isToday: boolean;
  entries: CalendarEntry[];
}

const isView = (value: string | null): value is CalendarView =>
  (CALENDAR_VIEWS as readonly (string | null)[]).includes(value);
const isKind = (value: string | null): value is SessionKind =>
  (SESSION_KINDS as readonly (string | null)[]).includes(value);

/** Reads the address: `?view=month|week|list&from=YYYY-MM-DD&system=&cohortId=&kind=&facilitatorId=`. */
export function calendarStateFrom(params: ParamMap, today: IsoDate): CalendarState {
  const viewParam = params.get('view');
  const view: CalendarView = isView(viewParam) ? viewParam : 'month';
  const fromParam = params.get('from');
  const kind = params.get('kind');
  return {
    view,
    from: normaliseFrom(view, isIsoDate(fromParam) ? fromParam : startOfMonth(today)),
    filters: {
      system: (params.get('system') ?? '').trim().toUpperCase(),
      cohortId: (params.get('cohortId') ?? '').trim(),
      kind: isKind(kind) ? kind : '',
      facilitatorId: (params.get('facilitatorId') ?? '').trim(),
    },
  };
}

/** A month view starts on the 1st, a week view on Monday; a list starts where asked. */
export function normaliseFrom(view: CalendarView, from: IsoDate): IsoDate {
  if (view === 'month') return startOfMonth(from);
  if (view === 'week') return startOfWeek(from);
  return from;
}

export function monthLabel(date: IsoDate): string {
  const { year, month } = parseIsoDate(date);
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

/** "22 to 28 March 2027", "29 March to 4 April 2027", "28 December 2026 to 3 January 2027" */
export function rangeLabel(from: IsoDate, lastDay: IsoDate): string {
  const a = parseIsoDate(from);
  const b = parseIsoDate(lastDay);
  if (a.year !== b.year) return `${formatNhsDate(from)} to ${formatNhsDate(lastDay)}`;
  if (a.month !== b.month) return `${a.day} ${MONTH_NAMES[a.month - 1]} to ${formatNhsDate(lastDay)}`;
  return `${a.day} to ${formatNhsDate(lastDay)}`;
}

export function periodOf(view: CalendarView, from: IsoDate): Period {
  if (view === 'week') {
    const to = addDays(from, 7);
    const previous = addDays(from, -7);
    return {
      from,
      to,
      label: rangeLabel(from, addDays(to, -1)),
      previous,
      next: to,
      previousLabel: rangeLabel(previous, addDays(from, -1)),
      nextLabel: rangeLabel(to, addDays(to, 6)),
    };
  }
  const to = addMonths(from, 1);
  const previous = addMonths(from, -1);
  if (view === 'month') {
    return {
      from,
      to,
      label: monthLabel(from),
      previous,
      next: to,
      previousLabel: monthLabel(previous),
      nextLabel: monthLabel(to),
    };
  }
  // A list of a calendar month is labelled as the month.
  const label = (start: IsoDate, end: IsoDate) =>
    start.endsWith('-01') && addMonths(start, 1) === end
      ? monthLabel(start)
      : rangeLabel(start, addDays(end, -1));
  return {
    from,
    to,
    label: label(from, to),
    previous,
    next: to,
    previousLabel: label(previous, from),
    nextLabel: label(to, addMonths(to, 1)),
  };
}

export function toQuery(state: CalendarState, period: Period): CalendarQuery {
  const { system, cohortId, kind, facilitatorId } = state.filters;
  return {
    from: period.from,
    to: period.to,
    ...(system ? { system } : {}),
    ...(cohortId ? { cohortId } : {}),
    ...(kind ? { kind } : {}),
    ...(facilitatorId ? { facilitatorId } : {}),
  };
}

/** Query parameters for a link, empty filters left out. */
export function toParams(view: CalendarView, from: IsoDate, filters: CalendarFilters): Params {
  const params: Params = { view, from };
  for (const [key, value] of Object.entries(filters)) if (value) params[key] = value;
  return params;
}

export function hasFilters(filters: CalendarFilters): boolean {
  return Object.values(filters).some(Boolean);
}

/** Entries by their London start date, each day in start-time order. */
export function entriesByLondonDay(entries: readonly CalendarEntry[]): Map<IsoDate, CalendarEntry[]> {
  const byDay = new Map<IsoDate, CalendarEntry[]>();
  const sorted = [...entries].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const entry of sorted) {
    const day = londonDate(entry.startsAt);
    const list = byDay.get(day);
    if (list) list.push(entry);
    else byDay.set(day, [entry]);
  }
  return byDay;
}

/**
 * The weeks (Monday to Sunday) of a month view, or the single week of a week view, each day holding the sessions
 * that start on it in London.
 */
export function calendarWeeks(
  view: 'month' | 'week',
  period: Period,
  entries: readonly CalendarEntry[],
  today: IsoDate,
): CalendarDay[][] {
  const byDay = entriesByLondonDay(entries);
  const first = startOfWeek(period.from);
  const last = addDays(period.to, -1);
  const weeks: CalendarDay[][] = [];
  for (let monday = first; monday <= last; monday = addDays(monday, 7)) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      const { day, month } = parseIsoDate(date);
      const inPeriod = date >= period.from && date < period.to;
      week.push({
        date,
        day,
        monthName: MONTH_NAMES[month - 1],
        inPeriod,
        isToday: date === today,
        entries: inPeriod ? (byDay.get(date) ?? []) : [],
      });
    }
    weeks.push(week);
  }
  return weeks;
}
