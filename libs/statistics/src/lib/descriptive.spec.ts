import {
  averageRanks,
  descriptiveSummary,
  mean,
  median,
  quantile,
  quantiles,
  standardDeviation,
  sum,
  variance,
} from './descriptive';

/** Student's sleep data (R `datasets::sleep`, `extra` column, both groups). */
const SLEEP_EXTRA = [
  0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4,
];

describe('descriptive statistics', () => {
  it("reproduces R's summary(sleep$extra) and sd(sleep$extra)", () => {
    // R: summary(sleep$extra)
    //    Min. 1st Qu.  Median    Mean 3rd Qu.    Max.
    //  -1.600  -0.025   0.950   1.540   3.400   5.500
    // sd(sleep$extra) = 2.01792; var(sleep$extra) = 4.072
    expect(mean(SLEEP_EXTRA)).toBeCloseTo(1.54, 14);
    expect(quantiles(SLEEP_EXTRA, [0, 0.25, 0.5, 0.75, 1]).map((q) => Number(q.toFixed(12)))).toEqual([
      -1.6, -0.025, 0.95, 3.4, 5.5,
    ]);
    expect(median(SLEEP_EXTRA)).toBeCloseTo(0.95, 14);
    expect(variance(SLEEP_EXTRA)).toBeCloseTo(4.072, 13);
    expect(standardDeviation(SLEEP_EXTRA)).toBeCloseTo(2.0179197209007103, 13);
  });

  it('type-7 quantiles of 1:10 (R quantile(1:10, c(0, .1, .25, .5, .75, .9, 1)))', () => {
    // R: 1.00 1.90 3.25 5.50 7.75 9.10 10.00
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const qs = quantiles(values, [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]);
    [1, 1.9, 3.25, 5.5, 7.75, 9.1, 10].forEach((expected, i) => expect(qs[i]).toBeCloseTo(expected, 13));
    expect(quantile(values, 0.25)).toBe(3.25);
  });

  it('median of odd and even counts, and does not reorder its input', () => {
    const input = [5, 1, 3];
    expect(median(input)).toBe(3);
    expect(input).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('is numerically careful', () => {
    // compensated summation: naive left-to-right addition gives 0
    expect(sum([1e16, 1, -1e16])).toBe(1);
    // two-pass variance around a large offset (naive sum-of-squares formula fails): var(4, 7, 13, 16) = 30
    expect(variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(30);
    expect(mean([0.1, 0.2, 0.3])).toBeCloseTo(0.2, 16);
  });

  it('empty, single and NaN inputs give NaN like R', () => {
    expect(mean([])).toBeNaN();
    expect(median([])).toBeNaN();
    expect(variance([3])).toBeNaN();
    expect(standardDeviation([])).toBeNaN();
    expect(mean([1, NaN])).toBeNaN();
    expect(median([1, NaN, 2])).toBeNaN();
    expect(quantiles([], [0.5])).toEqual([NaN]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantiles([1, 2], [0.5, -0.1])).toThrow(RangeError);
  });

  it('average ranks match R rank(ties.method = "average")', () => {
    // R: rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5))
    //  4.5  1.5  6.0  1.5  8.0 11.0  3.0 10.0  8.0  4.5  8.0
    const { ranks, tieSizes } = averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
    expect(ranks).toEqual([4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8]);
    expect([...tieSizes].sort((a, b) => a - b)).toEqual([1, 1, 1, 1, 2, 2, 3]);
    expect(averageRanks([])).toEqual({ ranks: [], tieSizes: [] });
  });

  it('descriptiveSummary bundles n, mean, median and sd', () => {
    expect(descriptiveSummary([1, 2, 3, 4])).toEqual({
      n: 4,
      mean: 2.5,
      median: 2.5,
      sd: Math.sqrt(5 / 3),
    });
  });
});
