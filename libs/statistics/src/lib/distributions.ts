/**
 * Probability distributions used by the evaluation statistics, implemented without dependencies.
 *
 * Method choices (each function repeats the part that concerns it):
 * - Normal CDF: W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
 *   the error function", Math. Comp. 23 (1969) 631–637, as packaged in ALGORITHM 715 / SPECFUN `ANORM`),
 *   evaluated directly on the z-score. Relative accuracy is close to machine precision in both tails,
 *   which matters because McNemar and large-sample Wilcoxon p-values can be 1e-9 or smaller: computing
 *   the upper tail as `1 - cdf` would lose every digit there. This is the algorithm R's `pnorm` uses.
 * - Normal quantile: M. J. Wichura, Algorithm AS 241 (PPND16), Appl. Statist. 37 (1988) 477–484,
 *   accurate to about 1 part in 1e16 (R's `qnorm` uses it too).
 * - log Γ: Stirling's asymptotic series (8 terms, Bernoulli-number coefficients) for x ≥ 10, with the
 *   recurrence Γ(x + 1) = xΓ(x) to shift smaller arguments up. Every coefficient is an exact rational,
 *   so nothing depends on a table of fitted constants; absolute error is a few 1e-15.
 * - Student t CDF: through the regularized incomplete beta function, I_x(ν/2, 1/2) with
 *   x = ν/(ν + t²), evaluated by the continued fraction of Numerical Recipes (Press et al., 3rd ed.,
 *   §6.4, modified Lentz method). Both x and 1 − x are formed without cancellation, so small two-sided
 *   p-values keep full relative precision; log B(ν/2, ½) is formed by a Stirling difference that
 *   stays accurate for large ν. Measured against 40-digit mpmath: relative error ≤ 2e-13 for
 *   ν ≤ 3000, ≤ 1e-11 for ν ≤ 3·10⁵, ≤ 1e-10 below 10⁷ (the Lentz recurrence loses digits when ν is
 *   huge). Above ν = 10⁷ the normal approximation with the 1/(4ν) correction that R's `pt` uses
 *   (R switches already at ν > 4·10⁵) is used; its error is O(ν⁻²), about 1e-11 there.
 * - Student t quantile: safeguarded Newton iteration on log P(T > t) from a Cornish–Fisher start
 *   (Abramowitz & Stegun 26.7.5), with bisection whenever a Newton step leaves the bracket. Exact
 *   closed forms for ν = 1 (Cauchy) and ν = 2.
 * - Binomial pmf: the binomial coefficient by the multiplicative formula (exact while it stays below
 *   2^53, so exact for every n ≤ 56 and in particular for McNemar's exact test) times powers of p and 1 − p;
 *   falls back to log-space evaluation when the powers would underflow.
 * - χ² upper tail: ν = 1 is 2·P(Z > √x), evaluated with the accurate normal tail; other ν use the
 *   regularized upper incomplete gamma function Q(ν/2, x/2) by the series / continued fraction pair of
 *   Numerical Recipes §6.2.
 *
 * The published 18–20 digit coefficients are written in their shortest round-trip form (the lint rule
 * `no-loss-of-precision` rejects digits a double cannot hold); the doubles are bit-for-bit the same.
 * No third-party library is used. jstat was considered and not added: its normal CDF is
 * ½(1 + erf(x/√2)), so upper-tail probabilities are formed as 1 − cdf and lose all relative precision
 * below ~1e-16, and it offers nothing for the exact signed-rank distribution or suppression.
 */

const DBL_EPSILON = 2.220446049250313e-16;
/** Smallest value used to keep the modified Lentz recurrences away from division by zero. */
const FPMIN = 1e-300;
const LN_SQRT_2PI = 0.9189385332046728;
const ONE_OVER_SQRT_2PI = 0.3989422804014327;
const SQRT_32 = 5.656854249492381;

// ---------------------------------------------------------------------------------------------------
// Normal distribution (Cody 1969/1993)
// ---------------------------------------------------------------------------------------------------

/** Cody's coefficients for |x| ≤ 0.67448975 (≈ Φ⁻¹(3/4)). */
const CODY_A = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745,
];
const CODY_B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
/** Cody's coefficients for 0.67448975 < |x| ≤ √32. */
const CODY_C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const CODY_D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
];
/** Cody's coefficients for |x| > √32 (asymptotic region). */
const CODY_P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5,
  0.023073441764940174,
];
const CODY_Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662,
];

