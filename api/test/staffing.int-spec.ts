import { createHash } from 'crypto';
import {
  CalendarEntry,
  CalendarFeed,
  Cohort,
  CohortSession,
  Facilitator,
  Programme,
  Venue,
} from '@upstand/contracts';
import ICAL from 'ical.js';
import request from 'supertest';
import { addDays } from '@upstand/schedule';
import { todayInLondon } from '../src/common/london-date';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('facilitators, venues, clashes and calendars', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;
  let tom: Facilitator;
  let aisha: Facilitator;
  let venue: Venue;

  const createCohort = (body: Record<string, unknown>) =>
    lead
      .post('/api/cohorts')
      .send({ programmeId: programme.id, capacity: 24, systemOdsCode: 'QK1', ...body });

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    const pool = (await lead.get('/api/facilitators').expect(200)).body as Facilitator[];
    tom = pool.find((facilitator) => facilitator.email === 'facilitator@demo.upstand.test')!;
    aisha = pool.find((facilitator) => facilitator.email === 'cofacilitator@demo.upstand.test')!;
    venue = ((await lead.get('/api/venues').expect(200)).body as Venue[]).find(
      (candidate) => candidate.capacity === 30,
    )!;
  });
  afterAll(() => testApp.close());

  it('has the demo facilitator pool and venues', () => {
    expect(tom).toMatchObject({ fullName: 'Tom Okafor', level: 'lead-facilitator', active: true });
    expect(aisha).toMatchObject({ level: 'co-facilitator' });
    expect(venue.name).toMatch(/Leicester General/);
  });

  it('flags a future session nobody is running, but never one that is over', async () => {
    const unstaffed = (
      await createCohort({ name: 'Unstaffed cohort', startDate: addDays(todayInLondon(), 60) }).expect(201)
    ).body as Cohort;
    const [first, second] = (await lead.get(`/api/cohorts/${unstaffed.id}/sessions`).expect(200))
      .body as CohortSession[];
    // The first workshop day was held a month ago (as a pilot's sessions were, recorded without staff).
    await testApp.sql(
      `UPDATE session SET starts_at = starts_at - (starts_at - (now() - interval '30 days')),
                          ends_at = ends_at - (starts_at - (now() - interval '30 days'))
       WHERE id = $1`,
      [first!.id],
    );
    const sessions = (await lead.get(`/api/cohorts/${unstaffed.id}/sessions`).expect(200))
      .body as CohortSession[];
    const past = sessions.find((session) => session.id === first!.id)!;
    const future = sessions.find((session) => session.id === second!.id)!;
    expect(new Date(past.endsAt).getTime()).toBeLessThan(Date.now());
    expect(past.problems).toEqual([]);
    expect(future.problems).toContain('Needs 2 facilitators, has 0');
    const calendar = (
      await lead
        .get(
          `/api/calendar?from=${addDays(todayInLondon(), -40)}&to=${addDays(todayInLondon(), 200)}&cohortId=${unstaffed.id}`,
        )
        .expect(200)
    ).body as CalendarEntry[];
    expect(calendar.find((entry) => entry.sessionId === first!.id)!.problems).toEqual([]);
    expect(calendar.find((entry) => entry.sessionId === second!.id)!.problems).toContain(
      'Needs 2 facilitators, has 0',
    );
  });

  describe('creating a staffed cohort', () => {
    let cohort: Cohort;
    let sessions: CohortSession[];

    beforeAll(async () => {
      cohort = (
        await createCohort({
          name: 'Staffed cohort',
          startDate: '2027-03-25',
          venueId: venue.id,
          facilitatorIds: [tom.id, aisha.id],
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
        }).expect(201)
      ).body;
      sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body;
    });

    it('puts the facilitators and venue on the workshop and the join link on virtual sessions; flags what is missing', () => {
      const [day1, day2] = sessions;
      expect(day1!.facilitators.map((facilitator) => facilitator.fullName)).toEqual([
        'Tom Okafor',
        'Aisha Rahman',
      ]);
      expect(day2!.venueName).toBe(venue.name);
      expect(day1!.problems).toEqual([]);
      const als = sessions.find((session) => session.kind === 'action-learning-set')!;
      expect(als.joinUrl).toBe('https://teams.microsoft.com/l/meetup-join/abc');
      expect(als.problems).toEqual(['Needs 1 facilitator, has 0']);
    });

    it('refuses a second cohort double-booking a facilitator, naming the clash, and saves nothing', async () => {
      const before = await testApp.sql<{ count: number }>('SELECT count(*)::int AS count FROM cohort');
      const response = await createCohort({
        name: 'Clashing cohort',
        startDate: '2027-03-25',
        facilitatorIds: [tom.id, aisha.id],
      }).expect(409);
      expect(response.body.message).toBe(
        'Tom Okafor is already facilitating Active Bystander workshop: day 1 (Staffed cohort) on Thursday 25 March 2027 09:00–16:30',
      );
      expect(response.body.errors[0].field).toBe('facilitatorIds');
      expect(await testApp.sql('SELECT count(*)::int AS count FROM cohort')).toEqual(before);
    });

    it('refuses a double-booked venue, naming it', async () => {
      const response = await createCohort({
        name: 'Same room',
        startDate: '2027-03-25',
        venueId: venue.id,
      }).expect(409);
      expect(response.body.message).toMatch(
        /^Leicester General Hospital, Education Centre is already booked for Active Bystander workshop: day 1 \(Staffed cohort\)/,
      );
    });

    it('refuses an under-staffed workshop team and an unqualified or unavailable facilitator', async () => {
      const alone = await createCohort({
        name: 'Alone',
        startDate: '2027-06-10',
        facilitatorIds: [aisha.id],
      }).expect(409);
      expect(alone.body.message).toMatch(
        /under-staffed: a workshop needs 2 facilitators, at least 1 a lead facilitator/,
      );
      await lead
        .patch(`/api/facilitators/${aisha.id}`)
        .send({ unavailableDates: ['2027-06-10'] })
        .expect(200);
      const away = await createCohort({
        name: 'Away',
        startDate: '2027-06-10',
        facilitatorIds: [tom.id, aisha.id],
      }).expect(409);
      expect(away.body.message).toBe('Aisha Rahman is unavailable on Thursday 10 June 2027');
      await lead
        .patch(`/api/facilitators/${aisha.id}`)
        .send({ sessionKinds: ['action-learning-set'], unavailableDates: [] })
        .expect(200);
      const unqualified = await createCohort({
        name: 'Unqualified',
        startDate: '2027-06-10',
        facilitatorIds: [tom.id, aisha.id],
      }).expect(409);
      expect(unqualified.body.message).toBe('Aisha Rahman is not set up to run workshop sessions');
      await lead
        .patch(`/api/facilitators/${aisha.id}`)
        .send({ sessionKinds: ['workshop', 'action-learning-set', 'community-of-practice'] })
        .expect(200);
    });

    it('refuses to move a session onto a facilitator’s other booking, and moves it when free', async () => {
      const other = (
        await createCohort({
          name: 'Autumn cohort',
          startDate: '2027-09-16',
          facilitatorIds: [tom.id, aisha.id],
        }).expect(201)
      ).body as Cohort;
      const otherSessions = (await lead.get(`/api/cohorts/${other.id}/sessions`).expect(200))
        .body as CohortSession[];
      const clash = await lead
        .patch(`/api/sessions/${otherSessions[0]!.id}`)
        .send({ startsAt: '2027-03-25T10:00:00Z', endsAt: '2027-03-25T12:00:00Z' })
        .expect(409);
      expect(clash.body.message).toMatch(
        /^Tom Okafor is already facilitating Active Bystander workshop: day 1 \(Staffed cohort\)/,
      );
      await lead
        .patch(`/api/sessions/${otherSessions[0]!.id}`)
        .send({ startsAt: '2027-09-15T08:00:00Z', endsAt: '2027-09-15T15:30:00Z' })
        .expect(200);
    });

    it('assigns facilitators to a session and refuses a clash there too', async () => {
      const als = sessions.find((session) => session.kind === 'action-learning-set')!;
      const staffed = (
        await lead
          .put(`/api/sessions/${als.id}/facilitators`)
          .send({ facilitatorIds: [aisha.id] })
          .expect(200)
      ).body as CohortSession;
      expect(staffed.problems).toEqual([]);
      const other = (await createCohort({ name: 'ALS clash', startDate: '2027-03-04' }).expect(201))
        .body as Cohort;
      const otherAls = (
        (await lead.get(`/api/cohorts/${other.id}/sessions`).expect(200)).body as CohortSession[]
      ).find((session) => session.kind === 'action-learning-set')!;
      await lead
        .patch(`/api/sessions/${otherAls.id}`)
        .send({ startsAt: als.startsAt, endsAt: als.endsAt })
        .expect(200);
      const response = await lead
        .put(`/api/sessions/${otherAls.id}/facilitators`)
        .send({ facilitatorIds: [aisha.id] })
        .expect(409);
      expect(response.body.message).toMatch(/^Aisha Rahman is already facilitating Action learning set/);
    });

    it('holds under concurrent assignment: PostgreSQL lets only one of two overlapping bookings through', async () => {
      const a = (await createCohort({ name: 'Race A', startDate: '2027-11-04' }).expect(201)).body as Cohort;
      const b = (await createCohort({ name: 'Race B', startDate: '2027-11-04' }).expect(201)).body as Cohort;
      const [sessionA] = (await lead.get(`/api/cohorts/${a.id}/sessions`).expect(200))
        .body as CohortSession[];
      const [sessionB] = (await lead.get(`/api/cohorts/${b.id}/sessions`).expect(200))
        .body as CohortSession[];
      const results = await Promise.all([
        lead.put(`/api/sessions/${sessionA!.id}/facilitators`).send({ facilitatorIds: [tom.id, aisha.id] }),
        lead.put(`/api/sessions/${sessionB!.id}/facilitators`).send({ facilitatorIds: [tom.id, aisha.id] }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    });

    it('cancels a session: history kept, facilitators freed, the .ics becomes a cancellation', async () => {
      const day2 = sessions[1]!;
      const cancelled = (
        await lead.post(`/api/sessions/${day2.id}/cancel`).send({ reason: 'Room flooded' }).expect(200)
      ).body as CohortSession;
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        calendarSequence: day2.calendarSequence + 1,
        problems: [],
      });
      const ics = (await lead.get(`/api/sessions/${day2.id}/ics`).expect(200)).text;
      // A download has no attendee, so it cannot be an iTIP CANCEL (RFC 5546): published, marked cancelled.
      expect(ics).toContain('METHOD:PUBLISH');
      expect(ics).not.toContain('METHOD:CANCEL');
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
      expect(event.uid).toBe(day2.calendarUid);
      expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      await lead
        .patch(`/api/sessions/${day2.id}`)
        .send({ startsAt: '2027-03-31T08:00:00Z', endsAt: '2027-03-31T11:30:00Z' })
        .expect(409);
      const history = await testApp.sql('SELECT action, reason FROM session_change WHERE session_id = $1', [
        day2.id,
      ]);
      expect(history).toEqual([{ action: 'cancelled', reason: 'Room flooded' }]);
    });

    it('shows the join link to staff only', async () => {
      const steering = await testApp.signedIn('steering@demo.upstand.test');
      await steering.get(`/api/cohorts/${cohort.id}/sessions`).expect(403);
      const facilitator = await testApp.signedIn('facilitator@demo.upstand.test');
      const seen = (await facilitator.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
        .body as CohortSession[];
      expect(seen.find((session) => session.mode === 'virtual')!.joinUrl).toMatch(/^https:/);
    });

    describe('calendar', () => {
      it('returns a month of sessions filtered by system, kind and facilitator', async () => {
        const march = (await lead.get('/api/calendar?from=2027-03-01&to=2027-04-01').expect(200))
          .body as CalendarEntry[];
        expect(
          march.some((entry) => entry.cohortName === 'Staffed cohort' && entry.kind === 'workshop'),
        ).toBe(true);
        const workshops = (
          await lead.get('/api/calendar?from=2027-03-01&to=2027-04-01&kind=workshop&system=qk1').expect(200)
        ).body as CalendarEntry[];
        expect(workshops.every((entry) => entry.kind === 'workshop' && entry.systemOdsCode === 'QK1')).toBe(
          true,
        );
        const toms = (
          await lead.get(`/api/calendar?from=2027-03-01&to=2027-04-01&facilitatorId=${tom.id}`).expect(200)
        ).body as CalendarEntry[];
        expect(toms.length).toBeGreaterThan(0);
        expect(toms.every((entry) => entry.facilitatorNames.includes('Tom Okafor'))).toBe(true);
        expect(
          (await lead.get('/api/calendar?from=2027-03-01&to=2027-04-01&system=QT1').expect(200)).body,
        ).toEqual([]);
      });

      it('uses London days: a session at 00:30 BST on 1 April is in April, not March', async () => {
        const [session] = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
          .body as CohortSession[];
        const late = (await createCohort({ name: 'Midnight', startDate: '2027-04-20' }).expect(201))
          .body as Cohort;
        const [lateSession] = (await lead.get(`/api/cohorts/${late.id}/sessions`).expect(200))
          .body as CohortSession[];
        await lead
          .patch(`/api/sessions/${lateSession!.id}`)
          .send({ startsAt: '2027-04-01T00:30:00+01:00', endsAt: '2027-04-01T01:30:00+01:00' })
          .expect(200);
        const march = (await lead.get('/api/calendar?from=2027-03-01&to=2027-04-01').expect(200))
          .body as CalendarEntry[];
        const april = (await lead.get('/api/calendar?from=2027-04-01&to=2027-05-01').expect(200))
          .body as CalendarEntry[];
        expect(march.map((entry) => entry.sessionId)).not.toContain(lateSession!.id);
        expect(april.map((entry) => entry.sessionId)).toContain(lateSession!.id);
        expect(session).toBeDefined();
      });

      it('refuses a backwards or over-long range, naming the field', async () => {
        const backwards = await lead.get('/api/calendar?from=2027-04-01&to=2027-03-01').expect(400);
        expect(backwards.body.errors[0].field).toBe('to');
        const missing = await lead.get('/api/calendar').expect(400);
        expect(new Set(missing.body.errors.map((error: { field: string }) => error.field))).toEqual(
          new Set(['from', 'to']),
        );
      });

      it("lists a facilitator's own sessions", async () => {
        const facilitator = await testApp.signedIn('facilitator@demo.upstand.test');
        const mine = (await facilitator.get('/api/me/sessions?from=2027-01-01&to=2028-01-01').expect(200))
          .body as CalendarEntry[];
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.every((entry) => entry.facilitatorNames.includes('Tom Okafor'))).toBe(true);
      });

      it('gives a personal feed URL that calendar apps read without signing in, and revokes it', async () => {
        const facilitator = await testApp.signedIn('facilitator@demo.upstand.test');
        expect((await facilitator.get('/api/me/calendar-feed').expect(200)).body).toEqual({
          active: false,
          createdAt: null,
        });
        const feed = (await facilitator.post('/api/me/calendar-feed').expect(201)).body as CalendarFeed;
        expect(feed.url).toMatch(/\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
        const path = new URL(feed.url).pathname;
        const token = /([A-Za-z0-9_-]{43})\.ics$/.exec(path)![1]!;
        // Shown once: afterwards the API says only that it exists, and the database holds only the SHA-256.
        expect((await facilitator.get('/api/me/calendar-feed').expect(200)).body).toEqual({
          active: true,
          createdAt: feed.createdAt,
        });
        expect(await testApp.sql(`SELECT token_hash FROM calendar_feed`)).toEqual([
          { token_hash: createHash('sha256').update(token).digest('hex') },
        ]);
        const anonymous = request(testApp.app.getHttpServer());
        const body = (await anonymous.get(path).expect(200)).text;
        const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent');
        expect(events.length).toBeGreaterThan(0);
        const replaced = (await facilitator.post('/api/me/calendar-feed').expect(201)).body as CalendarFeed;
        expect(replaced.url).not.toBe(feed.url);
        await anonymous.get(path).expect(404);
        await facilitator.delete('/api/me/calendar-feed').expect(204);
        await anonymous.get(new URL(replaced.url).pathname).expect(404);
      });
    });
  });

  describe('venues and the pool', () => {
    it('adds a venue and refuses a duplicate name', async () => {
      await lead
        .post('/api/venues')
        .send({ name: 'Hinckley Hub', address: 'Hinckley LE10 1AA', capacity: 20, accessibilityNotes: null })
        .expect(201);
      const duplicate = await lead
        .post('/api/venues')
        .send({ name: 'Hinckley Hub', address: 'x', capacity: 5, accessibilityNotes: null })
        .expect(409);
      expect(duplicate.body.errors[0].field).toBe('name');
    });

    it('adds a registered person to the pool with the facilitator role; unknown emails are refused', async () => {
      const added = (
        await lead
          .post('/api/facilitators')
          .send({
            email: 'manager@demo.upstand.test',
            level: 'trainee',
            sessionKinds: ['action-learning-set'],
          })
          .expect(201)
      ).body as Facilitator;
      expect(added).toMatchObject({ fullName: 'Helen Carter', level: 'trainee' });
      const manager = await testApp.signedIn('manager@demo.upstand.test');
      expect(
        ((await manager.get('/api/auth/me').expect(200)).body.roles as { role: string }[])
          .map((grant) => grant.role)
          .sort(),
      ).toEqual(['facilitator', 'line-manager']);
      await lead
        .post('/api/facilitators')
        .send({ email: 'manager@demo.upstand.test', level: 'trainee', sessionKinds: [] })
        .expect(409);
      const unknown = await lead
        .post('/api/facilitators')
        .send({ email: 'nobody@nhs.net', level: 'trainee', sessionKinds: [] })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('email');
    });
  });
});
