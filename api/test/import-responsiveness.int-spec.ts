import { OrganisationImportReport } from '@upstand/contracts';
import { AddressInfo } from 'net';
import { monitorEventLoopDelay } from 'perf_hooks';
import { setTimeout as sleep } from 'timers/promises';
import { HealthPoll, pollHealth } from './support/health-poller';
import { organisationCsv } from './support/organisation-csv';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Issue 9, problem 7: a 20,000-row organisation import (880 KB; this one is ~1 MB) used to hold the event loop for seconds, so
 * `/api/health` waited up to 6.9 s. Now the import runs as a job in small batches that yield, and every other
 * request keeps being answered.
 *
 * What the fix changed is how long the server's own event loop is held, so that is what is bounded tightly. A health
 * poll's round trip also waits on PostgreSQL and on whatever else the two cores run beside this file, so it gets
 * a bound only a held loop breaks (a clean CI run saw 1,125 ms with the fix in; bench/results/import-responsiveness.md
 * has 14.5 s without it).
 */
describe('a 20,000-row organisation import', () => {
  let testApp: TestApp;
  let lead: ApiClient;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
  });
  afterAll(() => testApp.close());

  it('applies every row without holding the event loop, while /api/health keeps answering', async () => {
    // IMPORT_ROWS=300 makes a quick run while working on the import; the bound is only meaningful at 20,000.
    const rows = Number(process.env['IMPORT_ROWS'] ?? 20_000);
    const csv = organisationCsv(rows);
    if (!process.env['IMPORT_ROWS']) expect(Buffer.byteLength(csv)).toBeGreaterThan(800_000);
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    const poller = pollHealth(`http://127.0.0.1:${port}/api/health`);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let polls: HealthPoll[] = [];

    let report: OrganisationImportReport;
    try {
      const started = await lead
        .post('/api/organisations/import?dryRun=false')
        .set('Content-Type', 'text/csv')
        .send(csv);
      if (started.status === 202) {
        const { id } = started.body as { id: string };
        let job = started.body as { status: string; result?: OrganisationImportReport; errors: unknown[] };
        while (job.status === 'running') {
          await sleep(100);
          job = (await lead.get(`/api/import-jobs/${id}`).expect(200)).body;
        }
        expect({ status: job.status, errors: job.errors }).toEqual({ status: 'succeeded', errors: [] });
        report = job.result as OrganisationImportReport;
      } else {
        expect(started.status).toBe(200);
        report = started.body as OrganisationImportReport;
      }
    } finally {
      loop.disable();
      polls = await poller.stop();
    }

    expect(report).toMatchObject({ applied: true, created: rows, rejected: 0 });
    const [{ count }] = await testApp.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM organisation WHERE ods_code LIKE 'M%' OR ods_code LIKE 'X%'`,
    );
    expect(count).toBe(rows);
    expect(polls.length).toBeGreaterThan(5);
    expect(polls.filter((poll) => poll.status !== 200)).toEqual([]);
    // The histogram is in nanoseconds. 114 ms was the longest hold in the benchmark; without the fix, 14.5 s.
    expect(loop.max / 1e6).toBeLessThan(1000);
    expect(Math.max(...polls.map((poll) => poll.ms))).toBeLessThan(5000);
  }, 240_000);
});
