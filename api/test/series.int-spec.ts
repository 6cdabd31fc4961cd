import { CalendarEntry, Programme, Series } from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('recurring series of stand-alone sessions', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(() => testApp.close());

  const catchUps = (extra: Record<string, unknown> = {}) =>
    lead.post('/api/series').send({
      programmeId: programme.id,
      kind: 'community-of-practice',
      title: 'Community of Practice coffee catch-up',
      mode: 'virtual',
      systemOdsCode: 'QK1',
      startDate: '2027-01-06',
      startTime: '12:30',
      endTime: '13:30',
      rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=12',
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/coffee',
      ...extra,
    });

  it('schedules "first Wednesday of each month, 12:30–13:30" with an exception, at London times all year', async () => {
    const series = (await catchUps({ exceptions: ['2027-08-04'] }).expect(201)).body as Series;
    expect(series).toMatchObject({
      rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=12',
      exceptions: ['2027-08-04'],
      systemOdsCode: 'QK1',
      sessionCount: 11,
    });
    const entries = (
      await lead.get('/api/calendar?from=2027-01-01&to=2028-01-01&kind=community-of-practice').expect(200)
    ).body as CalendarEntry[];
    const mine = entries.filter((entry) => entry.seriesId === series.id);
    expect(mine.map((entry) => entry.startsAt.slice(0, 10))).toEqual([
      '2027-01-06',
      '2027-02-03',
      '2027-03-03',
      '2027-04-07',
      '2027-05-05',
      '2027-06-02',
      '2027-07-07',
      '2027-09-01',
      '2027-10-06',
      '2027-11-03',
      '2027-12-01',
    ]);
    expect(mine.every((entry) => /T12:30:00\+0[01]:00$/.test(entry.startsAt))).toBe(true);
    expect(mine[3]!.startsAt).toBe('2027-04-07T12:30:00+01:00');
    expect(mine[0]!.startsAt).toBe('2027-01-06T12:30:00+00:00');
  });

  it('skips bank holidays by default, or moves them to the next working day', async () => {
    const monday = {
      rrule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=6',
      startDate: '2027-01-04',
      kind: 'line-manager-webinar',
      title: 'Line-manager webinar',
    };
    const skipped = (await catchUps(monday).expect(201)).body as Series;
    expect(skipped.sessionCount).toBe(5); // Monday 3 May 2027 is the early May bank holiday
    const moved = (await catchUps({ ...monday, onBankHoliday: 'next-working-day' }).expect(201))
      .body as Series;
    expect(moved.sessionCount).toBe(6);
    const entries = (
      await lead.get('/api/calendar?from=2027-05-01&to=2027-06-01&kind=line-manager-webinar').expect(200)
    ).body as CalendarEntry[];
    expect(
      entries.filter((entry) => entry.seriesId === moved.id).map((entry) => entry.startsAt.slice(0, 10)),
    ).toEqual(['2027-05-04']);
  });

  it('says when a series starting on Good Friday moves its weekday, or loses its first date', async () => {
    const goodFriday = { rrule: 'FREQ=WEEKLY;COUNT=3', startDate: '2027-03-26', title: 'Friday huddle' };
    const moved = (await catchUps({ ...goodFriday, onBankHoliday: 'next-working-day' }).expect(201))
      .body as Series;
    expect(moved.warnings).toEqual([
      {
        code: 'series-weekday-moved',
        message:
          'Friday 26 March 2027 is a bank holiday (Good Friday), so that session moves to Tuesday 30 March 2027: ' +
          'a Tuesday, not a Friday.',
      },
    ]);
    const skipped = (await catchUps(goodFriday).expect(201)).body as Series;
    expect(skipped.sessionCount).toBe(2);
    expect(skipped.warnings).toEqual([
      {
        code: 'bank-holiday',
        message:
          'Friday 26 March 2027 is a bank holiday (Good Friday), so there is no session that day. ' +
          'The series starts on Friday 2 April 2027 instead.',
      },
    ]);
    const ordinary = (await catchUps().expect(201)).body as Series;
    expect(ordinary.warnings).toEqual([]);
  });

  it('refuses a bad rule naming the part, and a backwards time', async () => {
    const bad = await catchUps({ rrule: 'FREQ=MONTHLY;BYDAY=9WE' }).expect(400);
    expect(bad.body.errors[0].field).toBe('rrule');
    expect(bad.body.message).toMatch(/BYDAY/);
    const backwards = await catchUps({ startTime: '14:00', endTime: '13:00' }).expect(400);
    expect(backwards.body.errors).toEqual([{ field: 'endTime', message: 'endTime must be after startTime' }]);
  });

  it('lets a single occurrence be cancelled like any session', async () => {
    const series = (
      await catchUps({ startDate: '2028-01-05', rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=3' }).expect(201)
    ).body as Series;
    const [first] = (
      (await lead.get('/api/calendar?from=2028-01-01&to=2028-02-01').expect(200)).body as CalendarEntry[]
    ).filter((entry) => entry.seriesId === series.id);
    await lead
      .post(`/api/sessions/${first!.sessionId}/cancel`)
      .send({ reason: 'Clashes with the annual celebration' })
      .expect(200);
    const listed = ((await lead.get('/api/series').expect(200)).body as Series[]).find(
      (candidate) => candidate.id === series.id,
    );
    expect(listed!.sessionCount).toBe(3);
  });
});
