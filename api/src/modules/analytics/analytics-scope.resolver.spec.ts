import { AnalyticsFilters, RoleGrant } from '@upstand/contracts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { ProgrammesService } from '../programmes/programmes.service';
import { AnalyticsScopeResolver } from './analytics-scope.resolver';
import { AnalyticsRepository } from './analytics.repository';

/**
 * Who may see what in Impact, role by role, without a database: two systems (A at home, B in the scale-up), an
 * organisation and a cohort in each, and a cohort of another programme.
 */
const PROGRAMME = 'programme-1';
const SYSTEM_A = 'system-a';
const SYSTEM_B = 'system-b';
const ORG_A = 'org-a';
const ORG_B = 'org-b';
const COHORT_A = 'cohort-a';
const COHORT_B = 'cohort-b';
const COHORT_ELSEWHERE = 'cohort-other-programme';

const places: Record<string, { id: string; type: string; systemId: string | null; isHomeSystem: boolean }> = {
  [SYSTEM_A]: { id: SYSTEM_A, type: 'icb', systemId: SYSTEM_A, isHomeSystem: true },
  [SYSTEM_B]: { id: SYSTEM_B, type: 'icb', systemId: SYSTEM_B, isHomeSystem: false },
  [ORG_A]: { id: ORG_A, type: 'nhs-trust', systemId: SYSTEM_A, isHomeSystem: true },
  [ORG_B]: { id: ORG_B, type: 'nhs-trust', systemId: SYSTEM_B, isHomeSystem: false },
};
const cohorts: Record<string, { systemId: string; programmeId: string }> = {
  [COHORT_A]: { systemId: SYSTEM_A, programmeId: PROGRAMME },
  [COHORT_B]: { systemId: SYSTEM_B, programmeId: PROGRAMME },
  [COHORT_ELSEWHERE]: { systemId: SYSTEM_A, programmeId: 'programme-2' },
};

const region = { kind: 'region', odsCode: 'Y60', name: 'Midlands' } as const;
const grant = (role: RoleGrant['role'], organisationId: string | null, kind?: 'system' | 'organisation') => ({
  role,
  organisationId,
  organisationName: null,
  scope: kind ? { kind, odsCode: 'X', name: 'X' } : region,
});
const LEAD = { roles: [grant('programme-lead', null)] };
const SYSTEM_LEAD = { roles: [grant('programme-lead', SYSTEM_A, 'system')] };
const STEERING = { roles: [grant('steering', null)] };
const SYSTEM_STEERING = { roles: [grant('steering', SYSTEM_A, 'system')] };
const SPONSOR = { roles: [grant('sponsor', ORG_A, 'organisation')] };
const DELEGATE = {
  roles: [{ role: 'delegate' as const, organisationId: null, organisationName: null, scope: null }],
};

function setUp(sole: { cohortId: string | null; organisationId: string | null } = nobodyShared) {
  const repository = { soleContainers: jest.fn().mockResolvedValue(sole) };
  const programmes = {
    requireVisible: jest.fn(async (id: string) => {
      if (id !== PROGRAMME) throw new NotFoundError('Programme', id);
      return { id };
    }),
  };
  const organisations = {
    placeOf: jest.fn(async (id: string) => places[id] ?? null),
    systems: jest.fn(async () => [
      { id: SYSTEM_A, odsCode: 'QHL', name: 'A', group: 'home' },
      { id: SYSTEM_B, odsCode: 'QJM', name: 'B', group: 'scale-up' },
    ]),
  };
  const cohortLookups = { placeOf: jest.fn(async (id: string) => cohorts[id] ?? null) };
  const config = { analytics: { suppressionThreshold: 10 } } as AppConfig;
  const resolver = new AnalyticsScopeResolver(
    repository as unknown as AnalyticsRepository,
    programmes as unknown as ProgrammesService,
    organisations as unknown as OrganisationsRepository,
    cohortLookups as unknown as CohortsRepository,
    config,
  );
  return { resolver, repository };
}
const nobodyShared = { cohortId: null, organisationId: null };
const filters = (more: Partial<AnalyticsFilters> = {}): AnalyticsFilters => ({
  programmeId: PROGRAMME,
  ...more,
});

