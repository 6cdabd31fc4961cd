import { AnalyticsOverview, Breakdown, FunnelReport, ItemAnalyticsReport } from '@upstand/contracts';
import { ImpactAggregatesService } from '../src/modules/analytics/aggregates/impact-aggregates.service';
import { AggregateCache } from '../src/modules/analytics/aggregate-cache';
import { AnalyticsChangeListener } from '../src/modules/analytics/analytics-change-listener';
import { AnalyticsWarmer } from '../src/modules/analytics/analytics-warmer';
import { AnalyticsFixture, buildAnalyticsFixture, FixturePerson } from './support/analytics-fixture';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Impact figures are kept in memory between requests (they are expensive at national scale); a change to the
 * data behind them, however it is made, shows in the very next request.
 */
describe('impact figures after the data changes', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let steering: ApiClient;
  let fixture: AnalyticsFixture;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    steering = await testApp.signedIn('steering@demo.upstand.test');
    fixture = await buildAnalyticsFixture(testApp, lead);
  });
  afterAll(() => testApp.close());

  const overview = async (client: ApiClient) =>
    (await client.get(`/api/analytics/overview?programmeId=${fixture.programmeId}`).expect(200))
      .body as AnalyticsOverview;
  const headline = async (client: ApiClient) =>
    (
      (
        await client
          .get(`/api/analytics/items?programmeId=${fixture.programmeId}&from=pre&to=post`)
          .expect(200)
      ).body as ItemAnalyticsReport
    ).items.find((item) => item.itemCode === 'confidence_intervene')!;

  const userId = async (person: FixturePerson) =>
    (
      await testApp.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [
        `analytics-${person.index}@nhs.test`,
      ])
    )[0]!.id;

  it('gives the same figures when asked again with nothing changed', async () => {
    const first = await overview(lead);
    const again = await overview(lead);
    expect(again).toEqual(first);
    expect((await headline(lead)).nPaired.value).toBe(first.pairedPrePost.value);
  });

  it('shows a change written straight to the database in the next request, for every viewer', async () => {
    const before = await overview(lead);
    const steeringBefore = await overview(steering);
    const itemBefore = await headline(lead);
    const person = fixture.people.find((candidate) => candidate.pre && candidate.post)!;

    await testApp.sql(
      `DELETE FROM evaluation_response WHERE delegate_user_id = $1 AND programme_id = $2 AND stage = 'post'`,
      [await userId(person), fixture.programmeId],
    );

    const after = await overview(lead);
    expect(after.pairedPrePost.value).toBe((before.pairedPrePost.value ?? 0) - 1);
    expect((await headline(lead)).nPaired.value).toBe((itemBefore.nPaired.value ?? 0) - 1);
    // The steering group's (protected) figure moves too, or is withheld, but is never the old one.
    const steeringAfter = await overview(steering);
    expect(steeringAfter.pairedPrePost).not.toEqual(steeringBefore.pairedPrePost);
  });

  it('shows a change to who a person works for in the next breakdown', async () => {
    const person = fixture.people.find(
      (candidate) => candidate.status === 'completed' && candidate.organisation !== 'RP1',
    )!;
    const byOrganisation = async () =>
      (
        (
          await lead
            .get(`/api/analytics/breakdowns?programmeId=${fixture.programmeId}&dimension=organisation`)
            .expect(200)
        ).body as Breakdown
      ).rows.items;
    const [other] = await testApp.sql<{ id: string }>(`SELECT id FROM organisation WHERE ods_code = 'RP1'`);
    const trainedAt = (rows: Awaited<ReturnType<typeof byOrganisation>>, id: string) =>
      rows.find((row) => row.key === id)?.trained.value ?? 0;
    const before = trainedAt(await byOrganisation(), other!.id);

    await testApp.sql(`UPDATE app_user SET organisation_id = $2 WHERE id = $1`, [
      await userId(person),
      other!.id,
    ]);

    expect(trainedAt(await byOrganisation(), other!.id)).toBe(before + 1);
  });
});

/**
 * Who is "active" in the Community of Practice, when a funnel names no years, is counted in the programme's
 * reporting year: the latest financial year in which it has held a catch-up. That changes with time (a new
 * year's first catch-up starts), so it is recorded by the Impact job, and the figures change when the job
 * records it, not whenever a request happens to come after the session's start.
 */
