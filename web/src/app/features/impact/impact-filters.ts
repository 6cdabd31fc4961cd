import { ParamMap, Params } from '@angular/router';
import {
  AnalyticsFilters,
  BREAKDOWN_DIMENSIONS,
  BreakdownDimension,
  SYSTEM_GROUPS,
  SystemGroup,
} from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { checkDateParts, datePartsFromForm } from '../../shared/date-parts';

/** The dashboard's filters as they appear in the address bar, so a view can be shared. */
export interface ImpactFilters {
  programmeId: string;
  startFrom: string;
  startTo: string;
  group: SystemGroup | '';
  systemId: string;
  organisationId: string;
  cohortId: string;
}

export const NO_FILTERS: ImpactFilters = {
  programmeId: '',
  startFrom: '',
  startTo: '',
  group: '',
  systemId: '',
  organisationId: '',
  cohortId: '',
};

const FILTER_KEYS = Object.keys(NO_FILTERS) as (keyof ImpactFilters)[];
export const DEFAULT_DIMENSION: BreakdownDimension = 'group';

function isGroup(value: string): value is SystemGroup {
  return (SYSTEM_GROUPS as readonly string[]).includes(value);
}

export function isDimension(value: unknown): value is BreakdownDimension {
  return typeof value === 'string' && (BREAKDOWN_DIMENSIONS as readonly string[]).includes(value);
}

function fromValues(text: (name: string) => string): ImpactFilters {
  const group = text('group');
  return {
    programmeId: text('programmeId'),
    startFrom: text('startFrom'),
    startTo: text('startTo'),
    group: isGroup(group) ? group : '',
    systemId: text('systemId'),
    organisationId: text('organisationId'),
    cohortId: text('cohortId'),
  };
}

export function filtersFromParams(params: ParamMap): ImpactFilters {
  return fromValues((name) => (params.get(name) ?? '').trim());
}

/** The labels of the date filters, as their error messages name them. */
export const DATE_FILTERS = [
  { id: 'startFrom', label: 'Cohorts starting from', hint: 'For example, 1 4 2026' },
  { id: 'startTo', label: 'Cohorts starting up to', hint: 'For example, 31 3 2027' },
] as const;

/**
 * The filters of the submitted form, with its dates read from NHS day, month and year boxes, and the problems
 * with those dates (a date missing a part, or not a real one, is left out of the filters).
 */
export function filtersFromForm(form: HTMLFormElement): { filters: ImpactFilters; errors: ErrorItem[] } {
  const data = new FormData(form);
  const errors: ErrorItem[] = [];
  const dates: Record<string, string> = {};
  for (const { id, label } of DATE_FILTERS) {
    const checked = checkDateParts(id, label.toLowerCase(), datePartsFromForm(data, id), { optional: true });
    if (checked.ok) dates[id] = checked.iso;
    else errors.push(checked.error);
  }
  const filters = fromValues((name) => dates[name] ?? String(data.get(name) ?? '').trim());
  return { filters, errors };
}

export function dimensionFromParams(params: ParamMap): BreakdownDimension {
  const dimension = params.get('dimension');
  return isDimension(dimension) ? dimension : DEFAULT_DIMENSION;
}

/** Query parameters with empty filters left out, so addresses stay short. */
export function filtersToParams(filters: ImpactFilters, dimension?: BreakdownDimension): Params {
  const params: Params = {};
  for (const key of FILTER_KEYS) if (filters[key]) params[key] = filters[key];
  if (dimension && dimension !== DEFAULT_DIMENSION) params['dimension'] = dimension;
  return params;
}

/** Any filter other than the programme narrows the figures. */
export function hasNarrowingFilters(filters: ImpactFilters): boolean {
  return FILTER_KEYS.some((key) => key !== 'programmeId' && filters[key] !== '');
}

/** The API query, reporting on `defaultProgrammeId` when no programme is chosen. */
export function toAnalyticsFilters(
  filters: ImpactFilters,
  defaultProgrammeId: string | undefined,
): AnalyticsFilters | null {
  const programmeId = filters.programmeId || defaultProgrammeId;
  if (!programmeId) return null;
  return {
    programmeId,
    startFrom: filters.startFrom || undefined,
    startTo: filters.startTo || undefined,
    group: filters.group || undefined,
    systemId: filters.systemId || undefined,
    organisationId: filters.organisationId || undefined,
    cohortId: filters.cohortId || undefined,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters that narrow to one part of the programme; someone who sees only protected figures may use one. */
export const NARROWING_FILTERS = ['group', 'systemId', 'organisationId', 'cohortId'] as const;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Problems with the filters, each linked to its field. `oneNarrowingFilter` is for viewers whose figures are
 * protected (everyone but programme leads): combining narrow filters could single people out.
 */
export function filterErrors(filters: ImpactFilters, oneNarrowingFilter = false): ErrorItem[] {
  const errors: ErrorItem[] = [];
  if (filters.startFrom && !isRealDate(filters.startFrom))
    errors.push({ field: 'startFrom', text: 'Cohorts starting from must be a real date' });
  if (filters.startTo && !isRealDate(filters.startTo))
    errors.push({ field: 'startTo', text: 'Cohorts starting up to must be a real date' });
  if (!errors.length && filters.startFrom && filters.startTo && filters.startFrom > filters.startTo)
    errors.push({
      field: 'startTo',
      text: 'Cohorts starting up to must be the same as or after cohorts starting from',
    });
  const narrowing = NARROWING_FILTERS.filter((key) => filters[key] !== '');
  if (oneNarrowingFilter && narrowing.length > 1)
    errors.push({
      field: narrowing[1],
      text: 'Choose only one of system group, integrated care system, organisation or cohort',
    });
  return errors;
}

export function sameFilters(a: AnalyticsFilters | null, b: AnalyticsFilters | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
