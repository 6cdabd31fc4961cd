import { ConstructAnalytics, InstrumentItem, ItemAnalytics } from '@upstand/contracts';
import {
  GroupDecision,
  mcnemarTest,
  meanFromCounts,
  medianFromCounts,
  pairedTTestFromCounts,
  pairedTTestFromSummary,
  shares,
  ValueCount,
  wilcoxonSignedRankFromCounts,
} from '@upstand/statistics';
import { AnalyticsScope } from '../analytics-scope';
import { groupBase, toCount, usable, ViewCounts } from '../view-counts';
import { ConstructRow, JointRow } from './items.repository';

/**
 * The items report's statistics, from the protected counts and the joint tables of a view (pure: no SQL, no
 * disclosure decisions of its own; a withheld group gets its nulls here).
 */

export const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
/** Respondents are among the people asked by construction (see asked() in impact-sql.ts), so no clamp at 1: a rate
 * above 1 would be a bug to see, not to hide. */
const rate = (part: number | null, whole: number | null): number | null =>
  part !== null && whole ? part / whole : null;

/** One item's figures: the counts as protected, and every statistic when its group of paired people is published. */
export function itemAnalytics(
  scope: AnalyticsScope,
  item: InstrumentItem,
  counts: ViewCounts['counts'],
  group: GroupDecision | undefined,
  joint: JointRow[],
): ItemAnalytics {
  const published = group?.published ?? true;
  const base: ItemAnalytics = {
    itemCode: item.code,
    wording: item.wording,
    type: item.type,
    construct: item.construct ?? null,
    withheld: !published,
    withheldReason: group?.reason ?? null,
    nFrom: toCount(counts.get('responses:from')),
    nTo: toCount(counts.get('responses:to')),
    nPaired: groupBase(group),
    // A group of its own (the `to` stage's respondents); the number asked is revealed by it, so both must be
    // publishable.
    responseRate: rate(usable(scope, counts.get('responses:to')), usable(scope, counts.get('asked:to'))),
    meanFrom: null,
    meanTo: null,
    medianFrom: null,
    medianTo: null,
    meanChange: null,
    ci95: null,
    improvedShare: null,
    sameShare: null,
    worseShare: null,
    wilcoxon: null,
    effectSizeR: null,
    mcnemar: null,
    distributionFrom: null,
    distributionTo: null,
  };
  if (!published || joint.length === 0) return base;

  const fromCounts: ValueCount[] = joint.map((row) => [row.from, row.n]);
  const toCounts: ValueCount[] = joint.map((row) => [row.to, row.n]);
  const differences = new Map<number, number>();
  for (const row of joint)
    differences.set(row.to - row.from, (differences.get(row.to - row.from) ?? 0) + row.n);
  const differenceCounts = [...differences.entries()];
  const total = joint.reduce((sum, row) => sum + row.n, 0);
  const up = differenceCounts.filter(([d]) => d > 0).reduce((sum, [, c]) => sum + c, 0);
  const down = differenceCounts.filter(([d]) => d < 0).reduce((sum, [, c]) => sum + c, 0);
  const wilcoxon = wilcoxonSignedRankFromCounts(differenceCounts);
  const change = pairedTTestFromCounts(differenceCounts);
  // A published group is shown whole: every level's share, however few people it holds, so they add up to 1.
  const distribution = (side: 'from' | 'to') =>
    item.type === 'likert-5'
      ? shares(
          [1, 2, 3, 4, 5].map((level) =>
            joint.filter((row) => row[side] === level).reduce((sum, row) => sum + row.n, 0),
          ),
        )
      : null;
  let mcnemar: ItemAnalytics['mcnemar'] = null;
  if (item.type === 'yes-no') {
    const becameNo = joint.filter((row) => row.from === 1 && row.to === 0).reduce((s, r) => s + r.n, 0);
    const becameYes = joint.filter((row) => row.from === 0 && row.to === 1).reduce((s, r) => s + r.n, 0);
    const result = mcnemarTest(becameNo, becameYes);
    mcnemar = {
      becameNo,
      becameYes,
      pValue: result.pValue,
      method: result.method === 'exact' ? 'exact' : 'chi-squared',
    };
  }
  return {
    ...base,
    meanFrom: finite(meanFromCounts(fromCounts)),
    meanTo: finite(meanFromCounts(toCounts)),
    medianFrom: finite(medianFromCounts(fromCounts)),
    medianTo: finite(medianFromCounts(toCounts)),
    meanChange: finite(change.meanDifference),
    ci95: Number.isFinite(change.ciLower) ? [change.ciLower, change.ciUpper] : null,
    improvedShare: up / total,
    sameShare: (total - up - down) / total,
    worseShare: down / total,
    wilcoxon: {
      statistic: wilcoxon.statistic,
      pValue: wilcoxon.pValue,
      pValueHolm: null,
      z: finite(wilcoxon.z),
      method: wilcoxon.method,
    },
    effectSizeR: finite(wilcoxon.effectSizeR),
    mcnemar,
    distributionFrom: distribution('from'),
    distributionTo: distribution('to'),
  };
}

/** The items that count towards a construct's score (yes/no items have no mean to average). */
export function constructMembers(items: InstrumentItem[]): InstrumentItem[] {
  return items.filter((item) => item.construct && item.type !== 'yes-no');
}

/** Each construct's paired score change, published or withheld whole with its group. */
export function constructs(
  items: InstrumentItem[],
  groups: Map<string, GroupDecision>,
  rows: ConstructRow[],
): ConstructAnalytics[] {
  const members = constructMembers(items);
  return [...new Set(members.map((item) => item.construct as string))].map((construct) => {
    const itemCodes = members.filter((item) => item.construct === construct).map((item) => item.code);
    const row = rows.find((candidate) => candidate.construct === construct);
    // One group: the people paired on any of the construct's items, published or withheld whole.
    const group = groups.get(`construct:${construct}`);
    const published = group?.published ?? true;
    const nullResult: ConstructAnalytics = {
      construct,
      itemCodes,
      withheld: !published,
      withheldReason: group?.reason ?? null,
      nPaired: groupBase(group),
      meanFrom: null,
      meanTo: null,
      meanChange: null,
      ci95: null,
      t: null,
      df: null,
      pValue: null,
      cohensDz: null,
    };
    if (!row || !published) return nullResult;
    const test = pairedTTestFromSummary(row.n, row.meanChange, row.sdChange ?? NaN);
    return {
      ...nullResult,
      meanFrom: row.meanFrom,
      meanTo: row.meanTo,
      meanChange: row.meanChange,
      ci95: Number.isFinite(test.ciLower) ? [test.ciLower, test.ciUpper] : null,
      t: finite(test.t),
      df: finite(test.df),
      pValue: finite(test.pValue),
      cohensDz: finite(test.cohensDz),
    };
  });
}
