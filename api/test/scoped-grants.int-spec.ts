import { Cohort, CohortSession, CurrentUser, Programme } from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Grants scoped to one system (issue 10): a programme lead for NHS Coventry and Warwickshire ICB (QWU) against
 * cohorts of QWU and of LLR (QK1). A regional lead sees everything, as before.
 */
describe('scoped grants', () => {
  let testApp: TestApp;
  let regionalLead: ApiClient;
  let systemLead: ApiClient;
  let programme: Programme;
  let llrCohort: Cohort;
  let coventryCohort: Cohort;

  const newCohort = (name: string, systemOdsCode: string) => ({
    programmeId: programme.id,
    name,
    startDate: '2027-03-25',
    capacity: 20,
    systemOdsCode,
  });

  beforeAll(async () => {
    testApp = await createTestApp();
    regionalLead = await testApp.signedIn('lead@demo.upstand.test');
    systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    [programme] = (await regionalLead.get('/api/programmes').expect(200)).body as Programme[];
    llrCohort = (await regionalLead.post('/api/cohorts').send(newCohort('LLR scoped', 'QK1')).expect(201))
      .body;
    coventryCohort = (
      await regionalLead.post('/api/cohorts').send(newCohort('Coventry scoped', 'QWU')).expect(201)
    ).body;
  });
  afterAll(() => testApp.close());

  it('shows each grant with its scope on /api/auth/me', async () => {
    const me: CurrentUser = (await systemLead.get('/api/auth/me').expect(200)).body;
    expect(me.roles).toEqual([
      expect.objectContaining({
        role: 'programme-lead',
        scope: {
          kind: 'system',
          odsCode: 'QWU',
          name: 'NHS Coventry and Warwickshire Integrated Care Board',
        },
      }),
    ]);
    const regional: CurrentUser = (await regionalLead.get('/api/auth/me').expect(200)).body;
    expect(regional.roles).toEqual([
      expect.objectContaining({
        role: 'programme-lead',
        scope: { kind: 'region', odsCode: 'Y60', name: 'NHS England Midlands' },
      }),
    ]);
    const steering: CurrentUser = (
      await (await testApp.signedIn('system-steering@demo.upstand.test')).get('/api/auth/me').expect(200)
    ).body;
    expect(steering.roles).toEqual([
      expect.objectContaining({
        role: 'steering',
        scope: expect.objectContaining({ kind: 'system', odsCode: 'QWU' }),
      }),
    ]);
  });

  it("lists only the lead's own system's cohorts; a regional lead still sees every system", async () => {
    const seen: Cohort[] = (await systemLead.get('/api/cohorts?pageSize=100').expect(200)).body.items;
    expect(seen.map((cohort) => cohort.id)).toContain(coventryCohort.id);
    expect(new Set(seen.map((cohort) => cohort.system.odsCode))).toEqual(new Set(['QWU']));

    const all: Cohort[] = (await regionalLead.get('/api/cohorts?pageSize=100').expect(200)).body.items;
    expect(all.map((cohort) => cohort.id)).toEqual(expect.arrayContaining([llrCohort.id, coventryCohort.id]));
  });

  it("answers 404 for another system's cohort, as for one that does not exist", async () => {
    await systemLead.get(`/api/cohorts/${coventryCohort.id}`).expect(200);
    const sessions: CohortSession[] = (
      await systemLead.get(`/api/cohorts/${coventryCohort.id}/sessions`).expect(200)
    ).body;
    expect(sessions.length).toBeGreaterThan(0);

    const outside = await systemLead.get(`/api/cohorts/${llrCohort.id}`).expect(404);
    const missing = await systemLead.get('/api/cohorts/00000000-0000-4000-8000-000000000000').expect(404);
    // The same answer as for a cohort that does not exist, apart from the id itself.
    expect(JSON.stringify(outside.body)).toBe(
      JSON.stringify(missing.body).replaceAll('00000000-0000-4000-8000-000000000000', llrCohort.id),
    );
    await systemLead.get(`/api/cohorts/${llrCohort.id}/sessions`).expect(404);
    // The people on a cohort (names, organisations, line managers) only for a lead whose grant reaches it.
    await systemLead.get(`/api/cohorts/${coventryCohort.id}/enrolments`).expect(200);
    await systemLead.get(`/api/cohorts/${llrCohort.id}/enrolments`).expect(404);
    await regionalLead.get(`/api/cohorts/${llrCohort.id}/enrolments`).expect(200);
    await regionalLead.get(`/api/cohorts/${llrCohort.id}`).expect(200);
  });

  it("answers 404 to changes to another system's cohort and its sessions, and changes nothing", async () => {
    const [llrSession] = (await regionalLead.get(`/api/cohorts/${llrCohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    await systemLead
      .post(`/api/sessions/${llrSession?.id}/cancel`)
      .send({ reason: 'Not my system' })
      .expect(404);
    await systemLead.post(`/api/cohorts/${llrCohort.id}/sets`).send({}).expect(404);
    await systemLead.get(`/api/cohorts/${llrCohort.id}/sets`).expect(404);
    const [after] = (await regionalLead.get(`/api/cohorts/${llrCohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    expect(after?.status).toBe('scheduled');

    // In scope the same routes work (allocating sets needs confirmed delegates: a 409, not a 404).
    const [ownSession] = (await systemLead.get(`/api/cohorts/${coventryCohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    await systemLead
      .post(`/api/sessions/${ownSession?.id}/cancel`)
      .send({ reason: 'Venue flooded' })
      .expect(200);
    await systemLead.post(`/api/cohorts/${coventryCohort.id}/sets`).send({}).expect(409);
  });

  it('refuses a system lead creating a cohort for another system, naming systemOdsCode', async () => {
    const refused = await systemLead.post('/api/cohorts').send(newCohort('Not mine', 'QK1')).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'systemOdsCode', message: expect.stringContaining('QK1') },
    ]);
    const [{ count }] = await testApp.sql<{ count: string }>(
      `SELECT count(*) FROM cohort WHERE name = 'Not mine'`,
    );
    expect(count).toBe('0');
    const own: Cohort = (await systemLead.post('/api/cohorts').send(newCohort('Mine', 'qwu')).expect(201))
      .body;
    expect(own.system.odsCode).toBe('QWU');
  });
});
