import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ThrottleScope } from './throttle-window.entity';

/** A key's window after counting: how many times it has been counted and how long until the window ends. */
export interface CountedWindow {
  count: number;
  retryAfterSeconds: number;
}

/** Fixed-window counters (throttle_window), timed by the database's clock so every instance agrees. */
@Injectable()
export class ThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Counts the key once in one statement: opens a window of `windowSeconds` if it has none or its window has
   * ended, else adds one. Parallel calls for one key queue on its row, so each sees a different count.
   */
  async increment(
    scope: ThrottleScope,
    keyHash: string,
    windowSeconds: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CountedWindow> {
    const rows = (await manager.query(
      `INSERT INTO throttle_window (scope, "key", "count", reset_at)
       VALUES ($1, $2, 1, now() + make_interval(secs => $3))
       ON CONFLICT (scope, "key") DO UPDATE SET
         "count" = CASE WHEN throttle_window.reset_at <= now() THEN 1 ELSE throttle_window."count" + 1 END,
         reset_at = CASE WHEN throttle_window.reset_at <= now() THEN now() + make_interval(secs => $3)
                         ELSE throttle_window.reset_at END
       RETURNING "count", ceil(extract(epoch FROM reset_at - now()))::int AS "retryAfterSeconds"`,
      [scope, keyHash, windowSeconds],
    )) as [CountedWindow];
    return rows[0];
  }

  /**
   * Growing delays: takes an attempt for the key only if its next allowed time has come, and at once sets the
   * next one as if this attempt fails (`delaySeconds(count)` after now), so parallel attempts cannot all slip
   * through. Returns the count, or how long to wait when the key must wait. One statement, by the database clock.
   */
  async takeDelayed(
    scope: ThrottleScope,
    keyHash: string,
    windowSeconds: number,
    freeAttempts: number,
    maxDelaySeconds: number,
  ): Promise<{ taken: true; count: number } | { taken: false; retryAfterSeconds: number }> {
    // The wait after attempt n: none before `freeAttempts`, then 1 s, 2 s, 4 s … capped at maxDelaySeconds. An
    // attempt owes no wait while the count is below `freeAttempts`, whatever next_at says: next_at is the writer's
    // now(), its transaction's start, so of two attempts at once the one whose transaction started first could find
    // a next_at just after its own now() and be refused (two browsers signing in to one account together).
    const delay = (count: string) =>
      `make_interval(secs => CASE WHEN ${count} < $4 THEN 0 ELSE least($5, power(2, ${count} - $4)) END)`;
    const taken = (await this.dataSource.query(
      `INSERT INTO throttle_window (scope, "key", "count", reset_at, next_at)
       VALUES ($1, $2, 1, now() + make_interval(secs => $3), now() + ${delay('1')})
       ON CONFLICT (scope, "key") DO UPDATE SET
         "count" = CASE WHEN throttle_window.reset_at <= now() THEN 1 ELSE throttle_window."count" + 1 END,
         reset_at = CASE WHEN throttle_window.reset_at <= now() THEN now() + make_interval(secs => $3)
                         ELSE throttle_window.reset_at END,
         next_at = now() + ${delay('CASE WHEN throttle_window.reset_at <= now() THEN 1 ELSE throttle_window."count" + 1 END')}
       WHERE throttle_window.reset_at <= now() OR throttle_window."count" < $4
          OR coalesce(throttle_window.next_at, '-infinity') <= now()
       RETURNING "count"`,
      [scope, keyHash, windowSeconds, freeAttempts, maxDelaySeconds],
    )) as { count: number }[];
    if (taken.length > 0) return { taken: true, count: taken[0].count };
    const [waiting] = (await this.dataSource.query(
      `SELECT greatest(1, ceil(extract(epoch FROM next_at - now())))::int AS "retryAfterSeconds"
       FROM throttle_window WHERE scope = $1 AND "key" = $2`,
      [scope, keyHash],
    )) as { retryAfterSeconds: number }[];
    return { taken: false, retryAfterSeconds: waiting?.retryAfterSeconds ?? 1 };
  }

  /** Uncounts one event (an attempt that turned out not to be a failure), never below zero. */
  async decrement(scope: ThrottleScope, keyHash: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE throttle_window SET "count" = greatest(0, "count" - 1) WHERE scope = $1 AND "key" = $2`,
      [scope, keyHash],
    );
  }

  /** The key's count in its current window (0 when it has none). */
  async current(scope: ThrottleScope, keyHash: string): Promise<CountedWindow> {
    const [row] = (await this.dataSource.query(
      `SELECT "count", ceil(extract(epoch FROM reset_at - now()))::int AS "retryAfterSeconds"
       FROM throttle_window WHERE scope = $1 AND "key" = $2 AND reset_at > now()`,
      [scope, keyHash],
    )) as CountedWindow[];
    return row ?? { count: 0, retryAfterSeconds: 0 };
  }

  async delete(scope: ThrottleScope, keyHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM throttle_window WHERE scope = $1 AND "key" = $2`, [
      scope,
      keyHash,
    ]);
  }

  /** Deletes every window that has ended; returns how many. */
  async deleteExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM throttle_window WHERE reset_at <= now()`,
    )) as [unknown[], number];
    return count;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
