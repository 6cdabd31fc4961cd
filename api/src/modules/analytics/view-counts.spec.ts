import { AnalyticsScope } from './analytics-scope';
import { LevelCellRow } from './analytics.repository';
import { disclosure, toCount, viewCounts, viewRaw } from './view-counts';

/** How the disclosure policy (libs/statistics) is applied to a report's counts, viewer by viewer. */
const base: AnalyticsScope = {
  programmeId: 'programme-1',
  personLevel: false,
  threshold: 10,
  sponsorOrganisationId: null,
  systemIds: null,
  filters: { programmeId: 'programme-1' },
  chain: [{ level: 'all', value: '' }],
  siblingsWithin: null,
  fyFrom: null,
  fyTo: null,
  startFrom: null,
  startTo: null,
};
const lead: AnalyticsScope = { ...base, personLevel: true };
/** An organisation in system S, within the home group, within the whole programme. */
const organisationView: AnalyticsScope = {
  ...base,
  chain: [
    { level: 'organisation', value: 'org-1' },
    { level: 'system', value: 'sys-s' },
    { level: 'group', value: 'home' },
    { level: 'all', value: '' },
  ],
  siblingsWithin: { level: 'system', value: 'sys-s' },
};

const row = (
  level: LevelCellRow['level'],
  key: string,
  cell: string,
  n: number,
  fy = 2023,
): LevelCellRow => ({
  level,
  key,
  fy,
  cell,
  n,
});

describe('viewCounts', () => {
  it('gives a programme lead every count as it is, however small', () => {
    const { counts } = viewCounts(lead, [row('view', '', 'trained', 3)], ['trained', 'paired']);
    expect(toCount(counts.get('trained'))).toEqual({ value: 3, suppressed: false });
    expect(toCount(counts.get('paired'))).toEqual({ value: 0, suppressed: false });
  });

  it('withholds a small count from everyone else', () => {
    const { counts, raw } = viewCounts(
      base,
      [row('all', '', 'trained', 3), row('all', '', 'paired', 25)],
      ['trained', 'paired'],
    );
    expect(toCount(counts.get('trained'))).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(toCount(counts.get('paired'))).toEqual({ value: 25, suppressed: false });
    // The true values stay with the server, for lines and chains.
    expect(raw.get('trained')).toBe(3);
  });

  it('withholds a count a wider view would expose by subtraction', () => {
    const rows = [
      row('organisation', 'org-1', 'trained', 20),
      row('organisation', 'org-2', 'trained', 30),
      row('system', '', 'trained', 23),
      row('group', '', 'trained', 50),
      row('all', '', 'trained', 50),
    ];
    const { counts } = viewCounts(organisationView, rows, ['trained']);
    // The system has 3 more than the organisation: publishing 20 would describe those 3 people.
    expect(toCount(counts.get('trained'))).toMatchObject({
      value: null,
      suppressed: true,
      reason: 'overlap',
    });
  });

  it('works out the cells it must show from the view’s own counts, and shows a zero where nobody is', () => {
    const scope = { ...organisationView, fyFrom: 2023, fyTo: 2023 };
    const seen: [string, number][][] = [];
    const { counts } = viewCounts(
      scope,
      [
        row('organisation', 'org-1', 'trained:c1', 20, 2023),
        row('organisation', 'org-1', 'trained:c2', 15, 2022),
        row('organisation', 'org-2', 'trained:c3', 30, 2023),
        row('system', '', 'trained:c1', 50, 2023),
        row('group', '', 'trained:c1', 80, 2023),
        row('all', '', 'trained:c1', 120, 2023),
      ],
      (own) => {
        seen.push([...own]);
        return [...own.keys()].map((cell) => cell.replace('trained', 'paired'));
      },
    );
    // Only the organisation's own cells in the view's year, not its other years, siblings or wider views.
    expect(seen).toEqual([[['trained:c1', 20]]]);
    expect(toCount(counts.get('paired:c1'))).toEqual({ value: 0, suppressed: false });
    expect(counts.has('paired:c2')).toBe(false);
  });

  it('gives the whole programme in every year its own counts, with the cells it must show, checked alone', () => {
    const seen: [string, number][][] = [];
    const { counts, raw } = viewCounts(
      base,
      [
        row('all', '', 'trained:c1', 20, 2022),
        row('all', '', 'trained:c1', 5, 2023),
        row('all', '', 'trained:c2', 4, 2023),
        row('all', '', 'trained', 29, 2022),
      ],
      (own) => {
        seen.push([...own]);
        return ['paired:c1'];
      },
    );
    // Summed over the years; every span of years it could be widened to holds the same people.
    expect(seen).toEqual([
      [
        ['trained:c1', 25],
        ['trained:c2', 4],
        ['trained', 29],
      ],
    ]);
    expect(raw.get('paired:c1')).toBe(0);
    expect(toCount(counts.get('trained:c1'))).toEqual({ value: 25, suppressed: false });
    expect(toCount(counts.get('trained:c2'))).toEqual({ value: null, suppressed: true, reason: 'small' });
    expect(toCount(counts.get('paired:c1'))).toEqual({ value: 0, suppressed: false });
  });

  it('publishes an organisation whose wider views and siblings differ by enough', () => {
    const rows = [
      row('organisation', 'org-1', 'trained', 20),
      row('organisation', 'org-2', 'trained', 30),
      row('system', '', 'trained', 50),
      row('group', '', 'trained', 80),
      row('all', '', 'trained', 120),
    ];
    const { counts } = viewCounts(organisationView, rows, ['trained']);
    expect(toCount(counts.get('trained'))).toEqual({ value: 20, suppressed: false });
  });
});

describe('viewRaw', () => {
  it('keeps only the view’s own unit and financial years', () => {
    const scope = { ...organisationView, fyFrom: 2023, fyTo: 2023 };
    const raw = viewRaw(scope, [
      row('organisation', 'org-1', 'joint:x:1:2', 4, 2023),
      row('organisation', 'org-1', 'joint:x:1:2', 7, 2022),
      row('organisation', 'org-2', 'joint:x:1:2', 5, 2023),
      row('system', '', 'joint:x:1:2', 9, 2023),
    ]);
    expect([...raw]).toEqual([['joint:x:1:2', 4]]);
  });
});

describe('disclosure', () => {
  it('says whether small numbers were withheld, and for which dates', () => {
    expect(disclosure({ ...base, startFrom: '2023-04-01', startTo: '2024-03-31' })).toEqual({
      suppressionApplied: true,
      threshold: 10,
      startFrom: '2023-04-01',
      startTo: '2024-03-31',
    });
    expect(disclosure(lead).suppressionApplied).toBe(false);
  });
});
