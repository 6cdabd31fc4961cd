import { ParamMap, Params } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  ORGANISATION_TYPES,
  OrganisationQuery,
  OrganisationType,
  PageQuery,
} from '@upstand/contracts';
import { pageSizeParam } from '../../shared/list-search.component';
import { pageParam } from '../../shared/pagination.component';

/** The organisations list filters and page as they appear in the address bar (bookmarkable). */
export interface OrganisationFilters {
  q: string;
  type: OrganisationType | '';
  system: string;
  includeClosed: boolean;
  page: number;
  pageSize: number;
}

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && (ORGANISATION_TYPES as readonly string[]).includes(value);
}

export function filtersFromParams(params: ParamMap): OrganisationFilters {
  const type = params.get('type');
  return {
    q: (params.get('q') ?? '').trim(),
    type: isOrganisationType(type) ? type : '',
    system: (params.get('system') ?? '').trim(),
    includeClosed: params.get('includeClosed') === 'true',
    page: pageParam(params.get('page') ?? undefined),
    pageSize: pageSizeParam(params.get('pageSize') ?? undefined),
  };
}

/** New filters from the form start again at page 1. */
export function filtersFromForm(form: HTMLFormElement): OrganisationFilters {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const type = text('type');
  return {
    q: text('q'),
    type: isOrganisationType(type) ? type : '',
    system: text('system'),
    includeClosed: data.get('includeClosed') === 'true',
    page: 1,
    pageSize: pageSizeParam(text('pageSize') || undefined),
  };
}

/** Query parameters with empty filters (and page 1, the default page size) left out, so addresses stay short. */
export function filtersToParams(filters: OrganisationFilters): Params {
  const params: Params = {};
  if (filters.q) params['q'] = filters.q;
  if (filters.type) params['type'] = filters.type;
  if (filters.system) params['system'] = filters.system;
  if (filters.includeClosed) params['includeClosed'] = 'true';
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) params['pageSize'] = filters.pageSize;
  if (filters.page > 1) params['page'] = filters.page;
  return params;
}

export function filtersToQuery(filters: OrganisationFilters): OrganisationQuery & PageQuery {
  return {
    type: filters.type || undefined,
    system: filters.system || undefined,
    q: filters.q || undefined,
    includeClosed: filters.includeClosed || undefined,
    page: filters.page > 1 ? filters.page : undefined,
    pageSize: filters.pageSize !== DEFAULT_PAGE_SIZE ? filters.pageSize : undefined,
  };
}

/** Whether any filter narrows the list (the page and page size do not). */
export function hasFilters(filters: OrganisationFilters): boolean {
  return !!(filters.q || filters.type || filters.system || filters.includeClosed);
}
