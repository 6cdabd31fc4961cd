import {
  Cohort,
  CohortEnrolmentPage,
  Enrolment,
  Facilitator,
  OpenCohort,
  Paged,
  Programme,
  Venue,
} from '@upstand/contracts';
import request from 'supertest';
import { EnrolmentsService } from '../src/modules/enrolments/enrolments.service';
import { registerAndActivate } from './support/registration';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('sign-up, capacity and the waiting list', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;

  const newCohort = async (capacity: number, extra: Record<string, unknown> = {}) =>
    (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: `Cohort ${Math.random()}`,
          startDate: '2027-05-13',
          capacity,
          systemOdsCode: 'QK1',
          ...extra,
        })
        .expect(201)
    ).body as Cohort;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(() => testApp.close());

  it('200 delegates signing up at once for 24 places: exactly 24 confirmed, 176 waitlisted, no 5xx, no duplicates', async () => {
    const cohort = await newCohort(24);
    const delegates = await testApp.delegates(200);
    const responses = await Promise.all(
      delegates.map((delegate) => delegate.post(`/api/cohorts/${cohort.id}/enrolments`)),
    );
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const statuses = responses.map((response) => (response.body as Enrolment).status);
    expect(statuses.filter((status) => status === 'confirmed')).toHaveLength(24);
    expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(176);
    const [counts] = await testApp.sql<{ total: number; people: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT delegate_user_id)::int AS people FROM enrolment WHERE cohort_id = $1`,
      [cohort.id],
    );
    expect(counts).toEqual({ total: 200, people: 200 });

    // Pressing the button twice (or racing) never makes a second enrolment.
    const again = await Promise.all([
      delegates[0]!.post(`/api/cohorts/${cohort.id}/enrolments`),
      delegates[0]!.post(`/api/cohorts/${cohort.id}/enrolments`),
    ]);
    expect(again.map((response) => response.status)).toEqual([409, 409]);
    expect(again[0]!.body.message).toBe(
      'You already have a place (or are waiting for one) on this programme',
    );

    // A withdrawal offers the place to the first person on the waiting list.
    const confirmed = responses.find((response) => response.body.status === 'confirmed')!.body as Enrolment;
    const owner = delegates[responses.findIndex((response) => response.body.id === confirmed.id)]!;
    await owner.post(`/api/enrolments/${confirmed.id}/withdraw`).expect(200);
    const waitlist = await testApp.sql<{ id: string; status: string }>(
      `SELECT id, status FROM enrolment WHERE cohort_id = $1 AND waitlist_rank IS NOT NULL ORDER BY waitlist_rank`,
      [cohort.id],
    );
    expect(waitlist.map((row) => row.status).slice(0, 2)).toEqual(['offered', 'waitlisted']);
    const clientOf = (enrolmentId: string) =>
      delegates[responses.findIndex((response) => response.body.id === enrolmentId)]!;
    const firstId = waitlist[0]!.id;
    const offered = (await clientOf(firstId).get('/api/me/enrolments').expect(200)).body as Enrolment[];
    expect(offered[0]).toMatchObject({ id: firstId, status: 'offered' });
    const hoursHeld = (new Date(offered[0]!.offerExpiresAt!).getTime() - Date.now()) / 3_600_000;
    expect(hoursHeld).toBeGreaterThan(47.9);
    expect(hoursHeld).toBeLessThanOrEqual(48);

    // Accepting confirms it.
    await clientOf(firstId).post(`/api/enrolments/${firstId}/accept`).expect(200);
    const [{ count }] = await testApp.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM enrolment WHERE cohort_id = $1 AND status = 'confirmed'`,
      [cohort.id],
    );
    expect(count).toBe(24);

    // Waiting-list positions count from 1.
    const second = (await clientOf(waitlist[1]!.id).get('/api/me/enrolments').expect(200))
      .body as Enrolment[];
    expect(second[0]!.waitlistPosition).toBe(1);
  });

  it('passes a lapsed offer to the next person', async () => {
    const cohort = await newCohort(1);
    const [a, b, c] = await testApp.delegates(3);
    const enrolA = (await a!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    const enrolB = (await b!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    const enrolC = (await c!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    expect([enrolA.status, enrolB.status, enrolC.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    await a!.post(`/api/enrolments/${enrolA.id}/withdraw`).expect(200);
    expect(((await b!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe('offered');

    const service = testApp.app.get(EnrolmentsService);
    expect(await service.expireOffers(new Date())).toBe(0);
    // 48 hours pass; two instances running the job at the same moment pass the offer on exactly once.
    await testApp.sql(`UPDATE enrolment SET offer_expires_at = now() - interval '1 minute' WHERE id = $1`, [
      enrolB.id,
    ]);
    const handled = await Promise.all([service.expireOffers(new Date()), service.expireOffers(new Date())]);
    expect(handled.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(((await b!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe(
      'declined',
    );
    expect(((await c!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe('offered');
    await c!.post(`/api/enrolments/${enrolC.id}/decline`).expect(200);
    const list = (
      (await lead.get(`/api/cohorts/${cohort.id}/enrolments`).expect(200)).body as CohortEnrolmentPage
    ).items;
    expect(list.map((enrolment) => enrolment.status)).toEqual(['declined', 'declined', 'withdrawn']);
    expect(list[0]!.delegate.fullName).toMatch(/^Load Delegate/);
  });

  it('lets a delegate sign up again after withdrawing, but never act on someone else’s enrolment', async () => {
    const cohort = await newCohort(5);
    const [a, b] = await testApp.delegates(2);
    const first = (await a!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    await b!.post(`/api/enrolments/${first.id}/withdraw`).expect(404);
    await a!.post(`/api/enrolments/${first.id}/withdraw`).expect(200);
    await a!.post(`/api/enrolments/${first.id}/withdraw`).expect(409);
    await a!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
  });

  it('keeps restricted cohorts to their systems and needs a profile first', async () => {
    const qpm = (await lead.get('/api/organisations?type=icb&q=QPM').expect(200)).body[0].id as string;
    await testApp.sql(`UPDATE cohort SET restricted_system_ids = ARRAY[$1::uuid] WHERE id = $2`, [
      qpm,
      (await newCohort(10)).id,
    ]);
    const [restricted] = await testApp.sql<{ id: string }>(
      `SELECT id FROM cohort WHERE restricted_system_ids <> '{}'`,
    );
    const [llrDelegate] = await testApp.delegates(1, 'RWE');
    const refused = await llrDelegate!.post(`/api/cohorts/${restricted!.id}/enrolments`).expect(403);
    expect(refused.body.message).toMatch(/only open to staff from particular integrated care boards/);
    const [northantsDelegate] = await testApp.delegates(1, 'RP1');
    await northantsDelegate!.post(`/api/cohorts/${restricted!.id}/enrolments`).expect(201);

    const newcomer = await registerAndActivate(testApp, {
      email: 'new@nhs.net',
      password: 'a long enough password',
      fullName: 'New Delegate',
    });
    const noProfile = await newcomer.post(`/api/cohorts/${(await newCohort(3)).id}/enrolments`).expect(400);
    expect(noProfile.body.errors[0].field).toBe('profile');
  });

  it('lists open cohorts publicly with places left and restrictions', async () => {
    const cohort = await newCohort(2);
    const [a] = await testApp.delegates(1);
    await a!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    const open = (await request(testApp.app.getHttpServer()).get('/api/open-cohorts').expect(200))
      .body as Paged<OpenCohort>;
    expect(open).toMatchObject({ page: 1, pageSize: 25 });
    const listed = open.items.find((candidate) => candidate.id === cohort.id)!;
    expect(listed).toMatchObject({
      capacity: 2,
      placesLeft: 1,
      restrictedToSystems: [],
      system: { odsCode: 'QK1' },
      programmeName: 'Active Bystander Programme',
    });
    expect(listed.sessions[0]!.startsAt).toBe('2027-05-13T09:00:00+01:00');
    expect(
      open.items.find((candidate) => candidate.restrictedToSystems.length > 0)!.restrictedToSystems,
    ).toEqual(['QPM']);
  });

  it('shows anyone the venue, town and every session date of an open cohort, but never who runs it', async () => {
    const venue = ((await lead.get('/api/venues').expect(200)).body as Venue[]).find((candidate) =>
      /Leicester General/.test(candidate.name),
    )!;
    const pool = (await lead.get('/api/facilitators').expect(200)).body as Facilitator[];
    const facilitator = pool.find((candidate) => candidate.email === 'facilitator@demo.upstand.test')!;
    const cofacilitator = pool.find((candidate) => candidate.email === 'cofacilitator@demo.upstand.test')!;
    const name = `Wayfinding cohort ${Math.random()}`;
    const cohort = await newCohort(12, {
      name,
      startDate: '2027-09-16',
      venueId: venue.id,
      facilitatorIds: [facilitator.id, cofacilitator.id],
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/secret-room',
    });
    const anonymous = request(testApp.app.getHttpServer());
    const response = await anonymous
      .get('/api/open-cohorts')
      .query({ q: name.slice(0, 30) })
      .expect(200);
    const page = response.body as Paged<OpenCohort>;
    expect(page.total).toBe(1);
    const [listed] = page.items;
    expect(listed).toMatchObject({ id: cohort.id, venueName: venue.name, town: 'Leicester' });
    // The 1.5-day workshop (two days in person at the venue), the five online learning sets and the first
    // Community of Practice catch-up, in date order.
    expect(listed!.sessions.map((session) => [session.kind, session.mode])).toEqual([
      ['workshop', 'in-person'],
      ['workshop', 'in-person'],
      ...Array.from({ length: 5 }, () => ['action-learning-set', 'virtual']),
      ['community-of-practice', 'virtual'],
    ]);
    expect(listed!.sessions.slice(0, 2).map((session) => [session.venueName, session.town])).toEqual([
      [venue.name, 'Leicester'],
      [venue.name, 'Leicester'],
    ]);
    expect(listed!.sessions[2]).toMatchObject({ venueName: null, town: null, setNumber: null });
    const starts = listed!.sessions.map((session) => Date.parse(session.startsAt));
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    // Public: no facilitator, joining link or anyone's details.
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(facilitator.fullName);
    expect(text).not.toContain(cofacilitator.fullName);
    expect(text).not.toContain('secret-room');
    expect(text).not.toMatch(/facilitator|joinUrl|email/i);

    // Searching by town finds it too; the page past the end is empty but keeps the true total.
    const byTown = (
      await anonymous.get('/api/open-cohorts').query({ q: 'leicester', pageSize: 100 }).expect(200)
    ).body as Paged<OpenCohort>;
    expect(byTown.items.map((item) => item.id)).toContain(cohort.id);
    const pastEnd = (await anonymous.get('/api/open-cohorts').query({ q: name, page: 2 }).expect(200))
      .body as Paged<OpenCohort>;
    expect(pastEnd).toEqual({ items: [], total: 1, page: 2, pageSize: 25 });
  });

  it('refuses a page size it does not offer, naming the field', async () => {
    const response = await request(testApp.app.getHttpServer())
      .get('/api/open-cohorts')
      .query({ pageSize: 5000 })
      .expect(400);
    expect(response.body.errors[0].field).toBe('pageSize');
  });
});

describe('delegate profile and equality monitoring', () => {
  let testApp: TestApp;
  let delegate: ApiClient;

  beforeAll(async () => {
    testApp = await createTestApp();
    delegate = await testApp.signedIn('delegate@demo.upstand.test');
  });
  afterAll(() => testApp.close());

  it('keeps the work profile, requiring a band only for Agenda for Change', async () => {
    const profile = (await delegate.get('/api/me/profile').expect(200)).body;
    expect(profile).toMatchObject({
      staffGroup: 'Nursing and Midwifery Registered',
      payScheme: 'agenda-for-change',
      payBand: '5',
    });
    const noBand = await delegate
      .put('/api/me/profile')
      .send({ ...profile, payBand: null })
      .expect(400);
    expect(noBand.body.errors[0].field).toBe('payBand');
    const doctor = (
      await delegate
        .put('/api/me/profile')
        .send({
          ...profile,
          staffGroup: 'Medical and Dental',
          payScheme: 'medical-and-dental',
          payBand: null,
        })
        .expect(200)
    ).body;
    expect(doctor.payBand).toBeNull();
    const badGroup = await delegate
      .put('/api/me/profile')
      .send({ ...profile, staffGroup: 'Wizards' })
      .expect(400);
    expect(badGroup.body.errors[0].field).toBe('staffGroup');
  });

  it('stores equality answers apart from identity, accepts "prefer not to say", and forgets them on request', async () => {
    expect((await delegate.get('/api/me/equality').expect(200)).body).toEqual({
      ethnicCategory: null,
      disability: null,
      sex: null,
      ageBand: null,
    });
    await delegate
      .put('/api/me/equality')
      .send({
        ethnicCategory: 'Z',
        disability: 'prefer-not-to-say',
        sex: 'prefer-not-to-say',
        ageBand: '35-44',
      })
      .expect(200);
    const bad = await delegate.put('/api/me/equality').send({ ethnicCategory: 'Q' }).expect(400);
    expect(bad.body.errors[0].field).toBe('ethnicCategory');
    const [row] = await testApp.sql<Record<string, unknown>>(`SELECT * FROM equality_monitoring`);
    expect(Object.keys(row!).sort()).toEqual([
      'age_band',
      'disability',
      'ethnic_category',
      'sex',
      'updated_at',
      'user_id',
    ]);
    const audit = await testApp.sql<{ details: unknown }>(
      `SELECT details FROM audit_event WHERE action = 'equality.updated'`,
    );
    expect(audit).toEqual([{ details: {} }]);
    await delegate.delete('/api/me/equality').expect(204);
    expect(await testApp.sql(`SELECT 1 FROM equality_monitoring`)).toEqual([]);
  });
});
