import { Cohort, CohortSession, MyDataExport, Programme } from '@upstand/contracts';
import { ACTIVATION_SUBJECT } from '../src/modules/auth/registration.service';
import { PRE_ANSWERS } from './support/questionnaire-answers';
import { registerAndActivate } from './support/registration';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/** Subject access: GET /api/me/data-export gives a person everything held about them, and nobody else's. */
describe('downloading my data', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let morgan: ApiClient;
  let other: ApiClient;
  let cohort: Cohort;

  const PROFILE = {
    jobTitle: 'Occupational therapist',
    staffGroup: 'Allied Health Professionals',
    payScheme: 'agenda-for-change',
    payBand: '6',
    lineManagerName: 'Helen Carter',
    lineManagerEmail: 'manager@demo.upstand.test',
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Data export cohort',
          startDate: '2027-05-13',
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;

    morgan = await registerAndActivate(testApp, {
      email: 'morgan.blake@example.nhs.uk',
      fullName: 'Morgan Blake',
      password: 'a long enough password',
    });
    await morgan.put('/api/me/profile').send(PROFILE).expect(200);
    await morgan
      .put('/api/me/equality')
      .send({ ethnicCategory: 'H', disability: 'no', sex: 'female', ageBand: '35-44' })
      .expect(200);
    await morgan.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await morgan.put('/api/me/evaluations/pre').send({ answers: PRE_ANSWERS }).expect(200);

    // Another delegate on the same cohort, with answers of their own that must not appear in Morgan's export.
    [other] = await testApp.delegates(1);
    await other!.put('/api/me/equality').send({ ethnicCategory: 'M', sex: 'male' }).expect(200);
    await other!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await other!
      .put('/api/me/evaluations/pre')
      .send({ answers: PRE_ANSWERS.map((answer) => ({ ...answer, value: 1 })) })
      .expect(200);

    // Both were marked present at the first workshop (written directly: a register opens only once it starts).
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    await testApp.sql(
      `INSERT INTO attendance (session_id, enrolment_id, status)
       SELECT $1, e.id, CASE WHEN u.email = 'morgan.blake@example.nhs.uk' THEN 'present' ELSE 'absent' END
         FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id WHERE e.cohort_id = $2`,
      [sessions[0]!.id, cohort.id],
    );
  });
  afterAll(() => testApp.close());

  it('gives a delegate everything held about them as a JSON download, and only theirs', async () => {
    const response = await morgan.get('/api/me/data-export').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="upstand-my-data.json"');
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.body as MyDataExport;

    expect(data.account).toMatchObject({
      email: 'morgan.blake@example.nhs.uk',
      fullName: 'Morgan Blake',
      roles: ['delegate'],
    });
    expect(data.delegateProfile).toEqual(PROFILE);
    expect(data.equalityMonitoring).toEqual({
      ethnicCategory: 'H',
      disability: 'no',
      sex: 'female',
      ageBand: '35-44',
    });
    expect(data.enrolments).toEqual([
      expect.objectContaining({ cohort: 'Data export cohort', status: 'confirmed' }),
    ]);
    expect(data.attendance).toEqual([
      expect.objectContaining({ cohort: 'Data export cohort', status: 'present' }),
    ]);
    expect(data.questionnaireResponses).toHaveLength(1);
    expect(data.questionnaireResponses[0]).toMatchObject({ cohort: 'Data export cohort', stage: 'pre' });
    expect(
      [...data.questionnaireResponses[0]!.answers].sort((a, b) => a.itemCode.localeCompare(b.itemCode)),
    ).toEqual([...PRE_ANSWERS].sort((a, b) => a.itemCode.localeCompare(b.itemCode)));
    expect(data.emails.map((email) => email.subject)).toContain(ACTIVATION_SUBJECT);
    expect(JSON.stringify(data.emails)).not.toMatch(/token=|http/);
    expect(data.auditEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'profile.created', fields: expect.arrayContaining(['jobTitle']) }),
        expect.objectContaining({ action: 'equality.updated', fields: [] }),
      ]),
    );
    // Nothing of the other delegate: not their name, address, answers or equality data.
    const otherEmail = (await other.get('/api/auth/me').expect(200)).body.email as string;
    expect(JSON.stringify(data)).not.toContain(otherEmail);
  });

  it("gives the other delegate their own data, not Morgan's", async () => {
    const data = (await other.get('/api/me/data-export').expect(200)).body as MyDataExport;
    expect(data.equalityMonitoring).toMatchObject({ ethnicCategory: 'M', sex: 'male' });
    expect(data.attendance).toEqual([expect.objectContaining({ status: 'absent' })]);
    expect(data.questionnaireResponses[0]!.answers.every((answer) => answer.value === 1)).toBe(true);
    expect(JSON.stringify(data)).not.toContain('morgan.blake@example.nhs.uk');
    expect(JSON.stringify(data)).not.toContain('Morgan Blake');
  });

  it('records each download in the audit log', async () => {
    const [userRow] = await testApp.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [
      'morgan.blake@example.nhs.uk',
    ]);
    const before = await testApp.sql(
      `SELECT 1 FROM audit_event WHERE action = 'user.data-exported' AND entity_id = $1`,
      [userRow!.id],
    );
    await morgan.get('/api/me/data-export').expect(200);
    const after = await testApp.sql<{ actor_user_id: string }>(
      `SELECT actor_user_id FROM audit_event WHERE action = 'user.data-exported' AND entity_id = $1`,
      [userRow!.id],
    );
    expect(after).toHaveLength(before.length + 1);
    expect(after.every((row) => row.actor_user_id === userRow!.id)).toBe(true);
  });

  it('answers 401 to someone not signed in', async () => {
    await (await testApp.client()).get('/api/me/data-export').expect(401);
  });
});
