import { mean, standardDeviation } from './descriptive';
import { studentTQuantile, studentTSf } from './distributions';
import type { MaybeNumber } from './wilcoxon';

export interface PairedTTestOptions {
  /** Confidence level of the interval for the mean difference; default 0.95. */
  confidenceLevel?: number;
}

export interface PairedTTestResult {
  /** Complete pairs used. */
  n: number;
  /** Mean of the differences post − pre. */
  meanDifference: number;
  /** Standard deviation of the differences (n − 1 denominator). */
  sdDifference: number;
  /** sd/√n. */
  standardError: number;
  t: number;
  df: number;
  /** Two-sided p-value, 2·P(T_df > |t|). */
  pValue: number;
  confidenceLevel: number;
  /** Lower end of the t-based confidence interval of the mean difference. */
  ciLower: number;
  ciUpper: number;
  /** Cohen's d_z = mean difference / sd of the differences (Cohen 1988; Lakens 2013 eq. 3). */
  cohensDz: number;
}

function isPresent(value: MaybeNumber): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/**
 * Paired (one-sample on the differences) Student t-test, as R's `t.test(post, pre, paired = TRUE)`.
 * Pairs with a missing value are dropped; differences are post − pre.
 *
 * t = d̄ / (s_d/√n), df = n − 1, two-sided p = 2·P(T > |t|) (see `studentTSf`), and the CI is
 * d̄ ± t_{1−α/2, n−1}·s_d/√n with the t quantile from `studentTQuantile`.
 *
 * Degenerate cases: with fewer than two pairs everything except `n` and `meanDifference` is NaN.
 * When all differences are equal (s_d = 0), t, p and d_z are NaN (R's `t.test` stops with "data are
 * essentially constant") and the interval collapses to the mean.
 */
export function pairedTTest(
  pre: readonly MaybeNumber[],
  post: readonly MaybeNumber[],
  options: PairedTTestOptions = {},
): PairedTTestResult {
  if (pre.length !== post.length) {
    throw new RangeError(`pre and post must have the same length (${pre.length} ≠ ${post.length})`);
  }
  const differences: number[] = [];
  for (let i = 0; i < pre.length; i++) {
    const before = pre[i];
    const after = post[i];
    if (isPresent(before) && isPresent(after)) differences.push(after - before);
  }
  return pairedTTestFromDifferences(differences, options);
}

/** The paired t-test on already-formed differences (missing values dropped). */
export function pairedTTestFromDifferences(
  differences: readonly MaybeNumber[],
  options: PairedTTestOptions = {},
): PairedTTestResult {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidenceLevel must be strictly between 0 and 1, got ${confidenceLevel}`);
  }
  const d = differences.filter(isPresent);
  return pairedTTestFromSummary(d.length, mean(d), standardDeviation(d), { confidenceLevel });
}

/**
 * The paired t-test from the differences' count, mean and standard deviation (n − 1 denominator), for when
 * the database has already aggregated them (n, Σd, Σd²). Same results and degenerate cases as
 * {@link pairedTTestFromDifferences}.
 */
export function pairedTTestFromSummary(
  n: number,
  meanDifference: number,
  sdDifference: number,
  options: PairedTTestOptions = {},
): PairedTTestResult {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidenceLevel must be strictly between 0 and 1, got ${confidenceLevel}`);
  }
  const df = n - 1;
  const standardError = sdDifference / Math.sqrt(n);
  const base = { n, meanDifference, sdDifference, standardError, df: n >= 2 ? df : NaN, confidenceLevel };
  if (n < 2) {
    return { ...base, t: NaN, pValue: NaN, ciLower: NaN, ciUpper: NaN, cohensDz: NaN };
  }
  const critical = studentTQuantile(1 - (1 - confidenceLevel) / 2, df);
  const halfWidth = critical * standardError;
  if (sdDifference === 0) {
    return { ...base, t: NaN, pValue: NaN, ciLower: meanDifference, ciUpper: meanDifference, cohensDz: NaN };
  }
  const t = meanDifference / standardError;
  return {
    ...base,
    t,
    pValue: Math.min(1, 2 * studentTSf(Math.abs(t), df)),
    ciLower: meanDifference - halfWidth,
    ciUpper: meanDifference + halfWidth,
    cohensDz: meanDifference / sdDifference,
  };
}
