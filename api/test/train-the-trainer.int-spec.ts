import {
  Cohort,
  CohortSession,
  Enrolment,
  Facilitator,
  FacilitatorCandidate,
  Programme,
} from '@upstand/contracts';
import { createTestApp, TestApp } from './support/test-app';

describe('train-the-trainer grows the facilitator pool', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('makes people who complete train-the-trainer co-facilitator candidates until a lead adds them', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    const ttt = (
      await lead
        .post('/api/programmes')
        .send({
          name: 'Train the trainer',
          stages: [
            {
              key: 'ttt',
              title: 'Train the trainer',
              kind: 'train-the-trainer',
              sessionCount: 2,
              mode: 'in-person',
              startTime: '09:30',
              endTime: '16:00',
              firstSession: { kind: 'start' },
              thenEvery: { kind: 'next-working-day' },
            },
          ],
          completionRule: { 'train-the-trainer': 'all' },
        })
        .expect(201)
    ).body as Programme;
    const cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: ttt.id,
          name: 'TtT spring',
          startDate: '2027-04-15',
          capacity: 12,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const [trainee, dropout] = await testApp.delegates(2);
    const traineeEnrolment = (await trainee!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201))
      .body as Enrolment;
    const dropoutEnrolment = (await dropout!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201))
      .body as Enrolment;
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    expect(sessions.map((session) => session.kind)).toEqual(['train-the-trainer', 'train-the-trainer']);
    // Registers are taken once sessions have started: the course took place last month.
    await testApp.sql(
      `WITH shift AS (SELECT max(ends_at) - (now() - interval '30 days') AS by FROM session WHERE cohort_id = $1)
       UPDATE session SET starts_at = starts_at - shift.by, ends_at = ends_at - shift.by FROM shift WHERE cohort_id = $1`,
      [cohort.id],
    );
    await lead
      .put(`/api/sessions/${sessions[0]!.id}/attendance`)
      .send({
        entries: [
          { enrolmentId: traineeEnrolment.id, status: 'present' },
          { enrolmentId: dropoutEnrolment.id, status: 'present' },
        ],
      })
      .expect(200);
    expect((await lead.get('/api/facilitators/candidates').expect(200)).body).toEqual([]);
    await lead
      .put(`/api/sessions/${sessions[1]!.id}/attendance`)
      .send({
        entries: [
          { enrolmentId: traineeEnrolment.id, status: 'present' },
          { enrolmentId: dropoutEnrolment.id, status: 'absent' },
        ],
      })
      .expect(200);

    const candidates = (await lead.get('/api/facilitators/candidates').expect(200))
      .body as FacilitatorCandidate[];
    expect(candidates).toHaveLength(1);
    expect(candidates[0]!.cohortName).toBe('TtT spring');
    const added = (
      await lead
        .post('/api/facilitators')
        .send({
          email: candidates[0]!.email,
          level: 'co-facilitator',
          sessionKinds: ['workshop', 'action-learning-set'],
        })
        .expect(201)
    ).body as Facilitator;
    expect(added.level).toBe('co-facilitator');
    expect((await lead.get('/api/facilitators/candidates').expect(200)).body).toEqual([]);
    await trainee!.get('/api/facilitators/candidates').expect(403);
  });
});
