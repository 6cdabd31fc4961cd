import { convertToParamMap } from '@angular/router';
import {
  dimensionFromParams,
  filterErrors,
  filtersFromParams,
  filtersToParams,
  hasNarrowingFilters,
  NO_FILTERS,
  toAnalyticsFilters,
} from './impact-filters';

describe('impact filters in the address bar', () => {
  it('reads the filters and ignores an unknown group or dimension', () => {
    const params = convertToParamMap({
      programmeId: 'p1',
      startFrom: '2025-04-01',
      group: 'elsewhere',
      dimension: 'shoe-size',
    });
    expect(filtersFromParams(params)).toEqual({ ...NO_FILTERS, programmeId: 'p1', startFrom: '2025-04-01' });
    expect(dimensionFromParams(params)).toBe('group');
    expect(dimensionFromParams(convertToParamMap({ dimension: 'ethnicity' }))).toBe('ethnicity');
  });

  it('writes only the filters that are set, and the breakdown when it is not the default', () => {
    expect(filtersToParams({ ...NO_FILTERS, programmeId: 'p1', group: 'scale-up' }, 'pay-band')).toEqual({
      programmeId: 'p1',
      group: 'scale-up',
      dimension: 'pay-band',
    });
    expect(filtersToParams(NO_FILTERS, 'group')).toEqual({});
  });

  it('reports on the first programme when none is chosen', () => {
    expect(toAnalyticsFilters({ ...NO_FILTERS, cohortId: 'c1' }, 'first')).toEqual({
      programmeId: 'first',
      startFrom: undefined,
      startTo: undefined,
      group: undefined,
      systemId: undefined,
      organisationId: undefined,
      cohortId: 'c1',
    });
    expect(toAnalyticsFilters(NO_FILTERS, undefined)).toBeNull();
    expect(hasNarrowingFilters({ ...NO_FILTERS, programmeId: 'p1' })).toBe(false);
    expect(hasNarrowingFilters({ ...NO_FILTERS, startTo: '2026-03-31' })).toBe(true);
  });

  it('refuses dates that are not real or the wrong way round, naming the field', () => {
    expect(filterErrors({ ...NO_FILTERS, startFrom: '2025-02-30' })).toEqual([
      { field: 'startFrom', text: 'Cohorts starting from must be a real date' },
    ]);
    expect(filterErrors({ ...NO_FILTERS, startFrom: '2025-06-01', startTo: '2025-05-01' })).toEqual([
      { field: 'startTo', text: 'Cohorts starting up to must be the same as or after cohorts starting from' },
    ]);
    expect(filterErrors({ ...NO_FILTERS, startFrom: '2025-05-01', startTo: '2025-05-01' })).toEqual([]);
  });

  it('lets protected viewers narrow by one of group, system, organisation or cohort at a time', () => {
    const two = { ...NO_FILTERS, group: 'home' as const, cohortId: 'c1' };
    expect(filterErrors(two)).toEqual([]);
    expect(filterErrors(two, true)).toEqual([
      {
        field: 'cohortId',
        text: 'Choose only one of system group, integrated care system, organisation or cohort',
      },
    ]);
    expect(filterErrors({ ...NO_FILTERS, systemId: 's1' }, true)).toEqual([]);
  });
});