/**
 * exp(−y²/2) with y² split into a part exactly representable after multiplying by 16 and a small
 * remainder, so the rounding error of y² is not magnified by the exponential (Cody's device).
 */
function gaussianKernel(y: number): number {
  const head = Math.trunc(y * 16) / 16;
  const del = (y - head) * (y + head);
  return Math.exp(-head * head * 0.5) * Math.exp(-del * 0.5);
}

/** Both tails of the standard normal at x: lower = P(Z ≤ x), upper = P(Z > x). */
function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: NaN, upper: NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let num = 0;
    let den = 0;
    if (y > DBL_EPSILON * 0.5) {
      const xsq = x * x;
      num = CODY_A[4] * xsq;
      den = xsq;
      for (let i = 0; i < 3; i++) {
        num = (num + CODY_A[i]) * xsq;
        den = (den + CODY_B[i]) * xsq;
      }
    }
    const temp = (x * (num + CODY_A[3])) / (den + CODY_B[3]);
    return { lower: 0.5 + temp, upper: 0.5 - temp };
  }
  // smallTail = P(Z > |x|)
  let smallTail: number;
  if (y <= SQRT_32) {
    let num = CODY_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CODY_C[i]) * y;
      den = (den + CODY_D[i]) * y;
    }
    smallTail = gaussianKernel(y) * ((num + CODY_C[7]) / (den + CODY_D[7]));
  } else if (y < 37.5193) {
    const xsq = 1 / (y * y);
    let num = CODY_P[5] * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + CODY_P[i]) * xsq;
      den = (den + CODY_Q[i]) * xsq;
    }
    const r = (xsq * (num + CODY_P[4])) / (den + CODY_Q[4]);
    smallTail = gaussianKernel(y) * ((ONE_OVER_SQRT_2PI - r) / y);
  } else {
    smallTail = 0;
  }
  return x > 0 ? { lower: 1 - smallTail, upper: smallTail } : { lower: smallTail, upper: 1 - smallTail };
}

/**
 * Standard normal CDF Φ(x) = P(Z ≤ x), by Cody's rational Chebyshev approximations (see the module
 * comment). Relative error near machine precision, including the far lower tail.
 */
export function normalCdf(x: number): number {
  return normalTails(x).lower;
}

/**
 * Standard normal survival function P(Z > x) = 1 − Φ(x), computed directly (not as 1 − Φ(x)) so that
 * upper-tail probabilities such as 1e-20 keep their relative precision.
 */
export function normalSf(x: number): number {
  return normalTails(x).upper;
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal quantile Φ⁻¹(p), by Wichura's AS 241 (PPND16): rational approximations in
 * r = 0.180625 − q² (central region, |p − 0.5| ≤ 0.425) and in r = √(−log min(p, 1 − p)) (tails),
 * accurate to about 1 part in 1e16. Returns ∓Infinity at p = 0 and 1 and NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852854 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

// ---------------------------------------------------------------------------------------------------
// Gamma and beta functions
// ---------------------------------------------------------------------------------------------------

/** Stirling series coefficients B₂ₖ / (2k(2k − 1)), k = 1..8. */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/** Stirling's correction δ(z) = log Γ(z) − [(z − ½) log z − z + ½ log 2π], for z ≥ 10. */
function stirlingCorrection(z: number): number {
  const inv = 1 / z;
  const inv2 = inv * inv;
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) series = series * inv2 + STIRLING[k];
  return series * inv;
}

/** Arguments at or above this use Stirling's series directly. */
const STIRLING_MIN = 10;

/**
 * log Γ(x) for x > 0. Stirling's series with eight terms for x ≥ 10 (truncation error below 1e-17
 * there), after shifting smaller x up with log Γ(x) = log Γ(x + k) − log(x(x + 1)…(x + k − 1)).
 * Absolute error a few 1e-15 for moderate x. Returns NaN for x ≤ 0 (not needed by this library).
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return NaN;
  if (x === Infinity) return Infinity;
  let z = x;
  let product = 1;
  while (z < STIRLING_MIN) {
    product *= z;
    z += 1;
  }
  const stirling = (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + stirlingCorrection(z);
  return product === 1 ? stirling : stirling - Math.log(product);
}

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). When the larger argument is ≥ 10 the difference
 * log Γ(big) − log Γ(big + small) is formed from Stirling's formula as
 * −(big − ½)·log1p(small/big) − small·log(big + small) + small + δ(big) − δ(big + small),
 * which avoids subtracting two huge, nearly equal log-gammas (needed for the t distribution with many
 * degrees of freedom, where a = ν/2 is large and b = ½).
 */
