import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail-transport';

const BATCH = 20;
const MAX_ATTEMPTS = 10;

/** Delay before retry n: 15 s, 30 s, 1 min, … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 15_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends the outbox. Each batch is claimed with FOR UPDATE SKIP LOCKED inside a transaction that stays open
 * while sending, so several API instances never send the same message; a failure is retried with backoff.
 * With no SMTP configured, messages are "kept" for the in-app mailbox instead.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
    private readonly transport: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.mail.workerIntervalMs > 0) {
      this.timer = setInterval(
        () => void this.runOnce().catch((error) => this.logger.error(`Outbox run failed: ${String(error)}`)),
        this.config.mail.workerIntervalMs,
      );
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Sends what is due; returns how many messages were handled. Overlapping calls in one process wait their turn. */
  async runOnce(): Promise<number> {
    const previous = this.running ?? Promise.resolve(0);
    const run = previous.catch(() => 0).then(() => this.sendBatch());
    this.running = run;
    return run;
  }

  private sendBatch(): Promise<number> {
    return this.repository.transaction(async (manager) => {
      const due = await this.repository.claimDue(BATCH, manager);
      for (const message of due) {
        if (!this.transport.configured) {
          await this.repository.update(message.id, { status: 'kept', sentAt: new Date() }, manager);
          continue;
        }
        try {
          await this.transport.send(message);
          await this.repository.update(
            message.id,
            { status: 'sent', sentAt: new Date(), attempts: message.attempts + 1, lastError: null },
            manager,
          );
        } catch (error) {
          const attempts = message.attempts + 1;
          await this.repository.update(
            message.id,
            {
              attempts,
              lastError: String((error as Error).message ?? error).slice(0, 1000),
              status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
              sendAfter: new Date(Date.now() + retryDelayMs(attempts)),
            },
            manager,
          );
        }
      }
      return due.length;
    });
  }
}
