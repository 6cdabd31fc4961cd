/**
 * Small-number suppression for published tables of counts of people.
 *
 * Who needs it: every aggregate shown to anyone other than a lead who may already see the
 * person-level data (programme dashboards, reports, exports of breakdowns). The caller decides that;
 * this module only makes a table safe.
 *
 * Policy (see the "Data protection" domain notes):
 * - Threshold: counts from 1 to threshold − 1 are withheld. The default 10 follows the GP Patient
 *   Survey (no results from fewer than 10 respondents); NHS statistical publications withhold 1–7
 *   below national level, i.e. threshold 8. The threshold may be raised but never set below 5.
 * - Zeros are shown as 0 — a zero describes nobody — except in a row or column whose total is itself
 *   small (1 … threshold − 1): there a 0 would tell the reader that all of those few people fall in
 *   the other categories, so such zeros are withheld too (reason `'small'`). This is the conservative
 *   reading of the "1–7" rule.
 * - Totals (row, column and grand) are published as well and are suppressed by the same rule.
 * - Secondary suppression, so that no withheld count can be worked out from what is published:
 *   1. Every row and column of the table *including its total* is a linear equation
 *      (cells sum to the total). A line with exactly one withheld entry gives that entry away by
 *      subtraction, so a second entry of that line is withheld: the smallest non-zero cell, else the
 *      smallest non-zero total, else a zero (withholding a known-to-be-small zero protects least).
 *      This repeats until no line has exactly one withheld entry.
 *   2. Rule 1 alone still allows differencing across several lines (e.g. two separate blocks of
 *      withheld cells joined by a single withheld cell: adding two rows and subtracting two columns
 *      isolates it). Viewing withheld entries as edges between their row-line and column-line, an
 *      entry is determined by the published equations exactly when its edge is a bridge of that
 *      graph (the null space of a bipartite incidence matrix is spanned by its even cycles). So while
 *      a bridge exists, one more entry joining the two sides of the bridge is withheld (chosen by the
 *      same preference), which puts the bridge on a cycle. Adding edges never creates a bridge, so
 *      this terminates; afterwards no withheld value is fixed by any combination of published rows,
 *      columns and totals.
 *   This guarantees that withheld values cannot be recovered exactly; it does not try to make the
 *   feasible range of each withheld cell wide (full "protection interval" auditing as in τ-ARGUS is
 *   beyond a web service).
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 10;
export const MIN_SUPPRESSION_THRESHOLD = 5;

export type SuppressionReason = 'small' | 'secondary';

export interface SuppressedCell {
  /** The count, or null when withheld. */
  value: number | null;
  suppressed: boolean;
  /** Why it was withheld: a small count (primary) or to protect another cell (secondary). */
  reason?: SuppressionReason;
}

export interface SuppressionOptions {
  /** Counts 1 … threshold − 1 are withheld. Default 10; must be an integer ≥ 5. */
  threshold?: number;
}

export interface SuppressedTable {
  /** Rows × columns, in the input order. */
  cells: SuppressedCell[][];
  rowTotals: SuppressedCell[];
  columnTotals: SuppressedCell[];
  grandTotal: SuppressedCell;
  threshold: number;
}

export interface SuppressedBreakdown {
  counts: SuppressedCell[];
  total: SuppressedCell;
  threshold: number;
}

function resolveThreshold(options: SuppressionOptions): number {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isSafeInteger(threshold))
    throw new RangeError(`threshold must be an integer, got ${threshold}`);
  if (threshold < MIN_SUPPRESSION_THRESHOLD) {
    throw new RangeError(`threshold may not be set below ${MIN_SUPPRESSION_THRESHOLD}, got ${threshold}`);
  }
  return threshold;
}

function assertCount(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`counts must be non-negative integers, got ${value}`);
}

