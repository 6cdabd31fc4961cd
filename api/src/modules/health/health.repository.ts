import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Names of the migrations the database has applied (TypeORM's table; empty before the first run). */
  async appliedMigrations(): Promise<Set<string>> {
    const [table] = (await this.dataSource.query(`SELECT to_regclass('public.migrations') AS name`)) as {
      name: string | null;
    }[];
    if (!table?.name) return new Set();
    const rows = (await this.dataSource.query('SELECT name FROM migrations')) as { name: string }[];
    return new Set(rows.map((row) => row.name));
  }
}
