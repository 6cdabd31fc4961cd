import { Injectable } from '@nestjs/common';
import { HealthResponse } from '@upstand/contracts';
import { pendingMigrations } from '../../database/migrate';
import { HealthRepository } from './health.repository';

const TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  private shuttingDown = false;
  /**
   * Migrations are never reversed in place (docs/operations.md, Upgrades), so once every migration this release
   * needs has been seen applied, readiness stops asking: the check then costs one round trip, which matters when
   * a proxy polls every instance every few seconds during a busy import.
   */
  private migrationsApplied = false;

  constructor(private readonly repository: HealthRepository) {}

  /**
   * Called when a shutdown signal arrives, before the server stops listening: readiness turns 503 at once so a
   * proxy or orchestrator stops sending new requests while those in flight finish.
   */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  private async pendingAfterPing(): Promise<string[]> {
    await this.repository.ping();
    return this.migrationsApplied ? [] : pendingMigrations(await this.repository.appliedMigrations());
  }

  async ready(): Promise<HealthResponse> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    try {
      const pending = await Promise.race([this.pendingAfterPing(), timeout]);
      if (pending.length === 0) this.migrationsApplied = true;
      const listener = this.repository.listenerStatus();
      const ok = pending.length === 0 && listener !== 'down' && !this.shuttingDown;
      return {
        status: ok ? 'ok' : 'error',
        database: { status: 'up' },
        migrations: { status: pending.length === 0 ? 'up' : 'down', pending },
        listener: { status: listener },
        shuttingDown: this.shuttingDown,
      };
    } catch (error) {
      return {
        status: 'error',
        database: { status: 'down', message: (error as Error).message },
        migrations: { status: 'down', pending: [] },
        listener: { status: this.repository.listenerStatus() },
        shuttingDown: this.shuttingDown,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
