import { averageRanks } from './descriptive';
import { normalCdf, normalSf } from './distributions';

/** A response that may be missing: `null`, `undefined` and NaN all count as missing. */
export type MaybeNumber = number | null | undefined;

/** Which side of the null the alternative hypothesis lies on, in terms of the differences. */
export type Alternative = 'two-sided' | 'greater' | 'less';

/**
 * Treatment of zero differences.
 * - `'pratt'` (default; Pratt 1959): zeros are ranked together with the non-zero |d|, then their ranks
 *   are left out of W+ and W−; the null mean and variance are adjusted for them (Cureton 1967):
 *   E[W+] = [n(n+1) − n₀(n₀+1)]/4, Var[W+] = [n(n+1)(2n+1) − n₀(n₀+1)(2n₀+1)]/24 − Σ(t³ − t)/48,
 *   with n all pairs, n₀ the zeros and t the sizes of tie groups among the non-zero |d|. This is
 *   SciPy's `zero_method='pratt'`. The domain notes recommend it for Likert items, where "no change"
 *   is common and dropping it (Wilcoxon's method) overstates the evidence of change.
 * - `'wilcox'`: zeros are discarded before ranking (R's `wilcox.test`, SciPy's default).
 */
export type ZeroMethod = 'pratt' | 'wilcox';

export interface WilcoxonOptions {
  /** Default `'pratt'`. */
  zeroMethod?: ZeroMethod;
  /**
   * Continuity correction (±½ on W+) in the normal approximation. Default `false`, like SciPy's
   * `wilcoxon(..., correction=False)`; `true` reproduces R's `wilcox.test` default (`correct = TRUE`).
   */
  correction?: boolean;
  /** Default `'two-sided'`. `'greater'`: differences (post − pre) tend to be positive. */
  alternative?: Alternative;
  /**
   * `'auto'` (default): exact when n ≤ 50 and there are neither ties nor zeros, normal otherwise.
   * `'exact'` insists on the exact distribution (throws if ties, zeros or n > 50 make it invalid).
   * `'normal'` always uses the normal approximation.
   */
  method?: 'auto' | 'exact' | 'normal';
}

export interface WilcoxonResult {
  /** Complete pairs used (both values present), including zero differences. */
  n: number;
  /** Pairs with a non-zero difference. */
  nNonZero: number;
  /** Pairs with a zero difference. */
  nZero: number;
  /**
   * W+ — the sum of the ranks of the positive differences (post − pre > 0); R's `V` for
   * `wilcox.test(post, pre, paired = TRUE)`. Under Pratt the ranks come from ranking all |d|
   * including zeros.
   */
  statistic: number;
  /** W− — the sum of the ranks of the negative differences. SciPy's two-sided statistic is min(W+, W−). */
  statisticNegative: number;
  /**
   * Normal-approximation z for W+ (positive when post tends to exceed pre), with the continuity
   * correction when requested. Reported for exact results too, because the effect size needs it.
   * NaN when there are no pairs; 0 when every difference is zero.
   */
  z: number;
  pValue: number;
  method: 'exact' | 'normal';
  zeroMethod: ZeroMethod;
  alternative: Alternative;
  /**
   * Effect size r = |z| / √N with N = `n`, the number of complete pairs (zero differences included,
   * consistently for both zero methods). This is the r = Z/√N of the domain notes (Rosenthal 1991;
   * thresholds 0.1 small, 0.3 moderate, 0.5 large). Some authors (e.g. Field, Discovering
   * Statistics) divide by the number of observations, 2n, which gives r smaller by √2.
   */
  effectSizeR: number;
}

/** Largest number of non-zero differences for which `'auto'` uses the exact distribution. */
export const WILCOXON_EXACT_MAX_N = 50;

/**
 * Null distribution of W+ for n untied, non-zero differences: `counts[w]` is the number of the 2ⁿ
 * equally likely sign patterns with W+ = w (w = 0 … n(n+1)/2). Built by the dynamic programme
 * "add rank k with or without a plus sign", counts(k)[w] = counts(k−1)[w] + counts(k−1)[w − k].
 * All counts are integers below 2ⁿ ≤ 2⁵⁰, so they are exact in doubles for n ≤ 52.
 */
export function signedRankNullCounts(n: number): number[] {
  if (!Number.isInteger(n) || n < 0 || n > 52)
    throw new RangeError(`n must be an integer in 0..52, got ${n}`);
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let w = (k * (k + 1)) / 2; w >= k; w--) counts[w] += counts[w - k];
  }
  return counts;
}

function exactPValue(n: number, wPlus: number, alternative: Alternative): number {
  const counts = signedRankNullCounts(n);
  const total = 2 ** n;
  let atMost = 0; // #{W+ ≤ wPlus}
  let atLeast = 0; // #{W+ ≥ wPlus}
  counts.forEach((count, w) => {
    if (w <= wPlus) atMost += count;
    if (w >= wPlus) atLeast += count;
  });
  if (alternative === 'greater') return atLeast / total;
  if (alternative === 'less') return atMost / total;
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}

