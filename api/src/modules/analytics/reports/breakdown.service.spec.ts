import { CohortsRepository } from '../../cohorts/cohorts.repository';
import { OrganisationsRepository } from '../../organisations/organisations.repository';
import { AnalyticsScope } from '../analytics-scope';
import { LevelCellRow } from '../analytics.repository';
import { BreakdownRepository } from './breakdown.repository';
import { BreakdownService } from './breakdown.service';

/** A system steering member's view of system S, checked against the whole programme. */
const SCOPE: AnalyticsScope = {
  programmeId: 'p',
  personLevel: false,
  threshold: 10,
  sponsorOrganisationId: null,
  systemIds: null,
  filters: { programmeId: 'p' },
  chain: [
    { level: 'system', value: 'S' },
    { level: 'all', value: '' },
  ],
  siblingsWithin: null,
  fyFrom: null,
  fyTo: null,
  startFrom: null,
  startTo: null,
};

const row = (level: LevelCellRow['level'], key: string, cell: string, n: number): LevelCellRow => ({
  level,
  key,
  fy: 2023,
  cell,
  n,
});

function service(cells: LevelCellRow[], cohortIds: string[]): BreakdownService {
  const repository = {
    counts: () => Promise.resolve(cells),
    headlineChangeByCategory: () => Promise.resolve([]),
    headlinePairs: () => Promise.resolve([]),
  } as unknown as BreakdownRepository;
  const cohorts = {
    ofProgramme: () =>
      Promise.resolve(
        cohortIds.map((id) => ({ id, name: `Cohort ${id}`, startDate: '2023-05-01', systemId: 'S' })),
      ),
  } as unknown as CohortsRepository;
  return new BreakdownService(repository, {} as OrganisationsRepository, cohorts);
}

describe('BreakdownService', () => {
  it("withholds a zero beside a cohort's count when the whole programme has a few people there", async () => {
    // Cohort C1 has 12 certified people from system S, none of them paired; the programme has 3 paired people
    // in C1 (from other systems). Publishing S's 0 beside the programme's 3 would say those 3 are not S's.
    const cells = [
      row('system', 'S', 'trained:C1', 12),
      row('system', 'S', 'trained', 12),
      row('all', '', 'trained:C1', 12),
      row('all', '', 'trained', 12),
      row('all', '', 'paired:C1', 3),
      row('all', '', 'paired', 3),
    ];
    const breakdown = await service(cells, ['C1', 'C2']).breakdown(SCOPE, 'cohort');
    expect(breakdown.rows.map((r) => [r.key, r.trained.value, r.paired.suppressed])).toEqual([
      ['C1', 12, true],
    ]);
  });
});
