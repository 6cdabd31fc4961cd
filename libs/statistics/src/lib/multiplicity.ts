/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm 1979), exactly as R's
 * `p.adjust(p, method = "holm")`: with the m p-values sorted ascending, p_(i) is multiplied by
 * (m − i + 1), a running maximum keeps the adjusted values monotone, and values are capped at 1.
 * Holm controls the family-wise error rate like Bonferroni but is uniformly more powerful.
 *
 * NaN entries (an item whose test could not be computed) are left as NaN and do not count towards m,
 * as R does with NA. Ties keep their input order (R's stable `order`). Throws on values outside [0, 1].
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!Number.isNaN(p) && !(p >= 0 && p <= 1))
      throw new RangeError(`p-values must lie in [0, 1], got ${p}`);
  }
  const indices = pValues.map((_, i) => i).filter((i) => !Number.isNaN(pValues[i]));
  indices.sort((a, b) => pValues[a] - pValues[b] || a - b);
  const m = indices.length;
  const adjusted = pValues.map(() => NaN);
  let runningMax = 0;
  indices.forEach((index, rank) => {
    runningMax = Math.max(runningMax, (m - rank) * pValues[index]);
    adjusted[index] = Math.min(1, runningMax);
  });
  return adjusted;
}
