import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { hasReadReplica, primaryUrl } from '../../database/read-replica';
import { AggregateCache } from './aggregate-cache';

const CHANNEL = 'analytics_changed';
/** First wait before reconnecting after the connection is lost; it doubles up to MAX_RECONNECT_MS. */
const FIRST_RECONNECT_MS = 500;
const MAX_RECONNECT_MS = 10_000;

/** What readiness reports: `off` when the cache is off and nothing needs to listen. */
export type ListenerStatus = 'up' | 'down' | 'off';

/**
 * Keeps one connection listening for the database's "analytics data changed" notifications and hands the
 * aggregate cache the change counter. While it is not listening, the cache keeps nothing.
 *
 * The connection is its own (not one of the pool's), to DATABASE_SESSION_URL when set: LISTEN needs a session
 * that stays put, which a transaction-pooling proxy such as PgBouncer in transaction mode does not give.
 *
 * With a read replica (DATABASE_READ_URL) the cache is off: the aggregates it would keep are read on the replica,
 * while both change signals come from the primary, so a kept result could be older than the replica already is
 * (or newer, if computed just before replay was paused); nothing listens then.
 */
@Injectable()
export class AnalyticsChangeListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AnalyticsChangeListener.name);
  readonly cache: AggregateCache;
  private client: Client | null = null;
  private connected = false;
  private reconnect: NodeJS.Timeout | null = null;
  private reconnectMs = FIRST_RECONNECT_MS;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const entries = hasReadReplica(dataSource) ? 0 : config.analytics.cacheEntries;
    this.cache = new AggregateCache({ maxEntries: entries, maxRowsPerEntry: 50_000 });
  }

  /** Whether the notifications are being received (readiness); `off` when the cache does not need them. */
  get status(): ListenerStatus {
    if (!this.cache.enabled) return 'off';
    return this.connected ? 'up' : 'down';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.cache.enabled) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.drop();
  }

  /** The change counter, read on an ordinary pooled connection just before an aggregate query. */
  async version(): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT last_value::text || ':' || is_called::text AS version FROM analytics_change_seq`,
    )) as { version: string }[];
    return row?.version ?? '';
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.database.sessionUrl ?? primaryUrl(this.dataSource),
      application_name: 'upstand-api-listener',
      connectionTimeoutMillis: 5000,
    });
    this.client = client;
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.logger.warn(`Analytics change notifications stopped: ${reason}`);
      void this.drop();
      this.scheduleReconnect();
    };
    client.on('notification', (message) => {
      if (message.channel === CHANNEL) this.cache.changed();
    });
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('the connection closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.stopping || this.client !== client) return;
      this.connected = true;
      this.reconnectMs = FIRST_RECONNECT_MS;
      this.cache.listeningStarted();
    } catch (error) {
      if (this.client !== client) return;
      this.logger.warn(`Could not listen for analytics changes: ${(error as Error).message}`);
      await this.drop();
      this.scheduleReconnect();
    }
  }

  private async drop(): Promise<void> {
    this.connected = false;
    this.cache.listeningStopped();
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnect) return;
    const wait = this.reconnectMs;
    this.reconnectMs = Math.min(this.reconnectMs * 2, MAX_RECONNECT_MS);
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.listen();
    }, wait);
    this.reconnect.unref();
  }
}
