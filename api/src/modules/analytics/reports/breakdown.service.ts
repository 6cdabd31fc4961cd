import { Injectable } from '@nestjs/common';
import {
  Breakdown,
  BreakdownDimension,
  HEADLINE_ITEM_CODE,
  PageQuery,
  PAY_SCHEME_LABELS,
  STAFF_GROUPS,
} from '@upstand/contracts';
import { protectGroupPartitions, protectLines } from '@upstand/statistics';
import { paged, pageWindow } from '../../../common/paging';
import { CohortsRepository } from '../../cohorts/cohorts.repository';
import { OrganisationsRepository } from '../../organisations/organisations.repository';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, groupBase, toCount, viewCounts, viewGroups } from '../view-counts';
import { BreakdownRepository } from './breakdown.repository';

const GROUP_LABELS: Record<string, string> = { home: 'Home system', 'scale-up': 'Midlands scale-up' };
const WRES_LABELS: Record<string, string> = {
  white: 'White',
  bme: 'Black and minority ethnic',
  'not-stated': 'Not stated',
};
const DISABILITY_LABELS: Record<string, string> = {
  yes: 'Disabled',
  no: 'Not disabled',
  'prefer-not-to-say': 'Prefer not to say',
  'not-stated': 'Not stated',
};

/** The category a cell is for: `trained:<category>` → `<category>`. */
const categoryOf = (cell: string) => cell.slice(cell.indexOf(':') + 1);

/**
 * People trained and paired in each category of a dimension, and each category's headline change, a page of
 * categories at a time: by cohort a programme has 10,000 of them.
 */
