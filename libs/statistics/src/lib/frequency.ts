import { normalCdf, normalSf } from './distributions';
import { pairedTTestFromSummary, PairedTTestOptions, PairedTTestResult } from './paired-t';
import {
  WILCOXON_EXACT_MAX_N,
  wilcoxonSignedRankFromDifferences,
  WilcoxonOptions,
  WilcoxonResult,
} from './wilcoxon';

/**
 * Statistics from frequency tables, for when the database has already counted the values (a Likert item has
 * at most 9 distinct differences, a 0–10 scale 21), so hundreds of thousands of answers never have to be
 * loaded into memory. Each function gives exactly the result of its per-value counterpart on the expanded data.
 */

/** A value and how many times it occurs. */
export type ValueCount = readonly [value: number, count: number];

function total(counts: readonly ValueCount[]): number {
  let n = 0;
  for (const [value, count] of counts) {
    if (!Number.isFinite(value)) throw new RangeError('values must be finite numbers');
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`counts must be non-negative integers, got ${count}`);
    n += count;
  }
  return n;
}

function expand(counts: readonly ValueCount[]): number[] {
  const values: number[] = [];
  for (const [value, count] of counts) for (let i = 0; i < count; i++) values.push(value);
  return values;
}

/**
 * The Wilcoxon signed-rank test on counted differences (post − pre). With at most 50 pairs this expands the
 * counts and calls {@link wilcoxonSignedRankFromDifferences}, so the exact distribution is used where that
 * function would use it; above that, ties are certain and the normal approximation is computed from grouped
 * (average) ranks, with the same Pratt and tie corrections.
 */
export function wilcoxonSignedRankFromCounts(
  differenceCounts: readonly ValueCount[],
  options: WilcoxonOptions = {},
): WilcoxonResult {
  const n = total(differenceCounts);
  if (n <= WILCOXON_EXACT_MAX_N || options.method === 'exact') {
    return wilcoxonSignedRankFromDifferences(expand(differenceCounts), options);
  }
  const zeroMethod = options.zeroMethod ?? 'pratt';
  const correction = options.correction ?? false;
  const alternative = options.alternative ?? 'two-sided';

  // Merge counts by absolute value, keeping positives and negatives apart.
  const byAbsolute = new Map<number, { positive: number; negative: number; zero: number }>();
  for (const [value, count] of differenceCounts) {
    if (count === 0) continue;
    const key = Math.abs(value);
    const entry = byAbsolute.get(key) ?? { positive: 0, negative: 0, zero: 0 };
    if (value > 0) entry.positive += count;
    else if (value < 0) entry.negative += count;
    else entry.zero += count;
    byAbsolute.set(key, entry);
  }
  const nZero = byAbsolute.get(0)?.zero ?? 0;
  const nNonZero = n - nZero;
  const includeZeros = zeroMethod === 'pratt';

  let nextRank = 1;
  let wPlus = 0;
  let wMinus = 0;
  let tieCorrection = 0;
  for (const key of [...byAbsolute.keys()].sort((a, b) => a - b)) {
    const entry = byAbsolute.get(key) as { positive: number; negative: number; zero: number };
    const size = entry.positive + entry.negative + (includeZeros ? entry.zero : 0);
    if (size === 0) continue;
    const averageRank = nextRank + (size - 1) / 2;
    nextRank += size;
    wPlus += entry.positive * averageRank;
    wMinus += entry.negative * averageRank;
    const nonZeroTies = entry.positive + entry.negative;
    if (key !== 0) tieCorrection += nonZeroTies ** 3 - nonZeroTies;
  }

  const m = includeZeros ? n : nNonZero;
  const zerosInRanking = includeZeros ? nZero : 0;
  const nullMean = (m * (m + 1) - zerosInRanking * (zerosInRanking + 1)) / 4;
  const nullVariance =
    (m * (m + 1) * (2 * m + 1) - zerosInRanking * (zerosInRanking + 1) * (2 * zerosInRanking + 1)) / 24 -
    tieCorrection / 48;
  let z = 0;
  if (nNonZero > 0 && nullVariance > 0) {
    const deviation = wPlus - nullMean;
    let continuity = 0;
    if (correction) {
      if (alternative === 'greater') continuity = 0.5;
      else if (alternative === 'less') continuity = -0.5;
      else continuity = 0.5 * Math.sign(deviation);
    }
    z = (deviation - continuity) / Math.sqrt(nullVariance);
  }
  const pValue =
    nNonZero === 0
      ? 1
      : alternative === 'greater'
        ? normalSf(z)
        : alternative === 'less'
          ? normalCdf(z)
          : Math.min(1, 2 * normalSf(Math.abs(z)));
  return {
    n,
    nNonZero,
    nZero,
    statistic: wPlus,
    statisticNegative: wMinus,
    z,
    pValue,
    method: 'normal',
    zeroMethod,
    alternative,
    effectSizeR: Math.abs(z) / Math.sqrt(n),
  };
}

/** Mean of counted values (NaN when there are none). */
export function meanFromCounts(counts: readonly ValueCount[]): number {
  const n = total(counts);
  if (n === 0) return NaN;
  let sum = 0;
  for (const [value, count] of counts) sum += value * count;
  return sum / n;
}

/** Median of counted values (average of the two middle values for an even count; NaN when there are none). */
export function medianFromCounts(counts: readonly ValueCount[]): number {
  const n = total(counts);
  if (n === 0) return NaN;
  const sorted = counts.filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
  const valueAt = (position: number): number => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (position < seen) return value;
    }
    return sorted[sorted.length - 1][0];
  };
  return n % 2 === 1 ? valueAt((n - 1) / 2) : (valueAt(n / 2 - 1) + valueAt(n / 2)) / 2;
}

/** Paired t-test on counted differences. */
export function pairedTTestFromCounts(
  differenceCounts: readonly ValueCount[],
  options: PairedTTestOptions = {},
): PairedTTestResult {
  const n = total(differenceCounts);
  const meanDifference = meanFromCounts(differenceCounts);
  let squares = 0;
  for (const [value, count] of differenceCounts) squares += count * (value - meanDifference) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : NaN;
  return pairedTTestFromSummary(n, meanDifference, sd, options);
}
