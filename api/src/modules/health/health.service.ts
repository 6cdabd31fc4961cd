import { Injectable } from '@nestjs/common';
import { HealthResponse } from '@upstand/contracts';
import { MIGRATIONS } from '../../database/migrations';
import { HealthRepository } from './health.repository';

const TIMEOUT_MS = 3000;

/** The migrations this release was built with, by the name TypeORM records (the instance's `name`). */
const KNOWN_MIGRATIONS = MIGRATIONS.map((Migration) => new Migration().name ?? Migration.name);

@Injectable()
export class HealthService {
  private shuttingDown = false;

  constructor(private readonly repository: HealthRepository) {}

  /**
   * Called when a shutdown signal arrives, before the server stops listening: readiness turns 503 at once so a
   * proxy or orchestrator stops sending new requests while those in flight finish.
   */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  async ready(): Promise<HealthResponse> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    try {
      const applied = await Promise.race([
        this.repository.ping().then(() => this.repository.appliedMigrations()),
        timeout,
      ]);
      // Only migrations this release needs count: during a rolling upgrade the database may already have
      // newer ones (expand, then contract), which the previous release tolerates.
      const pending = KNOWN_MIGRATIONS.filter((name) => !applied.has(name));
      const ok = pending.length === 0 && !this.shuttingDown;
      return {
        status: ok ? 'ok' : 'error',
        database: { status: 'up' },
        migrations: { status: pending.length === 0 ? 'up' : 'down', pending },
        shuttingDown: this.shuttingDown,
      };
    } catch (error) {
      return {
        status: 'error',
        database: { status: 'down', message: (error as Error).message },
        migrations: { status: 'down', pending: [] },
        shuttingDown: this.shuttingDown,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
