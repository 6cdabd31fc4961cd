import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

const MIGRATION_LOCK_KEY = 7_310_000;

export function createDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
  });
}

/** Runs pending migrations under an advisory lock, so several instances starting together migrate once. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await createDataSource(url).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

/** The migrations this release was built with, by the name TypeORM records (the instance's `name`). */
export const KNOWN_MIGRATIONS: readonly string[] = MIGRATIONS.map(
  (Migration) => new Migration().name ?? Migration.name,
);

/**
 * Migrations this release needs that the database has not applied. Newer ones (the next release migrated ahead
 * in a rolling upgrade) don't count: migrations expand before they contract, so this release still works.
 */
export function pendingMigrations(applied: ReadonlySet<string>): string[] {
  return KNOWN_MIGRATIONS.filter((name) => !applied.has(name));
}

/** The migration names recorded in the database (none before the first run). */
export async function appliedMigrations(query: (sql: string) => Promise<unknown>): Promise<Set<string>> {
  const [table] = (await query(`SELECT to_regclass('public.migrations') AS name`)) as {
    name: string | null;
  }[];
  if (!table?.name) return new Set();
  const rows = (await query('SELECT name FROM migrations')) as { name: string }[];
  return new Set(rows.map((row) => row.name));
}

/** Pending migrations of the database at `url`, read on a short-lived connection. */
export async function pendingMigrationsAt(url: string): Promise<string[]> {
  const dataSource = await createDataSource(url).initialize();
  try {
    return pendingMigrations(await appliedMigrations((sql) => dataSource.query(sql)));
  } finally {
    await dataSource.destroy();
  }
}
