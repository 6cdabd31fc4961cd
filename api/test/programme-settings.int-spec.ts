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
});
