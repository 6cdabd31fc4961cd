import {
  signedRankNullCounts,
  wilcoxonSignedRank,
  wilcoxonSignedRankFromDifferences,
  WILCOXON_EXACT_MAX_N,
} from './wilcoxon';

/**
 * Hollander & Wolfe (1973, p. 29; 2nd ed. 1999 p. 39) depression scale factor, first (x) and second (y)
 * visit; the example of R's ?wilcox.test:
 *   wilcox.test(x, y, paired = TRUE, alternative = "greater")  →  V = 40, p-value = 0.01953
 *   wilcox.test(x, y, paired = TRUE)                             →  V = 40, p-value = 0.03906
 *   wilcox.test(x, y, paired = TRUE, exact = FALSE)              →  V = 40, p-value = 0.04401
 * SciPy 1.17: wilcoxon(x, y) → (5.0, 0.0390625); alternative='greater' → (40.0, 0.01953125);
 *   method='asymptotic' → p = 0.038151710173415135 (correction=False), 0.04401098401295143 (True).
 */
const HW_X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const HW_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

describe('signedRankNullCounts (exact null distribution of W+)', () => {
  it('small n by enumeration', () => {
    // n = 3: subsets of {1,2,3} by sum: 0:{} 1:{1} 2:{2} 3:{3},{1,2} 4:{1,3} 5:{2,3} 6:{1,2,3}
    expect(signedRankNullCounts(3)).toEqual([1, 1, 1, 2, 1, 1, 1]);
    expect(signedRankNullCounts(0)).toEqual([1]);
  });

  it('matches the tabulated tail for n = 10', () => {
    // Hollander & Wolfe, Table A.4: n = 10, P(T+ >= 47) = .024; exactly 25/1024 = 0.0244140625
    const counts = signedRankNullCounts(10);
    const lowerTail = counts.slice(0, 9).reduce((a, b) => a + b, 0);
    expect(lowerTail).toBe(25);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1024);
  });

  it('is symmetric and sums to 2^n, exactly, up to n = 50', () => {
    const counts = signedRankNullCounts(WILCOXON_EXACT_MAX_N);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2 ** 50);
    const max = counts.length - 1;
    for (let w = 0; w <= max; w++) expect(counts[w]).toBe(counts[max - w]);
  });

  it('rejects n it cannot represent exactly', () => {
    expect(() => signedRankNullCounts(53)).toThrow(RangeError);
    expect(() => signedRankNullCounts(2.5)).toThrow(RangeError);
  });
});

