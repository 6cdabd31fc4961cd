import { AnalyticsOverview } from '@upstand/contracts';
import ExcelJS from 'exceljs';
import { binaryBody } from './support/binary-body';
import { buildAnalyticsFixture } from './support/analytics-fixture';
import { caughtUp, PgClusters, PgServer, testPorts } from './support/pg-cluster';
import { settleImpactAggregates } from './support/settle-impact-aggregates';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * With DATABASE_READ_URL, Impact reports, exports and the public calendar feed read a streaming replica, and
 * everything else the primary. Proved on a real primary and hot standby (Debian's PostgreSQL 15 binaries): with
 * the standby's replay paused, those pages keep the figures from before a change while everything else shows it;
 * once replay resumes they catch up.
 */
describe('a read replica (DATABASE_READ_URL)', () => {
  let clusters: PgClusters;
  let primary: PgServer;
  let replica: PgServer;
  let testApp: TestApp;
  let lead: ApiClient;
  let programmeId: string;
  let feedPath: string;
  let databaseName: string;

  beforeAll(async () => {
    clusters = new PgClusters();
    try {
      const [primaryPort, replicaPort] = (await testPorts(2)) as [number, number];
      primary = await clusters.primary(primaryPort);
      replica = await clusters.replica(primary, replicaPort);
      testApp = await createTestApp(
        {},
        {
          serverUrl: primary.url(),
          beforeStart: async (databaseUrl) => {
            databaseName = new URL(databaseUrl).pathname.slice(1);
            await caughtUp(primary, replica);
            return { DATABASE_READ_URL: replica.url(databaseName) };
          },
        },
      );
      lead = await testApp.signedIn('lead@demo.upstand.test');
      programmeId = (await buildAnalyticsFixture(testApp, lead)).programmeId;
      // One of the fixture's (past) sessions moves into the feed's window, facilitated by the demo facilitator.
      await testApp.sql(
        `WITH moved AS (
           UPDATE session SET starts_at = now() + interval '400 days', ends_at = now() + interval '400 days 2 hours'
           WHERE id = (SELECT id FROM session WHERE cohort_id IS NOT NULL ORDER BY starts_at, id LIMIT 1)
           RETURNING id, starts_at, ends_at)
         INSERT INTO session_facilitator (session_id, facilitator_id, position, active, starts_at, ends_at)
         SELECT moved.id, f.id, 0, true, moved.starts_at, moved.ends_at
         FROM moved, facilitator f JOIN app_user u ON u.id = f.user_id
         WHERE u.email = 'facilitator@demo.upstand.test'`,
      );
      const facilitator = await testApp.signedIn('facilitator@demo.upstand.test');
      const feed = await facilitator.post('/api/me/calendar-feed').expect(201);
      feedPath = new URL((feed.body as { url: string }).url).pathname;
      // The primary applies the Impact change log; the replica then has every figure before the test starts.
      await settleImpactAggregates(testApp.app);
      await caughtUp(primary, replica);
    } catch (error) {
      await testApp?.close().catch(() => undefined);
      await clusters.destroy();
      throw error;
    }
  }, 60_000);

  afterAll(async () => {
    try {
      await replica?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
      await testApp?.close();
    } finally {
      await clusters?.destroy();
    }
  });

  const overview = async () =>
    (await lead.get(`/api/analytics/overview?programmeId=${programmeId}`).expect(200))
      .body as AnalyticsOverview;
  const exportCsv = async () =>
    (await lead.get(`/api/analytics/export/response-rates.csv?programmeId=${programmeId}`).expect(200)).text;
  /** Respondents in the matched export (streamed from PostgreSQL on its own replica connection). */
  const matchedRespondents = async () => {
    const response = await lead
      .get(`/api/analytics/matched-export.xlsx?programmeId=${programmeId}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    return workbook.worksheets[0]!.rowCount - 1;
  };
  const feedText = async () => (await lead.get(feedPath).expect(200)).text;
  const onPrimary = (sql: string, params?: unknown[]) => primary.query(sql, params, databaseName);

  it('serves Impact reports, exports and the calendar feed from the replica, everything else from the primary', async () => {
    const before = {
      overview: await overview(),
      csv: await exportCsv(),
      matched: await matchedRespondents(),
      feed: await feedText(),
    };
    expect(before.overview.pairedPrePost.value).toBeGreaterThan(0);
    expect(before.feed).toContain('BEGIN:VEVENT');

    await replica.query('SELECT pg_wal_replay_pause()');
    // Pausing is a request: replay stops at its next check, so wait until it has (else the change below could
    // still be replayed).
    for (let i = 0; i < 200; i++) {
      const [{ state }] = (await replica.query<{ state: string }>(
        `SELECT pg_get_wal_replay_pause_state() AS state`,
      )) as [{ state: string }];
      if (state === 'paused') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // One paired respondent's answers go, and the facilitator's sessions are renamed, on the primary.
    await onPrimary(
      `DELETE FROM evaluation_response WHERE programme_id = $1 AND pairing_key = (
         SELECT pairing_key FROM evaluation_response WHERE programme_id = $1 AND stage IN ('pre', 'post')
         GROUP BY pairing_key HAVING count(DISTINCT stage) = 2 ORDER BY pairing_key LIMIT 1)`,
      [programmeId],
    );
    await onPrimary(
      `UPDATE session s SET title = 'Moved while the replica paused'
       FROM session_facilitator sf JOIN facilitator f ON f.id = sf.facilitator_id JOIN app_user u ON u.id = f.user_id
       WHERE sf.session_id = s.id AND u.email = 'facilitator@demo.upstand.test'`,
    );

    // The replica's pages still show the data from before the change...
    expect((await overview()).pairedPrePost.value).toBe(before.overview.pairedPrePost.value);
    expect(await exportCsv()).toBe(before.csv);
    expect(await matchedRespondents()).toBe(before.matched);
    expect(await feedText()).not.toContain('Moved while the replica paused');

    // ...while a page someone just changed, a new sign-in and the session behind it all use the primary.
    await lead
      .post('/api/venues')
      .send({
        name: 'Replica test venue',
        address: 'Leicester LE1 1AA',
        capacity: 20,
        accessibilityNotes: null,
      })
      .expect(201);
    expect(JSON.stringify((await lead.get('/api/venues').expect(200)).body)).toContain('Replica test venue');
    const steering = await testApp.signedIn('steering@demo.upstand.test');
    await steering.get('/api/auth/me').expect(200);

    // Replay resumes: within the lag the reports show the change.
    await replica.query('SELECT pg_wal_replay_resume()');
    await caughtUp(primary, replica);
    expect((await overview()).pairedPrePost.value).toBe((before.overview.pairedPrePost.value ?? 0) - 1);
    expect(await exportCsv()).not.toBe(before.csv);
    expect(await matchedRespondents()).toBe(before.matched - 1);
    expect(await feedText()).toContain('Moved while the replica paused');
  });

  it('is ready, with the aggregate cache and its listener off', async () => {
    const ready = await lead.get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', listener: { status: 'off' } });
  });
});
