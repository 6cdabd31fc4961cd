import { IMPORT_MAX_REPORTED_ERRORS, ImportRowError } from '@upstand/contracts';
import { InvalidInputError } from '../../common/domain-errors';
import { normaliseHeader, TableRow } from './table-reader';

/** Row errors of one import: each problem once, rows with any problem counted as rejected. */
export class ImportErrors {
  private readonly list: ImportRowError[] = [];
  private readonly seen = new Set<string>();
  readonly rejectedRows = new Set<number>();

  add(row: number, field: string, message: string): void {
    const key = `${row}\u0000${field}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.rejectedRows.add(row);
    this.list.push({ row, field, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** In row order, at most IMPORT_MAX_REPORTED_ERRORS of them, with how many more there were. */
  report(): { errors: ImportRowError[]; errorsOmitted?: number } {
    const sorted = [...this.list].sort((a, b) => a.row - b.row);
    const errors = sorted.slice(0, IMPORT_MAX_REPORTED_ERRORS);
    return sorted.length > errors.length
      ? { errors, errorsOmitted: sorted.length - errors.length }
      : { errors };
  }
}

/**
 * Positions of the expected columns in a header row (names trimmed, case and spaces ignored). A missing
 * required column is a 400 naming it.
 */
export function columnPositions<T extends string>(
  header: TableRow | undefined,
  required: readonly T[],
  optional: readonly T[] = [],
): Record<T, number> {
  const expected = [...required, ...optional];
  if (!header)
    throw InvalidInputError.field('file', `The file is empty. Expected columns: ${expected.join(', ')}`);
  const names = header.cells.map(normaliseHeader);
  const positions = {} as Record<T, number>;
  for (const column of expected) positions[column] = names.indexOf(column);
  const missing = required.filter((column) => positions[column] < 0);
  if (missing.length > 0)
    throw InvalidInputError.field(
      'file',
      `The header row is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Expected columns: ${expected.join(', ')}`,
    );
  return positions;
}

/** Column headings made unique and never blank, so a mapping can name each one. */
export function uniqueHeadings(cells: string[]): string[] {
  const used = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.trim() || `Column ${index + 1}`;
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