describe('wilcoxonSignedRank — exact p-values', () => {
  it('reproduces R wilcox.test(x, y, paired = TRUE) on the Hollander & Wolfe data', () => {
    // R tests x − y; our differences are post − pre, so pre = y, post = x.
    const result = wilcoxonSignedRank(HW_Y, HW_X);
    expect(result.method).toBe('exact');
    expect(result.n).toBe(9);
    expect(result.nNonZero).toBe(9);
    expect(result.statistic).toBe(40); // V = 40
    expect(result.statisticNegative).toBe(5);
    expect(result.pValue).toBe(0.0390625); // R: 0.03906 = 40/1024
    expect(wilcoxonSignedRank(HW_Y, HW_X, { alternative: 'greater' }).pValue).toBe(0.01953125); // R: 0.01953
  });

  it('gives the same p with pre/post the natural way round (x first visit, y second)', () => {
    const result = wilcoxonSignedRank(HW_X, HW_Y);
    expect(result.statistic).toBe(5);
    expect(result.statisticNegative).toBe(40);
    expect(result.pValue).toBe(0.0390625);
    expect(wilcoxonSignedRank(HW_X, HW_Y, { alternative: 'less' }).pValue).toBe(0.01953125);
    // z from the normal approximation (for r): E[W+] = 22.5, Var = 9·10·19/24 = 71.25
    // z = (5 − 22.5)/√71.25 = −2.073221072156823; r = |z|/√9 = 0.691073690718941
    expect(result.z).toBeCloseTo(-2.073221072156823, 13);
    expect(result.effectSizeR).toBeCloseTo(0.691073690718941, 13);
  });

  it('reproduces the SciPy documentation example (scipy.stats.wilcoxon)', () => {
    // SciPy docs: d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]
    //   wilcoxon(d) → WilcoxonResult(statistic=24.0, pvalue=0.041259765625)
    //   wilcoxon(d, alternative='greater') → (96.0, 0.0206298828125)
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const result = wilcoxonSignedRankFromDifferences(d);
    expect(result.method).toBe('exact');
    expect(Math.min(result.statistic, result.statisticNegative)).toBe(24);
    expect(result.statistic).toBe(96);
    expect(result.pValue).toBe(0.041259765625);
    expect(wilcoxonSignedRankFromDifferences(d, { alternative: 'greater' }).pValue).toBe(0.0206298828125);
    // SciPy: alternative='less' → 0.982330322265625
    expect(wilcoxonSignedRankFromDifferences(d, { alternative: 'less' }).pValue).toBe(0.982330322265625);
  });

  it('agrees with SciPy method="exact" for n = 20 (no ties)', () => {
    // SciPy 1.17: wilcoxon(x, method='exact') → (76.0, 0.2942523956298828);
    //             alternative='greater' → (134.0, 0.1471261978149414)
    const x = [
      0.078, 0.221, -0.802, 0.868, -2.137, 0.279, 1.272, -0.278, -0.173, 0.048, 1.787, 0.04, 0.619, 2.052,
      -0.615, 0.025, -0.419, -0.49, 1.455, 0.76,
    ];
    const result = wilcoxonSignedRankFromDifferences(x);
    expect(result.statistic).toBe(134);
    expect(result.statisticNegative).toBe(76);
    expect(result.pValue).toBeCloseTo(0.2942523956298828, 15);
    expect(wilcoxonSignedRankFromDifferences(x, { alternative: 'greater' }).pValue).toBeCloseTo(
      0.1471261978149414,
      15,
    );
  });

  it('caps the two-sided exact p at 1', () => {
    // d = [1, −2, −3, 4]: W+ = 5 = W−, the centre of the n = 4 distribution (counts 1 1 1 2 2 2 2 2 1 1 1)
    // P(W+ ≤ 5) = P(W+ ≥ 5) = 9/16 → 2·min = 18/16, reported as 1
    expect(wilcoxonSignedRankFromDifferences([1, -2, -3, 4]).pValue).toBe(1);
  });
});

