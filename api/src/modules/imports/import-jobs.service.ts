import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { FieldError, ImportJob, ImportJobKind, ImportJobPhase } from '@upstand/contracts';
import { setImmediate } from 'timers/promises';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { BackgroundWork, BackgroundWorkCancelledError } from '../../common/background-work';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, DomainError, NotFoundError } from '../../common/domain-errors';
import { ImportJobEntity } from './import-job.entity';
import { ImportJobsRepository } from './import-jobs.repository';
import { ImportProgress } from './import-progress';

/** How long a job counts as alive after its last sign of life; renewed every LEASE_SECONDS / 3 at least. */
const LEASE_SECONDS = 60;
/** Progress is written at most this often: the page polls about once a second. */
const PROGRESS_EVERY_MS = 500;

const INTERRUPTED: FieldError[] = [
  {
    field: 'file',
    message:
      'The import stopped before it finished (the server restarted), so nothing was saved. Import the file again.',
  },
];
const UNEXPECTED: FieldError[] = [
  { field: 'file', message: 'The import failed unexpectedly, so nothing was saved. Try again later.' },
];

/** A job's progress: paces like any import's, and writes the figures (throttled) for the polling page. */
class JobProgress extends ImportProgress {
  private current: ImportJobPhase = 'reading';
  private total: number | null = null;
  private done = 0;
  private writtenAt = 0;

  constructor(
    private readonly id: string,
    private readonly repository: ImportJobsRepository,
  ) {
    super();
  }

  protected override async recordPhase(phase: ImportJobPhase, total: number | null): Promise<void> {
    this.current = phase;
    this.total = total;
    this.done = 0;
    await this.write(true);
  }

  protected override async record(done: number): Promise<void> {
    this.done = done;
    await this.write(false);
  }

  private async write(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.writtenAt < PROGRESS_EVERY_MS) return;
    this.writtenAt = now;
    await this.repository.progress(this.id, this.current, this.done, this.total, LEASE_SECONDS);
  }
}

/**
 * Runs write imports as background jobs, so a request never waits for (or blocks the server during) a 20,000-row
 * import, and the page can show how far it has got.
 *
 * Why this design: the import must stay all-or-nothing, so its writes stay in one transaction that lives as long
 * as the import; only the job row, written through the pool outside that transaction, can show progress while it
 * runs. The job runs in the instance that accepted the upload (no queue, no second copy of the file): if that
 * instance dies, the database rolls the transaction back and the lapsed lease tells the next reader that the job
 * failed with nothing saved. Dry runs write nothing and stay ordinary requests; they yield in the same places.
 */
@Injectable()
export class ImportJobsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportJobsService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly repository: ImportJobsRepository,
    private readonly background: BackgroundWork,
  ) {}

  /** Creates the job and starts `work` in the background; answers at once with the running job. */
  async start<T>(
    kind: ImportJobKind,
    actorUserId: string,
    work: (progress: ImportProgress) => Promise<T>,
  ): Promise<ImportJob<T>> {
    // One import at a time per lead: each holds a whole file in memory and a transaction open.
    const job = await this.repository.create(kind, actorUserId, LEASE_SECONDS);
    if (!job)
      throw new ConflictError(
        'One of your imports is still running: wait for it to finish, then import this file',
        'file',
      );
    const run = this.run(job.id, work).finally(() => this.running.delete(run));
    this.running.add(run);
    return toImportJob(job) as ImportJob<T>;
  }

  /**
   * The job, for the lead who started it and for regional leads (who oversee every system's imports); 404 for
   * anyone else, with no hint that it exists.
   */
  async get(id: string, viewer: AuthenticatedUser): Promise<ImportJob> {
    const regional = visibleSystemIds(viewer, ['programme-lead']) === null;
    const found = await this.repository.find(id, regional ? null : viewer.id);
    if (!found) throw new NotFoundError('Import job', id);
    await this.repository.failLapsed(found.createdByUserId, INTERRUPTED);
    return toImportJob((await this.repository.find(id, found.createdByUserId)) ?? found);
  }

  /**
   * Waits for running imports to end before the database connection closes. They do not run on: BackgroundWork
   * has already cancelled their queries (shutdown must not wait for a 20,000-row import), so each rolls back and
   * is marked as interrupted, nothing saved, as if the instance had died.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run<T>(id: string, work: (progress: ImportProgress) => Promise<T>): Promise<void> {
    // A single long statement (a big batch on a slow disk) must not let the lease lapse while we are alive.
    const heartbeat = setInterval(
      () => void this.repository.renewLease(id, LEASE_SECONDS).catch(() => undefined),
      (LEASE_SECONDS * 1000) / 3,
    );
    heartbeat.unref();
    try {
      await setImmediate(); // the POST's 202 goes out first
      // Each statement bounded by JOB_STATEMENT_TIMEOUT_MS (the import writes in batches; one statement taking
      // longer has gone wrong), and cancelled on shutdown.
      const result = await this.background.job(`Import job ${id}`, () =>
        work(new JobProgress(id, this.repository)),
      );
      await this.repository.finish(id, { result });
    } catch (error) {
      let errors = UNEXPECTED;
      if (error instanceof BackgroundWorkCancelledError) errors = INTERRUPTED;
      else if (error instanceof DomainError)
        errors = error.fieldErrors.length ? error.fieldErrors : [{ field: 'file', message: error.message }];
      else this.logger.error(`Import job ${id} failed`, error instanceof Error ? error.stack : String(error));
      await this.repository.finish(id, { errors }).catch((cause: unknown) => {
        this.logger.error(`Import job ${id} could not be marked failed`, String(cause));
      });
    } finally {
      clearInterval(heartbeat);
    }
  }
}

function toImportJob(job: ImportJobEntity): ImportJob {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    phase: job.phase,
    rowsDone: job.rowsDone,
    rowsTotal: job.rowsTotal,
    result: job.result ?? null,
    errors: job.errors,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
