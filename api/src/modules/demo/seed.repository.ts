import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Arbitrary key for pg_advisory_xact_lock: only one instance seeds at a time. */
const SEED_LOCK_KEY = 7_310_001;

@Injectable()
export class SeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  withSeedLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      return work(manager);
    });
  }

  async countRows(manager: EntityManager, table: 'app_user'): Promise<number> {
    const [row] = (await manager.query(`SELECT count(*)::int AS count FROM ${table}`)) as { count: number }[];
    return row?.count ?? 0;
  }
}
