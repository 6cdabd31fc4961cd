import { Cohort, CohortSession, Enrolment, Journey, Programme, SponsorDelegate } from '@upstand/contracts';
import { parseICalendar } from './support/itip';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('my journey, transfers and the sponsor view', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;

  const newCohort = async (name: string, startDate: string, capacity = 10) =>
    (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name,
          startDate,
          capacity,
          systemOdsCode: 'QK1',
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
        })
        .expect(201)
    ).body as Cohort;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(() => testApp.close());

  it('shows each stage with its sessions, join links once booked, and what comes next', async () => {
    const delegate = await testApp.signedIn('delegate@demo.upstand.test');
    expect((await delegate.get('/api/me/journey').expect(200)).body).toMatchObject({
      enrolment: null,
      stages: [],
    });
    const cohort = await newCohort('Journey cohort', '2027-05-13');
    await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    const journey = (await delegate.get('/api/me/journey').expect(200)).body as Journey;
    expect(journey.enrolment).toMatchObject({ status: 'confirmed', cohortName: 'Journey cohort' });
    expect(journey.programmeName).toBe('Active Bystander Programme');
    expect(journey.stages.map((stage) => [stage.title, stage.sessions.length])).toEqual([
      ['Active Bystander workshop: day 1', 1],
      ['Active Bystander workshop: day 2', 1],
      ['Action learning set', 5],
      ['Community of practice catch-up', 1],
    ]);
    expect(journey.stages[2]!.sessions[0]!.joinUrl).toBe('https://teams.microsoft.com/l/meetup-join/x');
    expect(journey.stages[0]!.sessions[0]!.joinUrl).toBeNull();
    expect(journey.nextSession!.startsAt).toBe('2027-05-13T09:00:00+01:00');
    expect(journey.certificateUrl).toBeNull();
  });

  it('gives a delegate every session they are booked on as one calendar file, and in their calendar feed', async () => {
    const cohort = await newCohort('Calendar cohort', '2027-09-09');
    const [delegate, waiting] = await testApp.delegates(2);
    await delegate!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    const uids = (text: string) =>
      parseICalendar(text)
        .components.filter((component) => component.name === 'VEVENT')
        .map((event) => event.properties.find((property) => property.name === 'UID')!.value)
        .sort();

    const download = await delegate!.get('/api/me/calendar.ics').expect(200);
    expect(download.headers['content-type']).toMatch(/^text\/calendar/);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.text).toContain('METHOD:PUBLISH\r\n');
    expect(uids(download.text)).toEqual(sessions.map((session) => session.calendarUid).sort());

    const { url } = (await delegate!.post('/api/me/calendar-feed').expect(201)).body as { url: string };
    const feed = await (await testApp.client()).get(new URL(url).pathname).expect(200);
    expect(uids(feed.text)).toEqual(sessions.map((session) => session.calendarUid).sort());

    // Someone without a place has nothing to add; a lead has no such file.
    expect(uids((await waiting!.get('/api/me/calendar.ics').expect(200)).text)).toEqual([]);
    await lead.get('/api/me/calendar.ics').expect(403);
  });

  it('hides join links from someone still on the waiting list', async () => {
    const cohort = await newCohort('Full cohort', '2027-06-10', 1);
    const [first, second] = await testApp.delegates(2);
    await first!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await second!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    const journey = (await second!.get('/api/me/journey').expect(200)).body as Journey;
    expect(journey.enrolment!.status).toBe('waitlisted');
    expect(
      journey.stages.flatMap((stage) => stage.sessions).every((session) => session.joinUrl === null),
    ).toBe(true);
  });

  it('transfers a delegate to another cohort, keeping the old enrolment and its attendance', async () => {
    const from = await newCohort('Transfer from', '2027-07-08');
    const to = await newCohort('Transfer to', '2027-09-09');
    const [delegate] = await testApp.delegates(1);
    const original = (await delegate!.post(`/api/cohorts/${from.id}/enrolments`).expect(201))
      .body as Enrolment;
    const [day1] = (await lead.get(`/api/cohorts/${from.id}/sessions`).expect(200)).body as CohortSession[];
    // A register can be taken only once its session has started: day 1 took place yesterday.
    await testApp.sql(
      `UPDATE session SET starts_at = now() - interval '1 day 7 hours', ends_at = now() - interval '1 day' WHERE id = $1`,
      [day1!.id],
    );
    await lead
      .put(`/api/sessions/${day1!.id}/attendance`)
      .send({ entries: [{ enrolmentId: original.id, status: 'present' }] })
      .expect(200);
    const moved = (
      await lead.post(`/api/enrolments/${original.id}/transfer`).send({ cohortId: to.id }).expect(200)
    ).body as Enrolment;
    expect(moved).toMatchObject({ cohortId: to.id, status: 'confirmed' });
    const history = await testApp.sql<{ status: string; transferred_from_id: string | null }>(
      `SELECT status, transferred_from_id FROM enrolment WHERE delegate_user_id = (SELECT delegate_user_id FROM enrolment WHERE id = $1) ORDER BY created_at`,
      [original.id],
    );
    expect(history).toEqual([
      { status: 'withdrawn', transferred_from_id: null },
      { status: 'confirmed', transferred_from_id: original.id },
    ]);
    expect(await testApp.sql(`SELECT status FROM attendance WHERE enrolment_id = $1`, [original.id])).toEqual(
      [{ status: 'present' }],
    );
    const same = await lead
      .post(`/api/enrolments/${moved.id}/transfer`)
      .send({ cohortId: to.id })
      .expect(400);
    expect(same.body.errors[0].field).toBe('cohortId');
    await delegate!.post(`/api/enrolments/${moved.id}/transfer`).send({ cohortId: from.id }).expect(403);
  });

  it('shows a sponsor their own organisation only, without equality data', async () => {
    const cohort = await newCohort('Sponsor cohort', '2027-10-14');
    const [rwe] = await testApp.delegates(1, 'RWE');
    const [rt5] = await testApp.delegates(1, 'RT5');
    await rwe!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await rt5!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await testApp.sql(
      `UPDATE app_user SET full_name = 'Rita from RT5' WHERE organisation_id = (SELECT id FROM organisation WHERE ods_code = 'RT5')`,
    );
    const sponsor = await testApp.signedIn('sponsor@demo.upstand.test');
    const seen = (await sponsor.get('/api/sponsor/delegates?pageSize=100').expect(200)).body
      .items as SponsorDelegate[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((row) => row.fullName === 'Rita from RT5')).toBe(false);
    expect(Object.keys(seen[0]!).sort()).toEqual([
      'cohortName',
      'fullName',
      'jobTitle',
      'sessionsAttended',
      'sessionsHeld',
      'status',
    ]);
    await lead.get('/api/sponsor/delegates').expect(403);
  });
});
