import {
  Cohort,
  CohortLearningSets,
  CohortSession,
  Enrolment,
  Facilitator,
  Programme,
} from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('action learning sets', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let cohort: Cohort;
  let pool: Facilitator[];

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    pool = (await lead.get('/api/facilitators').expect(200)).body as Facilitator[];
    cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Sets cohort',
          startDate: '2027-05-13',
          capacity: 24,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body;
    const signUps = [
      ...(await testApp.delegates(10, 'RWE')),
      ...(await testApp.delegates(8, 'RT5')),
      ...(await testApp.delegates(4, 'RP1')),
    ];
    for (const delegate of signUps) await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
  });
  afterAll(() => testApp.close());

  it('before allocation the action learning sets belong to the cohort as a whole', async () => {
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    expect(
      sessions
        .filter((session) => session.kind === 'action-learning-set')
        .every((session) => session.setId === null),
    ).toBe(true);
    expect((await lead.get(`/api/cohorts/${cohort.id}/sets`).expect(200)).body).toEqual({
      sets: [],
      warnings: [],
    });
  });

  it('splits 22 confirmed delegates into 3 balanced sets with organisations mixed, each with its own five sessions', async () => {
    const result = (await lead.post(`/api/cohorts/${cohort.id}/sets`).send({}).expect(201))
      .body as CohortLearningSets;
    expect(result.sets.map((set) => set.members.length)).toEqual([8, 7, 7]);
    expect(result.warnings).toEqual([]);
    for (const set of result.sets) {
      expect(new Set(set.members.map((member) => member.organisationName)).size).toBe(3);
      expect(set.sessionIds).toHaveLength(5);
    }
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    const wholeCohort = sessions.filter(
      (session) => session.kind === 'action-learning-set' && session.setId === null,
    );
    expect(wholeCohort.every((session) => session.status === 'cancelled')).toBe(true);
    const setOne = sessions.filter((session) => session.setId === result.sets[0]!.id);
    expect(setOne.map((session) => session.startsAt)).toEqual(wholeCohort.map((session) => session.startsAt));
    await lead.post(`/api/cohorts/${cohort.id}/sets`).send({}).expect(409);
  });

  it('gives each set its own facilitator, refusing a double booking across sets that meet at the same time', async () => {
    const { sets } = (await lead.get(`/api/cohorts/${cohort.id}/sets`).expect(200))
      .body as CohortLearningSets;
    const tom = pool.find((facilitator) => facilitator.fullName === 'Tom Okafor')!;
    const aisha = pool.find((facilitator) => facilitator.fullName === 'Aisha Rahman')!;
    const staffed = (
      await lead.put(`/api/sets/${sets[0]!.id}/facilitator`).send({ facilitatorId: tom.id }).expect(200)
    ).body as CohortLearningSets;
    expect(staffed.sets[0]!.facilitator).toMatchObject({ fullName: 'Tom Okafor' });
    const clash = await lead
      .put(`/api/sets/${sets[1]!.id}/facilitator`)
      .send({ facilitatorId: tom.id })
      .expect(409);
    expect(clash.body.message).toMatch(/^Tom Okafor is already facilitating Action learning set: set 1/);
    await lead.put(`/api/sets/${sets[1]!.id}/facilitator`).send({ facilitatorId: aisha.id }).expect(200);
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    expect(
      sessions
        .filter((session) => session.setId === sets[0]!.id)
        .every((session) => session.facilitators[0]?.fullName === 'Tom Okafor'),
    ).toBe(true);
  });

  it('shows a facilitator the members of the sets they facilitate only, and other cohorts as not found', async () => {
    const all = (await lead.get(`/api/cohorts/${cohort.id}/sets`).expect(200)).body as CohortLearningSets;
    expect(all.sets).toHaveLength(3);
    const tom = await testApp.signedIn('facilitator@demo.upstand.test');
    const mine = (await tom.get(`/api/cohorts/${cohort.id}/sets`).expect(200)).body as CohortLearningSets;
    expect(mine.sets.map((set) => set.id)).toEqual([all.sets[0]!.id]);
    expect(mine.sets[0]!.members).toEqual(all.sets[0]!.members);
    const aisha = await testApp.signedIn('cofacilitator@demo.upstand.test');
    const hers = (await aisha.get(`/api/cohorts/${cohort.id}/sets`).expect(200)).body as CohortLearningSets;
    expect(hers.sets.map((set) => set.id)).toEqual([all.sets[1]!.id]);
    const notHers = [...all.sets[0]!.members, ...all.sets[2]!.members].map((member) => member.enrolmentId);
    expect(hers.sets[0]!.members.filter((member) => notHers.includes(member.enrolmentId))).toEqual([]);

    // A cohort whose sets they do not facilitate looks like one that does not exist.
    await lead.put(`/api/sets/${all.sets[1]!.id}/facilitator`).send({ facilitatorId: null }).expect(200);
    const notTheirs = await aisha.get(`/api/cohorts/${cohort.id}/sets`).expect(404);
    const missing = await aisha.get('/api/cohorts/00000000-0000-4000-8000-000000000000/sets').expect(404);
    expect(Object.keys(notTheirs.body).sort()).toEqual(Object.keys(missing.body).sort());
    const aishaId = pool.find((facilitator) => facilitator.fullName === 'Aisha Rahman')!.id;
    await lead.put(`/api/sets/${all.sets[1]!.id}/facilitator`).send({ facilitatorId: aishaId }).expect(200);
  });

  it('lets a lead move a delegate between sets, and warns when a set falls outside 6–8', async () => {
    const { sets } = (await lead.get(`/api/cohorts/${cohort.id}/sets`).expect(200))
      .body as CohortLearningSets;
    const moving = sets[2]!.members[0]!;
    const moved = (
      await lead
        .post(`/api/sets/${sets[0]!.id}/members`)
        .send({ enrolmentId: moving.enrolmentId })
        .expect(200)
    ).body as CohortLearningSets;
    expect(moved.sets.map((set) => set.members.length)).toEqual([9, 7, 6]);
    expect(moved.warnings).toEqual(['Set 1 has 9 people; sets work best with 6 to 8']);
    const stranger = (await testApp.delegates(1))[0]!;
    const other = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: cohort.programmeId,
          name: 'Other',
          startDate: '2027-06-10',
          capacity: 5,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const foreign = (await stranger.post(`/api/cohorts/${other.id}/enrolments`).expect(201))
      .body as Enrolment;
    const refused = await lead
      .post(`/api/sets/${sets[0]!.id}/members`)
      .send({ enrolmentId: foreign.id })
      .expect(400);
    expect(refused.body.errors[0].field).toBe('enrolmentId');
  });
});
