import { Count, Disclosure } from '@upstand/contracts';
import {
  GroupDecision,
  protectGroups,
  protectView,
  ProtectedCount,
  unprotected,
  unprotectedGroups,
  ViewProtectionInput,
} from '@upstand/statistics';
import { AnalyticsScope } from './analytics-scope';
import { LevelCellRow } from './analytics.repository';

/**
 * Cells that must be in the view even where nobody is (a zero is protected like a count): listed, or worked out
 * from the view's own counts (a breakdown's categories that anyone in the view is in), which saves summing a
 * national breakdown's cells once more to find them.
 */
export type Expected = Iterable<string> | ((raw: ReadonlyMap<string, number>) => Iterable<string>);

/** Counts of one view: what may be published, and the true values (for lines and chains, never sent). */
export interface ViewCounts {
  counts: Map<string, ProtectedCount>;
  raw: Map<string, number>;
}

type CellsByFy = Map<number, Map<string, number>>;

function add(target: Map<string, number>, cell: string, n: number): void {
  target.set(cell, (target.get(cell) ?? 0) + n);
}

function byFy(rows: LevelCellRow[]): CellsByFy {
  const result: CellsByFy = new Map();
  for (const row of rows) {
    const cells = result.get(row.fy) ?? new Map<string, number>();
    add(cells, row.cell, row.n);
    result.set(row.fy, cells);
  }
  return result;
}

function sumSpan(cells: CellsByFy, from: number | null, to: number | null): Map<string, number> {
  const total = new Map<string, number>();
  for (const [fy, values] of cells) {
    if ((from !== null && fy < from) || (to !== null && fy > to)) continue;
    for (const [cell, n] of values) add(total, cell, n);
  }
  return total;
}

/**
 * Turns per-level, per-financial-year counts into the requested view's publishable counts. Leads get the view as
 * it is. Everyone else: every wider view they could ask for (the unit's ancestors, and financial-year ranges
 * containing the requested one) and every partition the view is part of (its siblings under the same parent; the
 * other financial years) are checked by `protectView`.
 */
export function viewCounts(scope: AnalyticsScope, rows: LevelCellRow[], expected: Expected): ViewCounts {
  const input = viewInput(scope, rows, expected);
  return { counts: scope.personLevel ? unprotected(input.view) : protectView(input), raw: input.view };
}

/**
 * The groups of survey results in a view, keyed by name, from their bases (`rows` count each group's people): each
 * published or withheld whole by the disclosure policy, against the same wider views and siblings as counts.
 */
export function viewGroups(
  scope: AnalyticsScope,
  rows: LevelCellRow[],
  expected: Expected,
): Map<string, GroupDecision> {
  const input = viewInput(scope, rows, expected);
  return scope.personLevel ? unprotectedGroups(input.view) : protectGroups(input);
}

