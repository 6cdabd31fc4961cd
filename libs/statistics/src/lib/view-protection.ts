import { DEFAULT_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD, suppressBreakdown } from './suppression';

/**
 * Protection of counts in filtered views (a dashboard where the same viewer can ask for many overlapping
 * populations), on top of the per-table rules in `suppression.ts`.
 *
 * A view is the set of people selected by the viewer's filters; each count in it ("cell") is a number of people.
 * A cell is withheld when:
 * - `small`: it is 1 … threshold − 1;
 * - `overlap`: a wider view the viewer can also ask for (a filter removed or a date range widened) has the same
 *   cell larger by 1 … threshold − 1, so subtracting the two would describe a small group;
 * - `overlap` (siblings): the view is one part of a partition of a wider view (one organisation of its system,
 *   one date range of all time) and, in the one-way table of those parts with their total, the part's cell would
 *   be withheld (small or secondary), so adding up the published siblings and subtracting from the total cannot
 *   reveal a small sibling.
 * Then `protectLines` withholds more cells so that no withheld cell can be worked out from a published total.
 */

export type CellReason = 'small' | 'secondary' | 'overlap';

export interface ProtectedCount {
  value: number | null;
  suppressed: boolean;
  reason?: CellReason;
}

export interface ViewProtectionInput {
  /** The requested view's cells. */
  view: ReadonlyMap<string, number>;
  /** The same cells in every wider view the viewer may request (missing cells count as 0). */
  wider: readonly ReadonlyMap<string, number>[];
  /**
   * Partitions the view belongs to: in each, the other parts' cells (the view's own part excluded). The total
   * of a partition is the view plus its siblings.
   */
  siblingSets: readonly (readonly ReadonlyMap<string, number>[])[];
  threshold?: number;
}

export function resolveThreshold(threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): number {
  if (!Number.isSafeInteger(threshold) || threshold < MIN_SUPPRESSION_THRESHOLD)
    throw new RangeError(`threshold must be an integer of at least ${MIN_SUPPRESSION_THRESHOLD}`);
  return threshold;
}

const isSmall = (value: number, threshold: number) => value > 0 && value < threshold;

/** Applies the small, overlap and sibling rules to every cell of a view. */
export function protectView(input: ViewProtectionInput): Map<string, ProtectedCount> {
  const threshold = resolveThreshold(input.threshold);
  const result = new Map<string, ProtectedCount>();
  for (const [cell, value] of input.view) {
    if (isSmall(value, threshold)) {
      result.set(cell, { value: null, suppressed: true, reason: 'small' });
      continue;
    }
    const differsBySmall = input.wider.some((wider) => isSmall((wider.get(cell) ?? 0) - value, threshold));
    const withheldAmongSiblings = input.siblingSets.some((siblings) => {
      if (siblings.length === 0) return false;
      const line = [value, ...siblings.map((sibling) => sibling.get(cell) ?? 0)];
      return suppressBreakdown(line, { threshold }).counts[0].suppressed;
    });
    result.set(
      cell,
      differsBySmall || withheldAmongSiblings
        ? { value: null, suppressed: true, reason: 'overlap' }
        : { value, suppressed: false },
    );
  }
  return result;
}

/** A published count with no protection (for viewers who may see person-level data). */
export function unprotected(view: ReadonlyMap<string, number>): Map<string, ProtectedCount> {
  return new Map([...view].map(([cell, value]) => [cell, { value, suppressed: false }]));
}

/**
 * An additive equation between published cells: `total` = sum of `parts`. Where exactly one entry of a line is
 * withheld it could be worked out by subtraction, so another is withheld too: the smallest non-zero part, else
 * the total, else a zero part. Repeats until no line has exactly one withheld entry. Mutates `cells`; cells not
 * present are treated as published zeros.
 */
export interface Line {
  parts: readonly string[];
  total: string;
  /**
   * The total is published elsewhere (e.g. a system's count, shown on the system's own view), so it is never
   * withheld to protect a part: a line with one withheld part always gets a second withheld part.
   */
  publishedTotal?: boolean;
}

