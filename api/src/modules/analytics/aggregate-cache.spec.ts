import { AggregateCache } from './aggregate-cache';

/** A change counter and a query whose answers the test controls, counting how often the query runs. */
function fakeDatabase() {
  const state = { version: 1, runs: 0, answer: ['first'] as unknown[] };
  return {
    state,
    readVersion: async () => String(state.version),
    compute: async () => {
      state.runs++;
      return [...state.answer];
    },
  };
}

function listeningCache(maxEntries = 10, maxRowsPerEntry = 100): AggregateCache {
  const cache = new AggregateCache({ maxEntries, maxRowsPerEntry });
  cache.listeningStarted();
  return cache;
}

describe('AggregateCache', () => {
  it('answers a repeated request from memory while nothing has changed', async () => {
    const db = fakeDatabase();
    const cache = listeningCache();
    expect(await cache.rows('q', db.readVersion, db.compute)).toEqual(['first']);
    db.state.answer = ['second'];
    expect(await cache.rows('q', db.readVersion, db.compute)).toEqual(['first']);
    expect(db.state.runs).toBe(1);
  });

  it('runs the query again once a write has advanced the change counter', async () => {
    const db = fakeDatabase();
    const cache = listeningCache();
    await cache.rows('q', db.readVersion, db.compute);
    db.state.version++;
    db.state.answer = ['second'];
    expect(await cache.rows('q', db.readVersion, db.compute)).toEqual(['second']);
    expect(db.state.runs).toBe(2);
  });

  it('drops results computed before a commit was announced, even when the counter had already moved', async () => {
    const db = fakeDatabase();
    const cache = listeningCache();
    // The writer advanced the counter before the query ran, but committed after the query's snapshot.
    db.state.version++;
    await cache.rows('q', db.readVersion, db.compute);
    cache.changed();
    db.state.answer = ['after the commit'];
    expect(await cache.rows('q', db.readVersion, db.compute)).toEqual(['after the commit']);
  });

  it('does not keep a result when the commit is announced while the counter is being read', async () => {
    const db = fakeDatabase();
    const cache = listeningCache();
    const readVersionDuringCommit = async () => {
      cache.changed();
      return db.readVersion();
    };
    await cache.rows('q', readVersionDuringCommit, db.compute);
    expect(cache.size).toBe(0);
  });

  it('lets simultaneous requests for the same result share one query', async () => {
    const db = fakeDatabase();
    const cache = listeningCache();
    const answers = await Promise.all([1, 2, 3].map(() => cache.rows('q', db.readVersion, db.compute)));
    expect(answers).toEqual([['first'], ['first'], ['first']]);
    expect(db.state.runs).toBe(1);
  });

  it('keeps nothing while it is not listening for changes, or when turned off', async () => {
    const db = fakeDatabase();
    const notListening = new AggregateCache({ maxEntries: 10, maxRowsPerEntry: 100 });
    await notListening.rows('q', db.readVersion, db.compute);
    await notListening.rows('q', db.readVersion, db.compute);
    const off = listeningCache(0);
    await off.rows('q', db.readVersion, db.compute);
    await off.rows('q', db.readVersion, db.compute);
    expect(db.state.runs).toBe(4);

    const stopped = listeningCache();
    await stopped.rows('q', db.readVersion, db.compute);
    stopped.listeningStopped();
    await stopped.rows('q', db.readVersion, db.compute);
    expect(db.state.runs).toBe(6);
  });

  it('forgets failed queries, so the next request tries again', async () => {
    const db = fakeDatabase();
    const cache = listeningCache();
    await expect(
      cache.rows('q', db.readVersion, async () => {
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    expect(await cache.rows('q', db.readVersion, db.compute)).toEqual(['first']);
  });

  it('evicts the least recently used result and does not keep very large ones', async () => {
    const db = fakeDatabase();
    const cache = listeningCache(2, 3);
    await cache.rows('a', db.readVersion, db.compute);
    await cache.rows('b', db.readVersion, db.compute);
    await cache.rows('a', db.readVersion, db.compute); // a is now the most recently used
    await cache.rows('c', db.readVersion, db.compute); // b goes
    expect(db.state.runs).toBe(3);
    await cache.rows('a', db.readVersion, db.compute);
    expect(db.state.runs).toBe(3);
    await cache.rows('b', db.readVersion, db.compute);
    expect(db.state.runs).toBe(4);

    db.state.answer = [1, 2, 3, 4];
    await cache.rows('big', db.readVersion, db.compute);
    await cache.rows('big', db.readVersion, db.compute);
    expect(db.state.runs).toBe(6);
  });
});