function normalPValue(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return normalSf(z);
  if (alternative === 'less') return normalCdf(z);
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

function isPresent(value: MaybeNumber): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/**
 * Wilcoxon signed-rank test for paired data. Pairs where either value is missing (`null`,
 * `undefined`, NaN) are dropped; the differences tested are `post − pre`, so W+ (`statistic`) and a
 * positive `z` mean post-training scores tend to be higher. To reproduce R's
 * `wilcox.test(x, y, paired = TRUE)`, pass `pre = y`, `post = x` (R tests x − y).
 *
 * Method (see {@link WilcoxonOptions} for the choices):
 * - ranks of |d| are average ranks; ties reduce the variance by Σ(t³ − t)/48;
 * - exact two-sided p (n ≤ 50, no ties, no zeros) is 2·min(P(W+ ≤ w), P(W+ ≥ w)) capped at 1, from the
 *   exact null distribution ({@link signedRankNullCounts}); this is what R (`exact = TRUE`, which R uses
 *   for n < 50) and SciPy (`method='exact'`, used by 'auto' for n ≤ 50) report;
 * - otherwise z = (W+ − E[W+] − c)/√Var[W+] with c = 0 by default (SciPy's `correction=False`) or
 *   ±½ towards the mean with `correction: true` (R's default); two-sided p = 2·P(Z > |z|). Unlike
 *   SciPy ≥ 1.12 we do not switch to a permutation p-value for n ≤ 13 with ties or zeros: the normal
 *   approximation (R's behaviour) keeps results comparable across items of different sizes.
 */
export function wilcoxonSignedRank(
  pre: readonly MaybeNumber[],
  post: readonly MaybeNumber[],
  options: WilcoxonOptions = {},
): WilcoxonResult {
  if (pre.length !== post.length) {
    throw new RangeError(`pre and post must have the same length (${pre.length} ≠ ${post.length})`);
  }
  const differences: number[] = [];
  for (let i = 0; i < pre.length; i++) {
    const before = pre[i];
    const after = post[i];
    if (isPresent(before) && isPresent(after)) differences.push(after - before);
  }
  return wilcoxonSignedRankFromDifferences(differences, options);
}

/**
 * The Wilcoxon signed-rank test on already-formed differences (missing values dropped). Same
 * conventions as {@link wilcoxonSignedRank}: W+ sums the ranks of the positive differences.
 */
export function wilcoxonSignedRankFromDifferences(
  differences: readonly MaybeNumber[],
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const zeroMethod = options.zeroMethod ?? 'pratt';
  const correction = options.correction ?? false;
  const alternative = options.alternative ?? 'two-sided';
  const requestedMethod = options.method ?? 'auto';

  const d = differences.filter(isPresent);
  for (const value of d) {
    if (!Number.isFinite(value)) throw new RangeError('differences must be finite numbers');
  }
  const n = d.length;
  const nZero = d.filter((v) => v === 0).length;
  const nNonZero = n - nZero;

  const base = { n, nNonZero, nZero, zeroMethod, alternative };
  if (n === 0) {
    return {
      ...base,
      statistic: 0,
      statisticNegative: 0,
      z: NaN,
      pValue: NaN,
      method: 'normal',
      effectSizeR: NaN,
    };
  }

  // Rank |d|: all of them under Pratt, only the non-zero ones under Wilcoxon's method.
  const ranked = zeroMethod === 'pratt' ? d : d.filter((v) => v !== 0);
  const { ranks } = averageRanks(ranked.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  ranked.forEach((value, i) => {
    if (value > 0) wPlus += ranks[i];
    else if (value < 0) wMinus += ranks[i];
  });

  // Tie groups among the non-zero |d| only (zeros are accounted for separately under Pratt).
  const nonZeroRanks = averageRanks(d.filter((v) => v !== 0).map(Math.abs));
  const hasTies = nonZeroRanks.tieSizes.some((t) => t > 1);
  const tieCorrection = nonZeroRanks.tieSizes.reduce((acc, t) => acc + (t * t * t - t), 0);

  const m = ranked.length; // all pairs (Pratt) or non-zero pairs (Wilcoxon)
  const zerosInRanking = zeroMethod === 'pratt' ? nZero : 0;
  const nullMean = (m * (m + 1) - zerosInRanking * (zerosInRanking + 1)) / 4;
  const nullVariance =
    (m * (m + 1) * (2 * m + 1) - zerosInRanking * (zerosInRanking + 1) * (2 * zerosInRanking + 1)) / 24 -
    tieCorrection / 48;

  let z: number;
  if (nNonZero === 0 || nullVariance <= 0) {
    z = 0;
  } else {
    const deviation = wPlus - nullMean;
    let continuity = 0;
    if (correction) {
      if (alternative === 'greater') continuity = 0.5;
      else if (alternative === 'less') continuity = -0.5;
      else continuity = 0.5 * Math.sign(deviation);
    }
    z = (deviation - continuity) / Math.sqrt(nullVariance);
  }

  const exactAllowed = nZero === 0 && !hasTies && nNonZero <= WILCOXON_EXACT_MAX_N;
  if (requestedMethod === 'exact' && !exactAllowed) {
    throw new RangeError(
      'the exact signed-rank distribution needs n ≤ 50 with no tied and no zero differences; use the normal approximation',
    );
  }
  const useExact = requestedMethod === 'exact' || (requestedMethod === 'auto' && exactAllowed);

  let pValue: number;
  if (nNonZero === 0) pValue = 1;
  else if (useExact) pValue = exactPValue(nNonZero, wPlus, alternative);
  else pValue = normalPValue(z, alternative);

  return {
    ...base,
    statistic: wPlus,
    statisticNegative: wMinus,
    z,
    pValue,
    method: useExact ? 'exact' : 'normal',
    effectSizeR: Math.abs(z) / Math.sqrt(n),
  };
}
