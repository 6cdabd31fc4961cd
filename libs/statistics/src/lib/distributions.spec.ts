import {
  binomialCdf,
  binomialCoefficient,
  binomialPmf,
  chiSquaredSf,
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTSf,
} from './distributions';

/**
 * Reference values: R 4.x (`pnorm`, `qnorm`, `pt`, `qt`, `pbeta`, `dbinom`, `pbinom`, `pchisq`,
 * `lgamma`), printed to full precision with `sprintf("%.17g", ...)`; each was re-checked in this
 * repository's environment against SciPy 1.17.1 (`scipy.stats.norm/t/binom/chi2`, `scipy.special`),
 * which agrees with R to the last digit or two. Where a value is also in a printed table the table is
 * named (Abramowitz & Stegun, Handbook of Mathematical Functions, 1964 = "A&S").
 */
function expectRelativelyClose(actual: number, expected: number, relativeTolerance: number): void {
  if (expected === 0) {
    expect(Math.abs(actual)).toBeLessThanOrEqual(relativeTolerance);
    return;
  }
  const relativeError = Math.abs(actual - expected) / Math.abs(expected);
  if (!(relativeError <= relativeTolerance)) {
    throw new Error(`expected ${expected}, got ${actual} (relative error ${relativeError})`);
  }
}

describe('normal distribution', () => {
  it.each([
    // [x, pnorm(x)]; A&S Table 26.1 gives Φ(1) = 0.841344746068543, Φ(3) = 0.998650101968370
    [-1, 0.15865525393145707],
    [-1.96, 0.024997895148220435],
    [0.5, 0.6914624612740131],
    [1, 0.8413447460685429],
    [1.959963984540054, 0.975],
    [3, 0.9986501019683699],
    [-5, 2.866515718791933e-7],
    [-10, 7.61985302416047e-24],
    // far tail: 40-digit mpmath ncdf(); SciPy's erfc-based value differs from it in the 14th digit
    [-20, 2.7536241186062337e-89],
    [-37, 5.725571222524577e-300],
  ])('normalCdf(%p) = %p (R pnorm)', (x, expected) => {
    // exp(-x²/2) amplifies the rounding of x²/2 (≈ 684 at x = -37): allow |x|²/2 ulps
    expectRelativelyClose(normalCdf(x), expected, Math.max(1e-14, 4e-16 * x * x));
  });

  it.each([
    // [x, pnorm(x, lower.tail = FALSE)]
    [1, 0.15865525393145707],
    [5, 2.866515718791933e-7],
    [8.5, 9.47953482220325e-18],
    [10, 7.61985302416047e-24],
    [20, 2.7536241186062337e-89], // mpmath, see above
    [30, 4.906713927148187e-198], // mpmath
  ])('normalSf(%p) = %p keeps relative precision in the upper tail', (x, expected) => {
    expectRelativelyClose(normalSf(x), expected, Math.max(1e-14, 4e-16 * x * x));
  });

  it('handles 0, infinities, NaN and symmetry', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSf(0)).toBe(0.5);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalSf(-Infinity)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
    for (const x of [0.1, 0.7, 1.3, 2.9, 4.4, 6.1, 9.9]) {
      expect(normalCdf(-x)).toBe(normalSf(x));
      expect(Math.abs(normalCdf(x) + normalSf(x) - 1)).toBeLessThan(1e-15);
    }
  });

  it('density', () => {
    // dnorm(0) = 1/sqrt(2*pi) = 0.3989422804014327
    expectRelativelyClose(normalPdf(0), 0.3989422804014327, 1e-15);
    expectRelativelyClose(normalPdf(1.5), 0.12951759566589174, 1e-14);
  });

  it.each([
    // [p, qnorm(p)]; A&S Table 26.5 / every z table: 1.959964 for 0.975, 1.644854 for 0.95
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.8, 0.8416212335729143],
    [0.1, -1.2815515655446004],
    [1e-10, -6.361340902404056],
    [0.999999, 4.753424308817087],
    [1e-300, -37.0470962993612],
  ])('normalQuantile(%p) = %p (R qnorm, Wichura AS 241)', (p, expected) => {
    expectRelativelyClose(normalQuantile(p), expected, 1e-14);
  });

  it('quantile edge cases and round trip', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
    for (const p of [1e-12, 1e-6, 0.01, 0.2, 0.4, 0.6, 0.9, 0.99]) {
      expectRelativelyClose(normalCdf(normalQuantile(p)), p, 1e-13);
    }
  });
});

