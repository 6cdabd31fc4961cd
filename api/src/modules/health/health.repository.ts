import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appliedMigrations } from '../../database/migrate';
import { AnalyticsChangeListener, ListenerStatus } from '../analytics/analytics-change-listener';

@Injectable()
export class HealthRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    // Looked up rather than imported as a module: health must not pull the analytics module's graph in.
    private readonly moduleRef: ModuleRef,
  ) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Names of the migrations the database has applied. */
  appliedMigrations(): Promise<Set<string>> {
    return appliedMigrations((sql) => this.dataSource.query(sql));
  }

  /** Whether the analytics change listener's connection is up (no database round trip: it knows). */
  listenerStatus(): ListenerStatus {
    return this.moduleRef.get(AnalyticsChangeListener, { strict: false }).status;
  }
}
