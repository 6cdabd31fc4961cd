import { Global, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'async_hooks';
import { DataSource, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Thrown inside background work once the application is shutting down (its query was cancelled). */
export class BackgroundWorkCancelledError extends Error {
  constructor(readonly work: string) {
    super(`${work} was stopped: the application is shutting down`);
    this.name = 'BackgroundWorkCancelledError';
  }
}

/** How long shutdown waits for cancelled work to unwind before terminating its connection outright. */
const UNWIND_MS = 1_500;

interface Running {
  name: string;
  statementTimeoutMs: number;
  /** The backends the work's connections run on, while it holds them. */
  pids: Set<number>;
  cancelled: boolean;
  done: Promise<unknown>;
}

@Injectable()
export class BackgroundWork implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(BackgroundWork.name);
  private readonly context = new AsyncLocalStorage<Running>();
  private readonly running = new Set<Running>();
  private stopping = false;
  private readonly createQueryRunner: DataSource['createQueryRunner'];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  }

  onModuleInit(): void {
    this.dataSource.createQueryRunner = (mode) => {
      // A timer or listener set up during the work inherits its async context: once the work has ended, its
      // callbacks get ordinary connections again.
      const current = this.context.getStore();
      const runner = this.createQueryRunner(mode);
      return current && this.running.has(current) ? marked(runner, current) : runner;
    };
  }

  /** Whether background work has been told to stop (the application is closing). */
  get stopped(): boolean {
    return this.stopping;
  }

  /** A scheduled job: `run` under JOB_STATEMENT_TIMEOUT_MS. */
  job<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.run(name, this.config.background.jobStatementTimeoutMs, work);
  }

  /**
   * Runs `work` with every statement it makes through TypeORM limited to `statementTimeoutMs`. A statement that
   * runs longer fails with PostgreSQL's "canceling statement due to statement timeout" (code 57014).
   */
  async run<T>(name: string, statementTimeoutMs: number, work: () => Promise<T>): Promise<T> {
    if (this.stopping) throw new BackgroundWorkCancelledError(name);
    let settle!: () => void;
    const entry: Running = {
      name,
      statementTimeoutMs: Math.max(1, Math.floor(statementTimeoutMs)),
      pids: new Set(),
      cancelled: false,
      done: new Promise<void>((resolve) => (settle = resolve)),
    };
    this.running.add(entry);
    try {
      return await this.context.run(entry, work);
    } catch (error) {
      if (entry.cancelled && !(error instanceof BackgroundWorkCancelledError))
        throw new BackgroundWorkCancelledError(name);
      throw error;
    } finally {
      this.running.delete(entry);
      settle();
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.stopAll();
  }

  /**
   * Cancels every piece of background work in flight and waits (briefly) for it to unwind; called as the
   * application closes, before the connection pool is, and by services whose own shutdown awaits their work
   * (whichever module Nest destroys first). Later calls to `run` are refused.
   */
  async stopAll(): Promise<void> {
    this.stopping = true;
    const inFlight = [...this.running];
    if (inFlight.length === 0) return;
    for (const entry of inFlight) entry.cancelled = true;
    const pids = inFlight.flatMap((entry) => [...entry.pids]);
    if (pids.length > 0) {
      this.logger.log(
        `Stopping background work in flight: ${inFlight.map((entry) => entry.name).join(', ')}`,
      );
      await this.signal('pg_cancel_backend', pids);
    }
    const unwound = await settledWithin(
      inFlight.map((entry) => entry.done),
      UNWIND_MS,
    );
    const stuck = inFlight.flatMap((entry) => [...entry.pids]);
    if (!unwound && stuck.length > 0) await this.signal('pg_terminate_backend', stuck);
  }

  private async signal(fn: 'pg_cancel_backend' | 'pg_terminate_backend', pids: number[]): Promise<void> {
    // Through the pool, outside any background context: a query of its own, not one of the work's.
    await this.dataSource
      .query(`SELECT ${fn}(pid) FROM unnest($1::int[]) AS pid`, [pids])
      .catch((error: unknown) => this.logger.warn(`${fn} failed: ${String(error)}`));
  }
}

/**
 * A query runner of the work: its connection gets the work's statement timeout before its first query and loses
 * it when released; once the work is cancelled every query fails at once rather than starting anew.
 */
function marked(runner: QueryRunner, entry: Running): QueryRunner {
  const query = runner.query.bind(runner);
  let prepared: Promise<void> | null = null;
  let pid: number | null = null;
  const prepare = async () => {
    const [row] = (await query(`SELECT pg_backend_pid() AS pid, set_config('statement_timeout', $1, false)`, [
      String(entry.statementTimeoutMs),
    ])) as { pid: number }[];
    pid = row?.pid ?? null;
    if (pid !== null) entry.pids.add(pid);
  };
  runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
    if (entry.cancelled) throw new BackgroundWorkCancelledError(entry.name);
    await (prepared ??= prepare());
    return query(...args);
  }) as QueryRunner['query'];
  const release = runner.release.bind(runner);
  runner.release = async () => {
    if (pid !== null) entry.pids.delete(pid);
    let reusable = prepared !== null && !entry.cancelled && !runner.isReleased;
    if (prepared !== null && reusable) await query('RESET statement_timeout').catch(() => (reusable = false));
    if (prepared === null || reusable) return release();
    // Released with an error, the pool discards the connection rather than handing it to a request.
    const discard = (runner as unknown as { releasePostgresConnection?: (error: Error) => Promise<void> })
      .releasePostgresConnection;
    return discard ? discard.call(runner, new Error('background work ended abnormally')) : release();
  };
  return runner;
}

async function settledWithin(work: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([Promise.allSettled(work).then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Global()
@Module({ providers: [BackgroundWork], exports: [BackgroundWork] })
export class BackgroundWorkModule {}
