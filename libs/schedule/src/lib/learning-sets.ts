/**
 * Splitting a cohort's confirmed delegates into action learning sets: sizes as even as possible and within
 * the preferred range (6–8 by default), and colleagues from the same organisation spread across sets so each
 * set hears from several organisations.
 */

export interface SetMember {
  id: string;
  /** Organisation the delegate works for; null when not known */
  organisationId: string | null;
}

export interface SetSizeRange {
  min: number;
  max: number;
}

export const DEFAULT_SET_SIZE: SetSizeRange = { min: 6, max: 8 };

/** Sizes for `count` sets holding `total` people, differing by at most one, largest first. */
export function balancedSizes(total: number, count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(total / count);
  const remainder = total % count;
  return Array.from({ length: count }, (_unused, index) => base + (index < remainder ? 1 : 0));
}

/** How far a set of sizes strays outside the range, in people. */
function deviation(sizes: number[], range: SetSizeRange): number {
  return sizes.reduce((sum, size) => sum + Math.max(0, range.min - size) + Math.max(0, size - range.max), 0);
}

/** The number of sets that keeps sizes closest to the range (ties: nearest the middle of the range). */
export function chooseSetCount(total: number, range: SetSizeRange = DEFAULT_SET_SIZE): number {
  if (total <= 0) return 0;
  const middle = (range.min + range.max) / 2;
  let best = 1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let count = 1; count <= total; count++) {
    const score = deviation(balancedSizes(total, count), range) * 1000 + Math.abs(total / count - middle);
    if (score < bestScore) {
      best = count;
      bestScore = score;
    }
  }
  return best;
}

export interface SetAllocation {
  sets: SetMember[][];
  /** Plain-English notes for the lead, e.g. a set smaller than the range */
  warnings: string[];
}

/**
 * Deals delegates into sets: the largest organisations first, one person per set in turn, so no set gets
 * two people from one organisation until every set has one. Deterministic for the same input order.
 */
export function allocateLearningSets(
  members: SetMember[],
  range: SetSizeRange = DEFAULT_SET_SIZE,
): SetAllocation {
  if (range.min < 1 || range.max < range.min) throw new Error('The set size range must have 1 <= min <= max');
  const count = chooseSetCount(members.length, range);
  const sizes = balancedSizes(members.length, count);
  const sets: SetMember[][] = sizes.map(() => []);
  const byOrganisation = new Map<string, SetMember[]>();
  for (const member of members) {
    const key = member.organisationId ?? `unknown:${member.id}`;
    byOrganisation.set(key, [...(byOrganisation.get(key) ?? []), member]);
  }
  const ordered = [...byOrganisation.values()].sort((a, b) => b.length - a.length).flat();
  let next = 0;
  for (const member of ordered) {
    // The next set (in turn) that still has room.
    while ((sets[next % count]?.length ?? 0) >= (sizes[next % count] ?? 0)) next++;
    sets[next % count]?.push(member);
    next++;
  }
  const warnings = sizes.flatMap((size, index) =>
    size < range.min
      ? [`Set ${index + 1} has ${size} people, fewer than ${range.min}`]
      : size > range.max
        ? [`Set ${index + 1} has ${size} people, more than ${range.max}`]
        : [],
  );
  return { sets, warnings };
}
