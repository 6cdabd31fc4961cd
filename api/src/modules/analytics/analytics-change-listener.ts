import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AggregateCache } from './aggregate-cache';

const CHANNEL = 'analytics_changed';
const RECONNECT_MS = 5_000;

/**
 * Keeps one connection listening for the database's "analytics data changed" notifications and hands the
 * aggregate cache the change counter. While it is not listening, the cache keeps nothing.
 */
@Injectable()
export class AnalyticsChangeListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AnalyticsChangeListener.name);
  readonly cache: AggregateCache;
  private client: PoolClient | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new AggregateCache({ maxEntries: config.analytics.cacheEntries, maxRowsPerEntry: 50_000 });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.cache.enabled) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    this.drop(true);
  }

  /** The change counter, read on an ordinary pooled connection just before an aggregate query. */
  async version(): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT last_value::text || ':' || is_called::text AS version FROM analytics_change_seq`,
    )) as { version: string }[];
    return row?.version ?? '';
  }

  private async listen(): Promise<void> {
    try {
      const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
      const client = await pool.connect();
      this.client = client;
      client.on('notification', (message) => {
        if (message.channel === CHANNEL) this.cache.changed();
      });
      client.on('error', (error) => {
        this.logger.warn(`Analytics change notifications stopped: ${error.message}`);
        this.drop(true);
        this.scheduleReconnect();
      });
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.stopping) return this.drop(true);
      this.cache.listeningStarted();
    } catch (error) {
      this.logger.warn(`Could not listen for analytics changes: ${(error as Error).message}`);
      this.drop(true);
      this.scheduleReconnect();
    }
  }

  private drop(destroy: boolean): void {
    this.cache.listeningStopped();
    const client = this.client;
    this.client = null;
    if (client) client.release(destroy);
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.listen();
    }, RECONNECT_MS);
    this.reconnect.unref();
  }
}
