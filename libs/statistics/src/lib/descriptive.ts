/**
 * Descriptive statistics. Conventions follow R so results can be checked against it:
 * - empty input gives NaN (R: `mean(numeric(0))` is NaN; `sd` of one value is NA, here NaN);
 * - any NaN in the input gives NaN (R's default `na.rm = FALSE`); callers drop missing answers first;
 * - sums use Neumaier's compensated summation, so the mean of many similar values is not biased by
 *   rounding; the variance is the two-pass formula around that mean (no "sum of squares minus square
 *   of sum" cancellation).
 */

/** Σ values with Neumaier (improved Kahan) compensation. */
export function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const t = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - t + value : value - t + total;
    total = t;
  }
  return total + compensation;
}

/** Arithmetic mean; NaN for an empty array. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return sum(values) / values.length;
}

/** Sample variance with the n − 1 denominator (R's `var`); NaN when n < 2. */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  return sum(values.map((v) => (v - m) * (v - m))) / (n - 1);
}

/** Sample standard deviation with the n − 1 denominator (R's `sd`); NaN when n < 2. */
export function standardDeviation(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

function sortedCopy(values: readonly number[]): number[] | null {
  if (values.length === 0 || values.some((v) => Number.isNaN(v))) return null;
  return [...values].sort((a, b) => a - b);
}

function quantileOfSorted(sorted: readonly number[], p: number): number {
  // R type 7 (the default of R's `quantile` and NumPy's `percentile`): h = (n − 1)p,
  // Q(p) = (1 − frac(h))·x[floor h] + frac(h)·x[floor h + 1] (0-based).
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const fraction = h - lo;
  const low = sorted[lo];
  const high = sorted[hi];
  if (fraction === 0 || low === high) return low;
  return (1 - fraction) * low + fraction * high;
}

function assertProbability(p: number): void {
  if (Number.isNaN(p) || p < 0 || p > 1)
    throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
}

/**
 * Sample quantile by R's default definition (`quantile(x, p, type = 7)`, Hyndman & Fan 1996
 * definition 7): linear interpolation between order statistics at h = (n − 1)p. NaN for empty input.
 */
export function quantile(values: readonly number[], p: number): number {
  assertProbability(p);
  const sorted = sortedCopy(values);
  return sorted === null ? NaN : quantileOfSorted(sorted, p);
}

/** Several type-7 quantiles at once (sorts once). */
export function quantiles(values: readonly number[], probabilities: readonly number[]): number[] {
  probabilities.forEach(assertProbability);
  const sorted = sortedCopy(values);
  return probabilities.map((p) => (sorted === null ? NaN : quantileOfSorted(sorted, p)));
}

/** Median (type-7 quantile at 0.5, i.e. the mean of the two middle values for even n). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Average ("mid") ranks, 1-based, in input order: tied values share the mean of the ranks they span
 * (R's `rank(x, ties.method = "average")`). Also returns the sizes of the tie groups (every group,
 * including singletons), which rank tests need for their tie corrections.
 */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]] = rank;
    tieSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieSizes };
}

/** n, mean, median and standard deviation of one set of values. */
export interface DescriptiveSummary {
  n: number;
  mean: number;
  median: number;
  sd: number;
}

/** `{ n, mean, median, sd }` for the values (NaN fields when there are too few values). */
export function descriptiveSummary(values: readonly number[]): DescriptiveSummary {
  return { n: values.length, mean: mean(values), median: median(values), sd: standardDeviation(values) };
}
