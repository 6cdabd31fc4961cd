import {
  AnalyticsFilterOptions,
  AnalyticsOverview,
  Breakdown,
  FunnelReport,
  ItemAnalytics,
  ItemAnalyticsReport,
  ReachReport,
} from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * The disclosure policy (docs/disclosure-policy.md) as the regional steering group meets it on the demo's pilot
 * data: survey results published or withheld as whole groups, funnel stages at programme level as they are.
 */
describe('the disclosure policy on the demo data, for the steering group', () => {
  let app: TestApp;
  let steering: ApiClient;
  let programmeId: string;
  let options: AnalyticsFilterOptions;

  const get = async <T>(path: string, params: Record<string, string> = {}) =>
    (
      await steering
        .get(`/api/analytics/${path}?${new URLSearchParams({ programmeId, ...params }).toString()}`)
        .expect(200)
    ).body as T;

  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  beforeAll(async () => {
    app = await createTestApp({ NODE_ENV: 'development' });
    steering = await app.signedIn('steering@demo.upstand.test');
    const programmes = (
      (await steering.get('/api/analytics/filter-options').expect(200)).body as AnalyticsFilterOptions
    ).programmes;
    // The pilot's programme: the one with the most people paired before and after.
    const paired: number[] = [];
    for (const programme of programmes) {
      programmeId = programme.id;
      paired.push((await get<AnalyticsOverview>('overview')).pairedPrePost.value ?? 0);
    }
    programmeId = programmes[paired.indexOf(Math.max(...paired))]!.id;
    options = (await steering.get(`/api/analytics/filter-options?programmeId=${programmeId}`).expect(200))
      .body as AnalyticsFilterOptions;
  }, 120_000);
  afterAll(() => app.close());

  it('shows the whole-programme headline item whole: every answer share, adding up to 100%', async () => {
    const overview = await get<AnalyticsOverview>('overview');
    expect(overview.suppressionApplied).toBe(true);
    const headline = overview.headline as ItemAnalytics;
    expect(headline.withheld).toBe(false);
    expect(headline.withheldReason).toBeNull();
    expect(headline.nPaired.value).toBeGreaterThanOrEqual(overview.threshold);
    for (const distribution of [headline.distributionFrom, headline.distributionTo]) {
      expect(distribution).toHaveLength(5);
      expect(distribution!.every((share) => typeof share === 'number')).toBe(true);
      expect(Math.abs(sum(distribution!) - 1)).toBeLessThan(1e-9);
    }
    const { improvedShare, sameShare, worseShare } = headline;
    expect(Math.abs(sum([improvedShare!, sameShare!, worseShare!]) - 1)).toBeLessThan(1e-9);
  });

  it('publishes every item of the whole programme with all its shares (no cell withheld inside a group)', async () => {
    const report = await get<ItemAnalyticsReport>('items', { from: 'pre', to: 'post' });
    const likert = report.items.filter((item) => item.type === 'likert-5' && !item.withheld);
    expect(likert.length).toBeGreaterThan(0);
    for (const item of likert)
      for (const distribution of [item.distributionFrom, item.distributionTo]) {
        expect(distribution!.every((share) => typeof share === 'number')).toBe(true);
        expect(Math.abs(sum(distribution!) - 1)).toBeLessThan(1e-9);
      }
  });

  it('shows every stage of the whole-programme funnel', async () => {
    const funnel = await get<FunnelReport>('funnel');
    expect(funnel.overall).toHaveLength(funnel.stages.length);
    expect(funnel.overall.filter((count) => count.suppressed)).toEqual([]);
    expect(funnel.overall.every((count) => (count.value ?? 0) >= funnel.threshold)).toBe(true);
  });

  it("withholds a small cohort's survey results whole, saying why", async () => {
    const withheld: ItemAnalytics[] = [];
    for (const cohort of options.cohorts) {
      const report = await get<ItemAnalyticsReport>('items', {
        from: 'pre',
        to: 'post',
        cohortId: cohort.id,
      });
      withheld.push(...report.items.filter((item) => item.withheldReason === 'small'));
      for (const item of report.items.filter(
        (candidate) => !candidate.withheld && candidate.distributionFrom,
      ))
        expect(item.distributionFrom!.every((share) => typeof share === 'number')).toBe(true);
      if (withheld.length > 0) break;
    }
    expect(withheld.length).toBeGreaterThan(0);
    for (const item of withheld)
      expect(item).toMatchObject({
        withheld: true,
        nPaired: { value: null, suppressed: true, reason: 'small' },
        meanFrom: null,
        meanTo: null,
        medianFrom: null,
        meanChange: null,
        ci95: null,
        improvedShare: null,
        sameShare: null,
        worseShare: null,
        wilcoxon: null,
        effectSizeR: null,
        mcnemar: null,
        distributionFrom: null,
        distributionTo: null,
      });
  }, 120_000);

  it('withholds small cohorts’ headline change whole in the breakdown, and never a lone one', async () => {
    const breakdown = await get<Breakdown>('breakdowns', { dimension: 'cohort' });
    const withheld = breakdown.rows.items.filter((row) => row.headlineWithheld !== null);
    expect(withheld.some((row) => row.headlineWithheld === 'small')).toBe(true);
    expect(withheld.length).not.toBe(1);
    for (const row of withheld)
      expect(row).toMatchObject({ headlineN: null, headlineMeanChange: null, headlineImprovedShare: null });
    for (const row of breakdown.rows.items.filter((candidate) => candidate.headlineWithheld === null))
      expect(row.headlineN === 0 || (row.headlineN ?? 0) >= breakdown.threshold).toBe(true);
  });
  it('agrees with reach on certified people by organisation: the funnel withholds a neighbour instead', async () => {
    const [funnel, reach] = await Promise.all([get<FunnelReport>('funnel'), get<ReachReport>('reach')]);
    const certified = funnel.stages.indexOf('certified');
    let compared = 0;
    for (const row of reach.rows.filter((candidate) => !candidate.trained.suppressed)) {
      const funnelRow = funnel.byOrganisation.find((candidate) => candidate.key === row.organisationId);
      if (!funnelRow) continue;
      expect({ name: row.name, certified: funnelRow.counts[certified] }).toEqual({
        name: row.name,
        certified: { value: row.trained.value, suppressed: false },
      });
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  // Last: it changes the register.
  it('keeps every whole-programme funnel stage after a register change leaves two stages a few people apart', async () => {
    // Everyone whose furthest stage is the workshop (attended it, fewer sets than their cohort's completion rule
    // asks for, not completed) but three is marked absent from it, so "Attended the workshop" is 3 above
    // "Completed the action learning sets".
    const atWorkshop = await app.sql<{ id: string }>(
      `WITH latest AS (SELECT DISTINCT ON (e.delegate_user_id) e.id, e.status, e.cohort_id FROM enrolment e
                       WHERE e.programme_id = $1 ORDER BY e.delegate_user_id, e.created_at DESC),
            attended AS (SELECT a.enrolment_id, bool_or(s.kind = 'workshop') AS workshop,
                                count(DISTINCT s.sequence) FILTER (WHERE s.kind = 'action-learning-set') AS sets
                         FROM attendance a JOIN session s ON s.id = a.session_id
                         WHERE a.status IN ('present', 'late') GROUP BY a.enrolment_id)
       SELECT l.id FROM latest l JOIN attended ON attended.enrolment_id = l.id
       JOIN cohort c ON c.id = l.cohort_id LEFT JOIN journey_template t ON t.id = c.template_id
       WHERE attended.workshop AND l.status <> 'completed'
         AND attended.sets < CASE WHEN jsonb_typeof(t.completion_rule->'action-learning-set') = 'number'
                                  THEN (t.completion_rule->>'action-learning-set')::int ELSE 5 END
       ORDER BY l.id`,
      [programmeId],
    );
    expect(atWorkshop.length).toBeGreaterThanOrEqual(3);
    await app.sql(
      `UPDATE attendance SET status = 'absent'
       WHERE enrolment_id = ANY($1::uuid[]) AND session_id IN (SELECT id FROM session WHERE kind = 'workshop')`,
      [atWorkshop.slice(3).map((row) => row.id)],
    );
    const stage = (funnel: FunnelReport, name: string) =>
      funnel.overall[funnel.stages.indexOf(name as never)]!;
    let funnel = await get<FunnelReport>('funnel');
    // The change reaches the cached aggregates by a database notification: wait for it.
    for (let tries = 0; tries < 50; tries++) {
      const gap =
        (stage(funnel, 'attended-workshop').value ?? 0) - (stage(funnel, 'completed-sets').value ?? 0);
      if (gap === 3 || stage(funnel, 'attended-workshop').suppressed) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      funnel = await get<FunnelReport>('funnel');
    }
    expect(funnel.overall.filter((count) => count.suppressed)).toEqual([]);
    expect(stage(funnel, 'attended-workshop').value! - stage(funnel, 'completed-sets').value!).toBe(3);
  });
});
