import { Breakdown, FunnelReport, ItemAnalyticsReport, ResponseRateReport } from '@upstand/contracts';
import { parse } from 'csv-parse/sync';
import { insertDelegatesWithSessions } from './support/load-delegates';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * The Impact figures on the synthetic pilot, as a steering-group member or lead would read them: rates are
 * shares of the people asked, and the funnel's stages differ as real journeys do.
 */
describe('impact figures on the demo data', () => {
  let app: TestApp;
  let lead: ApiClient;
  let steering: ApiClient;
  let programmeId: string;

  beforeAll(async () => {
    app = await createTestApp({ NODE_ENV: 'development' });
    lead = await app.signedIn('lead@demo.upstand.test');
    steering = await app.signedIn('steering@demo.upstand.test');
    const [row] = await app.sql<{ id: string }>(
      `SELECT DISTINCT c.programme_id AS id FROM cohort c WHERE c.name LIKE 'Pilot % (synthetic)'`,
    );
    programmeId = (row as { id: string }).id;
  });
  afterAll(() => app.close());

  const get = async <T>(client: ApiClient, report: string, extra = ''): Promise<T> =>
    (await client.get(`/api/analytics/${report}?programmeId=${programmeId}${extra}`).expect(200)).body as T;

  it('counts a delegate who answered before withdrawing among those asked, so no cohort passes 100%', async () => {
    // The demo cohort that showed "107% (16 answered, 15 invited)": someone answered the pre questionnaire and
    // then withdrew, so they answered without being counted as asked.
    const [cohort] = await app.sql<{ id: string; asked: number; answered: number }>(
      `SELECT e.cohort_id AS id,
              count(*) FILTER (WHERE e.confirmed_at IS NOT NULL)::int AS asked,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM evaluation_response r
                                             WHERE r.enrolment_id = e.id AND r.stage = 'pre'))::int AS answered
       FROM enrolment e
       WHERE e.programme_id = $1
         AND EXISTS (SELECT 1 FROM enrolment w JOIN evaluation_response r ON r.enrolment_id = w.id AND r.stage = 'pre'
                     WHERE w.cohort_id = e.cohort_id AND w.status = 'withdrawn')
       GROUP BY e.cohort_id ORDER BY e.cohort_id LIMIT 1`,
      [programmeId],
    );
    expect(cohort).toBeDefined();
    const rates = await get<ResponseRateReport>(lead, 'response-rates', '&pageSize=100');
    const row = rates.cohorts.items.find((candidate) => candidate.cohortId === cohort?.id);
    expect(row?.pre.value).toBe(cohort?.answered);
    expect(row?.preAsked.value).toBe(cohort?.asked);
    expect(row?.preRate).toBeLessThanOrEqual(1);
  });

  it.each([
    ['lead', () => lead],
    ['steering group', () => steering],
  ])('reports no response rate above 100%%, per stage, for the %s', async (_, client) => {
    const rates = await get<ResponseRateReport>(client(), 'response-rates', '&pageSize=100');
    expect(rates.cohorts.items.length).toBeGreaterThan(10);
    expect(rates.cohorts.items.length).toBe(rates.cohorts.total);
    for (const row of rates.cohorts.items) {
      for (const [answered, asked, rate] of [
        [row.pre, row.preAsked, row.preRate],
        [row.post, row.postAsked, row.postRate],
      ] as const) {
        if (answered.value !== null && asked.value !== null)
          expect(answered.value).toBeLessThanOrEqual(asked.value);
        if (rate !== null) expect(rate).toBeLessThanOrEqual(1);
      }
      // Fewer people are asked after the sets than before: some leave on the way.
      if (row.preAsked.value !== null && row.postAsked.value !== null)
        expect(row.postAsked.value).toBeLessThanOrEqual(row.preAsked.value);
    }
    for (const stages of ['', '&from=post&to=follow-up']) {
      const items = await get<ItemAnalyticsReport>(client(), 'items', stages);
      expect(items.items.length).toBeGreaterThan(0);
      for (const item of items.items)
        if (item.responseRate !== null) expect(item.responseRate).toBeLessThanOrEqual(1);
    }
  });

  it('pages the response rates, latest cohort first, each cohort with the figures the whole list gives it', async () => {
    // The demo has 21 cohorts; ten more, each with a dozen booked places, make a second page.
    await insertDelegatesWithSessions({ query: (text, params) => app.sql(text, params) }, 120);
    await app.sql(
      `WITH added AS (
         INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity)
         SELECT programme_id, template_id, 'Booked ' || n, system_id, DATE '2030-01-01' + n, 24
         FROM (SELECT * FROM cohort WHERE programme_id = $1 ORDER BY start_date DESC LIMIT 1) latest,
              generate_series(1, 10) AS n
         RETURNING id, start_date
       ), numbered AS (SELECT id, row_number() OVER (ORDER BY start_date) AS k FROM added),
       delegates AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM app_user WHERE email LIKE 'load-%')
       INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at)
       SELECT numbered.id, $1, delegates.id, 'confirmed', now()
       FROM delegates JOIN numbered ON numbered.k = (delegates.n - 1) / 12 + 1`,
      [programmeId],
    );
    for (const client of [lead, steering]) {
      const all = (await get<ResponseRateReport>(client, 'response-rates', '&pageSize=100')).cohorts;
      expect(all.items.length).toBe(all.total);
      expect(all.total).toBeGreaterThan(25);
      const starts = all.items.map((row) => row.startDate);
      expect(starts).toEqual([...starts].sort().reverse());

      const first = (await get<ResponseRateReport>(client, 'response-rates')).cohorts;
      expect(first).toMatchObject({ page: 1, pageSize: 25, total: all.total });
      const second = (await get<ResponseRateReport>(client, 'response-rates', '&page=2')).cohorts;
      expect(second).toMatchObject({ page: 2, pageSize: 25, total: all.total });
      // Withheld cells included: a cohort on a page is protected exactly as in the whole list.
      expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 50));
      const past = (await get<ResponseRateReport>(client, 'response-rates', '&page=999')).cohorts;
      expect(past).toMatchObject({ items: [], total: all.total });

      // The download has every cohort, not a page.
      const csv = parse(
        (await client.get(`/api/analytics/export/response-rates.csv?programmeId=${programmeId}`).expect(200))
          .text,
        { bom: true, columns: true, relax_column_count: true },
      ) as Record<string, string>[];
      expect(csv.filter((row) => row['start_date']).map((row) => row['cohort'])).toEqual(
        all.items.map((row) => row.cohortName),
      );
    }
    for (const [query, field] of [
      ['&pageSize=7', 'pageSize'],
      ['&page=0', 'page'],
      ['&page=two', 'page'],
    ] as const) {
      const refused = await lead
        .get(`/api/analytics/response-rates?programmeId=${programmeId}${query}`)
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
  });

  it('pages the breakdown by cohort, with the totals and the download for the whole view', async () => {
    for (const client of [lead, steering]) {
      const all = await get<Breakdown>(client, 'breakdowns', '&dimension=cohort&pageSize=100');
      expect(all.rows.items.length).toBe(all.rows.total);
      expect(all.rows.total).toBeGreaterThan(1);
      const first = await get<Breakdown>(client, 'breakdowns', '&dimension=cohort');
      expect(first.rows).toMatchObject({ page: 1, pageSize: 25, total: all.rows.total });
      expect(first.rows.items).toEqual(all.rows.items.slice(0, 25));
      expect([first.totalTrained, first.totalPaired]).toEqual([all.totalTrained, all.totalPaired]);
      const past = await get<Breakdown>(client, 'breakdowns', '&dimension=cohort&page=999');
      expect(past.rows).toMatchObject({ items: [], total: all.rows.total });

      const csv = parse(
        (
          await client
            .get(`/api/analytics/export/breakdown.csv?programmeId=${programmeId}&dimension=cohort`)
            .expect(200)
        ).text,
        { bom: true, columns: true, relax_column_count: true },
      ) as Record<string, string>[];
      expect(csv.filter((row) => row['category'] && row['category'] !== 'Total').length).toBe(all.rows.total);
    }
    for (const [query, field] of [
      ['&pageSize=7', 'pageSize'],
      ['&page=0', 'page'],
    ] as const) {
      const refused = await lead
        .get(`/api/analytics/breakdowns?programmeId=${programmeId}&dimension=cohort${query}`)
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
  });

  it('shows a funnel whose stages narrow from the workshop to the Community of Practice', async () => {
    // The pilot's cohorts (the demo journeys certify a few more, later).
    const funnel = await get<FunnelReport>(lead, 'funnel', '&startFrom=2022-04-01&startTo=2024-03-31');
    const values = funnel.overall.map((count) => count.value as number);
    const stage = (name: string) => values[funnel.stages.indexOf(name as never)] as number;
    expect(stage('certified')).toBe(231);
    expect(stage('attended-workshop')).toBeGreaterThan(stage('completed-sets'));
    expect(stage('completed-sets')).toBeGreaterThan(stage('certified'));
    expect(stage('certified')).toBeGreaterThan(stage('community'));
    expect(stage('community')).toBeGreaterThan(0);
    // Nested: each stage is a subset of the one before, so no stage exceeds it, whoever is looking.
    for (const client of [lead, steering]) {
      const published = (await get<FunnelReport>(client, 'funnel')).overall
        .map((count) => count.value)
        .filter((value): value is number => value !== null);
      for (let i = 1; i < published.length; i++)
        expect(published[i]).toBeLessThanOrEqual(published[i - 1] as number);
    }
  });

  it('counts as active in the Community of Practice only those who came in the reporting year', async () => {
    // No dates: the latest financial year with a catch-up held (the demo journeys' catch-ups run from two months
    // before the day the database was seeded, so it is the current one).
    const [latest] = await app.sql<{ active: number }>(
      `WITH fy AS (
         SELECT max(extract(year FROM starts_at AT TIME ZONE 'Europe/London')::int
                    - CASE WHEN extract(month FROM starts_at AT TIME ZONE 'Europe/London') < 4 THEN 1 ELSE 0 END) AS y
         FROM session WHERE kind IN ('community-of-practice', 'celebration-event') AND starts_at <= now())
       SELECT count(DISTINCT ca.user_id)::int AS active FROM community_attendance ca JOIN session s ON s.id = ca.session_id
       JOIN enrolment e ON e.delegate_user_id = ca.user_id AND e.status = 'completed', fy
       WHERE s.starts_at >= make_date(fy.y, 4, 1) AND s.starts_at < make_date(fy.y + 1, 4, 1)`,
    );
    expect(latest?.active).toBeGreaterThan(0);
    const community = async (extra: string) => {
      const funnel = await get<FunnelReport>(lead, 'funnel', extra);
      return funnel.overall[funnel.stages.indexOf('community')]?.value;
    };
    expect(await community('')).toBe(latest?.active);
    // Cohorts starting in 2023/24: those of their people who came to something in 2023/24.
    const [year] = await app.sql<{ active: number }>(
      `SELECT count(DISTINCT e.delegate_user_id)::int AS active
       FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
       WHERE e.status = 'completed' AND c.start_date BETWEEN '2023-04-01' AND '2024-03-31'
         AND (EXISTS (SELECT 1 FROM community_attendance ca JOIN session s ON s.id = ca.session_id
                      WHERE ca.user_id = e.delegate_user_id AND s.starts_at >= '2023-04-01' AND s.starts_at < '2024-04-01')
              OR EXISTS (SELECT 1 FROM attendance a JOIN session s ON s.id = a.session_id
                         JOIN enrolment x ON x.id = a.enrolment_id
                         WHERE x.delegate_user_id = e.delegate_user_id AND a.status IN ('present', 'late')
                           AND s.kind IN ('community-of-practice', 'celebration-event')
                           AND s.starts_at >= '2023-04-01' AND s.starts_at < '2024-04-01'))`,
    );
    expect(await community('&startFrom=2023-04-01&startTo=2024-03-31')).toBe(year?.active);
  });
});