describe('log gamma and incomplete beta/gamma', () => {
  it.each([
    // [x, lgamma(x)]: lgamma(0.5) = log(sqrt(pi)); lgamma(10) = log(9!) = log(362880)
    [0.5, 0.5723649429247001],
    [1.5, -0.12078223763524526],
    [3.7, 1.428072326665388],
    [10, 12.801827480081469],
    [100, 359.1342053695754],
    [1e5, 1051287.7089736569],
  ])('logGamma(%p) = %p', (x, expected) => {
    // absolute accuracy is what matters (log Γ is only ever exponentiated)
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(5e-15 * Math.max(1, Math.abs(expected)));
  });

  it('logGamma is (numerically) zero at 1 and 2 and NaN off its domain', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(Infinity)).toBe(Infinity);
  });

  it('regularized incomplete beta matches R pbeta', () => {
    // pbeta(0.4, 2, 3) = 0.5248 exactly (polynomial: 1 - 0.6^4 - 4*0.4*0.6^3)
    expectRelativelyClose(regularizedIncompleteBeta(0.4, 2, 3), 0.5248, 1e-14);
    // pbeta(0.3, 0.5, 0.5) = (2/pi) * asin(sqrt(0.3)) = 0.36901011956554536
    expectRelativelyClose(regularizedIncompleteBeta(0.3, 0.5, 0.5), 0.36901011956554536, 1e-13);
    // pbeta(0.45, 50, 60) = 0.4642352914306031
    expectRelativelyClose(regularizedIncompleteBeta(0.45, 50, 60), 0.4642352914306031, 1e-12);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(0.5, -1, 3)).toBeNaN();
  });

  it('regularized upper incomplete gamma matches R pgamma(lower.tail = FALSE)', () => {
    // Q(1, x) = exp(-x)
    expectRelativelyClose(regularizedGammaQ(1, 2.5), Math.exp(-2.5), 1e-14);
    // pchisq(10, 3, lower.tail = FALSE) = 0.01856613546304325 = Q(1.5, 5)
    expectRelativelyClose(regularizedGammaQ(1.5, 5), 0.01856613546304325, 1e-13);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(regularizedGammaQ(-2, 1)).toBeNaN();
  });
});

describe('Student t distribution', () => {
  it.each([
    // [df, qt(0.975, df)]: the familiar two-sided 5% critical values (e.g. Altman, Practical
    // Statistics for Medical Research, Appendix table B4: 12.71, 4.30, 3.18, 2.78, 2.57, 2.26, 2.23, ...)
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [4, 2.7764451051977934],
    [5, 2.5705818356363146],
    [9, 2.262157162798205],
    [10, 2.228138851986274],
    [19, 2.0930240544083087],
    [29, 2.045229642132703],
    [30, 2.0422724563012378],
    [99, 1.9842169515864174],
    [1000, 1.9623390808264083],
  ])('studentTQuantile(0.975, %p) = %p (R qt)', (df, expected) => {
    expectRelativelyClose(studentTQuantile(0.975, df), expected, 1e-12);
  });

  it('studentTQuantile(0.975, 1e6) = 1.959966356814107 (R qt; 40-digit mpmath root agrees)', () => {
    // documented accuracy for very large df is ~1e-10 relative
    expectRelativelyClose(studentTQuantile(0.975, 1e6), 1.959966356814107, 1e-10);
  });

  it.each([
    // [p, df, qt(p, df)]
    [1e-8, 1, -31830988.61837906],
    [1e-8, 3, -479.5250695797382],
    [1e-8, 9, -18.283967455910624],
    [1e-8, 50, -6.6659129257368654],
    [0.995, 2.5, 7.163728138948783],
  ])('studentTQuantile(%p, %p) = %p in the far tail and for fractional df', (p, df, expected) => {
    expectRelativelyClose(studentTQuantile(p, df), expected, 1e-11);
  });

  it.each([
    // [t, df, pt(t, df)]
    [-4.062127683382037, 9, 0.0014164450986921364], // half the sleep-data paired t p-value
    [1, 1, 0.75], // Cauchy: 1/2 + atan(1)/pi
    [0.3, 15, 0.6158527327322239],
  ])('studentTCdf(%p, %p) = %p (R pt)', (t, df, expected) => {
    expectRelativelyClose(studentTCdf(t, df), expected, 1e-12);
  });

  it.each([
    // [t, df, pt(t, df, lower.tail = FALSE)]
    [2.5, 4, 0.03338327240599407],
    [30, 9, 1.2418523520791317e-10],
    // df = 1e6: SciPy 2.8669989354453723e-7; 40-digit mpmath betainc(5e5, 1/2, 0, x)/2 agrees
    // (R's corrected-normal pt() for df > 4e5 gives 2.86699893742e-7, 7e-10 off)
    [5, 1e6, 2.866998935445371e-7],
    [1.5, 1e6, 0.06680735911839639], // mpmath
    [2, 1e9, 0.022750132083156623], // corrected-normal branch (df > 1e7); mpmath betainc as above
  ])('studentTSf(%p, %p) = %p (R pt, upper tail)', (t, df, expected) => {
    expectRelativelyClose(studentTSf(t, df), expected, 1e-10);
  });

  it('is symmetric, handles infinities, and rejects invalid df', () => {
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTCdf(Infinity, 7)).toBe(1);
    expect(studentTCdf(-Infinity, 7)).toBe(0);
    expect(studentTSf(1e200, 7)).toBe(0);
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(0.9, -1)).toBeNaN();
    for (const [t, df] of [
      [0.4, 3],
      [1.7, 12],
      [3.2, 40],
    ]) {
      expect(Math.abs(studentTCdf(t, df) + studentTCdf(-t, df) - 1)).toBeLessThan(1e-15);
    }
  });

  it('quantile and CDF are inverse to each other', () => {
    for (const df of [1, 2, 3, 4.5, 9, 25, 200, 5e5]) {
      for (const p of [1e-9, 0.001, 0.025, 0.3, 0.7, 0.975, 0.999]) {
        expectRelativelyClose(studentTCdf(studentTQuantile(p, df), df), p, 1e-10);
      }
    }
  });

  it('density integrates the CDF (central difference check)', () => {
    const h = 1e-5;
    for (const [t, df] of [
      [0.5, 3],
      [-2, 9],
      [4, 30],
    ]) {
      const numeric = (studentTCdf(t + h, df) - studentTCdf(t - h, df)) / (2 * h);
      expectRelativelyClose(studentTPdf(t, df), numeric, 1e-7);
    }
  });
});