export function protectLines(
  cells: Map<string, ProtectedCount>,
  lines: readonly Line[],
  raw: ReadonlyMap<string, number>,
): void {
  const withheld = (key: string) => cells.get(key)?.suppressed ?? false;
  const entriesOf = (line: Line) => (line.publishedTotal ? line.parts : [...line.parts, line.total]);
  const withheldIn = (line: Line) => {
    let count = 0;
    for (const key of line.parts) if (withheld(key)) count++;
    return line.publishedTotal || !withheld(line.total) ? count : count + 1;
  };
  // How many withheld entries each line has, and a queue of lines with exactly one: this keeps the work linear in
  // the size of the table rather than rescanning every line after each new withheld cell.
  const withheldCount = lines.map(withheldIn);
  const queue = withheldCount.flatMap((count, i) => (count === 1 ? [i] : []));
  // Which lines each cell is in, built at the first secondary suppression: many tables need none (a national
  // breakdown by cohort is two lines of 10,000 parts, each with many parts withheld already), and indexing
  // 20,000 cells for nothing was a tenth of a steering member's request.
  let linesOf: Map<string, number[]> | null = null;
  const indexLines = () => {
    const index = new Map<string, number[]>();
    lines.forEach((line, i) => {
      for (const key of entriesOf(line)) {
        const list = index.get(key);
        if (list) list.push(i);
        else index.set(key, [i]);
      }
    });
    return index;
  };
  const withhold = (key: string) => {
    cells.set(key, { value: null, suppressed: true, reason: 'secondary' });
    linesOf ??= indexLines();
    for (const i of linesOf.get(key) ?? []) {
      withheldCount[i] = (withheldCount[i] ?? 0) + 1;
      if (withheldCount[i] === 1) queue.push(i);
    }
  };
  /** Whether `a` is withheld before `b`: a non-zero before a zero, a part before the total, smaller, by name. */
  const before = (
    a: { key: string; value: number; isTotal: boolean },
    b: { key: string; value: number; isTotal: boolean },
  ) =>
    (Number(a.value === 0) - Number(b.value === 0) ||
      Number(a.isTotal) - Number(b.isTotal) ||
      a.value - b.value ||
      a.key.localeCompare(b.key)) < 0;
  while (queue.length > 0) {
    const i = queue.pop() as number;
    const line = lines[i] as Line;
    if (withheldIn(line) !== 1) continue;
    // The first published entry in that order (one pass, not a sort of every entry).
    let best: { key: string; value: number; isTotal: boolean } | undefined;
    for (const key of entriesOf(line)) {
      if (withheld(key)) continue;
      const candidate = { key, value: raw.get(key) ?? 0, isTotal: key === line.total };
      if (!best || before(candidate, best)) best = candidate;
    }
    // A line whose only published entries are its parts and a total shown elsewhere: withhold the total here.
    const chosen = best?.key ?? (line.publishedTotal && !withheld(line.total) ? line.total : undefined);
    if (chosen !== undefined) withhold(chosen);
  }
}

/**
 * Nested counts (each a subset of the one before, e.g. a funnel, or a cumulative series read backwards):
 * the difference between two published neighbours describes the people who dropped out in between, so a count is
 * withheld when it is 1 … threshold − 1 below the previous published one.
 *
 * `anchors` are counts another report publishes anyway (e.g. certified people by organisation, in reach and the
 * breakdowns): withholding one here would protect nobody and contradict that report, so an anchor stays and its
 * published neighbours before it are withheld instead until the step to it is 0 or at least the threshold.
 */
export function protectNestedChain(
  cells: Map<string, ProtectedCount>,
  chain: readonly string[],
  raw: ReadonlyMap<string, number>,
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
  anchors: ReadonlySet<string> = new Set(),
): void {
  const published: string[] = [];
  const valueOf = (key: string) => raw.get(key) ?? 0;
  const smallStep = (from: string, value: number) => isSmall(Math.abs(valueOf(from) - value), threshold);
  for (const key of chain) {
    const cell = cells.get(key);
    if (!cell || cell.suppressed) continue;
    const value = valueOf(key);
    const last = published[published.length - 1];
    if (anchors.has(key)) {
      for (;;) {
        const before = published[published.length - 1];
        if (before === undefined || anchors.has(before) || !smallStep(before, value)) break;
        cells.set(before, { value: null, suppressed: true, reason: 'secondary' });
        published.pop();
      }
      published.push(key);
    } else if (last !== undefined && smallStep(last, value)) {
      cells.set(key, { value: null, suppressed: true, reason: 'secondary' });
    } else {
      published.push(key);
    }
  }
}