/** The error a call fails with, to check its kind and the field it names. */
async function failure(promise: Promise<unknown>): Promise<Error & { fieldErrors?: { field: string }[] }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { fieldErrors?: { field: string }[] };
  }
  throw new Error('expected the call to fail');
}

describe('AnalyticsScopeResolver', () => {
  describe('a programme lead for the region', () => {
    it('sees everyone person by person, with the filters exactly as given', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(LEAD, filters({ startFrom: '2023-05-01', systemId: SYSTEM_B }));
      expect(scope).toMatchObject({
        personLevel: true,
        sponsorOrganisationId: null,
        systemIds: null,
        chain: [{ level: 'all', value: '' }],
        startFrom: '2023-05-01',
        startTo: null,
        filters: { systemId: SYSTEM_B },
      });
    });

    it('may combine filters', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(LEAD, filters({ organisationId: ORG_B, cohortId: COHORT_B }));
      expect(scope.personLevel).toBe(true);
    });

    it('is refused a programme they cannot see as if it did not exist', async () => {
      const { resolver } = setUp();
      expect(await failure(resolver.resolve(LEAD, { programmeId: 'programme-9' }))).toBeInstanceOf(
        NotFoundError,
      );
    });

    it('is told when the dates are the wrong way round', async () => {
      const { resolver } = setUp();
      const error = await failure(
        resolver.resolve(LEAD, filters({ startFrom: '2024-01-01', startTo: '2023-01-01' })),
      );
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.fieldErrors?.[0]?.field).toBe('startTo');
    });
  });

  describe('a programme lead for one system', () => {
    it('sees their own system’s people only, person by person', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(SYSTEM_LEAD, filters({ organisationId: ORG_A }));
      expect(scope).toMatchObject({ personLevel: true, systemIds: [SYSTEM_A], sponsorOrganisationId: null });
    });

    it.each([
      ['organisationId', { organisationId: ORG_B }],
      ['systemId', { systemId: SYSTEM_B }],
      ['group', { group: 'scale-up' as const }],
    ])('is refused a filter naming another system’s %s', async (field, more) => {
      const { resolver } = setUp();
      const error = await failure(resolver.resolve(SYSTEM_LEAD, filters(more)));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.fieldErrors?.[0]?.field).toBe(field);
    });

    it('is answered "not found" for another system’s cohort, as on the cohort pages', async () => {
      const { resolver } = setUp();
      expect(await failure(resolver.resolve(SYSTEM_LEAD, filters({ cohortId: COHORT_B })))).toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe('the steering group', () => {
    it('sees protected aggregates of the whole programme, by whole financial years', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(
        STEERING,
        filters({ startFrom: '2023-05-01', startTo: '2024-02-01' }),
      );
      expect(scope).toMatchObject({
        personLevel: false,
        threshold: 10,
        systemIds: null,
        chain: [{ level: 'all', value: '' }],
        siblingsWithin: null,
        fyFrom: 2023,
        fyTo: 2023,
        startFrom: '2023-04-01',
        startTo: '2024-03-31',
      });
    });

    it('checks a system against its group and the whole programme, beside the group’s other systems', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(STEERING, filters({ systemId: SYSTEM_B }));
      expect(scope.chain).toEqual([
        { level: 'system', value: SYSTEM_B },
        { level: 'group', value: 'scale-up' },
        { level: 'all', value: '' },
      ]);
      expect(scope.siblingsWithin).toEqual({ level: 'group', value: 'scale-up' });
    });

    it('nests a cohort in its own system', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(STEERING, filters({ cohortId: COHORT_A }));
      expect(scope.chain.map((unit) => unit.level)).toEqual(['cohort', 'system', 'group', 'all']);
      expect(scope.siblingsWithin).toEqual({ level: 'system', value: SYSTEM_A });
    });

    it('also checks an organisation against the one cohort all its people are in', async () => {
      const { resolver } = setUp({ cohortId: COHORT_A, organisationId: ORG_A });
      const scope = await resolver.resolve(STEERING, filters({ organisationId: ORG_A }));
      expect(scope.chain).toEqual([
        { level: 'organisation', value: ORG_A },
        { level: 'cohort', value: COHORT_A },
        { level: 'system', value: SYSTEM_A },
        { level: 'group', value: 'home' },
        { level: 'all', value: '' },
      ]);
    });

    it('filters on one thing at a time', async () => {
      const { resolver } = setUp();
      const error = await failure(resolver.resolve(STEERING, filters({ group: 'home', systemId: SYSTEM_A })));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.fieldErrors?.[0]?.field).toBe('systemId');
    });

    it.each([
      ['cohortId', { cohortId: COHORT_ELSEWHERE }],
      ['systemId', { systemId: ORG_A }],
      ['organisationId', { organisationId: 'org-unknown' }],
    ])('is told a %s that is not part of the programme or not a system is wrong', async (field, more) => {
      const { resolver } = setUp();
      const error = await failure(resolver.resolve(STEERING, filters(more)));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.fieldErrors?.[0]?.field).toBe(field);
    });
  });

  describe('a steering member for one system', () => {
    it('has their system as the widest view: no group or programme to subtract it from', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(SYSTEM_STEERING, filters());
      expect(scope).toMatchObject({
        personLevel: false,
        systemIds: [SYSTEM_A],
        chain: [{ level: 'system', value: SYSTEM_A }],
        siblingsWithin: null,
      });
    });

    it('checks an organisation against its system only', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(SYSTEM_STEERING, filters({ organisationId: ORG_A }));
      expect(scope.chain).toEqual([
        { level: 'organisation', value: ORG_A },
        { level: 'system', value: SYSTEM_A },
      ]);
      expect(scope.siblingsWithin).toEqual({ level: 'system', value: SYSTEM_A });
    });

    it.each([
      ['organisationId', { organisationId: ORG_B }],
      ['systemId', { systemId: SYSTEM_B }],
      ['group', { group: 'scale-up' as const }],
    ])('is refused another system’s %s', async (field, more) => {
      const { resolver } = setUp();
      const error = await failure(resolver.resolve(SYSTEM_STEERING, filters(more)));
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.fieldErrors?.[0]?.field).toBe(field);
    });

    it('is answered "not found" for another system’s cohort', async () => {
      const { resolver } = setUp();
      expect(
        await failure(resolver.resolve(SYSTEM_STEERING, filters({ cohortId: COHORT_B }))),
      ).toBeInstanceOf(NotFoundError);
    });
  });

  describe('a sponsor', () => {
    it('sees protected aggregates of their own organisation’s people', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(SPONSOR, filters());
      expect(scope).toMatchObject({
        personLevel: false,
        sponsorOrganisationId: ORG_A,
        systemIds: null,
        chain: [{ level: 'all', value: '' }],
      });
    });

    it('narrows to a cohort within their organisation', async () => {
      const { resolver } = setUp();
      const scope = await resolver.resolve(SPONSOR, filters({ cohortId: COHORT_B }));
      expect(scope.sponsorOrganisationId).toBe(ORG_A);
      expect(scope.chain).toEqual([
        { level: 'cohort', value: COHORT_B },
        { level: 'all', value: '' },
      ]);
    });

    it('is refused another organisation', async () => {
      const { resolver } = setUp();
      expect(await failure(resolver.resolve(SPONSOR, filters({ organisationId: ORG_B })))).toBeInstanceOf(
        ForbiddenError,
      );
    });

    it.each([
      ['systemId', { systemId: SYSTEM_A }],
      ['group', { group: 'home' as const }],
    ])('cannot filter by %s', async (field, more) => {
      const { resolver } = setUp();
      const error = await failure(resolver.resolve(SPONSOR, filters(more)));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.fieldErrors?.[0]?.field).toBe(field);
    });
  });

  it('refuses anyone outside the programme team', async () => {
    const { resolver } = setUp();
    expect(() => resolver.viewer(DELEGATE)).toThrow(ForbiddenError);
    expect(await failure(resolver.resolve(DELEGATE, filters()))).toBeInstanceOf(ForbiddenError);
  });
});