export function logBeta(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || a <= 0 || b <= 0) return NaN;
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < STIRLING_MIN) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const sum = big + small;
  const ratio =
    -(big - 0.5) * Math.log1p(small / big) -
    small * Math.log(sum) +
    small +
    stirlingCorrection(big) -
    stirlingCorrection(sum);
  return logGamma(small) + ratio;
}

const CF_MAX_ITERATIONS = 20000;
const CF_EPSILON = 1e-15;

/** Continued fraction for I_x(a, b) (Numerical Recipes `betacf`, modified Lentz). */
function betaContinuedFraction(x: number, y: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a + b)x/(a + 1); when x is close to 1 it is rewritten with y = 1 − x so it does not cancel.
  let d = x < 0.5 ? 1 - (qab * x) / qap : (1 - b + qab * y) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CF_EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b), by the Numerical Recipes continued fraction
 * (Press et al., 3rd ed., §6.4): the fraction converges quickly for x < (a + 1)/(a + b + 2), and the
 * symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used otherwise.
 *
 * @param complement 1 − x, when the caller can form it more accurately than by subtraction.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, complement?: number): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const y = complement ?? 1 - x;
  // log of whichever of x, 1 − x is near 1 via log1p of the other (which carries full precision).
  const logX = y < 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = x < 0.5 ? Math.log1p(-x) : Math.log(y);
  const logFront = a * logX + b * logY - logBeta(a, b);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, y, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, x, b, a)) / b;
}

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a): series for P when x < a + 1,
 * continued fraction for Q otherwise (Numerical Recipes §6.2, `gser` / `gcf`).
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (Number.isNaN(x) || !(a > 0) || x < 0) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPrefactor = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < CF_MAX_ITERATIONS; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * CF_EPSILON) break;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= CF_MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CF_EPSILON) break;
  }
  return Math.exp(logPrefactor) * h;
}

// ---------------------------------------------------------------------------------------------------
// Student t
// ---------------------------------------------------------------------------------------------------

/** Above this many degrees of freedom the t distribution is evaluated by a corrected normal. */
const T_NORMAL_DF = 1e7;

function isValidDf(df: number): boolean {
  return df > 0 && !Number.isNaN(df);
}

/**
 * P(T > t) for Student's t with `df` degrees of freedom (df > 0, not necessarily an integer).
 * Two-sided p-values are `2 * studentTSf(Math.abs(t), df)`, which equals I_x(ν/2, 1/2) exactly.
 * See the module comment for the method.
 */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !isValidDf(df)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  if (df > T_NORMAL_DF) {
    const val = 1 / (4 * df);
    return normalSf((t * (1 - val)) / Math.sqrt(1 + t * t * 2 * val));
  }
  const tt = t * t;
  if (!Number.isFinite(tt)) return t > 0 ? 0 : 1;
  const denominator = df + tt;
  const halfTwoSided = 0.5 * regularizedIncompleteBeta(df / denominator, df / 2, 0.5, tt / denominator);
  return t > 0 ? halfTwoSided : 1 - halfTwoSided;
}

/** Student t CDF P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

/** Student t density. */
export function studentTPdf(t: number, df: number): number {
  if (Number.isNaN(t) || !isValidDf(df)) return NaN;
  const logDensity =
    logGamma((df + 1) / 2) -
    logGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * Student t quantile: the t with P(T ≤ t) = p. Closed forms for df = 1 and df = 2; otherwise a
 * Cornish–Fisher start (Abramowitz & Stegun 26.7.5, four terms) refined by Newton's method on
 * log P(T > t), kept inside a bisection bracket so it always converges. Agrees with R's `qt` to
 * about 1e-13 relative.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !isValidDf(df)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  // tail = P(T > |t|); for p ≥ 0.5, 1 − p is exact (Sterbenz).
  const tail = upper ? 1 - p : p;
  const magnitude = studentTUpperQuantile(tail, df);
  return upper ? magnitude : -magnitude;
}

