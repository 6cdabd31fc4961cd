import { binomialCdf, chiSquaredSf } from './distributions';

/**
 * Largest number of discordant pairs (b + c) for which `'auto'` uses the exact binomial test. The
 * usual rule of thumb trusts the chi-squared approximation only once b + c reaches about 25; below
 * that the exact test costs nothing and avoids the approximation's error (for b + c = 25 the
 * continuity-corrected χ² p-value is already close to the exact one). Survey cohorts in this service
 * are small, so most yes/no items will take the exact route.
 */
export const MCNEMAR_EXACT_MAX_DISCORDANT = 25;

export interface McNemarOptions {
  /**
   * `'auto'` (default): exact when b + c ≤ {@link MCNEMAR_EXACT_MAX_DISCORDANT}, else chi-squared.
   * `'exact'` / `'chisq'` force one method.
   */
  method?: 'auto' | 'exact' | 'chisq';
  /** Continuity correction in the chi-squared statistic, (|b − c| − 1)²/(b + c); default true (R's default). */
  correction?: boolean;
}

export interface McNemarResult {
  /** Pairs that went yes → no. */
  b: number;
  /** Pairs that went no → yes. */
  c: number;
  /** b + c. */
  discordant: number;
  method: 'exact' | 'chisq';
  /** McNemar's chi-squared (only for the chi-squared method). */
  chiSquared: number | null;
  /** 1 for the chi-squared method, null for the exact test. */
  df: 1 | null;
  /** Two-sided p-value. */
  pValue: number;
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/**
 * McNemar's test for paired yes/no answers from the two discordant counts: b (yes before, no after)
 * and c (no before, yes after). Concordant pairs do not enter the test.
 *
 * - Exact (small b + c): under H₀ b ~ Bin(b + c, ½); two-sided p = min(1, 2·P(X ≤ min(b, c))). With
 *   p = ½ the distribution is symmetric, so this equals R's `binom.test(b, b + c)` (which sums all
 *   outcomes no more likely than the observed one) and the "doubling" definition alike.
 * - Chi-squared: (|b − c| − 1)²/(b + c) on 1 df, as R's `mcnemar.test` (`correct = TRUE`; without the
 *   correction (b − c)²/(b + c)); p from the accurate χ²₁ upper tail. When b + c = 0 there is no
 *   information: chi-squared is NaN (as in R) and p = 1 for both methods.
 */
export function mcnemarTest(b: number, c: number, options: McNemarOptions = {}): McNemarResult {
  assertCount('b', b);
  assertCount('c', c);
  const method = options.method ?? 'auto';
  const correction = options.correction ?? true;
  const discordant = b + c;
  const useExact = method === 'exact' || (method === 'auto' && discordant <= MCNEMAR_EXACT_MAX_DISCORDANT);
  if (useExact) {
    const pValue = discordant === 0 ? 1 : Math.min(1, 2 * binomialCdf(Math.min(b, c), discordant, 0.5));
    return { b, c, discordant, method: 'exact', chiSquared: null, df: null, pValue };
  }
  if (discordant === 0) return { b, c, discordant, method: 'chisq', chiSquared: NaN, df: 1, pValue: 1 };
  const difference = Math.abs(b - c) - (correction ? 1 : 0);
  // Like R, the correction is not applied when b = c (the statistic is then 0, not 1/(b + c)).
  const chiSquared = (Math.max(0, difference) * Math.max(0, difference)) / discordant;
  return { b, c, discordant, method: 'chisq', chiSquared, df: 1, pValue: chiSquaredSf(chiSquared, 1) };
}

/** A yes/no answer that may be missing. */
export type MaybeBoolean = boolean | null | undefined;

export interface McNemarPairsResult extends McNemarResult {
  /** Complete pairs (both answers present). */
  nPaired: number;
  /** Pairs answering yes both times. */
  yesYes: number;
  /** Pairs answering no both times. */
  noNo: number;
}

/**
 * McNemar's test from paired yes/no answers (`true` = yes). Pairs with a missing answer are dropped;
 * b counts yes → no, c counts no → yes.
 */
export function mcnemarTestFromPairs(
  pre: readonly MaybeBoolean[],
  post: readonly MaybeBoolean[],
  options: McNemarOptions = {},
): McNemarPairsResult {
  if (pre.length !== post.length) {
    throw new RangeError(`pre and post must have the same length (${pre.length} ≠ ${post.length})`);
  }
  let yesYes = 0;
  let b = 0;
  let c = 0;
  let noNo = 0;
  for (let i = 0; i < pre.length; i++) {
    const before = pre[i];
    const after = post[i];
    if (typeof before !== 'boolean' || typeof after !== 'boolean') continue;
    if (before && after) yesYes++;
    else if (before) b++;
    else if (after) c++;
    else noNo++;
  }
  return { ...mcnemarTest(b, c, options), nPaired: yesYes + b + c + noNo, yesYes, noNo };
}
