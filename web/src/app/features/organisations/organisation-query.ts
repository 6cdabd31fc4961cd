import { ParamMap, Params } from '@angular/router';
import { ORGANISATION_TYPES, OrganisationQuery, OrganisationType } from '@upstand/contracts';

/** The organisations list filters as they appear in the address bar (bookmarkable). */
export interface OrganisationFilters {
  q: string;
  type: OrganisationType | '';
  system: string;
  includeClosed: boolean;
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
  };
}

export function filtersFromForm(form: HTMLFormElement): OrganisationFilters {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const type = text('type');
  return {
    q: text('q'),
    type: isOrganisationType(type) ? type : '',
    system: text('system'),
    includeClosed: data.get('includeClosed') === 'true',
  };
}

/** Query parameters with empty filters left out, so addresses stay short. */
export function filtersToParams(filters: OrganisationFilters): Params {
  const params: Params = {};
  if (filters.q) params['q'] = filters.q;
  if (filters.type) params['type'] = filters.type;
  if (filters.system) params['system'] = filters.system;
  if (filters.includeClosed) params['includeClosed'] = 'true';
  return params;
}

export function filtersToQuery(filters: OrganisationFilters): OrganisationQuery {
  return {
    q: filters.q || undefined,
    type: filters.type || undefined,
    system: filters.system || undefined,
    includeClosed: filters.includeClosed || undefined,
  };
}

export function hasFilters(filters: OrganisationFilters): boolean {
  return Object.keys(filtersToParams(filters)).length > 0;
}