describe('wilcoxonSignedRank — normal approximation', () => {
  it('reproduces the asymptotic p-values on the Hollander & Wolfe data', () => {
    const plain = wilcoxonSignedRank(HW_Y, HW_X, { method: 'normal' });
    expect(plain.method).toBe('normal');
    expect(plain.pValue).toBeCloseTo(0.038151710173415135, 14); // SciPy correction=False
    const corrected = wilcoxonSignedRank(HW_Y, HW_X, { method: 'normal', correction: true });
    expect(corrected.pValue).toBeCloseTo(0.04401098401295143, 14); // R exact = FALSE: 0.04401
  });

  /**
   * Likert item with ties and zeros, derived by hand (and checked against SciPy 1.17
   * `wilcoxon(post, pre, zero_method=..., method='asymptotic')`):
   *   pre  = 3 4 2 3 2 1 2 4 1 1
   *   post = 3 4 3 2 3 3 4 2 4 5
   *   d    = 0 0 1 -1 1 2 2 -2 3 4          n = 10, n0 = 2
   * Pratt: rank all |d|: zeros 1.5, 1.5; |1| ×3 → 4; |2| ×3 → 7; 3 → 9; 4 → 10.
   *   W+ = 4 + 4 + 7 + 7 + 9 + 10 = 41, W− = 4 + 7 = 11
   *   E[W+] = (10·11 − 2·3)/4 = 26
   *   Var[W+] = (10·11·21 − 2·3·5)/24 − [(27 − 3) + (27 − 3)]/48 = 2280/24 − 1 = 94
   *   z = 15/√94 = 1.54713186938819 → two-sided p = 0.12183145048736106
   *   (SciPy: statistic 11, p 0.12183145048736106, zstatistic −1.54713186938819; it reports −|z|)
   *   with correction=True: z = 14.5/√94 = 1.4955608070752502, p = 0.13476814293744568
   * Wilcoxon (drop zeros): n' = 8, ranks |1| → 2, |2| → 5, 3 → 7, 4 → 8;
   *   W+ = 2 + 2 + 5 + 5 + 7 + 8 = 29, W− = 7; E = 8·9/4 = 18; Var = 8·9·17/24 − 48/48 = 50
   *   z = 11/√50 = 1.5556349186104046, p = 0.11979493042591832
   *   with correction: z = 10.5/√50 = 1.4849242404917498, p = 0.13756389390990328 — this is R's
   *   wilcox.test(post, pre, paired = TRUE) (V = 29, p-value = 0.1376; R warns it cannot compute an
   *   exact p-value with ties and zeroes).
   * SciPy's default method='auto' would instead give a permutation p (0.1640625) because n ≤ 13.
   */
  const PRE = [3, 4, 2, 3, 2, 1, 2, 4, 1, 1];
  const POST = [3, 4, 3, 2, 3, 3, 4, 2, 4, 5];

  it("Pratt's method with ties and zeros", () => {
    const result = wilcoxonSignedRank(PRE, POST);
    expect(result).toMatchObject({ n: 10, nNonZero: 8, nZero: 2, statistic: 41, statisticNegative: 11 });
    expect(result.method).toBe('normal');
    expect(result.zeroMethod).toBe('pratt');
    expect(result.z).toBeCloseTo(15 / Math.sqrt(94), 14);
    expect(result.z).toBeCloseTo(1.54713186938819, 13);
    expect(result.pValue).toBeCloseTo(0.12183145048736106, 14);
    expect(result.effectSizeR).toBeCloseTo(1.54713186938819 / Math.sqrt(10), 13);

    const corrected = wilcoxonSignedRank(PRE, POST, { correction: true });
    expect(corrected.z).toBeCloseTo(1.4955608070752502, 13);
    expect(corrected.pValue).toBeCloseTo(0.13476814293744568, 14);
  });

  it("Wilcoxon's zero method, with and without R's continuity correction", () => {
    const plain = wilcoxonSignedRank(PRE, POST, { zeroMethod: 'wilcox' });
    expect(plain).toMatchObject({ n: 10, nNonZero: 8, nZero: 2, statistic: 29, statisticNegative: 7 });
    expect(plain.z).toBeCloseTo(1.5556349186104046, 13);
    expect(plain.pValue).toBeCloseTo(0.11979493042591832, 14);
    const r = wilcoxonSignedRank(PRE, POST, { zeroMethod: 'wilcox', correction: true });
    expect(r.z).toBeCloseTo(1.4849242404917498, 13);
    expect(r.pValue).toBeCloseTo(0.13756389390990328, 14);
  });

  it('one-sided alternatives (SciPy asymptotic, Pratt)', () => {
    // SciPy: alternative='greater' → p 0.06091572524368053 (cc: 0.06738407146872284);
    //        alternative='less'    → p 0.9390842747563195  (cc: 0.945056687049829, z = 1.5987029317011296)
    expect(wilcoxonSignedRank(PRE, POST, { alternative: 'greater' }).pValue).toBeCloseTo(
      0.06091572524368053,
      14,
    );
    expect(wilcoxonSignedRank(PRE, POST, { alternative: 'greater', correction: true }).pValue).toBeCloseTo(
      0.06738407146872284,
      14,
    );
    expect(wilcoxonSignedRank(PRE, POST, { alternative: 'less' }).pValue).toBeCloseTo(0.9390842747563195, 14);
    const lessCorrected = wilcoxonSignedRank(PRE, POST, { alternative: 'less', correction: true });
    expect(lessCorrected.z).toBeCloseTo(1.5987029317011296, 13);
    expect(lessCorrected.pValue).toBeCloseTo(0.945056687049829, 14);
  });

  it('larger Likert sample (n = 60) against SciPy asymptotic', () => {
    // SciPy 1.17, wilcoxon(post, pre, method='asymptotic', correction=False):
    //   zero_method='pratt'  → statistic 130.5, p 4.219396255146823e-05, z −4.095125575111932 (W+ = 1138.5)
    //   zero_method='wilcox' → statistic 31.5,  p 6.645873265780849e-05, z −3.9886201760873283
    const pre = [
      2, 1, 1, 3, 4, 1, 5, 4, 4, 2, 1, 2, 5, 1, 4, 4, 1, 4, 4, 4, 5, 2, 2, 4, 1, 2, 4, 5, 2, 1, 1, 3, 2, 5, 5,
      1, 4, 1, 3, 2, 3, 2, 4, 2, 2, 1, 1, 4, 4, 2, 3, 5, 1, 1, 5, 5, 3, 3, 4, 3,
    ];
    const post = [
      2, 2, 1, 3, 3, 1, 5, 4, 5, 2, 1, 3, 5, 2, 4, 3, 1, 4, 5, 5, 5, 3, 1, 4, 3, 3, 5, 5, 4, 3, 1, 4, 2, 5, 5,
      1, 4, 2, 4, 2, 5, 4, 5, 3, 3, 2, 2, 4, 4, 2, 5, 5, 3, 1, 5, 5, 3, 3, 4, 3,
    ];
    const pratt = wilcoxonSignedRank(pre, post);
    expect(pratt.method).toBe('normal');
    expect(pratt.statistic).toBe(1138.5);
    expect(pratt.statisticNegative).toBe(130.5);
    expect(pratt.z).toBeCloseTo(4.095125575111932, 12);
    expect(pratt.pValue / 4.219396255146823e-5).toBeCloseTo(1, 12);
    const wilcox = wilcoxonSignedRank(pre, post, { zeroMethod: 'wilcox' });
    expect(wilcox.statisticNegative).toBe(31.5);
    expect(wilcox.z).toBeCloseTo(3.9886201760873283, 12);
    expect(wilcox.pValue / 6.645873265780849e-5).toBeCloseTo(1, 12);
  });

  it('uses the normal approximation above n = 50 even without ties', () => {
    const d = Array.from({ length: 51 }, (_, i) => (i % 3 === 0 ? -(i + 1) : i + 1));
    expect(wilcoxonSignedRankFromDifferences(d).method).toBe('normal');
    expect(wilcoxonSignedRankFromDifferences(d.slice(0, 50)).method).toBe('exact');
  });
});

