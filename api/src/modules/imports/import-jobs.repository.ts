import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldError, ImportJobKind, ImportJobPhase } from '@upstand/contracts';
import { DataSource } from 'typeorm';
import { ImportJobEntity } from './import-job.entity';

/**
 * Import jobs. Every write here goes through the pool, never through an import's transaction, so progress is
 * visible to other requests (and instances) while that transaction is still open.
 */
@Injectable()
export class ImportJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new running job, unless the user already has one alive (then null). */
  async create(
    kind: ImportJobKind,
    createdByUserId: string,
    leaseSeconds: number,
  ): Promise<ImportJobEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      // Serialises one user's starts, so two uploads at once cannot both pass the check.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('import_job:' || $1))`, [createdByUserId]);
      const [row] = (await manager.query(
        `INSERT INTO import_job (kind, created_by_user_id, lease_expires_at)
         SELECT $1, $2, now() + make_interval(secs => $3)
         WHERE NOT EXISTS (SELECT 1 FROM import_job WHERE created_by_user_id = $2 AND status = 'running' AND lease_expires_at >= now())
         RETURNING id`,
        [kind, createdByUserId, leaseSeconds],
      )) as { id: string }[];
      return row ? manager.getRepository(ImportJobEntity).findOneByOrFail({ id: row.id }) : null;
    });
  }

  /** Records progress and renews the lease, while the job is still running. */
  async progress(
    id: string,
    phase: ImportJobPhase,
    rowsDone: number,
    rowsTotal: number | null,
    leaseSeconds: number,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_job SET phase = $2, rows_done = $3, rows_total = $4, lease_expires_at = now() + make_interval(secs => $5)
       WHERE id = $1 AND status = 'running'`,
      [id, phase, rowsDone, rowsTotal, leaseSeconds],
    );
  }

  async renewLease(id: string, leaseSeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_job SET lease_expires_at = now() + make_interval(secs => $2) WHERE id = $1 AND status = 'running'`,
      [id, leaseSeconds],
    );
  }

  async finish(id: string, outcome: { result: unknown } | { errors: FieldError[] }): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_job SET status = $2::varchar, result = $3::jsonb, errors = $4::jsonb, finished_at = now(),
              rows_done = CASE WHEN $2::varchar = 'succeeded' THEN coalesce(rows_total, rows_done) ELSE rows_done END
       WHERE id = $1 AND status = 'running'`,
      [
        id,
        'result' in outcome ? 'succeeded' : 'failed',
        'result' in outcome ? JSON.stringify(outcome.result) : null,
        JSON.stringify('errors' in outcome ? outcome.errors : []),
      ],
    );
  }

  /** Fails the creator's running jobs whose lease lapsed: the instance running them is gone. */
  async failLapsed(createdByUserId: string, errors: FieldError[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE import_job SET status = 'failed', errors = $2, finished_at = now()
       WHERE created_by_user_id = $1 AND status = 'running' AND lease_expires_at < now()`,
      [createdByUserId, JSON.stringify(errors)],
    );
  }

  /** The job if `createdByUserId` started it; any job by its id when `createdByUserId` is null. */
  find(id: string, createdByUserId: string | null): Promise<ImportJobEntity | null> {
    return this.dataSource
      .getRepository(ImportJobEntity)
      .findOneBy(createdByUserId === null ? { id } : { id, createdByUserId });
  }
}
