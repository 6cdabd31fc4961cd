import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appliedMigrations } from '../../database/migrate';

@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Names of the migrations the database has applied. */
  appliedMigrations(): Promise<Set<string>> {
    return appliedMigrations((sql) => this.dataSource.query(sql));
  }
}
