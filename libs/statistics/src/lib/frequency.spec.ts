import {
  meanFromCounts,
  medianFromCounts,
  pairedTTestFromCounts,
  wilcoxonSignedRankFromCounts,
  ValueCount,
} from './frequency';
import { median } from './descriptive';
import { pairedTTestFromDifferences } from './paired-t';
import { wilcoxonSignedRankFromDifferences } from './wilcoxon';

function countsOf(values: number[]): ValueCount[] {
  const map = new Map<number, number>();
  for (const value of values) map.set(value, (map.get(value) ?? 0) + 1);
  return [...map.entries()];
}

/** Deterministic pseudo-random Likert-like differences. */
function likertDifferences(n: number, seed: number): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: n }, () => Math.round(next() * 6) - 2);
}

describe('statistics from frequency tables', () => {
  it.each([
    [60, 1],
    [500, 7],
    [5000, 42],
  ])('Wilcoxon from counts equals the per-value test for %i tied Likert differences', (n, seed) => {
    const differences = likertDifferences(n, seed);
    for (const zeroMethod of ['pratt', 'wilcox'] as const) {
      for (const correction of [false, true]) {
        const fromCounts = wilcoxonSignedRankFromCounts(countsOf(differences), { zeroMethod, correction });
        const fromValues = wilcoxonSignedRankFromDifferences(differences, { zeroMethod, correction });
        expect(fromCounts.statistic).toBeCloseTo(fromValues.statistic, 6);
        expect(fromCounts.z).toBeCloseTo(fromValues.z, 10);
        expect(fromCounts.pValue).toBeCloseTo(fromValues.pValue, 12);
        expect(fromCounts.effectSizeR).toBeCloseTo(fromValues.effectSizeR, 12);
        expect(fromCounts.nZero).toBe(fromValues.nZero);
      }
    }
  });

  it('uses the exact distribution for small untied samples, like the per-value test', () => {
    // Hollander & Wolfe (1999) depression data, differences y − x: exact two-sided p = 0.0391.
    const differences = [-0.952, 0.147, -1.022, -0.43, -0.62, -0.59, -0.49, 0.08, -0.01];
    const result = wilcoxonSignedRankFromCounts(countsOf(differences));
    expect(result.method).toBe('exact');
    expect(result.pValue).toBeCloseTo(0.0390625, 7);
  });

  it('mean, median and paired t from counts match the per-value versions', () => {
    const differences = likertDifferences(999, 3);
    const counts = countsOf(differences);
    expect(meanFromCounts(counts)).toBeCloseTo(
      differences.reduce((a, b) => a + b, 0) / differences.length,
      12,
    );
    expect(medianFromCounts(counts)).toBe(median(differences));
    expect(medianFromCounts(countsOf([1, 2, 3, 4]))).toBe(2.5);
    const fromCounts = pairedTTestFromCounts(counts);
    const fromValues = pairedTTestFromDifferences(differences);
    expect(fromCounts.t).toBeCloseTo(fromValues.t, 10);
    expect(fromCounts.ciLower).toBeCloseTo(fromValues.ciLower, 10);
    expect(fromCounts.cohensDz).toBeCloseTo(fromValues.cohensDz, 10);
  });

  it('reports no pairs as NaN rather than inventing a result', () => {
    expect(meanFromCounts([])).toBeNaN();
    expect(medianFromCounts([[3, 0]])).toBeNaN();
    expect(wilcoxonSignedRankFromCounts([]).pValue).toBeNaN();
  });

  it('rejects negative or fractional counts', () => {
    expect(() => meanFromCounts([[1, -1]])).toThrow(RangeError);
    expect(() => meanFromCounts([[1, 0.5]])).toThrow(RangeError);
  });
});
