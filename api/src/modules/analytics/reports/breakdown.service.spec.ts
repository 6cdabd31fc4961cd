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

function service(
  cells: LevelCellRow[],
  cohortIds: string[],
  changes: Partial<Pick<BreakdownRepository, 'headlineChangeByCategory' | 'headlinePairs'>> = {},
): BreakdownService {
  const repository = {
    counts: () => Promise.resolve(cells),
    headlineChangeByCategory: () => Promise.resolve([]),
    headlinePairs: () => Promise.resolve([]),
    ...changes,
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
    expect(breakdown.rows.items.map((r) => [r.key, r.trained.value, r.paired.suppressed])).toEqual([
      ['C1', 12, true],
    ]);
  });

  it('gives a page of cohorts the figures the whole list gives them, summing only their headline change', async () => {
    // Three cohorts of a lead's view (person-level: nothing withheld), each with people trained and paired.
    const lead: AnalyticsScope = { ...SCOPE, personLevel: true, chain: [{ level: 'all', value: '' }] };
    const cells = ['C1', 'C2', 'C3'].flatMap((id, i) => [
      row('view', '', `trained:${id}`, 20 + i),
      row('view', '', `paired:${id}`, 12 + i),
    ]);
    const asked: (string[] | null)[] = [];
    const headline = {
      headlinePairs: () =>
        Promise.resolve(['C1', 'C2', 'C3'].map((id, i) => row('view', '', `headline:${id}`, 12 + i))),
      headlineChangeByCategory: (
        _scope: AnalyticsScope,
        _dimension: string,
        _item: string,
        categories: string[] | null = null,
      ) => {
        asked.push(categories);
        return Promise.resolve(
          ['C1', 'C2', 'C3']
            .map((key, i) => ({ key, n: 12 + i, sumChange: 6 + i, improved: 5 + i }))
            .filter((change) => !categories || categories.includes(change.key)),
        );
      },
    } as unknown as Partial<BreakdownRepository>;
    const whole = await service(cells, ['C1', 'C2', 'C3'], headline).breakdown(lead, 'cohort', 'all');
    const second = await service(cells, ['C1', 'C2', 'C3'], headline).breakdown(lead, 'cohort', {
      page: 2,
      pageSize: 1,
    });
    expect(whole.rows.total).toBe(3);
    expect(second.rows).toEqual({ items: [whole.rows.items[1]], total: 3, page: 2, pageSize: 1 });
    expect(second.rows.items[0]).toMatchObject({ key: 'C2', headlineMeanChange: 7 / 13 });
    expect(second.totalTrained).toEqual(whole.totalTrained);
    expect(asked).toEqual([null, ['C2']]);
  });
});