describe('binomial distribution', () => {
  it('binomial coefficients are exact integers up to 2^53', () => {
    expect(binomialCoefficient(10, 3)).toBe(120);
    expect(binomialCoefficient(52, 5)).toBe(2598960); // poker hands
    expect(binomialCoefficient(56, 28)).toBe(7648690600760440); // exact (< 2^53)
    expect(binomialCoefficient(5, 7)).toBe(0);
    expect(binomialCoefficient(5, -1)).toBe(0);
  });

  it.each([
    // [k, n, p, dbinom(k, n, p)]
    [3, 10, 0.5, 0.1171875], // 120/1024
    [7, 20, 0.3, 0.1642619852172366],
    [500, 1000, 0.5, 0.025225018178360804], // log-space branch (0.5^1000 underflows the fast path)
    [2, 2000, 0.01, 3.8012952243460045e-7],
  ])('binomialPmf(%p, %p, %p) = %p (R dbinom)', (k, n, p, expected) => {
    expectRelativelyClose(binomialPmf(k, n, p), expected, 1e-12);
  });

  it.each([
    // [k, n, p, pbinom(k, n, p)]
    [1, 10, 0.5, 0.0107421875], // 11/1024, exact
    [7, 20, 0.3, 0.7722717974181608],
  ])('binomialCdf(%p, %p, %p) = %p (R pbinom)', (k, n, p, expected) => {
    expectRelativelyClose(binomialCdf(k, n, p), expected, 1e-13);
  });

  it('exact dyadic values for p = 1/2 and edge cases', () => {
    expect(binomialCdf(1, 10, 0.5)).toBe(11 / 1024);
    expect(binomialPmf(0, 25, 0.5)).toBe(2 ** -25);
    expect(binomialPmf(11, 10, 0.5)).toBe(0);
    expect(binomialPmf(1.5, 10, 0.5)).toBe(0);
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(binomialPmf(5, 5, 1)).toBe(1);
    expect(binomialCdf(-1, 5, 0.3)).toBe(0);
    expect(binomialCdf(5, 5, 0.3)).toBe(1);
    expect(() => binomialPmf(1, -1, 0.5)).toThrow(RangeError);
    expect(() => binomialPmf(1, 3, 1.5)).toThrow(RangeError);
    let total = 0;
    for (let k = 0; k <= 30; k++) total += binomialPmf(k, 30, 0.37);
    expect(Math.abs(total - 1)).toBeLessThan(1e-14);
  });
});

describe('chi-squared upper tail', () => {
  it.each([
    // [x, df, pchisq(x, df, lower.tail = FALSE)]
    [3.841458820694124, 1, 0.05], // qchisq(0.95, 1)
    [16.81779661016949, 1, 4.114562281345944e-5], // mcnemar.test(Performance) statistic
    [34.712, 1, 3.822679662784407e-9],
    [100, 1, 1.5239706048320995e-23],
    [5.991464547107979, 2, 0.05], // qchisq(0.95, 2)
    [10, 3, 0.01856613546304325],
    [20, 10, 0.029252688076961124],
    [1, 5, 0.9625657732472964],
  ])('chiSquaredSf(%p, %p) = %p', (x, df, expected) => {
    expectRelativelyClose(chiSquaredSf(x, df), expected, 1e-12);
  });

  it('is 1 at and below zero, NaN for invalid df', () => {
    expect(chiSquaredSf(0, 1)).toBe(1);
    expect(chiSquaredSf(-3, 4)).toBe(1);
    expect(chiSquaredSf(2, 0)).toBeNaN();
  });
});
