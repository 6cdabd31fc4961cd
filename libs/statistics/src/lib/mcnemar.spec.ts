import { MCNEMAR_EXACT_MAX_DISCORDANT, mcnemarTest, mcnemarTestFromPairs } from './mcnemar';

describe('mcnemarTest', () => {
  /**
   * R ?mcnemar.test: Agresti (1990, p. 350) presidential approval ratings,
   *   Performance <- matrix(c(794, 86, 150, 570), nrow = 2)   # 1st survey in rows, 2nd in columns
   *   mcnemar.test(Performance)
   *   → McNemar's chi-squared = 16.818, df = 1, p-value = 4.115e-05
   * Approve → disapprove (b) = Performance[1, 2] = 150; disapprove → approve (c) = Performance[2, 1] = 86.
   * By hand: (|150 − 86| − 1)² / 236 = 63² / 236 = 3969 / 236 = 16.81779661016949;
   * SciPy chi2.sf(16.81779661016949, 1) = 4.114562281345944e-05.
   * (The brief quoted "34.712, p = 3.822e-09" for this call; that pair is a consistent χ²₁ tail value —
   * it is checked in distributions.spec.ts — but it is not what these counts give: no version of the
   * formula turns b = 150, c = 86 into 34.712.)
   * Without the correction (correct = FALSE): 64² / 236 = 17.35593220338983, p = 3.099293441045215e-05
   * (Agresti's z² = 17.36).
   */
  it("reproduces R's mcnemar.test on the presidential approval data", () => {
    const result = mcnemarTest(150, 86);
    expect(result.method).toBe('chisq');
    expect(result.df).toBe(1);
    expect(result.discordant).toBe(236);
    expect(result.chiSquared).toBeCloseTo(16.81779661016949, 13);
    expect(Number((result.chiSquared ?? NaN).toFixed(3))).toBe(16.818);
    expect(result.pValue / 4.114562281345944e-5).toBeCloseTo(1, 12);
    expect(Number(result.pValue.toPrecision(4))).toBe(4.115e-5);
    // symmetric in b and c
    expect(mcnemarTest(86, 150).pValue).toBe(result.pValue);
  });

  it('without continuity correction (R correct = FALSE)', () => {
    const result = mcnemarTest(150, 86, { correction: false });
    expect(result.chiSquared).toBeCloseTo(17.35593220338983, 13);
    expect(result.pValue / 3.099293441045215e-5).toBeCloseTo(1, 12);
  });

  it('exact binomial test for few discordant pairs', () => {
    // b = 1, c = 9: 2·P(X ≤ 1 | Bin(10, ½)) = 2·11/1024 = 0.021484375 (R binom.test(1, 10): p-value = 0.02148)
    const result = mcnemarTest(1, 9);
    expect(result).toEqual({
      b: 1,
      c: 9,
      discordant: 10,
      method: 'exact',
      chiSquared: null,
      df: null,
      pValue: 0.021484375,
    });
    // R binom.test(3, 20): p-value = 0.002577 (exactly 2·1351/2^20 = 0.0025768280029296875)
    expect(mcnemarTest(3, 17).pValue).toBe(0.0025768280029296875);
    // R binom.test(8, 25): p-value = 0.1078 (SciPy binomtest: 0.10775214433670044)
    expect(mcnemarTest(8, 17).pValue).toBeCloseTo(0.10775214433670044, 15);
    // b = c: p = 1 (capped)
    expect(mcnemarTest(12, 13).pValue).toBe(1);
    expect(mcnemarTest(5, 5).pValue).toBe(1);
  });

  it('switches from exact to chi-squared above 25 discordant pairs', () => {
    expect(MCNEMAR_EXACT_MAX_DISCORDANT).toBe(25);
    expect(mcnemarTest(8, 17).method).toBe('exact');
    const chisq = mcnemarTest(9, 17);
    expect(chisq.method).toBe('chisq');
    // (|9 − 17| − 1)²/26 = 49/26 = 1.8846153846153846, p = 0.1698105050855175 (SciPy chi2.sf)
    expect(chisq.chiSquared).toBeCloseTo(1.8846153846153846, 14);
    expect(chisq.pValue).toBeCloseTo(0.1698105050855175, 14);
  });

  it('methods can be forced', () => {
    expect(mcnemarTest(150, 86, { method: 'exact' }).method).toBe('exact');
    expect(mcnemarTest(150, 86, { method: 'exact' }).pValue).toBeLessThan(1e-4);
    expect(mcnemarTest(1, 9, { method: 'chisq' }).chiSquared).toBeCloseTo(4.9, 14); // (|1 − 9| − 1)²/10 = 49/10
  });

  it('no discordant pairs and b = c under chi-squared', () => {
    expect(mcnemarTest(0, 0).pValue).toBe(1);
    const none = mcnemarTest(0, 0, { method: 'chisq' });
    expect(none.chiSquared).toBeNaN();
    expect(none.pValue).toBe(1);
    // R: mcnemar.test(matrix(c(10, 20, 20, 10), 2)) → McNemar's chi-squared = 0, p-value = 1
    const balanced = mcnemarTest(20, 20, { method: 'chisq' });
    expect(balanced.chiSquared).toBe(0);
    expect(balanced.pValue).toBe(1);
  });

  it('rejects invalid counts', () => {
    expect(() => mcnemarTest(-1, 3)).toThrow(RangeError);
    expect(() => mcnemarTest(1.5, 3)).toThrow(RangeError);
  });
});

describe('mcnemarTestFromPairs', () => {
  it('tallies yes/no transitions and drops incomplete pairs', () => {
    const pre = [true, true, false, false, true, null, false, true, false, false, false];
    const post = [true, false, true, false, true, true, true, undefined, true, true, true];
    const result = mcnemarTestFromPairs(pre, post);
    expect(result).toMatchObject({ nPaired: 9, yesYes: 2, b: 1, c: 5, noNo: 1, method: 'exact' });
    // 2·P(X ≤ 1 | Bin(6, ½)) = 2·7/64 = 0.21875
    expect(result.pValue).toBe(0.21875);
    expect(() => mcnemarTestFromPairs([true], [])).toThrow(RangeError);
  });
});
