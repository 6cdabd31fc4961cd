import { Injectable } from '@nestjs/common';
import { HealthResponse } from '@upstand/contracts';
import { pendingMigrations } from '../../database/migrate';
import { HealthRepository } from './health.repository';

const TIMEOUT_MS = 3000;

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
      const pending = pendingMigrations(applied);
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
