import { descriptiveSummary, DescriptiveSummary } from './descriptive';
import { holmAdjust } from './multiplicity';
import { pairedTTestFromDifferences, PairedTTestResult } from './paired-t';
import { wilcoxonSignedRankFromDifferences, WilcoxonOptions, WilcoxonResult } from './wilcoxon';

/**
 * One person's answers to one item before and after training. Linkage is by `subjectId` (e.g. the
 * self-generated code); a missing answer is `undefined`, `null` or NaN.
 */
export interface PairedObservation {
  subjectId: string;
  pre?: number | null;
  post?: number | null;
}

/** A count out of a denominator. */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator; NaN when the denominator is 0. */
  rate: number;
}

/** `responded` out of `invited` (both non-negative integers, responded ≤ invited). */
export function responseRate(responded: number, invited: number): Rate {
  if (!Number.isSafeInteger(responded) || responded < 0) {
    throw new RangeError(`responded must be a non-negative integer, got ${responded}`);
  }
  if (!Number.isSafeInteger(invited) || invited < 0) {
    throw new RangeError(`invited must be a non-negative integer, got ${invited}`);
  }
  if (responded > invited) throw new RangeError(`responded (${responded}) exceeds invited (${invited})`);
  return { numerator: responded, denominator: invited, rate: invited === 0 ? NaN : responded / invited };
}

export interface PairedSummaryOptions extends WilcoxonOptions {
  /** Confidence level of the t-based interval of the mean change; default 0.95. */
  confidenceLevel?: number;
  /**
   * Whether a higher score is an improvement (default true). Only decides which direction counts
   * as "improved"; the tests always use post − pre.
   */
  higherIsBetter?: boolean;
  /** People invited to answer; when given, response rates for pre and post are reported. */
  invited?: number;
}

export interface DirectionCount {
  count: number;
  /** Share of the paired respondents; NaN when there are none. */
  proportion: number;
}

export interface PairedItemSummary {
  /** People with a pre answer. */
  nPre: number;
  /** People with a post answer. */
  nPost: number;
  /** People with both (the basis of every paired statistic). */
  nPaired: number;
  /** Paired respondents out of pre respondents (how many were followed through). */
  retention: Rate;
  /** Pre respondents out of `invited`, when `invited` was given. */
  preResponseRate: Rate | null;
  /** Post respondents out of `invited`, when `invited` was given. */
  postResponseRate: Rate | null;
  /** All available pre answers. */
  pre: DescriptiveSummary;
  /** All available post answers. */
  post: DescriptiveSummary;
  /** Pre answers of the paired respondents only. */
  pairedPre: DescriptiveSummary;
  /** Post answers of the paired respondents only. */
  pairedPost: DescriptiveSummary;
  /** Change post − pre: mean with its t-based CI, sd, t-test and Cohen's d_z. */
  change: PairedTTestResult;
  improved: DirectionCount;
  same: DirectionCount;
  worse: DirectionCount;
  /** Wilcoxon signed-rank test on post − pre (Pratt's zero handling unless overridden). */
  wilcoxon: WilcoxonResult;
}

function isPresent(value: number | null | undefined): value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) throw new RangeError('answers must be finite numbers');
  return true;
}

function direction(count: number, total: number): DirectionCount {
  return { count, proportion: total === 0 ? NaN : count / total };
}

/**
 * Everything reported for one item of a pre/post questionnaire. Always reports n(pre), n(post) and
 * n(paired) because attrition is large; the paired statistics use only people who answered both.
 * Throws if a subjectId appears twice (two answers for one person cannot be paired safely).
 */
export function summariseItem(
  observations: readonly PairedObservation[],
  options: PairedSummaryOptions = {},
): PairedItemSummary {
  const seen = new Set<string>();
  const preValues: number[] = [];
  const postValues: number[] = [];
  const pairedPre: number[] = [];
  const pairedPost: number[] = [];
  for (const observation of observations) {
    if (seen.has(observation.subjectId)) {
      throw new RangeError(`subjectId ${JSON.stringify(observation.subjectId)} appears more than once`);
    }
    seen.add(observation.subjectId);
    const pre = isPresent(observation.pre) ? observation.pre : undefined;
    const post = isPresent(observation.post) ? observation.post : undefined;
    if (pre !== undefined) preValues.push(pre);
    if (post !== undefined) postValues.push(post);
    if (pre !== undefined && post !== undefined) {
      pairedPre.push(pre);
      pairedPost.push(post);
    }
  }

  const differences = pairedPost.map((after, i) => after - pairedPre[i]);
  const nPaired = differences.length;
  const higherIsBetter = options.higherIsBetter ?? true;
  const up = differences.filter((d) => d > 0).length;
  const down = differences.filter((d) => d < 0).length;
  const { confidenceLevel, invited, zeroMethod, correction, alternative, method } = options;

  return {
    nPre: preValues.length,
    nPost: postValues.length,
    nPaired,
    retention: responseRate(nPaired, preValues.length),
    preResponseRate: invited === undefined ? null : responseRate(preValues.length, invited),
    postResponseRate: invited === undefined ? null : responseRate(postValues.length, invited),
    pre: descriptiveSummary(preValues),
    post: descriptiveSummary(postValues),
    pairedPre: descriptiveSummary(pairedPre),
    pairedPost: descriptiveSummary(pairedPost),
    change: pairedTTestFromDifferences(differences, { confidenceLevel }),
    improved: direction(higherIsBetter ? up : down, nPaired),
    same: direction(nPaired - up - down, nPaired),
    worse: direction(higherIsBetter ? down : up, nPaired),
    wilcoxon: wilcoxonSignedRankFromDifferences(differences, { zeroMethod, correction, alternative, method }),
  };
}

/** One questionnaire item to summarise. */
export interface ItemInput {
  itemId: string;
  observations: readonly PairedObservation[];
  /** Overrides `options.higherIsBetter` for this item (e.g. a reverse-scored item). */
  higherIsBetter?: boolean;
  /** Overrides `options.invited` for this item. */
  invited?: number;
}

export interface ItemSummary extends PairedItemSummary {
  itemId: string;
  /**
   * The item's Wilcoxon p-value after Holm's adjustment across all items summarised together
   * (family-wise error control over the questionnaire). NaN where the test had no pairs; such items
   * do not count towards the number of comparisons.
   */
  wilcoxonPHolm: number;
}

/**
 * {@link summariseItem} for every item, then Holm's adjustment across the items' Wilcoxon p-values.
 * Item ids must be unique.
 */
export function summariseItems(
  items: readonly ItemInput[],
  options: PairedSummaryOptions = {},
): ItemSummary[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.itemId))
      throw new RangeError(`itemId ${JSON.stringify(item.itemId)} appears more than once`);
    ids.add(item.itemId);
  }
  const summaries = items.map((item) =>
    summariseItem(item.observations, {
      ...options,
      higherIsBetter: item.higherIsBetter ?? options.higherIsBetter,
      invited: item.invited ?? options.invited,
    }),
  );
  const adjusted = holmAdjust(summaries.map((s) => s.wilcoxon.pValue));
  return summaries.map((summary, i) => ({ itemId: items[i].itemId, ...summary, wilcoxonPHolm: adjusted[i] }));
}
