import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { ErasureRepository } from './erasure.repository';
import { BackgroundWork } from '../../common/background-work';

/** People anonymised per transaction: short transactions, row locks held briefly. */
const PEOPLE_PER_BATCH = 25;
/**
 * Accounts a batch looks through for people due (in id order, each batch going on from where the last stopped),
 * so no statement looks at more than this many people's journeys: a few milliseconds each at national scale.
 */
const USERS_PER_SCAN = 1000;
/** Below every id gen_random_uuid() gives (the nil UUID is not a version 4 UUID): where the scan starts. */
const BEFORE_FIRST_ID = '00000000-0000-0000-0000-000000000000';
/** Rows deleted per statement when pruning emails and audit events. */
const ROWS_PER_BATCH = 1000;

export interface RetentionOutcome {
  anonymised: number;
  emailsDeleted: number;
  auditEventsDeleted: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * Keeps person-level data no longer than configured (README "Data protection"): anonymises delegates whose
 * journey ended more than RETENTION_YEARS ago exactly as an erasure does, and deletes sent emails and audit
 * events past their own periods. Safe on several instances: each batch locks its rows with FOR UPDATE SKIP
 * LOCKED, so two instances share the work and never anonymise one person twice, and everything is idempotent
 * (a person anonymised already, an email deleted already, is simply not found again).
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ErasureRepository,
    private readonly audit: AuditService,
  ) {}

  @Cron(CronExpression.EVERY_DAY_AT_2AM, { name: 'retention' })
  async runScheduled(): Promise<void> {
    return this.background.job('retention', async () => {
      try {
        await this.run();
      } catch (error) {
        // The next night tries again; nothing half-done is left (each batch is its own transaction).
        this.logger.error(`Retention run failed: ${(error as Error).message}`);
      }
    });
  }

  /**
   * One pass; `now` is the clock the periods count back from (tests pass their own, and a smaller scan to cross
   * several windows with a few people).
   */
  async run(now: Date = new Date(), usersPerScan = USERS_PER_SCAN): Promise<RetentionOutcome> {
    const { years, sentEmailDays, auditYears } = this.config.retention;
    const outcome: RetentionOutcome = { anonymised: 0, emailsDeleted: 0, auditEventsDeleted: 0 };

    const journeyCutoff = yearsBefore(now, years);
    // Every account once, a window at a time: a batch goes on after the last person it anonymised when it was
    // full, or else after its window. Someone another instance holds is skipped: that instance anonymises them.
    let after = BEFORE_FIRST_ID;
    for (;;) {
      const batch = await this.repository.transaction(async (manager) => {
        const until = await this.repository.userWindowEnd(manager, after, usersPerScan);
        if (until === null) return null;
        const people = await this.repository.lockEndedJourneys(
          manager,
          journeyCutoff,
          { after, until },
          PEOPLE_PER_BATCH,
        );
        for (const person of people) {
          await this.repository.anonymise(manager, person, 'retention', null);
          await this.audit.record(
            {
              actorUserId: null,
              action: 'user.erased',
              entityType: 'user',
              entityId: person.id,
              details: { reason: 'retention' },
            },
            manager,
          );
        }
        return {
          anonymised: people.length,
          after: people.length === PEOPLE_PER_BATCH ? (people.at(-1)?.id ?? until) : until,
        };
      });
      if (batch === null) break;
      outcome.anonymised += batch.anonymised;
      after = batch.after;
      await yieldToEventLoop();
    }

    const emailCutoff = new Date(now.getTime() - sentEmailDays * 86_400_000);
    for (;;) {
      const deleted = await this.repository.deleteOldEmails(emailCutoff, ROWS_PER_BATCH);
      outcome.emailsDeleted += deleted;
      if (deleted < ROWS_PER_BATCH) break;
      await yieldToEventLoop();
    }

    const auditCutoff = yearsBefore(now, auditYears);
    for (;;) {
      const deleted = await this.repository.deleteOldAuditEvents(auditCutoff, ROWS_PER_BATCH);
      outcome.auditEventsDeleted += deleted;
      if (deleted < ROWS_PER_BATCH) break;
      await yieldToEventLoop();
    }

    if (outcome.anonymised + outcome.emailsDeleted + outcome.auditEventsDeleted > 0) {
      await this.audit.record({
        actorUserId: null,
        action: 'retention.anonymised',
        entityType: 'retention',
        entityId: null,
        details: {
          count: outcome.anonymised,
          emailsDeleted: outcome.emailsDeleted,
          auditEventsDeleted: outcome.auditEventsDeleted,
        },
      });
      this.logger.log(
        `Retention: ${outcome.anonymised} people anonymised, ${outcome.emailsDeleted} emails and ${outcome.auditEventsDeleted} audit events deleted`,
      );
    }
    return outcome;
  }
}
