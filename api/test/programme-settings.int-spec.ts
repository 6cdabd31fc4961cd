import { Cohort, Programme } from '@upstand/contracts';
import { PRE_ANSWERS } from './support/questionnaire-answers';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Programme settings: switching anonymous evaluation once questionnaire responses exist stops later answers
 * pairing with earlier ones, so it needs an explicit confirmation.
 */
describe('programme settings', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    programme = (await lead.post('/api/programmes').send({ name: 'Settings test programme' }).expect(201))
      .body as Programme;
  });
  afterAll(() => testApp.close());

  const settingsAudit = () =>
    testApp.sql<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE action = 'programme.settings' AND entity_id = $1 ORDER BY occurred_at`,
      [programme.id],
    );

  it('shows leads how many questionnaire responses the programme holds, and no one else', async () => {
    const asLead = (await lead.get(`/api/programmes/${programme.id}`).expect(200)).body as Programme;
    expect(asLead.evaluationResponseCount).toBe(0);
    const [delegate] = await testApp.delegates(1);
    const asDelegate = (await delegate!.get(`/api/programmes/${programme.id}`).expect(200)).body as Programme;
    expect(asDelegate).not.toHaveProperty('evaluationResponseCount');
  });

  it('switches anonymous evaluation on and off freely while there are no responses', async () => {
    const on = (
      await lead
        .patch(`/api/programmes/${programme.id}/settings`)
        .send({ anonymousEvaluation: true })
        .expect(200)
    ).body as Programme;
    expect(on).toMatchObject({ anonymousEvaluation: true, evaluationResponseCount: 0 });
    const off = (
      await lead
        .patch(`/api/programmes/${programme.id}/settings`)
        .send({ anonymousEvaluation: false })
        .expect(200)
    ).body as Programme;
    expect(off.anonymousEvaluation).toBe(false);
    expect((await settingsAudit()).map((row) => row.details)).toEqual([
      { anonymousEvaluation: true },
      { anonymousEvaluation: false },
    ]);
  });

  it('refuses the switch with 409 naming anonymousEvaluation once a response exists, unless confirmed', async () => {
    const cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: 'Settings cohort',
          startDate: '2027-05-13',
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const [delegate] = await testApp.delegates(1);
    await delegate!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await delegate!.put('/api/me/evaluations/pre').send({ answers: PRE_ANSWERS }).expect(200);
    expect(
      ((await lead.get(`/api/programmes/${programme.id}`).expect(200)).body as Programme)
        .evaluationResponseCount,
    ).toBe(1);

    const refused = await lead
      .patch(`/api/programmes/${programme.id}/settings`)
      .send({ anonymousEvaluation: true, offerHoldHours: 24 })
      .expect(409);
    expect(refused.body.errors).toEqual([
      {
        field: 'anonymousEvaluation',
        message:
          'This programme already has 1 questionnaire response. Switching anonymous evaluation on means answers ' +
          'given after the change cannot be paired with it. Confirm that you want to switch anyway.',
      },
    ]);
    const unchanged = (await lead.get(`/api/programmes/${programme.id}`).expect(200)).body as Programme;
    expect(unchanged).toMatchObject({ anonymousEvaluation: false, offerHoldHours: 48 });

    // Saving other settings with the value unchanged needs no confirmation.
    await lead
      .patch(`/api/programmes/${programme.id}/settings`)
      .send({ anonymousEvaluation: false, offerHoldHours: 36 })
      .expect(200);

    const bad = await lead
      .patch(`/api/programmes/${programme.id}/settings`)
      .send({ anonymousEvaluation: true, confirmPairingBreak: 'yes' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('confirmPairingBreak');
    await lead
      .patch(`/api/programmes/${programme.id}/settings`)
      .send({ anonymousEvaluation: true, confirmPairingBreak: false })
      .expect(409);

    const switched = (
      await lead
        .patch(`/api/programmes/${programme.id}/settings`)
        .send({ anonymousEvaluation: true, confirmPairingBreak: true })
        .expect(200)
    ).body as Programme;
    expect(switched).toMatchObject({
      anonymousEvaluation: true,
      offerHoldHours: 36,
      evaluationResponseCount: 1,
    });
    expect(
      await testApp.sql(`SELECT anonymous_evaluation FROM programme WHERE id = $1`, [programme.id]),
    ).toEqual([{ anonymous_evaluation: true }]);
    expect((await settingsAudit()).at(-1)!.details).toEqual({
      anonymousEvaluation: true,
      pairingBreakConfirmed: true,
      responses: 1,
    });

    // Switching back is refused the same way.
    const back = await lead
      .patch(`/api/programmes/${programme.id}/settings`)
      .send({ anonymousEvaluation: false })
      .expect(409);
    expect(back.body.errors[0].field).toBe('anonymousEvaluation');
    expect(back.body.message).toMatch(/Switching anonymous evaluation off/);
  });
  /** A fresh programme with one delegate holding a place, and its pre questionnaire published. */
  async function programmeWithDelegate(name: string, startDate: string) {
    const created = (await lead.post('/api/programmes').send({ name }).expect(201)).body as Programme;
    const cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: created.id,
          name: `${name} cohort`,
          startDate,
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const [delegate] = await testApp.delegates(1);
    await delegate!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await lead.get(`/api/programmes/${created.id}/instruments`).expect(200);
    const [enrolment] = await testApp.sql<{ id: string; delegate_user_id: string }>(
      `SELECT id, delegate_user_id FROM enrolment WHERE cohort_id = $1`,
      [cohort.id],
    );
    const [instrument] = await testApp.sql<{ id: string }>(
      `SELECT id FROM instrument WHERE programme_id = $1 AND stage = 'pre' ORDER BY version DESC LIMIT 1`,
      [created.id],
    );
    return {
      programme: created,
      cohort,
      delegate: delegate!,
      enrolment: enrolment!,
      instrument: instrument!,
    };
  }

  it('does not let a switch slip past a questionnaire response being stored at the same moment', async () => {
    const {
      programme: other,
      cohort,
      enrolment,
      instrument,
    } = await programmeWithDelegate('Race test programme', '2027-05-20');

    // A submission in flight holds a share lock on the programme while it stores its response.
    await testApp.sql('BEGIN');
    await testApp.sql('SELECT id FROM programme WHERE id = $1 FOR SHARE', [other.id]);
    const switching = lead
      .patch(`/api/programmes/${other.id}/settings`)
      .send({ anonymousEvaluation: true })
      .then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await testApp.sql(
      `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, stage, instrument_id)
       VALUES ($1, $2, $3, $4, $5, 'pre', $6)`,
      [
        other.id,
        cohort.id,
        enrolment!.id,
        enrolment!.delegate_user_id,
        enrolment!.delegate_user_id,
        instrument!.id,
      ],
    );
    await testApp.sql('COMMIT');

    const response = await switching;
    expect(response.status).toBe(409);
    expect(response.body.errors[0].field).toBe('anonymousEvaluation');
    expect(await testApp.sql(`SELECT anonymous_evaluation FROM programme WHERE id = $1`, [other.id])).toEqual(
      [{ anonymous_evaluation: false }],
    );
  });
  it('refuses a questionnaire answered while the programme switched how answers are linked', async () => {
    const {
      programme: switched,
      delegate,
      enrolment,
    } = await programmeWithDelegate('Switch during submission', '2027-05-27');
    // Hold the delegate's place so the submission waits after reading the programme's (identified) mode.
    await testApp.sql('BEGIN');
    await testApp.sql('SELECT id FROM enrolment WHERE id = $1 FOR UPDATE', [enrolment.id]);
    const submitting = delegate
      .put('/api/me/evaluations/pre')
      .send({ answers: PRE_ANSWERS })
      .then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await testApp.sql('UPDATE programme SET anonymous_evaluation = true WHERE id = $1', [switched.id]);
    await testApp.sql('COMMIT');

    const response = await submitting;
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/Reload the page and answer again/);
    expect(
      await testApp.sql(`SELECT count(*)::int AS n FROM evaluation_response WHERE programme_id = $1`, [
        switched.id,
      ]),
    ).toEqual([{ n: 0 }]);
  });
});
