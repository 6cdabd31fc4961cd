import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { randomUUID } from 'crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail-transport';
import { isDemoMailbox } from './mail-mode';
import { OutboxLinkMinters, renderLink } from './outbox-links';
import { OutboxMessageEntity } from './outbox-message.entity';
import { BackgroundWork } from '../../common/background-work';

const BATCH = 20;
const MAX_ATTEMPTS = 10;
/**
 * How long a claimed batch is held before another worker may take over what is left of it. Sending one message
 * takes at most ~20 s (MailTransport's timeouts), so a batch is normally done well within this.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;
/** Renewed right before each send: a message in flight is not taken over while its send can still finish. */
export const SEND_LEASE_MS = 2 * 60_000;

/** Delay before retry n: 15 s, 30 s, 1 min, … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 15_000 * 2 ** Math.max(0, attempts - 1));
}

const errorText = (error: unknown) => String((error as Error | undefined)?.message ?? error).slice(0, 1000);

/**
 * Sends the outbox. A batch is claimed with a lease in one short statement (FOR UPDATE SKIP LOCKED), so several
 * API instances never send the same message; each message is then sent outside any transaction (no database
 * connection is held during SMTP) and marked sent right after its own send. A worker that dies mid-batch
 * leaves its messages 'sending' until the lease ends, when another run takes them over: at most the message
 * that was in flight is delivered twice. A failure is retried with backoff.
 *
 * Links (password, invitation, approval…) are minted here, right before the send, by the purpose's
 * OutboxLinkMinter: only their hashes are stored, and the sent text is not. In demo mode (no SMTP, not
 * production) messages are "kept" for the in-app mailbox with their links rendered; in production without SMTP
 * they are kept unrendered, with no link minted.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly demo: boolean;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopping = false;

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
    private readonly transport: MailTransport,
    private readonly minters: OutboxLinkMinters,
  ) {
    this.demo = isDemoMailbox(config);
  }

  onApplicationBootstrap(): void {
    if (this.config.background.enabled && this.config.mail.workerIntervalMs > 0) {
      this.timer = setInterval(
        () => void this.runOnce().catch((error) => this.logger.error(`Outbox run failed: ${String(error)}`)),
        this.config.mail.workerIntervalMs,
      );
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // Shutdown waits for the message being sent (bounded by MailTransport's timeouts), not for the rest of the
    // batch: what is left is given back, so another instance sends it at once.
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  /**
   * Forgets messages that were dropped unsent more than a day ago. Many are requests about addresses with no
   * account (a password reset or registration for an address typed by anyone), which there is no reason to keep.
   */
  @Cron(CronExpression.EVERY_HOUR, { name: 'delete-dropped-messages' })
  async deleteDropped(now: Date = new Date()): Promise<number> {
    return this.background.job('delete-dropped-messages', async () => {
      const removed = await this.repository.deleteDroppedBefore(new Date(now.getTime() - 24 * 3_600_000));
      if (removed > 0) this.logger.log(`Deleted ${removed} messages dropped unsent`);
      return removed;
    });
  }

  /** Sends what is due; returns how many messages were handled. Overlapping calls in one process wait their turn. */
  async runOnce(): Promise<number> {
    const previous = this.running ?? Promise.resolve(0);
    const run = previous.catch(() => 0).then(() => this.sendBatch());
    this.running = run;
    return run;
  }

  private async sendBatch(): Promise<number> {
    const owner = randomUUID();
    if (this.stopping) return 0;
    // The claim is the worker's one query that scans the outbox: bounded like the scheduled jobs'. Sends are not
    // wrapped, so no connection is held during SMTP.
    const claimed = await this.background.job('outbox-claim', () =>
      this.repository.claim(BATCH, owner, CLAIM_LEASE_MS),
    );
    let handled = 0;
    for (const message of claimed) {
      if (this.stopping) {
        await this.repository.release(
          claimed.slice(handled).map((unsent) => unsent.id),
          owner,
        );
        break;
      }
      await this.handle(message, owner);
      handled++;
    }
    return handled;
  }

  private async handle(message: OutboxMessageEntity, owner: string): Promise<void> {
    if (message.attempts > MAX_ATTEMPTS) {
      // Claimed again and again without an outcome: its worker keeps dying on it.
      await this.repository.finish(message.id, owner, { status: 'failed', lastError: 'Gave up: no outcome' });
      return;
    }
    let text: string | null;
    try {
      text = await this.prepare(message, owner);
    } catch (error) {
      await this.retryLater(message, owner, error);
      return;
    }
    if (text === null) return;
    try {
      await this.transport.send(message, text);
    } catch (error) {
      await this.retryLater(message, owner, error);
      return;
    }
    await this.repository.finish(message.id, owner, { status: 'sent', sentAt: new Date(), lastError: null });
  }

  /**
   * In one short transaction: keeps the lease for the send, mints the message's link if it has one, and settles
   * the messages that are not to be sent (kept, dropped). Returns the text to send, or null when there is
   * nothing to send.
   */
  private prepare(message: OutboxMessageEntity, owner: string): Promise<string | null> {
    return this.repository.transaction(async (manager) => {
      if (!(await this.repository.renewLease(message.id, owner, SEND_LEASE_MS, manager))) return null;
      const sending = this.transport.configured;
      if (!sending && !this.demo) {
        await this.repository.finish(message.id, owner, { status: 'kept', sentAt: new Date() }, manager);
        return null;
      }
      let text = message.textBody;
      if (message.linkPurpose && message.linkSubjectId) {
        const minter = this.minters.find(message.linkPurpose);
        if (!minter) throw new Error(`No link minter for "${message.linkPurpose}"`);
        const link = await minter.mint(message.linkSubjectId, manager);
        if (!link) {
          await this.repository.finish(
            message.id,
            owner,
            { status: 'dropped', lastError: 'Not sent: its link no longer applies' },
            manager,
          );
          return null;
        }
        text = renderLink(text, link);
      }
      if (!sending) {
        // Demo mode: the lead reads the whole message, live link included, in the in-app mailbox.
        await this.repository.finish(
          message.id,
          owner,
          { status: 'kept', textBody: text, sentAt: new Date() },
          manager,
        );
        return null;
      }
      return text;
    });
  }

  private async retryLater(message: OutboxMessageEntity, owner: string, error: unknown): Promise<void> {
    await this.repository.finish(message.id, owner, {
      status: message.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      lastError: errorText(error),
      sendAfter: new Date(Date.now() + retryDelayMs(message.attempts)),
    });
  }
}