describe('wilcoxonSignedRank — data handling', () => {
  it('drops pairs with a missing value on either side', () => {
    const result = wilcoxonSignedRank([1, null, 3, NaN, 2, undefined], [2, 5, null, 4, 4, 1]);
    expect(result.n).toBe(2); // (1 → 2) and (2 → 4)
    expect(result.statistic).toBe(3);
  });

  it('rejects arrays of different lengths and non-finite differences', () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(RangeError);
    expect(() => wilcoxonSignedRankFromDifferences([1, Infinity])).toThrow(RangeError);
  });

  it('no pairs: NaN p-value; all differences zero: p = 1, z = 0', () => {
    const none = wilcoxonSignedRank([null], [3]);
    expect(none.n).toBe(0);
    expect(none.pValue).toBeNaN();
    expect(none.effectSizeR).toBeNaN();
    const same = wilcoxonSignedRank([2, 3, 4], [2, 3, 4]);
    expect(same).toMatchObject({
      n: 3,
      nNonZero: 0,
      nZero: 3,
      statistic: 0,
      z: 0,
      pValue: 1,
      effectSizeR: 0,
    });
  });

  it("refuses method 'exact' when ties or zeros make it invalid", () => {
    expect(() => wilcoxonSignedRankFromDifferences([1, 1, 2], { method: 'exact' })).toThrow(RangeError);
    expect(() => wilcoxonSignedRankFromDifferences([0, 1, 2], { method: 'exact' })).toThrow(RangeError);
    expect(wilcoxonSignedRankFromDifferences([1, 2, -3], { method: 'exact' }).method).toBe('exact');
  });

  it('ties or zeros switch auto to the normal approximation', () => {
    expect(wilcoxonSignedRankFromDifferences([1, 1, 2, 3]).method).toBe('normal');
    expect(wilcoxonSignedRankFromDifferences([0, 1, 2, 3]).method).toBe('normal');
  });
});
