import { Cohort, CohortSession, MovedSession, Programme, SchedulePreview } from '@upstand/contracts';
import { isBankHoliday } from '@upstand/schedule';
// ical.js: Mozilla's iCalendar parser, independent of our writer.
import ICAL from 'ical.js';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

const londonDate = (iso: string) => iso.slice(0, 10);
const weekday = (iso: string) => new Date(`${londonDate(iso)}T12:00:00Z`).getUTCDay();

describe('cohort scheduling', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(() => testApp.close());

  it('lists the seeded Active Bystander Programme with its current template', () => {
    expect(programme.name).toBe('Active Bystander Programme');
    expect(programme.currentTemplate.version).toBe(1);
    expect(programme.currentTemplate.stages.map((stage) => stage.kind)).toEqual([
      'workshop',
      'workshop',
      'action-learning-set',
      'community-of-practice',
    ]);
  });

  it('previews a spring 2027 cohort: Easter skipped, local times kept across the clock change, ALS monthly on working days', async () => {
    const preview = (
      await lead
        .post('/api/cohorts/preview')
        .send({ programmeId: programme.id, startDate: '2027-03-25' })
        .expect(200)
    ).body as SchedulePreview;
    const workshop = preview.sessions.filter((session) => session.kind === 'workshop');
    expect(workshop.map((session) => [session.startsAt, session.endsAt])).toEqual([
      ['2027-03-25T09:00:00+00:00', '2027-03-25T16:30:00+00:00'],
      ['2027-03-30T09:00:00+01:00', '2027-03-30T12:30:00+01:00'],
    ]);
    const sets = preview.sessions.filter((session) => session.kind === 'action-learning-set');
    expect(sets).toHaveLength(5);
    for (const session of sets) {
      expect(session.startsAt).toMatch(/T10:00:00\+01:00$/);
      expect(session.endsAt).toMatch(/T11:30:00\+01:00$/);
      expect([0, 6]).not.toContain(weekday(session.startsAt));
      expect(isBankHoliday(londonDate(session.startsAt))).toBe(false);
    }
    const months = sets.map((session) => session.startsAt.slice(0, 7));
    expect(new Set(months).size).toBe(5);
  });

  it('creates another programme with its own template and completion rule, refusing a malformed rule', async () => {
    const oneDay = programme.currentTemplate.stages.filter((stage) => stage.key !== 'workshop-day-2');
    const created = (
      await lead
        .post('/api/programmes')
        .send({ name: 'Senior leadership development', stages: oneDay, completionRule: { workshop: 'all' } })
        .expect(201)
    ).body as Programme;
    expect(created.currentTemplate).toMatchObject({ version: 1, completionRule: { workshop: 'all' } });
    const bad = await lead
      .post('/api/programmes')
      .send({ name: 'Bad rule', completionRule: { juggling: 2 } })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('completionRule');
    await lead.post('/api/programmes').send({ name: 'Senior leadership development' }).expect(409);
    expect(
      ((await lead.get('/api/programmes').expect(200)).body as Programme[]).map((item) => item.name),
    ).toEqual(['Active Bystander Programme', 'Senior leadership development']);
  });

  it('refuses bad cohort input with 400s naming the field, and non-leads with 403', async () => {
    const bad = await lead
      .post('/api/cohorts')
      .send({
        programmeId: programme.id,
        name: '',
        startDate: '2027-02-30',
        capacity: 0,
        systemOdsCode: 'Q!',
      })
      .expect(400);
    expect(new Set(bad.body.errors.map((error: { field: string }) => error.field))).toEqual(
      new Set(['name', 'startDate', 'capacity', 'systemOdsCode']),
    );
    const notIcb = await lead
      .post('/api/cohorts')
      .send({
        programmeId: programme.id,
        name: 'x',
        startDate: '2027-03-25',
        capacity: 24,
        systemOdsCode: 'RWE',
      })
      .expect(400);
    expect(notIcb.body.errors).toEqual([
      { field: 'systemOdsCode', message: 'systemOdsCode RWE is not an integrated care board' },
    ]);
    await lead
      .post('/api/cohorts')
      .send({
        programmeId: '00000000-0000-4000-8000-000000000000',
        name: 'x',
        startDate: '2027-03-25',
        capacity: 24,
        systemOdsCode: 'QK1',
      })
      .expect(404);
    const delegate = await testApp.signedIn('delegate@demo.upstand.test');
    await delegate
      .post('/api/cohorts')
      .send({
        programmeId: programme.id,
        name: 'x',
        startDate: '2027-03-25',
        capacity: 24,
        systemOdsCode: 'QK1',
      })
      .expect(403);
  });

  describe('moving a session onto an odd date', () => {
    let sessions: CohortSession[];
    const move = (session: CohortSession, date: string) =>
      lead
        .patch(`/api/sessions/${session.id}`)
        .send({ startsAt: `${date}T10:00:00+01:00`, endsAt: `${date}T11:30:00+01:00` })
        .expect(200);

    let created: Cohort;

    beforeAll(async () => {
      const cohort = (created = (
        await lead
          .post('/api/cohorts')
          .send({
            programmeId: programme.id,
            name: 'LLR warnings 2027',
            startDate: '2027-03-25',
            capacity: 12,
            systemOdsCode: 'QK1',
          })
          .expect(201)
      ).body as Cohort);
      sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body;
    });

    it('says, when creating it and in the preview, that the workshop is split over Easter', async () => {
      const split =
        'The workshop is split over a weekend: Thursday 25 March 2027 and Tuesday 30 March 2027. ' +
        'Its days are meant to run back to back.';
      expect(created.warnings).toEqual([
        { code: 'workshop-split', message: split, sessionId: sessions[1]!.id },
      ]);
      const preview = (
        await lead
          .post('/api/cohorts/preview')
          .send({ programmeId: programme.id, startDate: '2027-03-25' })
          .expect(200)
      ).body as SchedulePreview;
      expect(preview.warnings).toEqual([{ code: 'workshop-split', message: split }]);
    });

    it('keeps a set moved onto the 3 May 2027 bank holiday, four days after the previous set, and says why', async () => {
      const sets = sessions.filter((session) => session.kind === 'action-learning-set');
      expect(sets.map((set) => londonDate(set.startsAt))).toEqual([
        '2027-04-22',
        '2027-05-27',
        '2027-06-24',
        '2027-07-22',
        '2027-08-26',
      ]);
      const quiet = (await move(sets[0]!, '2027-04-29')).body as MovedSession;
      expect(quiet.warnings).toEqual([]);
      const moved = (await move(sets[1]!, '2027-05-03')).body as MovedSession;
      expect(moved.startsAt).toBe('2027-05-03T10:00:00+01:00');
      expect(moved.warnings).toEqual([
        {
          code: 'bank-holiday',
          message: 'Monday 3 May 2027 is a bank holiday (Early May bank holiday).',
          sessionId: sets[1]!.id,
        },
        {
          code: 'learning-set-spacing',
          message:
            'This action learning set is 4 days after the previous set (Thursday 29 April 2027). ' +
            'Sets are meant to be about a month apart.',
          sessionId: sets[1]!.id,
        },
        {
          code: 'learning-set-spacing',
          message:
            'This action learning set is 52 days before the next set (Thursday 24 June 2027). ' +
            'Sets are meant to be about a month apart.',
          sessionId: sets[1]!.id,
        },
      ]);
      // Kept, not refused.
      const [row] = await testApp.sql<{ starts_at: Date }>('SELECT starts_at FROM session WHERE id = $1', [
        sets[1]!.id,
      ]);
      expect(row!.starts_at.toISOString()).toBe('2027-05-03T09:00:00.000Z');
      const weekend = (await move(sets[4]!, '2027-09-18')).body as MovedSession;
      expect(weekend.warnings[0]).toEqual({
        code: 'weekend',
        message: 'Saturday 18 September 2027 is at the weekend.',
        sessionId: sets[4]!.id,
      });
    });

    it('warns when the second workshop day moves from Friday to the Tuesday after', async () => {
      const [day1, day2] = sessions.filter((session) => session.kind === 'workshop');
      await move(day1!, '2027-04-02');
      const moved = (await move(day2!, '2027-04-06')).body as MovedSession;
      expect(moved.warnings).toEqual([
        {
          code: 'workshop-split',
          message:
            'The workshop is split over a weekend: Friday 2 April 2027 and Tuesday 6 April 2027. ' +
            'Its days are meant to run back to back.',
          sessionId: day2!.id,
        },
      ]);
      const backToBack = (await move(day2!, '2027-04-01')).body as MovedSession;
      expect(backToBack.warnings).toEqual([]);
    });
  });

  describe('a saved cohort', () => {
    let cohort: Cohort;
    let sessions: CohortSession[];

    beforeAll(async () => {
      cohort = (
        await lead
          .post('/api/cohorts')
          .send({
            programmeId: programme.id,
            name: 'LLR spring 2027',
            startDate: '2027-03-25',
            capacity: 24,
            systemOdsCode: 'qk1',
            venue: 'Leicester General Hospital, Gwendolen Road',
          })
          .expect(201)
      ).body;
      sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body;
    });

    it('has every generated session, whole-cohort, each with a calendar UID', () => {
      expect(cohort).toMatchObject({
        name: 'LLR spring 2027',
        capacity: 24,
        system: { odsCode: 'QK1' },
        templateVersion: 1,
        startDate: '2027-03-25',
      });
      expect(sessions.map((session) => session.kind)).toEqual([
        'workshop',
        'workshop',
        'action-learning-set',
        'action-learning-set',
        'action-learning-set',
        'action-learning-set',
        'action-learning-set',
        'community-of-practice',
      ]);
      expect(
        sessions.every(
          (session) =>
            session.setId === null && session.calendarSequence === 0 && session.status === 'scheduled',
        ),
      ).toBe(true);
      expect(new Set(sessions.map((session) => session.calendarUid)).size).toBe(sessions.length);
    });

    it('gives an .ics that an independent parser reads, and after a move the same UID with a higher SEQUENCE', async () => {
      const als = sessions.find((session) => session.kind === 'action-learning-set')!;
      const before = await lead.get(`/api/sessions/${als.id}/ics`).expect(200);
      expect(before.headers['content-type']).toMatch(/^text\/calendar/);
      const parsedBefore = parseEvent(before.text);
      expect(parsedBefore.uid).toBe(als.calendarUid);
      expect(parsedBefore.sequence).toBe(0);
      expect(parsedBefore.start).toBe(new Date(als.startsAt).toISOString());

      const moved = (
        await lead
          .patch(`/api/sessions/${als.id}`)
          .send({
            startsAt: '2027-04-23T14:00:00+01:00',
            endsAt: '2027-04-23T15:30:00+01:00',
            reason: 'Facilitator on leave',
          })
          .expect(200)
      ).body as CohortSession;
      expect(moved).toMatchObject({
        startsAt: '2027-04-23T14:00:00+01:00',
        calendarSequence: 1,
        calendarUid: als.calendarUid,
      });

      const parsedAfter = parseEvent((await lead.get(`/api/sessions/${als.id}/ics`).expect(200)).text);
      expect(parsedAfter.uid).toBe(parsedBefore.uid);
      expect(parsedAfter.sequence).toBeGreaterThan(parsedBefore.sequence);
      expect(parsedAfter.start).toBe('2027-04-23T13:00:00.000Z');

      const history = await testApp.sql<{ action: string; reason: string }>(
        'SELECT action, reason FROM session_change WHERE session_id = $1',
        [als.id],
      );
      expect(history).toEqual([{ action: 'moved', reason: 'Facilitator on leave' }]);
    });

    it('applies concurrent moves one after another (each raises SEQUENCE)', async () => {
      const target = sessions.find((session) => session.kind === 'community-of-practice')!;
      const times = ['12:00', '12:30', '13:00', '13:30'];
      await Promise.all(
        times.map((time) =>
          lead
            .patch(`/api/sessions/${target.id}`)
            .send({
              startsAt: `2027-09-20T${time}:00+01:00`,
              endsAt: `2027-09-20T${time.replace(/^12/, '13').replace(/^13:(\d\d)$/, '14:$1')}:00+01:00`,
            })
            .expect(200),
        ),
      );
      const [row] = await testApp.sql<{ calendar_sequence: number }>(
        'SELECT calendar_sequence FROM session WHERE id = $1',
        [target.id],
      );
      expect(row!.calendar_sequence).toBe(times.length);
      const changes = await testApp.sql('SELECT 1 FROM session_change WHERE session_id = $1', [target.id]);
      expect(changes).toHaveLength(times.length);
    });

    it('refuses a move that ends before it starts, naming endsAt', async () => {
      const response = await lead
        .patch(`/api/sessions/${sessions[0]!.id}`)
        .send({ startsAt: '2027-03-25T10:00:00Z', endsAt: '2027-03-25T09:00:00Z' })
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'endsAt', message: 'endsAt must be after startsAt' }]);
      const noOffset = await lead
        .patch(`/api/sessions/${sessions[0]!.id}`)
        .send({ startsAt: '2027-03-25', endsAt: '2027-03-25T09:00:00Z' })
        .expect(400);
      expect(noOffset.body.errors[0].field).toBe('startsAt');
    });

    it('keeps the template version it was scheduled from when the template is edited', async () => {
      const oneDay = programme.currentTemplate.stages.filter((stage) => stage.key !== 'workshop-day-2');
      const updated = (
        await lead.put(`/api/programmes/${programme.id}/template`).send({ stages: oneDay }).expect(200)
      ).body as Programme;
      expect(updated.currentTemplate.version).toBe(2);
      expect((await lead.get(`/api/cohorts/${cohort.id}`).expect(200)).body.templateVersion).toBe(1);
      const preview = (
        await lead
          .post('/api/cohorts/preview')
          .send({ programmeId: programme.id, startDate: '2027-03-25' })
          .expect(200)
      ).body as SchedulePreview;
      expect(preview.templateVersion).toBe(2);
      expect(preview.sessions.filter((session) => session.kind === 'workshop')).toHaveLength(1);
      const bad = await lead
        .put(`/api/programmes/${programme.id}/template`)
        .send({ stages: [{ ...oneDay[0], startTime: '25:00' }] })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('stages.0.startTime');
    });
  });
});

function parseEvent(text: string): { uid: string; sequence: number; start: string } {
  const component = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
  return { uid: event.uid, sequence: event.sequence, start: event.startDate.toJSDate().toISOString() };
}
