import { ImportJobPhase } from '@upstand/contracts';
import { performance } from 'perf_hooks';
import { setImmediate } from 'timers/promises';

/** Rows per multi-row statement when an import writes. */
export const IMPORT_BATCH = 500;
/**
 * The longest an import computes before letting other requests in. Time, not a row count: how long a row takes
 * to check depends on the row and on how loaded the machine is (500 rows of class-validator took from 20 to
 * 300 ms on a busy 2-core machine).
 */
export const IMPORT_SLICE_MS = 15;

/**
 * How an import reports how far it has got, and where it lets other requests in. Imports call `pace` for every
 * row they check (it yields once the current slice of work has taken IMPORT_SLICE_MS) and `advance` after each
 * batch they write (it always yields), so no request holds the event loop for long whatever the file's size.
 * The plain one (a dry run) only yields; a job's one also records the figures for the page polling it.
 */
export class ImportProgress {
  private sliceStarted = performance.now();

  /** A new phase of `total` rows starts. */
  async phase(phase: ImportJobPhase, total: number | null): Promise<void> {
    await this.recordPhase(phase, total);
    await this.yield();
  }

  /** `done` rows of the current phase are finished: record it and let other work in. */
  async advance(done: number): Promise<void> {
    await this.record(done);
    await this.yield();
  }

  /** Cheap enough to call for every row: yields (and records) only when the slice has run its time. */
  async pace(done: number): Promise<void> {
    if (performance.now() - this.sliceStarted >= IMPORT_SLICE_MS) await this.advance(done);
  }

  protected async recordPhase(phase: ImportJobPhase, total: number | null): Promise<void> {
    void phase;
    void total;
  }

  protected async record(done: number): Promise<void> {
    void done;
  }

  private async yield(): Promise<void> {
    await setImmediate();
    this.sliceStarted = performance.now();
  }
}

/** Splits a list into batches of `size`, for multi-row statements. */
export function batches<T>(items: readonly T[], size = IMPORT_BATCH): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Runs `work` on each item, pacing after each: for the per-row checks, which are plain JavaScript and would
 * otherwise run through 20,000 rows in one go.
 */
export async function forEachPaced<T>(
  items: readonly T[],
  progress: ImportProgress,
  work: (item: T, index: number) => void | Promise<void>,
): Promise<void> {
  for (let index = 0; index < items.length; index += 1) {
    await work(items[index] as T, index);
    await progress.pace(index + 1);
  }
  await progress.advance(items.length);
}