function isSmall(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

interface Position {
  row: number;
  column: number;
}

/**
 * The table with its margins: `values[i][j]` for i ≤ R, j ≤ C where row R holds the column totals,
 * column C the row totals and (R, C) the grand total. Every row and every column of this grid is a
 * line whose last entry is the sum of the others.
 */
class AugmentedGrid {
  readonly rows: number;
  readonly columns: number;
  readonly reasons: (SuppressionReason | undefined)[][];

  constructor(readonly values: number[][]) {
    this.rows = values.length;
    this.columns = values[0].length;
    this.reasons = values.map((row) => row.map(() => undefined));
  }

  isSuppressed(p: Position): boolean {
    return this.reasons[p.row][p.column] !== undefined;
  }

  suppress(p: Position, reason: SuppressionReason): void {
    if (!this.isSuppressed(p)) this.reasons[p.row][p.column] = reason;
  }

  isTotal(p: Position): boolean {
    return p.row === this.rows - 1 || p.column === this.columns - 1;
  }

  /** All lines: each row, then each column, as lists of positions (the total last). */
  lines(): Position[][] {
    const lines: Position[][] = [];
    for (let row = 0; row < this.rows; row++) {
      lines.push(Array.from({ length: this.columns }, (_, column) => ({ row, column })));
    }
    for (let column = 0; column < this.columns; column++) {
      lines.push(Array.from({ length: this.rows }, (_, row) => ({ row, column })));
    }
    return lines;
  }

  /** Preference for secondary suppression: non-zero before zero, cells before totals, smaller first. */
  best(candidates: readonly Position[]): Position | undefined {
    let best: Position | undefined;
    let bestKey: number[] = [];
    for (const p of candidates) {
      const value = this.values[p.row][p.column];
      const key = [value === 0 ? 1 : 0, this.isTotal(p) ? 1 : 0, value, p.row, p.column];
      if (best === undefined || compareKeys(key, bestKey) < 0) {
        best = p;
        bestKey = key;
      }
    }
    return best;
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

function applyPrimarySuppression(grid: AugmentedGrid, threshold: number): void {
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      if (isSmall(grid.values[row][column], threshold)) grid.suppress({ row, column }, 'small');
    }
  }
  // Zeros in a line whose total is small would reveal where its few people are.
  for (const line of grid.lines()) {
    const total = line[line.length - 1];
    if (!isSmall(grid.values[total.row][total.column], threshold)) continue;
    for (const p of line) {
      if (grid.values[p.row][p.column] === 0) grid.suppress(p, 'small');
    }
  }
}

/** Rule 1: no line may have exactly one withheld entry. Returns whether anything changed. */
function protectLines(grid: AugmentedGrid): boolean {
  let changed = false;
  for (const line of grid.lines()) {
    const withheld = line.filter((p) => grid.isSuppressed(p));
    if (withheld.length !== 1) continue;
    const partner = grid.best(line.filter((p) => !grid.isSuppressed(p)));
    if (partner !== undefined) {
      grid.suppress(partner, 'secondary');
      changed = true;
    }
  }
  return changed;
}

interface Edge {
  position: Position;
  /** Node ids: rows are 0 … R, columns R+1 … R+1+C. */
  from: number;
  to: number;
}

function suppressedEdges(grid: AugmentedGrid): Edge[] {
  const edges: Edge[] = [];
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      if (grid.isSuppressed({ row, column })) {
        edges.push({ position: { row, column }, from: row, to: grid.rows + column });
      }
    }
  }
  return edges;
}

/** The first bridge of the withheld-entry graph (Tarjan's low-link algorithm), if any. */
function findBridge(nodeCount: number, edges: readonly Edge[]): number | undefined {
  const adjacency: { node: number; edge: number }[][] = Array.from({ length: nodeCount }, () => []);
  edges.forEach((e, index) => {
    adjacency[e.from].push({ node: e.to, edge: index });
    adjacency[e.to].push({ node: e.from, edge: index });
  });
  const discovered = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  let time = 0;
  const bridges: number[] = [];
  const visit = (node: number, viaEdge: number): void => {
    discovered[node] = time;
    low[node] = time;
    time++;
    for (const { node: next, edge } of adjacency[node]) {
      if (edge === viaEdge) continue;
      if (discovered[next] === -1) {
        visit(next, edge);
        low[node] = Math.min(low[node], low[next]);
        if (low[next] > discovered[node]) bridges.push(edge);
      } else {
        low[node] = Math.min(low[node], discovered[next]);
      }
    }
  };
  for (let node = 0; node < nodeCount; node++) {
    if (discovered[node] === -1 && adjacency[node].length > 0) visit(node, -1);
  }
  return bridges.length === 0 ? undefined : Math.min(...bridges);
}

function reachable(
  nodeCount: number,
  edges: readonly Edge[],
  start: number,
  excludedEdge: number,
): Set<number> {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    edges.forEach((e, index) => {
      if (index === excludedEdge) return;
      const next = e.from === node ? e.to : e.to === node ? e.from : -1;
      if (next !== -1 && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    });
  }
  return seen;
}

