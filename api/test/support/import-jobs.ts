import { ImportJob } from '@upstand/contracts';
import { Response } from 'supertest';
import { setTimeout as sleep } from 'timers/promises';
import { ApiClient } from './test-app';

/** A real import answers 202 with a job: polls it until it has finished and answers the job as it ended. */
export async function finishedJob<T>(client: ApiClient, started: Response): Promise<ImportJob<T>> {
  expect(started.status).toBe(202);
  let job = started.body as ImportJob<T>;
  while (job.status === 'running') {
    await sleep(50);
    job = (await client.get(`/api/import-jobs/${job.id}`).expect(200)).body as ImportJob<T>;
  }
  return job;
}

/** The report of a real import that must succeed. */
export async function importReport<T>(client: ApiClient, started: Response): Promise<T> {
  const job = await finishedJob<T>(client, started);
  if (job.status !== 'succeeded') throw new Error(`The import job failed: ${JSON.stringify(job.errors)}`);
  return job.result as T;
}