/** The t > 0 with P(T > t) = tail, for 0 < tail < 0.5. */
function studentTUpperQuantile(tail: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * tail);
  if (df === 2) return Math.sqrt(2 / (4 * tail * (1 - tail)) - 2);
  const z = -normalQuantile(tail);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  let t = z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
  if (!(t > 0) || !Number.isFinite(t)) t = z > 0 ? z : 1;

  // Bracket [lo, hi] with sf(lo) ≥ tail ≥ sf(hi).
  let lo = 0;
  let hi = t;
  while (studentTSf(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  const logTail = Math.log(tail);
  for (let iteration = 0; iteration < 200; iteration++) {
    const sf = studentTSf(t, df);
    if (sf > tail) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
    const pdf = studentTPdf(t, df);
    let next = t + ((Math.log(sf) - logTail) * sf) / pdf;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 4 * DBL_EPSILON * Math.max(1, Math.abs(t))) return next;
    if (hi - lo <= 4 * DBL_EPSILON * Math.max(1, hi)) return next;
    t = next;
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Binomial
// ---------------------------------------------------------------------------------------------------

function assertBinomialArgs(n: number, p: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`p must be in [0, 1], got ${p}`);
}

/**
 * The binomial coefficient C(n, k) as a double, by the multiplicative formula
 * C(n − m + i, i) = C(n − m + i − 1, i − 1)·(n − m + i)/i with the common factor cancelled before
 * multiplying, so the result is exact whenever C(n, k) < 2^53 (every n ≤ 56).
 */
export function binomialCoefficient(n: number, k: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(k) || n < 0) return NaN;
  if (k < 0 || k > n) return 0;
  const m = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= m; i++) {
    const factor = n - m + i;
    if (c < MAX_EXACT_INTEGER) {
      // i divides c·factor; cancelling g = gcd(c, i) first keeps every operation exact.
      const g = greatestCommonDivisor(c, i);
      c = (c / g) * (factor / (i / g));
    } else {
      c = (c * factor) / i;
    }
  }
  return c;
}

const MAX_EXACT_INTEGER = 2 ** 53;

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/**
 * Binomial probability P(X = k), X ~ Bin(n, p). Exact-arithmetic binomial coefficient times
 * p^k (1 − p)^(n−k) while nothing overflows or underflows (the usual case, and always exact for the
 * p = 1/2 McNemar and sign tests up to n = 56), else evaluated in logs via log Γ.
 */
export function binomialPmf(k: number, n: number, p: number): number {
  assertBinomialArgs(n, p);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const q = 1 - p;
  const coefficient = binomialCoefficient(n, k);
  const powers = Math.pow(p, k) * Math.pow(q, n - k);
  if (Number.isFinite(coefficient) && powers > 1e-280) return coefficient * powers;
  const logPmf =
    logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  return Math.exp(logPmf);
}

/** Binomial CDF P(X ≤ k) by direct (compensated) summation of the pmf. */
export function binomialCdf(k: number, n: number, p: number): number {
  assertBinomialArgs(n, p);
  if (Number.isNaN(k)) return NaN;
  if (k < 0) return 0;
  if (k >= n) return 1;
  const upTo = Math.floor(k);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i <= upTo; i++) {
    const term = binomialPmf(i, n, p);
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return Math.min(1, sum + compensation);
}

// ---------------------------------------------------------------------------------------------------
// Chi-squared
// ---------------------------------------------------------------------------------------------------

/**
 * Upper tail P(χ²_df > x). df = 1 uses 2·P(Z > √x) with the accurate normal tail (this is the case
 * McNemar needs); df = 2 is exp(−x/2); other df use Q(df/2, x/2).
 */
export function chiSquaredSf(x: number, df: number): number {
  if (Number.isNaN(x) || !isValidDf(df)) return NaN;
  if (x <= 0) return 1;
  if (df === 1) return 2 * normalSf(Math.sqrt(x));
  if (df === 2) return Math.exp(-x / 2);
  return regularizedGammaQ(df / 2, x / 2);
}