/** Rule 2: put every withheld entry on a cycle. Returns whether anything changed. */
function protectBridges(grid: AugmentedGrid): boolean {
  const nodeCount = grid.rows + grid.columns;
  const edges = suppressedEdges(grid);
  const bridge = findBridge(nodeCount, edges);
  if (bridge === undefined) return false;
  const sideA = reachable(nodeCount, edges, edges[bridge].from, bridge);
  const sideB = reachable(nodeCount, edges, edges[bridge].to, bridge);
  const candidates: Position[] = [];
  for (let row = 0; row < grid.rows; row++) {
    for (let column = 0; column < grid.columns; column++) {
      const p = { row, column };
      const columnNode = grid.rows + column;
      const crosses = (sideA.has(row) && sideB.has(columnNode)) || (sideB.has(row) && sideA.has(columnNode));
      if (crosses && !grid.isSuppressed(p)) candidates.push(p);
    }
  }
  const partner = grid.best(candidates);
  // Always found while rule 1 holds (each side has a row and a column node); guard anyway.
  if (partner === undefined) throw new Error('secondary suppression found no cell to protect a bridge');
  grid.suppress(partner, 'secondary');
  return true;
}

function toCell(grid: AugmentedGrid, row: number, column: number): SuppressedCell {
  const reason = grid.reasons[row][column];
  return reason === undefined
    ? { value: grid.values[row][column], suppressed: false }
    : { value: null, suppressed: true, reason };
}

/**
 * Suppresses a two-way table of counts (rows × columns) together with its row totals, column totals
 * and grand total, which are computed here as the sums of the cells (include an "unknown" /
 * "prefer not to say" column so the cells cover everyone counted in the totals). See the module
 * comment for the rules.
 */
export function suppress(
  table: readonly (readonly number[])[],
  options: SuppressionOptions = {},
): SuppressedTable {
  const threshold = resolveThreshold(options);
  if (table.length === 0 || table[0].length === 0)
    throw new RangeError('the table needs at least one row and one column');
  const columns = table[0].length;
  for (const row of table) {
    if (row.length !== columns)
      throw new RangeError('every row of the table must have the same number of columns');
    row.forEach(assertCount);
  }

  const values = table.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const columnTotals = Array.from({ length: columns + 1 }, (_, j) =>
    values.reduce((acc, row) => acc + row[j], 0),
  );
  values.push(columnTotals);
  const grid = new AugmentedGrid(values);

  applyPrimarySuppression(grid, threshold);
  for (;;) {
    if (protectLines(grid)) continue;
    if (!protectBridges(grid)) break;
  }

  const R = table.length;
  return {
    cells: table.map((row, i) => row.map((_, j) => toCell(grid, i, j))),
    rowTotals: table.map((_, i) => toCell(grid, i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => toCell(grid, R, j)),
    grandTotal: toCell(grid, R, columns),
    threshold,
  };
}

/**
 * Suppresses a one-way breakdown (e.g. respondents by ethnic group) with its published total, which
 * is the sum of the counts. Small counts (1 … threshold − 1) are withheld; if the total is small it
 * and any zeros are withheld too; if exactly one entry ends up withheld, the smallest non-zero other
 * count (else the total, else a zero) is withheld as well so it cannot be found by subtraction.
 */
export function suppressBreakdown(
  counts: readonly number[],
  options: SuppressionOptions = {},
): SuppressedBreakdown {
  const threshold = resolveThreshold(options);
  if (counts.length === 0) throw new RangeError('the breakdown needs at least one category');
  counts.forEach(assertCount);
  const total = counts.reduce((a, b) => a + b, 0);
  // One line (the counts and their total), so only rule 1 applies.
  const line = [...counts, total];
  const reasons: (SuppressionReason | undefined)[] = line.map((v) =>
    isSmall(v, threshold) ? 'small' : undefined,
  );
  if (isSmall(total, threshold)) {
    line.forEach((v, i) => {
      if (v === 0) reasons[i] = 'small';
    });
  }
  if (reasons.filter((r) => r !== undefined).length === 1) {
    let best = -1;
    let bestKey: number[] = [];
    line.forEach((value, i) => {
      if (reasons[i] !== undefined) return;
      const key = [value === 0 ? 1 : 0, i === line.length - 1 ? 1 : 0, value, i];
      if (best === -1 || compareKeys(key, bestKey) < 0) {
        best = i;
        bestKey = key;
      }
    });
    if (best !== -1) reasons[best] = 'secondary';
  }
  const cell = (i: number): SuppressedCell => {
    const reason = reasons[i];
    return reason === undefined
      ? { value: line[i], suppressed: false }
      : { value: null, suppressed: true, reason };
  };
  return { counts: counts.map((_, i) => cell(i)), total: cell(counts.length), threshold };
}
