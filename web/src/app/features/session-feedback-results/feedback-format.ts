/** "4.2" for a mean usefulness score; "No answers" when there is none. */
export function formatMean(mean: number | null): string {
  return mean === null ? 'No answers' : mean.toFixed(1);
}

/**
 * The share answering each score, highest first, e.g. "5: 40%, 4: 30%, 3: 20%, 2: 10%, 1: 0%".
 * `distribution[0]` is the count of 1s.
 */
export function distributionText(distribution: readonly number[] | null): string {
  if (!distribution) return '';
  const total = distribution.reduce((sum, count) => sum + count, 0);
  if (total === 0) return '';
  return (
    distribution
      // A no-break space keeps each "score: share" pair on one line when the cell wraps.
      .map((count, index) => `${index + 1}:\u00a0${Math.round((count / total) * 100)}%`)
      .reverse()
      .join(', ')
  );
}
