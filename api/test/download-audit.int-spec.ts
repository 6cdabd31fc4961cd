import { Cohort, CohortSession, Programme } from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Every download of person-level data leaves one audit event (issue 10): who, what, which filters (names only)
 * and how many rows, never a name, an email address or an answer.
 */
describe('downloads of person-level data are audited', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let delegate: ApiClient;
  let cohort: Cohort;
  let programme: Programme;

  /** Names and addresses the downloads hold; none may reach the audit log. */
  const PERSONAL = ['Sam Patel', 'delegate@demo.upstand.test', 'Helen Carter', 'manager@demo.upstand.test'];

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    delegate = await testApp.signedIn('delegate@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: 'Audited cohort',
          startDate: '2027-05-13',
          capacity: 20,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await delegate.put('/api/me/community').send({ inDirectory: true });
  });
  afterAll(() => testApp.close());

  const events = (action: string) =>
    testApp.sql<{
      actor_user_id: string;
      entity_type: string;
      entity_id: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT actor_user_id, entity_type, entity_id, details FROM audit_event WHERE action = $1 ORDER BY id`,
      [action],
    );
  const userId = async (email: string) =>
    (await testApp.sql<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]))[0]!.id;

  /** Runs the download and returns the one event it left (failing if it left none, or more than one). */
  async function downloaded(action: string, download: () => Promise<unknown>) {
    const before = (await events(action)).length;
    await download();
    const after = await events(action);
    expect(after.length - before).toBe(1);
    const event = after.at(-1)!;
    for (const value of PERSONAL) expect(JSON.stringify(event)).not.toContain(value);
    return event;
  }

  it("records the lead's download of a cohort's delegate list, with the row count", async () => {
    const event = await downloaded('delegate-list.downloaded', () =>
      lead.get(`/api/cohorts/${cohort.id}/enrolments`).expect(200),
    );
    expect(event).toEqual({
      actor_user_id: await userId('lead@demo.upstand.test'),
      entity_type: 'cohort',
      entity_id: cohort.id,
      details: { filters: [], rows: 1 },
    });
  });

  it('records nothing for a download that was refused', async () => {
    const before = (await events('delegate-list.downloaded')).length;
    const systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    await systemLead.get(`/api/cohorts/${cohort.id}/enrolments`).expect(404);
    await delegate.get(`/api/cohorts/${cohort.id}/enrolments`).expect(403);
    expect((await events('delegate-list.downloaded')).length).toBe(before);
  });

  it("records a session's register", async () => {
    const [session] = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    const event = await downloaded('session-register.downloaded', () =>
      lead.get(`/api/sessions/${session!.id}/register`).expect(200),
    );
    expect(event).toMatchObject({ entity_type: 'session', entity_id: session!.id, details: { rows: 1 } });
  });

  it("records a session's register downloaded as a spreadsheet, once per download", async () => {
    const [session] = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    for (const format of ['csv', 'xlsx']) {
      const event = await downloaded('session-register.downloaded', () =>
        lead.get(`/api/sessions/${session!.id}/register.${format}`).expect(200),
      );
      expect(event).toMatchObject({
        entity_type: 'session',
        entity_id: session!.id,
        details: { rows: 1, format },
      });
    }
  });

  it("records a sponsor's list of their organisation's delegates", async () => {
    const sponsor = await testApp.signedIn('sponsor@demo.upstand.test');
    const event = await downloaded('sponsor-delegate-list.downloaded', () =>
      sponsor.get('/api/sponsor/delegates').expect(200),
    );
    expect(event).toMatchObject({
      actor_user_id: await userId('sponsor@demo.upstand.test'),
      entity_id: null,
    });
  });

  it("records a line manager's team list", async () => {
    const manager = await testApp.signedIn('manager@demo.upstand.test');
    const event = await downloaded('team-list.downloaded', () =>
      manager.get('/api/manager/team').expect(200),
    );
    expect(event.details).toEqual({ filters: [], rows: 1 });
  });

  it('records the community directory', async () => {
    const event = await downloaded('community-members.downloaded', () =>
      delegate.get('/api/community/members').expect(200),
    );
    expect(event.actor_user_id).toBe(await userId('delegate@demo.upstand.test'));
  });

  it("keeps a person's own data export to its one existing event", async () => {
    const before = (await testApp.sql(`SELECT count(*)::int AS n FROM audit_event`))[0]!['n'] as number;
    await downloaded('user.data-exported', () => delegate.get('/api/me/data-export').expect(200));
    const after = (await testApp.sql(`SELECT count(*)::int AS n FROM audit_event`))[0]!['n'] as number;
    expect(after - before).toBe(1);
  });

  it("records a lead's matched export and person-level tables, not the steering group's protected ones", async () => {
    const matched = await downloaded('matched-export.downloaded', () =>
      lead.get(`/api/analytics/matched-export.xlsx?programmeId=${programme.id}`).expect(200),
    );
    expect(matched).toMatchObject({
      entity_type: 'programme',
      entity_id: programme.id,
      details: { filters: ['programmeId'], systemIds: 'all' },
    });
    const systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    const [qwu] = await testApp.sql<{ id: string }>(`SELECT id FROM organisation WHERE ods_code = 'QWU'`);
    const scoped = await downloaded('matched-export.downloaded', () =>
      systemLead.get(`/api/analytics/matched-export.xlsx?programmeId=${programme.id}`).expect(200),
    );
    expect(scoped.details).toMatchObject({ systemIds: [qwu!.id] });

    const table = await downloaded('impact-funnel-table.downloaded', () =>
      lead
        .get(`/api/analytics/export/funnel.csv?programmeId=${programme.id}&startFrom=2027-01-01`)
        .expect(200),
    );
    expect(table.details).toMatchObject({ filters: ['programmeId', 'startFrom'] });
    await downloaded('board-report.downloaded', () =>
      lead.get(`/api/analytics/board-report.pdf?programmeId=${programme.id}`).expect(200),
    );

    const steering = await testApp.signedIn('steering@demo.upstand.test');
    const before = (await events('impact-funnel-table.downloaded')).length;
    await steering.get(`/api/analytics/export/funnel.csv?programmeId=${programme.id}`).expect(200);
    expect((await events('impact-funnel-table.downloaded')).length).toBe(before);
  });
});
