import { pairedTTest, pairedTTestFromDifferences } from './paired-t';

/**
 * Student's sleep data (Cushny & Peebles; R `datasets::sleep`): extra hours of sleep with drug 1
 * (group 1) and drug 2 (group 2) in the same ten patients. R's ?t.test example
 *   t.test(extra ~ group, data = sleep, paired = TRUE)
 * (R ≥ 4.4: t.test(Pair(extra.1, extra.2) ~ 1, data = sleep2)) prints
 *   t = -4.0621, df = 9, p-value = 0.002833
 *   95 percent confidence interval: -2.4598858 -0.7001142
 *   mean difference -1.58
 * Full precision from SciPy 1.17 ttest_rel(group1, group2): t = -4.062127683382037,
 * p = 0.002832890197384273, CI (-2.459885763276983, -0.7001142367230175); 99% CI
 * (-2.8440518851048253, -0.31594811489517505); sd of differences 1.2299954832798732.
 */
const GROUP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const GROUP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('pairedTTest', () => {
  it("reproduces R's paired t.test on the sleep data", () => {
    // R computes group1 − group2; our differences are post − pre, so pre = group2, post = group1.
    const result = pairedTTest(GROUP2, GROUP1);
    expect(result.n).toBe(10);
    expect(result.df).toBe(9);
    expect(result.meanDifference).toBeCloseTo(-1.58, 14);
    expect(result.sdDifference).toBeCloseTo(1.2299954832798732, 14);
    expect(result.t).toBeCloseTo(-4.062127683382037, 12);
    expect(Number(result.t.toFixed(4))).toBe(-4.0621);
    expect(result.pValue).toBeCloseTo(0.002832890197384273, 15);
    expect(Number(result.pValue.toPrecision(4))).toBe(0.002833);
    expect(result.ciLower).toBeCloseTo(-2.459885763276983, 12);
    expect(result.ciUpper).toBeCloseTo(-0.7001142367230175, 12);
    expect(Number(result.ciLower.toFixed(7))).toBe(-2.4598858);
    expect(Number(result.ciUpper.toFixed(7))).toBe(-0.7001142);
    expect(result.confidenceLevel).toBe(0.95);
    // Cohen's d_z = −1.58 / 1.2299954832798732
    expect(result.cohensDz).toBeCloseTo(-1.2845575625910546, 13);
  });

  it('other confidence levels (R conf.level = 0.99)', () => {
    const result = pairedTTest(GROUP2, GROUP1, { confidenceLevel: 0.99 });
    expect(result.ciLower).toBeCloseTo(-2.8440518851048253, 12);
    expect(result.ciUpper).toBeCloseTo(-0.31594811489517505, 12);
    expect(() => pairedTTest(GROUP2, GROUP1, { confidenceLevel: 1 })).toThrow(RangeError);
  });

  it('from differences (R: t.test(c(1, 2, 3, 4, 6)))', () => {
    // R: t = 3.7199, df = 4, p-value = 0.02048; 95% CI 0.8116116 5.5883884
    const result = pairedTTestFromDifferences([1, 2, 3, 4, 6]);
    expect(result.t).toBeCloseTo(3.7199244398022175, 13);
    expect(result.pValue).toBeCloseTo(0.020475874420910672, 14);
    expect(result.ciLower).toBeCloseTo(0.8116116119000201, 12);
    expect(result.ciUpper).toBeCloseTo(5.588388388099981, 12);
  });

  it('drops incomplete pairs', () => {
    const result = pairedTTest([...GROUP2, null, 3], [...GROUP1, 4, undefined]);
    expect(result.n).toBe(10);
    expect(result.t).toBeCloseTo(-4.062127683382037, 12);
  });

  it('degenerate inputs', () => {
    expect(() => pairedTTest([1], [1, 2])).toThrow(RangeError);
    const one = pairedTTestFromDifferences([2]);
    expect(one.n).toBe(1);
    expect(one.meanDifference).toBe(2);
    expect(one.t).toBeNaN();
    expect(one.ciLower).toBeNaN();
    const constant = pairedTTestFromDifferences([1, 1, 1]);
    expect(constant.sdDifference).toBe(0);
    expect(constant.t).toBeNaN();
    expect(constant.pValue).toBeNaN();
    expect(constant.cohensDz).toBeNaN();
    expect([constant.ciLower, constant.ciUpper]).toEqual([1, 1]);
    expect(pairedTTestFromDifferences([]).meanDifference).toBeNaN();
  });
});
