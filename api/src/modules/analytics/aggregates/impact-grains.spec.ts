import { AnalyticsScope } from '../analytics-scope';
import { scopeColumns } from '../analytics.repository';
import {
  COHORT_GRAIN,
  COHORT_WHOLE_GRAIN,
  grainFor,
  ORGANISATION_GRAIN,
  PROGRAMME_GRAIN,
  SYSTEM_GRAIN,
} from './impact-grains';

const lead = (filters: AnalyticsScope['filters'], extra: Partial<AnalyticsScope> = {}): AnalyticsScope => ({
  programmeId: 'p',
  personLevel: true,
  threshold: 10,
  sponsorOrganisationId: null,
  systemIds: null,
  filters,
  chain: [],
  siblingsWithin: null,
  fyFrom: null,
  fyTo: null,
  startFrom: filters.startFrom ?? null,
  startTo: filters.startTo ?? null,
  ...extra,
});

const steering = (chain: AnalyticsScope['chain'], extra: Partial<AnalyticsScope> = {}): AnalyticsScope => ({
  ...lead({ programmeId: 'p' }),
  personLevel: false,
  chain,
  siblingsWithin: chain.length > 1 ? (chain[1] ?? null) : null,
  ...extra,
});

/** A steering member's view of one cohort, in its system, in the whole programme. */
const cohortView = steering([
  { level: 'cohort', value: 'c' },
  { level: 'system', value: 's' },
  { level: 'all', value: '' },
]);

const grainOf = (
  scope: AnalyticsScope,
  needs: Parameters<typeof grainFor>[0] = [],
  fact = 'pairs:pre:post',
) => grainFor([...scopeColumns(scope), ...needs], fact);

describe('which grain answers a view', () => {
  it('reads the programme grain, with no systems in it, for the unfiltered views every Impact page opens with', () => {
    expect(grainOf(lead({ programmeId: 'p' }))).toBe(PROGRAMME_GRAIN);
    expect(grainOf(steering([{ level: 'all', value: '' }]))).toBe(PROGRAMME_GRAIN);
    expect(grainOf(lead({ programmeId: 'p', group: 'home', startFrom: '2023-04-01' }))).toBe(PROGRAMME_GRAIN);
    expect(
      grainOf(
        steering([
          { level: 'group', value: 'home' },
          { level: 'all', value: '' },
        ]),
      ),
    ).toBe(PROGRAMME_GRAIN);
  });

  it('reads the system grain for a report by system, and a system steering member’s whole view', () => {
    expect(grainOf(lead({ programmeId: 'p' }), ['system_id'])).toBe(SYSTEM_GRAIN);
    expect(grainOf(lead({ programmeId: 'p' }, { systemIds: ['s'] }))).toBe(SYSTEM_GRAIN);
  });

  it('reads whole financial years from the system grain, and a date range inside one from the cohort grain', () => {
    expect(
      grainOf(lead({ programmeId: 'p', startFrom: '2023-04-01', startTo: '2024-03-31', systemId: 's' })),
    ).toBe(SYSTEM_GRAIN);
    expect(grainOf(lead({ programmeId: 'p', startFrom: '2023-05-01' }))).toBe(COHORT_GRAIN);
    expect(grainOf(lead({ programmeId: 'p', startTo: '2024-02-29' }))).toBe(COHORT_GRAIN);
  });

  it('reads a system steering member’s one-year view, with its group and siblings, from the system grain', () => {
    const scope = steering(
      [
        { level: 'system', value: 's' },
        { level: 'group', value: 'scale-up' },
        { level: 'all', value: '' },
      ],
      { fyFrom: 2023, fyTo: 2023 },
    );
    expect(grainOf(scope)).toBe(SYSTEM_GRAIN);
  });

  it('needs organisations for a sponsor, an organisation view or a report by organisation', () => {
    expect(grainOf(lead({ programmeId: 'p' }, { sponsorOrganisationId: 'o' }))).toBe(ORGANISATION_GRAIN);
    expect(
      grainOf(
        steering([
          { level: 'organisation', value: 'o' },
          { level: 'system', value: 's' },
          { level: 'all', value: '' },
        ]),
      ),
    ).toBe(ORGANISATION_GRAIN);
    expect(grainOf(lead({ programmeId: 'p' }), ['organisation_id', 'system_id'])).toBe(ORGANISATION_GRAIN);
  });

  it('needs cohorts for a cohort view (whose siblings are its system’s cohorts) or a report by cohort', () => {
    expect(grainOf(cohortView)).toBe(COHORT_GRAIN);
    expect(grainOf(lead({ programmeId: 'p', cohortId: 'c' }))).toBe(COHORT_GRAIN);
    expect(grainOf(lead({ programmeId: 'p' }), ['cohort_id'])).toBe(COHORT_GRAIN);
  });

  it('reads who responded by whole cohorts where no organisation or person’s system is needed', () => {
    // A national breakdown by cohort, for a lead and for the steering group's whole programme.
    expect(grainOf(lead({ programmeId: 'p' }), ['cohort_id'], 'responses')).toBe(COHORT_WHOLE_GRAIN);
    expect(grainOf(steering([{ level: 'all', value: '' }]), ['cohort_id'], 'responses')).toBe(
      COHORT_WHOLE_GRAIN,
    );
    expect(grainOf(lead({ programmeId: 'p', startFrom: '2023-05-01' }), [], 'responses')).toBe(
      COHORT_WHOLE_GRAIN,
    );
    // Other facts are not kept whole-cohort; and a cohort's own view counts only its own system's delegates.
    expect(grainOf(lead({ programmeId: 'p' }), ['cohort_id'], 'pairs:pre:post')).toBe(COHORT_GRAIN);
    expect(grainOf(cohortView, [], 'responses')).toBe(COHORT_GRAIN);
    expect(grainOf(lead({ programmeId: 'p', group: 'home' }), ['cohort_id'], 'responses')).toBe(COHORT_GRAIN);
    expect(grainOf(lead({ programmeId: 'p' }, { systemIds: ['s'] }), ['cohort_id'], 'responses')).toBe(
      COHORT_GRAIN,
    );
  });
});
