import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { ImpactAggregatesRepository } from './impact-aggregates.repository';

/** Change-log rows applied per background turn: a few seconds' work at most, so a turn never holds the lock long. */
const BATCH = 5_000;
/** A report applies up to this many waiting people itself before reading; more (an import) is left to the background. */
const READ_APPLIES_UP_TO = 5_000;
/** A programme with more waiting than this (an import, a new questionnaire) is recomputed whole, in batches. */
const REBUILD_ABOVE = 20_000;
/** Every statement of background work is cut off after this; none of it is worth holding a core longer. */
const STATEMENT_TIMEOUT_MS = 5_000;
/**
 * A report waits this long for a turn under way (this instance's or another's) to finish before reading what
 * is there: long enough for a turn over a small backlog on a busy machine.
 */
const READ_WAIT_MS = 15_000;
/**
 * People recomputed per statement (at most), so no statement runs long even when a turn applies thousands; halved
 * after a statement runs out of time, so a slow machine makes smaller steps instead of failing every turn.
 */
const PEOPLE_PER_STATEMENT = 500;
const FEWEST_PEOPLE_PER_STATEMENT = 5;
/** People per statement when a command (rebuild, seed:scale) recomputes everything: fewer, larger statements. */
const BULK_PEOPLE_PER_STATEMENT = 5_000;
/** Connections filling the cohort grain at once after a bulk load: one per core of the usual database server. */
const BULK_WORKERS = 2;
/** How often opened questionnaires are recorded (who was asked). */
const WINDOWS_EVERY_MS = 60_000;

/**
 * Keeps the Impact aggregates up to date: applies the change log that the database's triggers write, in turns
 * under one PostgreSQL advisory lock (so any number of instances apply each change once), shortly after each
 * write and whenever a report is read, so a write shows within a second or so. Also records opened
 * questionnaires. `npm run analytics:rebuild` recomputes everything and checks it.
 */