describe('the Community of Practice reporting year', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let fixture: AnalyticsFixture;

  beforeAll(async () => {
    // No background turns: the job's minutely recording is run by the test, so nothing records the year unasked.
    testApp = await createTestApp({ IMPACT_APPLY_INTERVAL_MS: '0' });
    lead = await testApp.signedIn('lead@demo.upstand.test');
    fixture = await buildAnalyticsFixture(testApp, lead);
  });
  afterAll(() => testApp.close());

  const active = async () => {
    const funnel = (await lead.get(`/api/analytics/funnel?programmeId=${fixture.programmeId}`).expect(200))
      .body as FunnelReport;
    return funnel.overall[funnel.stages.indexOf('community')]?.value;
  };

  it("moves to a new year when the job records that a year's first catch-up has started, not before", async () => {
    const [catchUp] = await testApp.sql<{ id: string; series_id: string }>(
      `SELECT s.id, s.series_id FROM session s JOIN session_series se ON se.id = s.series_id
       WHERE se.programme_id = $1 AND s.kind = 'community-of-practice'`,
      [fixture.programmeId],
    );
    // Everyone's catch-up was a year ago (moving it is a change to the data: the year is recorded with it).
    await testApp.sql(
      `UPDATE session SET starts_at = starts_at - interval '1 year', ends_at = ends_at - interval '1 year' WHERE id = $1`,
      [catchUp!.id],
    );
    const lastYear = await active();
    expect(lastYear).toBeGreaterThan(0);

    // This year's first catch-up has just started; nobody's attendance is recorded yet.
    const [held] = await testApp.sql<{ id: string }>(
      `INSERT INTO session (series_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
       VALUES ($1, 'series', 'community-of-practice', 'virtual', 2, 'Catch-up', now() - interval '1 hour', now(),
               gen_random_uuid()::text)
       RETURNING id`,
      [catchUp!.series_id],
    );
    expect(await active()).toBe(lastYear);

    // The job records the new year: this year nobody has been active yet, and the kept figures know it.
    await testApp.app.get(ImpactAggregatesService).recordWindows();
    expect(await active()).toBe(0);
    // Recording the first attendance this year counts that person.
    const attendee = fixture.people.find((person) => person.status === 'completed')!;
    const [user] = await testApp.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [
      `analytics-${attendee.index}@nhs.test`,
    ]);
    await testApp.sql(`INSERT INTO community_attendance (session_id, user_id) VALUES ($1, $2)`, [
      held!.id,
      user!.id,
    ]);
    expect(await active()).toBe(1);

    // Cancelling it takes the year back.
    await testApp.sql(`UPDATE session SET status = 'cancelled' WHERE id = $1`, [held!.id]);
    await testApp.app.get(ImpactAggregatesService).recordWindows();
    expect(await active()).toBe(lastYear);
  });
});

describe('impact figures prepared in the background', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let steering: ApiClient;
  let fixture: AnalyticsFixture;
  let warmer: AnalyticsWarmer;
  let cache: AggregateCache;

  beforeAll(async () => {
    testApp = await createTestApp({ ANALYTICS_WARM_AFTER_MS: '300' });
    warmer = testApp.app.get(AnalyticsWarmer);
    cache = testApp.app.get(AnalyticsChangeListener).cache;
    lead = await testApp.signedIn('lead@demo.upstand.test');
    steering = await testApp.signedIn('steering@demo.upstand.test');
    fixture = await buildAnalyticsFixture(testApp, lead);
  });
  afterAll(() => testApp.close());

  /** Waits until a warm-up has finished after `since` and no further change is waiting to be prepared. */
  async function warmedAfter(since: Date): Promise<void> {
    for (let waited = 0; waited < 20_000; waited += 100) {
      if (warmer.idle && warmer.lastCompletedAt && warmer.lastCompletedAt > since) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The figures were not prepared within 20 s');
  }

  it('has the unfiltered Impact reports ready once the data has been quiet, for leads and the steering group', async () => {
    await warmedAfter(new Date(0));
    const kept = cache.size;
    expect(kept).toBeGreaterThan(0);
    const hits = cache.hits;
    const paths = [
      `/api/analytics/overview?programmeId=${fixture.programmeId}`,
      `/api/analytics/items?programmeId=${fixture.programmeId}&from=pre&to=post`,
      `/api/analytics/breakdowns?programmeId=${fixture.programmeId}&dimension=group`,
      `/api/analytics/funnel?programmeId=${fixture.programmeId}`,
      `/api/analytics/response-rates?programmeId=${fixture.programmeId}`,
    ];
    for (const client of [lead, steering]) for (const path of paths) await client.get(path).expect(200);
    // Every aggregate those requests needed was already there: nothing new was computed.
    expect(cache.size).toBe(kept);
    expect(cache.hits).toBeGreaterThanOrEqual(hits + paths.length * 2);
  });

  it('prepares them again after a change, with the change in them', async () => {
    const before = (await lead.get(`/api/analytics/overview?programmeId=${fixture.programmeId}`).expect(200))
      .body as AnalyticsOverview;
    const changedAt = new Date();
    await testApp.sql(
      `DELETE FROM evaluation_response WHERE programme_id = $1 AND stage = 'post' AND pairing_key = (
         SELECT pairing_key FROM evaluation_response WHERE programme_id = $1 AND stage IN ('pre', 'post')
         GROUP BY pairing_key HAVING count(DISTINCT stage) = 2 LIMIT 1)`,
      [fixture.programmeId],
    );
    await warmedAfter(changedAt);
    const hits = cache.hits;
    const after = (await lead.get(`/api/analytics/overview?programmeId=${fixture.programmeId}`).expect(200))
      .body as AnalyticsOverview;
    expect(cache.hits).toBeGreaterThan(hits);
    expect(after.pairedPrePost.value).toBe((before.pairedPrePost.value ?? 0) - 1);
  });
});
