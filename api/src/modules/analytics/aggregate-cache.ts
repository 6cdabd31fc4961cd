/**
 * Results of expensive aggregate queries, kept until the data behind them may have changed.
 *
 * Two signals from PostgreSQL decide that (see the AnalyticsChangeSignal migration):
 * - a change counter (a sequence) that every writing statement advances at once, read before each query, so a
 *   write that has happened, or is under way, is never missed by a later request;
 * - a notification delivered when a writing transaction commits, so a result computed while a write was still
 *   uncommitted (its query could not see the write) is dropped once the write lands.
 * A result is reused only when neither has moved since it was computed. Callers that ask for the same
 * result while it is being computed share the one query.
 */
export interface AggregateCacheOptions {
  /** Results kept at most; the least recently used goes first. */
  maxEntries: number;
  /** Results with more rows than this are not kept (they would hold a lot of memory for little gain). */
  maxRowsPerEntry: number;
}

interface Entry {
  version: string;
  notifications: number;
  rows: Promise<unknown[]>;
}

export class AggregateCache {
  private readonly entries = new Map<string, Entry>();
  private notifications = 0;
  private listening = false;
  private readonly changeCallbacks: (() => void)[] = [];
  /** Requests answered with a kept (or already running) result. */
  hits = 0;

  constructor(private readonly options: AggregateCacheOptions) {}

  /** Called while the change notifications are being received; until then (and after `stopped`) nothing is kept. */
  listeningStarted(): void {
    this.listening = true;
    this.changed();
  }

  /** The notifications stopped (lost connection): what was kept can no longer be trusted. */
  listeningStopped(): void {
    this.listening = false;
    this.changed();
  }

  /** A writing transaction committed. */
  changed(): void {
    this.notifications++;
    this.entries.clear();
    for (const callback of this.changeCallbacks) callback();
  }

  /** Calls `callback` whenever kept results are dropped because the data may have changed. */
  onChange(callback: () => void): void {
    this.changeCallbacks.push(callback);
  }

  get enabled(): boolean {
    return this.options.maxEntries > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The rows for `key`: kept ones if the data has not changed since, otherwise `compute()`'s. `readVersion` reads
   * the change counter; it runs before `compute` so the query's snapshot is taken after it.
   */
  async rows(
    key: string,
    readVersion: () => Promise<string>,
    compute: () => Promise<unknown[]>,
  ): Promise<unknown[]> {
    if (!this.listening || !this.enabled) return compute();
    const notifications = this.notifications;
    const version = await readVersion();
    const kept = this.entries.get(key);
    if (kept && kept.version === version && kept.notifications === notifications) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      this.hits++;
      return kept.rows;
    }
    const rows = compute();
    const entry: Entry = { version, notifications, rows };
    // A notification may have arrived while the counter was read: such a result is computed but not kept.
    if (notifications === this.notifications) {
      this.entries.set(key, entry);
      while (this.entries.size > this.options.maxEntries) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
    }
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    rows.then((result) => {
      if (result.length > this.options.maxRowsPerEntry) forget();
    }, forget);
    return rows;
  }
}
