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
