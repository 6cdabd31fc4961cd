import { ParamMap, Params } from '@angular/router';
import { SESSION_KINDS, SessionFeedbackResultsQuery, SessionKind } from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { checkDateParts, datePartsFromForm } from '../../shared/date-parts';

/** The page's filters as they appear in the address bar, so a view can be shared. */
export interface FeedbackFilters {
  programmeId: string;
  startFrom: string;
  startTo: string;
  kind: SessionKind | '';
}

const KEYS: (keyof FeedbackFilters)[] = ['programmeId', 'startFrom', 'startTo', 'kind'];

export function isSessionKind(value: string): value is SessionKind {
  return (SESSION_KINDS as readonly string[]).includes(value);
}

function fromValues(text: (name: string) => string): FeedbackFilters {
  const kind = text('kind');
  return {
    programmeId: text('programmeId'),
    startFrom: text('startFrom'),
    startTo: text('startTo'),
    kind: isSessionKind(kind) ? kind : '',
  };
}

export function filtersFromParams(params: ParamMap): FeedbackFilters {
  return fromValues((name) => (params.get(name) ?? '').trim());
}

/** The date filters with their labels and hints, as their error messages name them. */
export const DATE_FILTERS = [
  { id: 'startFrom', label: 'Sessions from', hint: 'For example, 1 4 2026' },
  { id: 'startTo', label: 'Sessions up to', hint: 'For example, 31 3 2027' },
] as const;

/**
 * The filters of the submitted form, with its dates read from NHS day, month and year boxes, and the problems
 * with those dates (a date missing a part, or not a real one, is left out of the filters).
 */
export function filtersFromForm(form: HTMLFormElement): { filters: FeedbackFilters; errors: ErrorItem[] } {
  const data = new FormData(form);
  const errors: ErrorItem[] = [];
  const dates: Record<string, string> = {};
  for (const { id, label } of DATE_FILTERS) {
    const checked = checkDateParts(id, label.toLowerCase(), datePartsFromForm(data, id), { optional: true });
    if (checked.ok) dates[id] = checked.iso;
    else errors.push(checked.error);
  }
  return { filters: fromValues((name) => dates[name] ?? String(data.get(name) ?? '').trim()), errors };
}

/** Query parameters with empty filters left out, so addresses stay short. */
export function filtersToParams(filters: FeedbackFilters): Params {
  const params: Params = {};
  for (const key of KEYS) if (filters[key]) params[key] = filters[key];
  return params;
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Problems with the dates, each linked to its field. */
export function filterErrors(filters: FeedbackFilters): ErrorItem[] {
  const errors: ErrorItem[] = [];
  if (filters.startFrom && !isRealDate(filters.startFrom))
    errors.push({ field: 'startFrom', text: 'Sessions from must be a real date' });
  if (filters.startTo && !isRealDate(filters.startTo))
    errors.push({ field: 'startTo', text: 'Sessions up to must be a real date' });
  if (!errors.length && filters.startFrom && filters.startTo && filters.startFrom > filters.startTo)
    errors.push({ field: 'startTo', text: 'Sessions up to must be the same as or after sessions from' });
  return errors;
}

/** The API query, for `defaultProgrammeId` when no programme is chosen; null when there is no programme. */
export function toQuery(
  filters: FeedbackFilters,
  defaultProgrammeId: string | undefined,
): SessionFeedbackResultsQuery | null {
  const programmeId = filters.programmeId || defaultProgrammeId;
  if (!programmeId) return null;
  return {
    programmeId,
    startFrom: filters.startFrom || undefined,
    startTo: filters.startTo || undefined,
    kind: filters.kind || undefined,
  };
}

export function sameQuery(
  a: SessionFeedbackResultsQuery | null,
  b: SessionFeedbackResultsQuery | null,
): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