@Injectable()
export class ImpactAggregatesService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ImpactAggregatesService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private backend: number | null = null;
  private stopped = false;
  private lastWindows = 0;
  private peoplePerStatement = PEOPLE_PER_STATEMENT;

  constructor(
    private readonly repository: ImpactAggregatesRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.analytics.applyIntervalMs;
    if (every <= 0 || !this.config.background.enabled) return;
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  /** Stops taking turns and cancels a turn's query rather than waiting for it: it is applied again next time. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.running && this.backend !== null)
      await this.dataSource.query(`SELECT pg_cancel_backend($1)`, [this.backend]).catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  /**
   * Before a report reads: with IMPACT_READ_WAIT_MS (0 by default) and the background on, nothing; the background
   * turns show a write within a second or so. Otherwise starts applying everything written before this call and
   * waits for it at most that long: while questionnaires pour in a turn is nearly always under way, and a report
   * waiting for it and the next would take seconds, so past the wait it reads the figures as last applied while
   * the turn goes on. With a wait, a quiet report includes what was written just before it. The figures are never
   * half-applied: a turn commits whole.
   */
  catchUp(): Promise<void> {
    const wait = this.config.analytics.readWaitMs;
    // A report that will not wait leaves the applying to this instance's background turns. Starting a turn for
    // every report (eight a second while people look at the figures) cost more than the turns themselves: under
    // 20 questionnaires a second Impact's p95 was 460-475 ms, and 273-290 ms left to the background turns, every
    // submission still showing within 0.7 s (bench/results/analytics.md).
    if (wait === 0 && this.timer) return Promise.resolve();
    const applying = this.applyWaiting();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, wait);
      timer.unref();
    });
    return Promise.race([applying, waited]).finally(() => clearTimeout(timer));
  }

  /**
   * Applies everything written before this call (unless another instance holds the lock for longer than a
   * report should wait, or the backlog is a whole-programme rebuild: then the figures are the last applied).
   */
  applyWaiting(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.running)
      return this.start(() => this.turn({ wait: true, rebuild: false })).catch((error: Error) => {
        // The figures already applied are still right, only older: better a report than an error page.
        this.logger.warn(`Could not apply waiting Impact changes before a report: ${error.message}`);
      });
    // A turn already under way may have started before what this caller wrote: queue one more after it.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.applyWaiting();
      });
    return this.queued;
  }

  /** Applies the whole log, rebuilding programmes with a large backlog (tests, the rebuild command). */
  async drain(): Promise<void> {
    for (;;) {
      await this.running?.catch(() => undefined);
      await this.start(() => this.turn({ wait: true, rebuild: true, unlimited: true }));
      const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM impact_change`)) as {
        n: number;
      }[];
      if (!row || row.n === 0) return;
    }
  }

  /** Records opened questionnaires now (the background does it every minute). */
  async recordWindows(): Promise<void> {
    await this.repository.transaction((manager) => this.repository.recordWindows(manager));
  }

  /**
   * Recomputes every programme from scratch without checking (after a bulk load such as seed:scale, whose change
   * log names everyone), in large batches, two connections filling the cohort grain at once: a command's work,
   * with no statement timeout, for a database nobody is reading yet.
   */
  async rebuildAll(report: (line: string) => void): Promise<void> {
    await this.recordWindows();
    const programmes = await this.repository.transaction((manager) => this.repository.programmeIds(manager));
    for (const programmeId of programmes) {
      const started = Date.now();
      await this.repository.rebuildProgrammeInParallel(programmeId, BULK_PEOPLE_PER_STATEMENT, BULK_WORKERS);
      report(
        `Impact figures for programme ${programmeId} computed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }

  /** Recomputes every programme from scratch, reporting how the kept aggregates differed from it first. */
  async rebuild(
    report: (line: string) => void,
  ): Promise<{ before: Record<string, number>; after: Record<string, number> }[]> {
    await this.recordWindows();
    await this.drain();
    const results: { before: Record<string, number>; after: Record<string, number> }[] = [];
    const programmes = await this.repository.transaction((manager) => this.repository.programmeIds(manager));
    for (const programmeId of programmes) {
      let started = Date.now();
      const before = await this.repository.transaction((manager) =>
        this.repository.compareWithScratch(manager, programmeId),
      );
      const comparedMs = Date.now() - started;
      started = Date.now();
      await this.repository.transaction(async (manager) => {
        await this.repository.lock(manager);
        await this.repository.takeProgrammeChanges(manager, programmeId);
        await this.repository.rebuildProgramme(manager, programmeId, BULK_PEOPLE_PER_STATEMENT);
      });
      const rebuiltMs = Date.now() - started;
      started = Date.now();
      const after = await this.repository.transaction((manager) =>
        this.repository.compareWithScratch(manager, programmeId),
      );
      report(
        `programme ${programmeId}: kept vs scratch before rebuild ${JSON.stringify(before)} (compared in ${comparedMs} ms); rebuilt in ${rebuiltMs} ms; after ${JSON.stringify(after)} (compared in ${Date.now() - started} ms)`,
      );
      results.push({ before, after });
    }
    return results;
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    try {
      if (Date.now() - this.lastWindows >= WINDOWS_EVERY_MS) {
        this.lastWindows = Date.now();
        await this.start(() =>
          this.repository.transaction(async (manager) => {
            await this.repository.setStatementTimeout(manager, STATEMENT_TIMEOUT_MS);
            await this.repository.limitIdle(manager, this.idleLimitMs);
            await this.repository.recordWindows(manager);
          }),
        );
      }
      await this.start(() => this.turn({ wait: false, rebuild: true }));
      this.peoplePerStatement = Math.min(PEOPLE_PER_STATEMENT, this.peoplePerStatement * 2);
    } catch (error) {
      if (this.stopped) return;
      const message = (error as Error).message;
      if (/statement timeout/.test(message))
        this.peoplePerStatement = Math.max(
          FEWEST_PEOPLE_PER_STATEMENT,
          Math.floor(this.peoplePerStatement / 2),
        );
      this.logger.warn(
        `Could not update the Impact figures (next turn ${this.peoplePerStatement} people a statement): ${message}`,
      );
    }
  }

  private get idleLimitMs(): number {
    return this.config.analytics.turnIdleTimeoutMs;
  }

  private start(work: () => Promise<void>): Promise<void> {
    const run = work().finally(() => {
      if (this.running === run) this.running = null;
      this.backend = null;
    });
    this.running = run;
    return run;
  }

  private async turn(options: { wait: boolean; rebuild: boolean; unlimited?: boolean }): Promise<void> {
    // A report does not wait for a large backlog (an import, a whole programme): the background is applying it.
    if (!options.rebuild && (await this.repository.waiting()) > READ_APPLIES_UP_TO) return;
    return this.repository.transaction(async (manager) => {
      this.backend = await backendPid(manager);
      // A turn whose process stops part-way would keep the lock (other instances skip their turns, the rebuild
      // command waits) until its connection ended: PostgreSQL ends it after this long idle, rolling the turn back.
      if (!options.unlimited) await this.repository.limitIdle(manager, this.idleLimitMs);
      if (options.wait) {
        await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [`${READ_WAIT_MS}ms`]);
        try {
          await this.repository.lock(manager);
        } catch {
          return; // another instance is in a long turn: read what has been applied
        }
        await manager.query(`SELECT set_config('lock_timeout', '0', true)`);
      } else if (!(await this.repository.tryLock(manager))) return;
      if (!options.unlimited) await this.repository.setStatementTimeout(manager, STATEMENT_TIMEOUT_MS);
      const backlog = await this.repository.backlog(manager);
      if (!options.rebuild && backlog.reduce((sum, entry) => sum + entry.changes, 0) > READ_APPLIES_UP_TO)
        return;
      const perStatement = options.unlimited ? PEOPLE_PER_STATEMENT : this.peoplePerStatement;
      for (const { programmeId, changes } of backlog)
        if (changes > REBUILD_ABOVE) {
          await this.repository.takeProgrammeChanges(manager, programmeId);
          await this.repository.rebuildProgramme(manager, programmeId, perStatement);
        }
      if (!backlog.some((entry) => entry.changes <= REBUILD_ABOVE)) return;
      // A report takes the whole (small) log, so it reads everything written before it.
      const changes = await this.repository.takeChanges(
        manager,
        options.rebuild && !options.unlimited ? BATCH : 10_000_000,
      );
      const byProgramme = new Map<string, string[]>();
      for (const change of changes) {
        const keys = byProgramme.get(change.programmeId);
        if (keys) keys.push(change.personKey);
        else byProgramme.set(change.programmeId, [change.personKey]);
      }
      for (const [programmeId, keys] of byProgramme) {
        const people = [...new Set(keys)];
        for (let i = 0; i < people.length; i += perStatement)
          await this.repository.applyPeople(manager, programmeId, people.slice(i, i + perStatement));
      }
    });
  }
}

async function backendPid(manager: EntityManager): Promise<number> {
  const [row] = (await manager.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];
  return Number(row?.pid);
}
