import {
  CalendarEntry,
  EvaluationDue,
  Journey,
  ProgrammeAction,
  ProgrammeReview,
  SessionFeedbackDue,
  SessionFeedbackResults,
  SessionRegister,
  SponsorDelegate,
} from '@upstand/contracts';
import { addDays, londonWallClockToUtc, utcToLondonWallClock } from '@upstand/schedule';
import { DemoJourneysService } from '../src/modules/demo/demo-journeys.service';
import { ACTIVE_BYSTANDER_PROGRAMME } from '../src/modules/demo/seed.service';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * The demo as a newcomer finds it: seeded on a fresh database with the clock fixed at 07:30 London time today
 * (today, because the API and PostgreSQL keep the real date), then read through the API as each demo account.
 */
const DEMO_TABLES = [
  'demo_seed',
  'app_user',
  'cohort',
  'session',
  'session_facilitator',
  'enrolment',
  'approval_request',
  'attendance',
  'evaluation_response',
  'evaluation_answer',
  'community_attendance',
  'programme_review',
  'programme_review_rating',
  'programme_action',
];

async function tableCounts(app: TestApp): Promise<Record<string, number>> {
  const [row] = await app.sql<Record<string, number>>(
    `SELECT ${DEMO_TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
  );
  return row as Record<string, number>;
}

describe('the demo journeys', () => {
  const today = utcToLondonWallClock(new Date()).date;
  const clock = londonWallClockToUtc(today, '07:30');
  let app: TestApp;
  let programmeId: string;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    // NODE_ENV=test: the demo accounts but no pilot, so this shows the journeys need nothing else.
    app = await createTestApp();
    const seeded = await app.app.get(DemoJourneysService).seedIfMissing(ACTIVE_BYSTANDER_PROGRAMME, clock);
    expect(seeded).toMatchObject({ anchorDate: today, cohorts: 4 });
    for (const role of ['delegate', 'manager', 'facilitator', 'sponsor', 'steering', 'lead'])
      as[role] = await app.signedIn(`${role}@demo.upstand.test`);
    const [programme] = await app.sql<{ id: string }>(`SELECT id FROM programme WHERE name = $1`, [
      ACTIVE_BYSTANDER_PROGRAMME,
    ]);
    programmeId = programme!.id;
  }, 180_000); // six sign-ins (argon2) and the seed, on a busy machine
  afterAll(() => app.close());

  it('shows the delegate part-way: workshop and two sets attended, the next set to come, pre answered, post due', async () => {
    const journey = (await as['delegate']!.get('/api/me/journey').expect(200)).body as Journey;
    expect(journey.enrolment?.status).toBe('confirmed');
    expect(journey.certificateUrl).toBeNull();
    const sessions = journey.stages.flatMap((stage) => stage.sessions);
    const attended = sessions.filter(
      (session) => session.attendance === 'present' || session.attendance === 'late',
    );
    expect(sessions.filter((s) => s.kind === 'workshop').every((s) => s.attendance !== null)).toBe(true);
    expect(sessions.filter((s) => s.kind === 'action-learning-set' && s.attendance !== null)).toHaveLength(2);
    expect(attended.length).toBeGreaterThanOrEqual(3);
    expect(journey.nextSession?.kind).toBe('action-learning-set');
    expect(Date.parse(journey.nextSession!.startsAt)).toBeGreaterThan(Date.now());

    const due = (await as['delegate']!.get('/api/me/evaluations').expect(200)).body as EvaluationDue[];
    const stage = (name: string) => due.find((questionnaire) => questionnaire.stage === name);
    expect(stage('pre')?.submittedAt).not.toBeNull();
    expect(stage('post')).toMatchObject({ state: 'not-yet-open', submittedAt: null });
    expect(Date.parse(stage('post')!.opensAt!)).toBeGreaterThan(Date.now());

    // The latest set's feedback is still open for them; the earlier ones they gave.
    const feedback = (await as['delegate']!.get('/api/me/session-feedback').expect(200))
      .body as SessionFeedbackDue[];
    expect(feedback.some((session) => session.state === 'open' && session.submittedAt === null)).toBe(true);
    expect(feedback.some((session) => session.submittedAt !== null)).toBe(true);
  });

  it('shows the line manager their team and one place waiting for their approval', async () => {
    const approvals = (await as['manager']!.get('/api/manager/approvals').expect(200)).body.items as {
      delegateName: string;
    }[];
    expect(approvals).toHaveLength(1);
    expect(approvals[0]?.delegateName).toMatch(/\(synthetic\)$/);
    const team = (await as['manager']!.get('/api/manager/team?pageSize=100').expect(200)).body.items as {
      delegateName: string;
      status: string;
    }[];
    expect(team.length).toBeGreaterThanOrEqual(5);
    expect(team.map((member) => member.delegateName)).toContain('Sam Patel');
    expect(new Set(team.map((member) => member.status))).toEqual(
      new Set(['confirmed', 'completed', 'pending-approval']),
    );
  });

  it("gives the facilitator today's workshop with its register part-taken", async () => {
    const sessions = (
      await as['facilitator']!.get(`/api/me/sessions?from=${today}&to=${addDays(today, 1)}`).expect(200)
    ).body as CalendarEntry[];
    const workshop = sessions.find(
      (session) =>
        session.kind === 'workshop' && utcToLondonWallClock(new Date(session.startsAt)).date === today,
    );
    expect(workshop).toBeDefined();
    expect(utcToLondonWallClock(new Date(workshop!.startsAt)).date).toBe(today);
    const register = (
      await as['facilitator']!.get(`/api/sessions/${workshop!.sessionId}/register`).expect(200)
    ).body as SessionRegister;
    expect(register.entries).toHaveLength(12);
    const marked = register.entries.filter((entry) => entry.status !== null);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.length).toBeLessThan(register.entries.length);
  });

  it("shows the sponsor their organisation's people at several stages", async () => {
    const delegates = (await as['sponsor']!.get('/api/sponsor/delegates?pageSize=100').expect(200)).body
      .items as SponsorDelegate[];
    const statuses = new Set(delegates.map((delegate) => delegate.status));
    for (const status of ['pending-approval', 'confirmed', 'completed', 'did-not-complete'])
      expect(statuses).toContain(status);
  });

  it('gives the steering group two rated review periods and an action log of four', async () => {
    const reviews = (await as['steering']!.get(`/api/programmes/${programmeId}/reviews`).expect(200))
      .body as ProgrammeReview[];
    expect(reviews).toHaveLength(2);
    for (const review of reviews) expect(review.ratings).toHaveLength(16);
    expect(reviews.filter((review) => review.closedAt !== null)).toHaveLength(1);
    const actions = (await as['steering']!.get(`/api/programmes/${programmeId}/actions`).expect(200)).body as
      ProgrammeAction[] | { items: ProgrammeAction[] };
    const list = Array.isArray(actions) ? actions : actions.items;
    expect(list).toHaveLength(4);
    expect(list.filter((action) => action.status === 'done')).toHaveLength(1);
    expect(list.filter((action) => action.status === 'open' || action.status === 'in-progress')).toHaveLength(
      3,
    );
    expect(list.filter((action) => action.overdue)).toHaveLength(1);
  });

  it('has session feedback to show, and still withholds the scores of a session few answered from its facilitator', async () => {
    // The latest 100 sessions: the demo's recent ones come first.
    const url = `/api/session-feedback/results?programmeId=${programmeId}&pageSize=100`;
    const lead = (await as['lead']!.get(url).expect(200)).body as SessionFeedbackResults;
    const answered = lead.sessions.items.filter((session) => session.responses > 0);
    expect(answered.length).toBeGreaterThan(3);
    expect(answered.every((session) => session.meanUseful !== null)).toBe(true);

    const facilitator = (await as['facilitator']!.get(url).expect(200)).body as SessionFeedbackResults;
    const scored = facilitator.sessions.items.filter((session) => session.meanUseful !== null);
    const withheld = facilitator.sessions.items.filter((session) => session.withheld);
    expect(scored.length).toBeGreaterThan(0);
    expect(withheld.length).toBeGreaterThan(0);
    for (const session of withheld) {
      expect(session.responses).toBeLessThan(facilitator.threshold);
      expect(session).toMatchObject({ meanUseful: null, distribution: null, comments: [] });
    }
  });

  it('records who came to the last Community of Practice catch-up', async () => {
    const [catchUp] = await app.sql<{ id: string; came: number }>(
      `SELECT s.id, count(ca.id)::int AS came FROM session s JOIN session_series ss ON ss.id = s.series_id
       JOIN community_attendance ca ON ca.session_id = s.id
       WHERE ss.title LIKE '%(synthetic)' GROUP BY s.id, s.starts_at ORDER BY s.starts_at DESC LIMIT 1`,
    );
    expect(catchUp?.came).toBeGreaterThan(0);
    const who = (await as['lead']!.get(`/api/sessions/${catchUp!.id}/community-attendance`).expect(200))
      .body as { entries?: { present: boolean }[] } | { present: boolean }[];
    expect(JSON.stringify(who)).toContain('(synthetic)');
  });

  it('seeds nothing more on a second seed, a restart or another day', async () => {
    const before = await tableCounts(app);
    const service = app.app.get(DemoJourneysService);
    expect(await service.seedIfMissing(ACTIVE_BYSTANDER_PROGRAMME, clock)).toBeNull();
    const restarted = await createTestApp({ NODE_ENV: 'development' }, { sameDatabaseAs: app });
    try {
      const nextWeek = new Date(clock.getTime() + 7 * 24 * 3_600_000);
      expect(
        await restarted.app.get(DemoJourneysService).seedIfMissing(ACTIVE_BYSTANDER_PROGRAMME, nextWeek),
      ).toBeNull();
      expect(await restarted.app.get(DemoJourneysService).anchorDate()).toBe(today);
      const after = await tableCounts(restarted);
      // The restart as development brings the synthetic pilot; the demo journeys' own rows are unchanged.
      expect(after['demo_seed']).toBe(before['demo_seed']);
      const [journeys] = await restarted.sql<{ people: number; reviews: number }>(
        `SELECT (SELECT count(*)::int FROM app_user WHERE email LIKE 'demo.%@synthetic.upstand.test') AS people,
                (SELECT count(*)::int FROM programme_review) AS reviews`,
      );
      expect(journeys).toEqual({ people: 34, reviews: 2 });
    } finally {
      await restarted.close();
    }
  });
});

describe('the demo journeys, if seeding is cut short', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('leave nothing behind, and seed whole on the next start', async () => {
    const service = app.app.get(DemoJourneysService);
    // The last table the seed writes refuses: as if the process died just before the commit.
    await app.sql(
      `CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'cut short'; END $$ LANGUAGE plpgsql`,
    );
    await app.sql(
      `CREATE TRIGGER refuse BEFORE INSERT ON programme_action FOR EACH ROW EXECUTE FUNCTION refuse()`,
    );
    await expect(service.seedIfMissing(ACTIVE_BYSTANDER_PROGRAMME)).rejects.toThrow(/cut short/);
    const [left] = await app.sql<{ seeds: number; cohorts: number; people: number }>(
      `SELECT (SELECT count(*)::int FROM demo_seed) AS seeds, (SELECT count(*)::int FROM cohort) AS cohorts,
              (SELECT count(*)::int FROM app_user WHERE email LIKE '%@synthetic.upstand.test') AS people`,
    );
    expect(left).toEqual({ seeds: 0, cohorts: 0, people: 0 });

    await app.sql(`DROP TRIGGER refuse ON programme_action`);
    expect(await service.seedIfMissing(ACTIVE_BYSTANDER_PROGRAMME)).toMatchObject({ cohorts: 4 });
    const [seeded] = await app.sql<{ actions: number }>(
      `SELECT count(*)::int AS actions FROM programme_action`,
    );
    expect(seeded?.actions).toBe(4);
  });
});