/** The view's cells, and (for viewers subject to suppression) the wider views and partitions to check them against. */
function viewInput(
  scope: AnalyticsScope,
  rows: LevelCellRow[],
  expected: Expected,
): ViewProtectionInput & { view: Map<string, number> } {
  const withExpected = (raw: Map<string, number>) => {
    for (const cell of typeof expected === 'function' ? expected(raw) : expected)
      if (!raw.has(cell)) raw.set(cell, 0);
    return raw;
  };
  // A lead's rows are the view as it is, unprotected. The whole programme in every year has no wider view and no
  // sibling (every span of years it could be widened to holds the same people). Either way the cells are summed
  // once: grouping them by year first, for nothing, was a fifth of the JavaScript of a national breakdown by
  // cohort (20,000 cells).
  const [unit, ...ancestors] = scope.chain;
  if (
    scope.personLevel ||
    (unit.level === 'all' && ancestors.length === 0 && scope.fyFrom === null && scope.fyTo === null)
  ) {
    const raw = new Map<string, number>();
    for (const row of rows) if (scope.personLevel || row.level === unit.level) add(raw, row.cell, row.n);
    return { view: withExpected(raw), wider: [], siblingSets: [], threshold: scope.threshold };
  }
  const unitRows = rows.filter((row) => row.level === unit.level);
  const perKey = new Map<string, LevelCellRow[]>();
  for (const row of unitRows) {
    const list = perKey.get(row.key);
    if (list) list.push(row);
    else perKey.set(row.key, [row]);
  }
  const own = byFy(perKey.get(unit.value) ?? []);

  const raw = withExpected(sumSpan(own, scope.fyFrom, scope.fyTo));

  const years = [...new Set(rows.map((row) => row.fy))].sort((a, b) => a - b);
  // The years the view actually has people in: a cohort (or an organisation) filtered without dates is the same
  // population as its years, so wider views are those covering these years, not only the dates asked for.
  const ownYears = [...own.keys()].filter(
    (fy) =>
      (scope.fyFrom === null || fy >= scope.fyFrom) &&
      (scope.fyTo === null || fy <= scope.fyTo) &&
      [...(own.get(fy)?.values() ?? [])].some((n) => n > 0),
  );
  const spanFrom = ownYears.length ? Math.min(...ownYears) : scope.fyFrom;
  const spanTo = ownYears.length ? Math.max(...ownYears) : scope.fyTo;
  const starts = spanFrom === null ? [null] : [null, ...years.filter((fy) => fy <= spanFrom)];
  const ends = spanTo === null ? [null] : [null, ...years.filter((fy) => fy >= spanTo)];
  const spans = starts.flatMap((from) => ends.map((to) => [from, to] as const));

  // A span is the years it covers: spans covering the same years are one wider view, and the unit's own span
  // covering just the view's years is the view itself, which differs from it by nothing (0 is never small). So
  // each is summed once, and the view not at all: a cohort breakdown of the whole programme has 20,000 cells, and
  // summing them again for four spans that all equal the view was much of a steering member's JavaScript.
  const covered = (from: number | null, to: number | null) =>
    years.filter((fy) => (from === null || fy >= from) && (to === null || fy <= to)).join(',');
  const distinct = new Map<string, readonly [number | null, number | null]>();
  for (const span of spans) {
    const cover = covered(...span);
    if (!distinct.has(cover)) distinct.set(cover, span);
  }
  const viewYears = covered(scope.fyFrom, scope.fyTo);
  const wider: Map<string, number>[] = [];
  for (const [cover, [from, to]] of distinct) if (cover !== viewYears) wider.push(sumSpan(own, from, to));
  for (const ancestor of ancestors) {
    const ancestorCells = byFy(rows.filter((row) => row.level === ancestor.level));
    for (const [from, to] of distinct.values()) wider.push(sumSpan(ancestorCells, from, to));
  }

  const siblingSets: Map<string, number>[][] = [];
  if (unit.level !== 'all') {
    siblingSets.push(
      [...perKey.entries()]
        .filter(([key]) => key !== unit.value)
        .map(([, siblingRows]) => sumSpan(byFy(siblingRows), scope.fyFrom, scope.fyTo)),
    );
  }
  if (scope.fyFrom !== null || scope.fyTo !== null) {
    siblingSets.push(
      years
        .filter(
          (fy) => (scope.fyFrom !== null && fy < scope.fyFrom) || (scope.fyTo !== null && fy > scope.fyTo),
        )
        .map((fy) => own.get(fy) ?? new Map<string, number>()),
    );
  }
  return { view: raw, wider, siblingSets, threshold: scope.threshold };
}

/** The view's own counts (no protection): for leads the rows as they are, otherwise the unit's rows in the dates. */
export function viewRaw(scope: AnalyticsScope, rows: LevelCellRow[]): Map<string, number> {
  const raw = new Map<string, number>();
  const unit = scope.chain[0];
  for (const row of rows) {
    if (!scope.personLevel) {
      if (row.level !== unit.level || row.key !== unit.value) continue;
      if ((scope.fyFrom !== null && row.fy < scope.fyFrom) || (scope.fyTo !== null && row.fy > scope.fyTo))
        continue;
    }
    add(raw, row.cell, row.n);
  }
  return raw;
}

export function toCount(cell: ProtectedCount | undefined): Count {
  if (!cell) return { value: 0, suppressed: false };
  return cell.suppressed
    ? { value: null, suppressed: true, reason: cell.reason }
    : { value: cell.value, suppressed: false };
}

/** A withheld group's base as published: null with the group's reason (a lead's groups are never withheld). */
export function groupBase(group: GroupDecision | undefined): Count {
  if (!group) return { value: 0, suppressed: false };
  return group.published
    ? { value: group.base, suppressed: false }
    : { value: null, suppressed: true, reason: group.reason ?? 'small' };
}

/** The value when published and at least the threshold (or always, for leads): safe to base statistics on. */
export function usable(scope: AnalyticsScope, cell: ProtectedCount | undefined): number | null {
  if (!cell || cell.suppressed || cell.value === null) return null;
  if (!scope.personLevel && cell.value < scope.threshold) return null;
  return cell.value;
}

/** What every report says about its own protection: whether small numbers were withheld, and the dates covered. */
export function disclosure(scope: AnalyticsScope): Disclosure {
  return {
    suppressionApplied: !scope.personLevel,
    threshold: scope.threshold,
    startFrom: scope.startFrom,
    startTo: scope.startTo,
  };
}
