import { AnalyticsOverview, CommentsReport } from '@upstand/contracts';
import { Pool, PoolClient } from 'pg';
import { createDataSource } from '../src/database/migrate';
import { ImpactHeadlinePaired1796860000000 } from '../src/database/migrations/1796860000000-ImpactHeadlinePaired';
import { ImpactAggregatesRepository } from '../src/modules/analytics/aggregates/impact-aggregates.repository';
import { ImpactAggregatesService } from '../src/modules/analytics/aggregates/impact-aggregates.service';
import { AnalyticsFixture, buildAnalyticsFixture } from './support/analytics-fixture';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * The Impact aggregates (api/src/modules/analytics/aggregates) kept exact by the change log: under concurrent
 * writes with two instances applying it, when a turn dies half-way, and for a report asked for right after a
 * write. impact-aggregates.property.int-spec.ts checks every report's figures against the full computation.
 */
describe('Impact aggregates', () => {
  let first: TestApp;
  let second: TestApp;
  let lead: ApiClient;
  let fixture: AnalyticsFixture;
  let pool: Pool;

  const differences = (app: TestApp) => {
    const repository = app.app.get(ImpactAggregatesRepository);
    return repository.transaction((manager) => repository.compareWithScratch(manager, fixture.programmeId));
  };
  const settle = async (app: TestApp) => {
    await app.app.get(ImpactAggregatesService).recordWindows();
    await app.app.get(ImpactAggregatesService).drain();
  };
  /**
   * Holds the system-grain table (so a turn stops inside its transaction, until `blocker` rolls back), then
   * certifies someone who was not: a change every turn must apply.
   */
  const holdSystemGrainAndCertifySomeone = async (blocker: PoolClient) => {
    await blocker.query(`BEGIN`);
    await blocker.query(`LOCK TABLE impact_cell_system IN EXCLUSIVE MODE`);
    await certifySomeone();
  };
  /** Certifies someone who was not: a change every turn must apply. */
  const certifySomeone = () =>
    first.sql(
      `UPDATE enrolment SET status = 'completed', completed_at = now()
       WHERE id = (SELECT id FROM enrolment WHERE programme_id = $1 AND status <> 'completed' ORDER BY id LIMIT 1)`,
      [fixture.programmeId],
    );
  /** The viewer's trained count once it differs from `before`, asking for up to 5 s (or `before` if it never does). */
  const trainedOnceChanged = async (viewer: ApiClient, before: number) => {
    let shown = before;
    for (let i = 0; i < 100 && shown === before; i++) {
      shown = (await overview(viewer)).trained.value as number;
      if (shown === before) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return shown;
  };
  const overview = async (client: ApiClient) =>
    (await client.get(`/api/analytics/overview?programmeId=${fixture.programmeId}`).expect(200))
      .body as AnalyticsOverview;

  beforeAll(async () => {
    // The first instance applies only when asked (reports, drain); the second takes a turn every 20 ms.
    first = await createTestApp({ IMPACT_APPLY_INTERVAL_MS: '0' });
    lead = await first.signedIn('lead@demo.upstand.test');
    fixture = await buildAnalyticsFixture(first, lead);
    second = await createTestApp({ IMPACT_APPLY_INTERVAL_MS: '20' }, { sameDatabaseAs: first });
    pool = new Pool({ connectionString: first.databaseUrl, max: 8 });
    await settle(first);
  });
  afterAll(async () => {
    await pool?.end();
    await second?.close();
    await first?.close();
  });

  it('shows a write in the next report, without waiting for a background turn', async () => {
    const before = (await overview(lead)).trained.value as number;
    await first.sql(
      `UPDATE enrolment SET status = 'completed', completed_at = now()
       WHERE id = (SELECT id FROM enrolment WHERE programme_id = $1 AND status = 'did-not-complete' ORDER BY id LIMIT 1)`,
      [fixture.programmeId],
    );
    expect((await overview(lead)).trained.value).toBe(before + 1);
  });

  it('loses no change while two instances apply and many writers write at once', async () => {
    const people = (await first.sql(
      `SELECT e.id AS enrolment, e.delegate_user_id AS "userId" FROM enrolment e WHERE e.programme_id = $1 ORDER BY e.id`,
      [fixture.programmeId],
    )) as { enrolment: string; userId: string }[];
    const statuses = ['completed', 'did-not-complete', 'withdrawn'];
    // Forty writers on eight connections: statuses, equality answers and questionnaire answers, interleaved with
    // the second instance's turns and reports asked of both instances.
    await Promise.all([
      ...people.slice(0, 40).map(async (person, i) => {
        await pool.query(
          `UPDATE enrolment SET status = $2, completed_at = CASE WHEN $3 THEN now() END WHERE id = $1`,
          [person.enrolment, statuses[i % 3], statuses[i % 3] === 'completed'],
        );
        await pool.query(
          `INSERT INTO equality_monitoring (user_id, ethnic_category, disability) VALUES ($1, $2, 'no')
           ON CONFLICT (user_id) DO UPDATE SET ethnic_category = excluded.ethnic_category`,
          [person.userId, i % 2 ? 'A' : 'H'],
        );
        await pool.query(
          `UPDATE evaluation_answer a SET value_number = 1 + (a.value_number::int % 5)
           FROM evaluation_response r WHERE a.response_id = r.id AND r.delegate_user_id = $1 AND r.stage = 'post'
             AND a.value_number IS NOT NULL AND a.value_number <= 5`,
          [person.userId],
        );
      }),
      ...Array.from({ length: 6 }, async (_, i) =>
        overview(i % 2 ? lead : await second.signedIn('lead@demo.upstand.test')),
      ),
    ]);
    await settle(first);
    expect(await differences(first)).toEqual({
      impact_person: 0,
      impact_cell_cohort: 0,
      impact_cell_organisation: 0,
      impact_cell_system: 0,
      impact_cell_programme: 0,
      impact_cell_cohort_whole: 0,
    });
    expect(await first.sql(`SELECT count(*)::int AS n FROM impact_change`)).toEqual([{ n: 0 }]);
    // Both instances give the same figures.
    const fromSecond = await overview(await second.signedIn('lead@demo.upstand.test'));
    expect(fromSecond).toEqual(await overview(lead));
  });

  it('keeps a change whose turn died half-way, and applies it once on the next turn', async () => {
    await settle(first);
    const before = (await overview(lead)).trained.value as number;
    // Hold the system-grain table so a turn stops inside its transaction, then end that turn's connection as a
    // crash would.
    const blocker = await pool.connect();
    try {
      await holdSystemGrainAndCertifySomeone(blocker);
      const turn = first.app.get(ImpactAggregatesService).applyWaiting();
      let pid: number | undefined;
      for (let i = 0; i < 200 && pid === undefined; i++) {
        const [row] = (await first.sql(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%DELETE FROM impact_cell_cohort%'
             AND pid <> pg_backend_pid()`,
        )) as { pid: number }[];
        pid = row?.pid;
        if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(pid).toBeDefined();
      await first.sql(`SELECT pg_terminate_backend($1)`, [pid]);
      await turn; // the report would go on with the figures already applied
      expect((await first.sql(`SELECT count(*)::int AS n FROM impact_change`))[0]).not.toEqual({ n: 0 });
    } finally {
      await blocker.query(`ROLLBACK`);
      blocker.release();
    }
    // The second instance (or the next report) applies it, exactly once.
    expect((await overview(lead)).trained.value).toBe(before + 1);
    await settle(first);
    expect((await overview(lead)).trained.value).toBe(before + 1);
    expect(Object.values(await differences(first))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('answers a report while a turn is held up, with the figures as last applied, and shows the write soon after', async () => {
    await settle(first);
    // An instance with the production wait: a report waits at most 100 ms for waiting changes.
    const hurried = await createTestApp(
      { IMPACT_APPLY_INTERVAL_MS: '0', IMPACT_READ_WAIT_MS: '100' },
      { sameDatabaseAs: first },
    );
    const blocker = await pool.connect();
    try {
      const viewer = await hurried.signedIn('lead@demo.upstand.test');
      const before = (await overview(viewer)).trained.value as number;
      // Every turn (the second instance's every 20 ms, and this report's) stops at the system grain.
      await holdSystemGrainAndCertifySomeone(blocker);
      const started = Date.now();
      expect((await overview(viewer)).trained.value).toBe(before);
      expect(Date.now() - started).toBeLessThan(5_000);
      await blocker.query(`ROLLBACK`);
      // Once the turn can go on, the next reports show the write.
      expect(await trainedOnceChanged(viewer, before)).toBe(before + 1);
    } finally {
      await blocker.query(`ROLLBACK`).catch(() => undefined);
      blocker.release();
      await hurried.close();
    }
  });

  it('applies the log from reports when an instance has no background turns and no wait', async () => {
    await settle(first);
    const lone = await createTestApp(
      { IMPACT_APPLY_INTERVAL_MS: '0', IMPACT_READ_WAIT_MS: '0' },
      { sameDatabaseAs: first },
    );
    try {
      const viewer = await lone.signedIn('lead@demo.upstand.test');
      const before = (await overview(viewer)).trained.value as number;
      // The second instance (a turn every 20 ms) is the other applier here: stop it from taking turns first.
      await second.close();
      await certifySomeone();
      expect(await trainedOnceChanged(viewer, before)).toBe(before + 1);
    } finally {
      await lone.close();
      second = await createTestApp({ IMPACT_APPLY_INTERVAL_MS: '20' }, { sameDatabaseAs: first });
    }
  });

  it('ends a turn whose instance stopped part-way, so other turns go on, and loses none of its changes', async () => {
    await settle(first);
    const before = (await overview(lead)).trained.value as number;
    // This instance's first turn stops after taking the log, holding the lock, as a frozen event loop would.
    const stalling = await createTestApp(
      { IMPACT_APPLY_INTERVAL_MS: '0', IMPACT_TURN_IDLE_TIMEOUT_MS: '500' },
      { sameDatabaseAs: first },
    );
    const repository = stalling.app.get(ImpactAggregatesRepository);
    const applyPeople = repository.applyPeople.bind(repository);
    const stalled = jest.spyOn(repository, 'applyPeople').mockImplementationOnce(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      return applyPeople(...args);
    });
    try {
      // The second instance (a turn every 20 ms) would take the change first: stop it from taking turns.
      await second.close();
      await certifySomeone();
      const turn = stalling.app.get(ImpactAggregatesService).applyWaiting();
      while (stalled.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const stalledAt = Date.now();
      // Another instance's turn can take the lock once PostgreSQL has ended the idle one, not 5 s later.
      const lockFree = async () =>
        (
          (await first.sql(`SELECT pg_try_advisory_xact_lock(hashtext('impact-aggregates')) AS free`)) as {
            free: boolean;
          }[]
        )[0]?.free === true;
      while (!(await lockFree()) && Date.now() - stalledAt < 10_000)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(Date.now() - stalledAt).toBeLessThan(2_500);
      // Rolled back whole: the change is still waiting, and nothing of it was applied.
      expect((await first.sql(`SELECT count(*)::int AS n FROM impact_change`))[0]).not.toEqual({ n: 0 });
      expect(Object.values(await differences(first)).some((n) => n > 0)).toBe(true);
      await turn; // a report would have gone on with the figures already applied
      // The next turn applies it, exactly once, and the stopped instance takes turns again.
      expect((await overview(lead)).trained.value).toBe(before + 1);
      await certifySomeone();
      await stalling.app.get(ImpactAggregatesService).applyWaiting();
      expect(await first.sql(`SELECT count(*)::int AS n FROM impact_change`)).toEqual([{ n: 0 }]);
      expect((await overview(lead)).trained.value).toBe(before + 2);
      expect(Object.values(await differences(first))).toEqual([0, 0, 0, 0, 0, 0]);
    } finally {
      await stalling.close();
      second = await createTestApp({ IMPACT_APPLY_INTERVAL_MS: '20' }, { sameDatabaseAs: first });
    }
  });

  it('rebuilds figures that went wrong, from scratch, to the same figures the change log keeps', async () => {
    await settle(first);
    const kept = await overview(lead);
    const rows = async () =>
      (
        await first.sql(
          `SELECT (SELECT count(*) FROM impact_cell_cohort WHERE programme_id = $1)::int AS cohort,
                (SELECT count(*) FROM impact_cell_organisation WHERE programme_id = $1)::int AS organisation,
                (SELECT count(*) FROM impact_cell_system WHERE programme_id = $1)::int AS system,
                (SELECT count(*) FROM impact_cell_programme WHERE programme_id = $1)::int AS programme,
                (SELECT count(*) FROM impact_cell_cohort_whole WHERE programme_id = $1)::int AS cohort_whole`,
          [fixture.programmeId],
        )
      )[0];
    const keptRows = await rows();
    // Damage every table, as a bad manual edit or a bug would.
    await first.sql(`UPDATE impact_cell_system SET n = n + 1 WHERE programme_id = $1`, [fixture.programmeId]);
    await first.sql(`UPDATE impact_cell_programme SET n = n + 2 WHERE programme_id = $1`, [
      fixture.programmeId,
    ]);
    await first.sql(`UPDATE impact_cell_cohort_whole SET n = n + 3 WHERE programme_id = $1`, [
      fixture.programmeId,
    ]);
    await first.sql(
      `DELETE FROM impact_cell_organisation WHERE ctid IN (SELECT ctid FROM impact_cell_organisation WHERE programme_id = $1 LIMIT 5)`,
      [fixture.programmeId],
    );
    await first.sql(
      `DELETE FROM impact_cell_cohort WHERE ctid IN (SELECT ctid FROM impact_cell_cohort WHERE programme_id = $1 LIMIT 5)`,
      [fixture.programmeId],
    );
    await first.sql(
      `DELETE FROM impact_person WHERE ctid IN (SELECT ctid FROM impact_person WHERE programme_id = $1 LIMIT 1)`,
      [fixture.programmeId],
    );
    expect(await overview(lead)).not.toEqual(kept);

    const lines: string[] = [];
    const results = await first.app.get(ImpactAggregatesService).rebuild((line) => lines.push(line));
    const ours = lines.findIndex((line) => line.includes(fixture.programmeId));
    expect(results[ours]!.before).toEqual({
      impact_person: 1,
      impact_cell_cohort: expect.any(Number),
      impact_cell_organisation: expect.any(Number),
      impact_cell_system: expect.any(Number),
      impact_cell_programme: expect.any(Number),
      impact_cell_cohort_whole: expect.any(Number),
    });
    expect(Object.values(results[ours]!.before).every((count) => count > 0)).toBe(true);
    expect(results[ours]!.after).toEqual({
      impact_person: 0,
      impact_cell_cohort: 0,
      impact_cell_organisation: 0,
      impact_cell_system: 0,
      impact_cell_programme: 0,
      impact_cell_cohort_whole: 0,
    });
    expect(await rows()).toEqual(keptRows);
    expect(await overview(lead)).toEqual(kept);
  });

  it('computes everything after a bulk load, two connections at once, to the change-log figures', async () => {
    await settle(first);
    const kept = await overview(lead);
    // As after seed:scale: the figures are missing and the log names everyone.
    await first.sql(`DELETE FROM impact_cell_cohort WHERE programme_id = $1`, [fixture.programmeId]);
    await first.sql(`DELETE FROM impact_cell_system WHERE programme_id = $1`, [fixture.programmeId]);
    await first.sql(`DELETE FROM impact_cell_programme WHERE programme_id = $1`, [fixture.programmeId]);
    await first.sql(`DELETE FROM impact_cell_cohort_whole WHERE programme_id = $1`, [fixture.programmeId]);
    await first.sql(
      `INSERT INTO impact_change (programme_id, person_key) SELECT programme_id, person_key FROM impact_person`,
    );
    await first.app.get(ImpactAggregatesService).rebuildAll(() => undefined);
    expect((await first.sql(`SELECT count(*)::int AS n FROM impact_change`))[0]).toEqual({ n: 0 });
    expect(Object.values(await differences(first))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await overview(lead)).toEqual(kept);
  });

  it('fills the headline-paired fact on upgrade with exactly what the applier keeps', async () => {
    await settle(first);
    const kept = (
      await first.sql<{ n: number }>(
        `SELECT sum(n)::int AS n FROM impact_cell_cohort_whole WHERE programme_id = $1 AND fact = 'headline-paired'`,
        [fixture.programmeId],
      )
    )[0]!.n;
    expect(kept).toBeGreaterThan(0);
    const migration = new ImpactHeadlinePaired1796860000000();
    const dataSource = await createDataSource(first.databaseUrl).initialize();
    const runner = dataSource.createQueryRunner();
    try {
      // As before the upgrade: the fact is nowhere, so the figures differ from a computation from scratch.
      await migration.down(runner);
      expect(Object.values(await differences(first)).some((count) => count > 0)).toBe(true);
      await migration.up(runner);
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
    expect(Object.values(await differences(first))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('counts every comment, two from one person included, and pages them', async () => {
    const comments = async () =>
      (
        await lead
          .get(`/api/analytics/comments?programmeId=${fixture.programmeId}&stage=post&pageSize=100`)
          .expect(200)
      ).body as CommentsReport;
    const before = await comments();
    expect(before.comments.total).toBeGreaterThan(0);
    // One person answers a second free-text question on the same questionnaire.
    const [response] = (await first.sql(
      `SELECT r.id, r.instrument_id AS "instrumentId" FROM evaluation_response r
       JOIN evaluation_answer a ON a.response_id = r.id AND a.item_code = 'do_differently' AND a.value_text IS NOT NULL
       WHERE r.programme_id = $1 AND r.stage = 'post' ORDER BY r.id LIMIT 1`,
      [fixture.programmeId],
    )) as { id: string; instrumentId: string }[];
    await first.sql(
      `UPDATE instrument SET items = items || jsonb_build_array(jsonb_build_object(
         'code', 'one_thing', 'wording', 'One thing you will try first', 'type', 'free-text', 'construct', null,
         'required', false)) WHERE id = $1`,
      [response!.instrumentId],
    );
    await first.sql(
      `INSERT INTO evaluation_answer (response_id, item_code, value_text) VALUES ($1, 'one_thing', 'Speak up sooner')`,
      [response!.id],
    );
    const after = await comments();
    expect(after.total).toEqual(before.total); // people who commented
    expect(after.comments.total).toBe(before.comments.total + 1);
    expect(after.comments.items.map((comment) => comment.text)).toContain('Speak up sooner');
  });
});