@Injectable()
export class BreakdownService {
  constructor(
    private readonly repository: BreakdownRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  /**
   * One page of the categories (`query`), or all of them (`'all'`, for the downloads and the Board report). The
   * small-number protection still looks at every category, as the categories partition the view's totals (a
   * lone withheld one takes the next smallest with it), so a page gives each category exactly the figures the
   * whole list would; only the page's headline changes are summed.
   */
  async breakdown(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    query: PageQuery | 'all' = {},
  ): Promise<Breakdown> {
    // Protected groups are checked against every category, so their bases are read beside the counts rather than
    // after them. Every category's, for leads too: one kept row per cohort, where only a page's took a read after.
    const [categories, cells, headlineRows] = await Promise.all([
      this.categories(scope, dimension),
      this.repository.counts(scope, dimension),
      this.repository.headlinePairs(scope, dimension, HEADLINE_ITEM_CODE),
    ]);
    // Both measures of every category that can show: the fixed ones, and those with someone in the view (a zero
    // beside a count is protected like the count). Not every category the programme has: by cohort that is the
    // view's few dozen cohorts rather than 10,000, each checked against every wider view and sibling (4.8 s for a
    // steering member's system and year). Found in the view's own counts as they are summed, not by summing them
    // again: a national breakdown by cohort has 60,000 of them.
    // A category in the view already has one of its two cells there (the one above 0): only the other is added.
    const fixedKeys = categories.filter(({ fixed }) => fixed).map(({ key }) => key);
    const inView = new Set<string>();
    const { counts, raw } = viewCounts(scope, cells, (own) => {
      const expected = [
        'trained',
        'paired',
        ...fixedKeys.flatMap((key) => [`trained:${key}`, `paired:${key}`]),
      ];
      for (const [cell, n] of own) {
        if (n <= 0 || !cell.includes(':')) continue;
        const key = categoryOf(cell);
        if (inView.has(key)) continue;
        inView.add(key);
        expected.push(cell.startsWith('trained:') ? `paired:${key}` : `trained:${key}`);
      }
      return expected;
    });
    const rows = categories.filter(({ key, fixed }) => fixed || inView.has(key));
    // People in a category the list does not name still show (under its key); an unnamed category nobody in
    // the view is in does not (the expected cells of the other systems' organisations are zeros, not people).
    // Looked up in a set: by cohort there are 10,000 rows and 60,000 cells, too many to search one by the other.
    const listed = new Set(rows.map((row) => row.key));
    for (const key of inView)
      if (!listed.has(key)) {
        rows.push({ key, label: key, fixed: false });
        listed.add(key);
      }
    if (!scope.personLevel) {
      protectLines(
        counts,
        (['trained', 'paired'] as const).map((measure) => ({
          parts: rows.map(({ key }) => `${measure}:${key}`),
          total: measure,
          publishedTotal: true,
        })),
        raw,
      );
    }
    const window = query === 'all' ? null : pageWindow(query);
    const shown = window ? rows.slice(window.skip, window.skip + window.take) : rows;
    const page = shown.length < rows.length ? shown.map(({ key }) => key) : null;
    const changes = await this.repository.headlineChangeByCategory(
      scope,
      dimension,
      HEADLINE_ITEM_CODE,
      page,
    );
    // Each category's headline change is a group of survey results: published whole or withheld whole, and, as the
    // categories partition the view's headline group (published in the overview), a lone withheld category takes
    // the next smallest with it.
    const headline = viewGroups(
      scope,
      headlineRows,
      rows.map(({ key }) => `headline:${key}`),
    );
    if (!scope.personLevel)
      protectGroupPartitions(headline, [
        { parts: rows.map(({ key }) => `headline:${key}`), total: 'headline' },
      ]);
    const changeOf = new Map(changes.map((row) => [row.key, row]));
    return {
      ...disclosure(scope),
      dimension,
      rows: paged(
        shown.map(({ key, label }) => {
          const group = headline.get(`headline:${key}`);
          const change = changeOf.get(key);
          const show = (group?.published ?? false) && change && change.n > 0;
          return {
            key,
            label,
            trained: toCount(counts.get(`trained:${key}`)),
            paired: toCount(counts.get(`paired:${key}`)),
            headlineN: groupBase(group).value,
            headlineMeanChange: show ? change.sumChange / change.n : null,
            headlineImprovedShare: show ? change.improved / change.n : null,
            headlineWithheld: group?.reason ?? null,
          };
        }),
        rows.length,
        window ?? { page: 1, pageSize: Math.max(rows.length, 1) },
      ),
      totalTrained: toCount(counts.get('trained')),
      totalPaired: toCount(counts.get('paired')),
    };
  }

  /** Categories of a breakdown with labels; fixed ones are always listed (so a zero shows as 0). */
  private async categories(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
  ): Promise<{ key: string; label: string; fixed: boolean }[]> {
    const fixed = (entries: [string, string][]) =>
      entries.map(([key, label]) => ({ key, label, fixed: true }));
    switch (dimension) {
      case 'group':
        return fixed(Object.entries(GROUP_LABELS));
      case 'ethnicity':
        return fixed(Object.entries(WRES_LABELS));
      case 'disability':
        return fixed(Object.entries(DISABILITY_LABELS));
      case 'staff-group':
        return fixed([
          ...STAFF_GROUPS.map((group): [string, string] => [group, group]),
          ['not-known', 'Not known'],
        ]);
      case 'pay-band':
        return fixed([
          ...['2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'].map((band): [string, string] => [
            `band-${band}`,
            `Agenda for Change band ${band}`,
          ]),
          ...Object.entries(PAY_SCHEME_LABELS)
            .filter(([scheme]) => scheme !== 'agenda-for-change')
            .map(([scheme, label]): [string, string] => [scheme, label as string]),
          ['not-known', 'Not known'],
        ]);
      case 'system':
        return (await this.organisations.systems()).map((system) => ({
          key: system.id,
          label: system.name,
          fixed: false,
        }));
      case 'organisation':
        return [
          ...(
            await this.organisations.withDelegatesOn(
              scope.programmeId,
              scope.sponsorOrganisationId,
              scope.systemIds,
            )
          ).map((organisation) => ({ key: organisation.id, label: organisation.name, fixed: false })),
          { key: 'unknown', label: 'Not known', fixed: false },
        ];
      case 'cohort':
        return (await this.cohorts.ofProgramme(scope.programmeId)).map((cohort) => ({
          key: cohort.id,
          label: cohort.name,
          fixed: false,
        }));
    }
  }
}
