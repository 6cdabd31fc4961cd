import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

/**
 * Runs `work` on one connection to the read replica (DATABASE_READ_URL), released afterwards; on the primary when
 * no replica is configured. For reads that may be a moment behind the primary: Impact reports, exports and the
 * public calendar feed. Everything else reads the primary (the data source's default mode is 'master').
 */
export async function onReplica<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}

/** Whether reads asked of onReplica go to a replica (DATABASE_READ_URL is set). */
export function hasReadReplica(dataSource: DataSource): boolean {
  return Boolean((dataSource.options as PostgresDataSourceOptions).replication);
}

/** The primary's URL the data source was opened with (replicated or not). */
export function primaryUrl(dataSource: DataSource): string {
  const options = dataSource.options as PostgresDataSourceOptions;
  const url = options.replication ? options.replication.master.url : options.url;
  if (!url) throw new Error('The data source was opened without a URL');
  return url;
}
