import {
  BulkResult,
  Cohort,
  CohortEnrolment,
  CohortEnrolmentPage,
  DelegateCandidate,
  Enrolment,
  OpenCohort,
  Paged,
  Programme,
} from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/** Issue 12: a programme lead runs a cohort of their system: edit it, add, withdraw, offer, bulk changes. */
describe('cohort management by programme leads', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let otherSystemLead: ApiClient;
  let facilitator: ApiClient;
  let anonymous: ApiClient;
  let programme: Programme;

  const newCohort = async (capacity: number, startDate = '2027-05-13') =>
    (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: `Cohort ${Math.random().toString(36).slice(2, 8)}`,
          startDate,
          capacity,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;

  const emailsTo = (address: string) =>
    testApp.sql<{ subject: string; ics_method: string | null; link_purpose: string | null }>(
      `SELECT subject, ics_method, link_purpose FROM outbox_message WHERE to_address = $1 ORDER BY created_at, id`,
      [address],
    );

  const emailOf = async (client: ApiClient) =>
    ((await client.get('/api/auth/me').expect(200)).body as { email: string }).email;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    otherSystemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    facilitator = await testApp.signedIn('facilitator@demo.upstand.test');
    anonymous = await testApp.client();
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(() => testApp.close());

  it('refuses every new route to anonymous callers, delegates, facilitators and other systems’ leads', async () => {
    const cohort = await newCohort(5);
    const [delegate] = await testApp.delegates(1);
    const place = (await delegate!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201))
      .body as Enrolment;
    const calls: [string, string, object?][] = [
      ['patch', `/api/cohorts/${cohort.id}`, { capacity: 50 }],
      ['get', `/api/cohorts/${cohort.id}/enrolments`],
      ['get', `/api/cohorts/${cohort.id}/enrolments/${place.id}`],
      ['get', `/api/cohorts/${cohort.id}/people?q=Load`],
      [
        'post',
        `/api/cohorts/${cohort.id}/delegates`,
        { email: 'new.person@nhs.test', fullName: 'New Person' },
      ],
      ['post', `/api/cohorts/${cohort.id}/bulk-withdraw`, { enrolmentIds: [place.id], reason: 'Test' }],
      ['post', `/api/cohorts/${cohort.id}/bulk-transfer`, { enrolmentIds: [place.id], cohortId: cohort.id }],
      ['post', `/api/enrolments/${place.id}/offer`, {}],
    ];
    const expected: [ApiClient, number, string][] = [
      [anonymous, 401, 'anonymous'],
      [delegate!, 403, 'delegate'],
      [facilitator, 403, 'facilitator'],
      [otherSystemLead, 404, 'other system lead'],
    ];
    for (const [client, status, who] of expected) {
      for (const [method, url, body] of calls) {
        const call = (
          client as unknown as Record<
            string,
            (url: string) => { send(b: object): Promise<{ status: number }> }
          >
        )[method]!(url);
        const response = await call.send(body ?? {});
        expect(`${who} ${method} ${url}: ${response.status}`).toBe(`${who} ${method} ${url}: ${status}`);
      }
    }
    // Nothing changed: still 5 places, still confirmed, no new account.
    const [row] = await testApp.sql<{ capacity: number }>(`SELECT capacity FROM cohort WHERE id = $1`, [
      cohort.id,
    ]);
    expect(row!.capacity).toBe(5);
    expect(await testApp.sql(`SELECT 1 FROM app_user WHERE email = 'new.person@nhs.test'`)).toEqual([]);
    // Another system's lead withdrawing the place: missing, as before.
    await otherSystemLead.post(`/api/enrolments/${place.id}/withdraw`).send({ reason: 'x' }).expect(404);
  });

  it('edits name, capacity and sign-ups; capacity never below places taken; raising it offers places in order', async () => {
    const cohort = await newCohort(2);
    const people = await testApp.delegates(4);
    const places: Enrolment[] = [];
    for (const person of people)
      places.push((await person.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment);
    expect(places.map((place) => place.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);

    const tooSmall = await lead.patch(`/api/cohorts/${cohort.id}`).send({ capacity: 1 }).expect(409);
    expect(tooSmall.body.errors).toEqual([expect.objectContaining({ field: 'capacity' })]);
    expect(tooSmall.body.message).toMatch(/2 places are already taken/);
    for (const [body, field] of [
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 501 }, 'capacity'],
      [{ capacity: 'lots' }, 'capacity'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(100_000) }, 'name'],
      [{ signupsOpen: 'maybe' }, 'signupsOpen'],
    ] as const) {
      const response = await lead.patch(`/api/cohorts/${cohort.id}`).send(body).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }

    const edited = (
      await lead.patch(`/api/cohorts/${cohort.id}`).send({ name: 'Renamed cohort', capacity: 3 }).expect(200)
    ).body as Cohort;
    expect(edited).toMatchObject({ name: 'Renamed cohort', capacity: 3, signupsOpen: true });
    // The first person waiting is offered the new place, and emailed; the second still waits.
    const mine = async (client: ApiClient) =>
      ((await client.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!;
    expect((await mine(people[2]!)).status).toBe('offered');
    expect((await mine(people[3]!)).status).toBe('waitlisted');
    expect((await emailsTo(await emailOf(people[2]!))).map((email) => email.subject)).toContain(
      'A place on Renamed cohort is yours if you want it',
    );
    const [audit] = await testApp.sql<{ details: { fields: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'cohort.updated' AND entity_id = $1`,
      [cohort.id],
    );
    expect(audit!.details.fields.sort()).toEqual(['capacity', 'name']);

    // Closing sign-ups: gone from the open list, and a sign-up is a 409 saying so.
    await lead.patch(`/api/cohorts/${cohort.id}`).send({ signupsOpen: false }).expect(200);
    const open = (await anonymous.get('/api/open-cohorts?pageSize=100').expect(200))
      .body as Paged<OpenCohort>;
    expect(open.items.map((item) => item.id)).not.toContain(cohort.id);
    const [late] = await testApp.delegates(1);
    const refused = await late!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(409);
    expect(refused.body.message).toBe(
      'Sign-ups for Renamed cohort are closed. Choose another cohort, or ask the programme team to add you.',
    );
  });

  it('adds an existing account or invites a new person; confirmed without approval, waiting list when full', async () => {
    await testApp.sql(`UPDATE programme SET requires_manager_approval = true WHERE id = $1`, [programme.id]);
    try {
      const cohort = await newCohort(1);
      await lead.patch(`/api/cohorts/${cohort.id}`).send({ signupsOpen: false }).expect(200);
      const [existing] = await testApp.delegates(1);
      const email = await emailOf(existing!);
      const found = (
        await lead.get(`/api/cohorts/${cohort.id}/people?q=${encodeURIComponent(email)}`).expect(200)
      ).body as Paged<DelegateCandidate>;
      expect(found.total).toBe(1);
      expect(found.items[0]).toMatchObject({ email, activePlace: null });
      // Another system's lead finds nobody from this system.
      await otherSystemLead
        .get(`/api/cohorts/${cohort.id}/people?q=${encodeURIComponent(email)}`)
        .expect(404);

      const added = (
        await lead
          .post(`/api/cohorts/${cohort.id}/delegates`)
          .send({ userId: found.items[0]!.id })
          .expect(201)
      ).body as Enrolment;
      expect(added.status).toBe('confirmed');
      const sent = await emailsTo(email);
      expect(sent.map((message) => message.subject)).toContain(`Your place on ${cohort.name} is confirmed`);
      expect(sent.filter((message) => message.ics_method === 'REQUEST').length).toBeGreaterThan(1);
      // Adding them again: 409 naming userId; the search says where they are.
      const twice = await lead
        .post(`/api/cohorts/${cohort.id}/delegates`)
        .send({ userId: found.items[0]!.id })
        .expect(409);
      expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'userId' })]);
      const again = (
        await lead.get(`/api/cohorts/${cohort.id}/people?q=${encodeURIComponent(email)}`).expect(200)
      ).body as Paged<DelegateCandidate>;
      expect(again.items[0]!.activePlace).toEqual({ cohortName: cohort.name, status: 'confirmed' });

      // A new person, invited: the invitation email (with a set-password link) and the waiting-list email.
      const invited = (
        await lead
          .post(`/api/cohorts/${cohort.id}/delegates`)
          .send({ email: 'Priya.Shah@NHS.test', fullName: 'Priya Shah' })
          .expect(201)
      ).body as Enrolment;
      expect(invited.status).toBe('waitlisted');
      const invitations = await emailsTo('priya.shah@nhs.test');
      expect(invitations.map((message) => message.subject).sort()).toEqual([
        `You are on the waiting list for ${cohort.name}`,
        'You have been invited to Upstand, for the Active Bystander Programme',
      ]);
      expect(invitations.filter((message) => message.link_purpose !== null)).toHaveLength(1);
      const [roles] = await testApp.sql<{ roles: string[] }>(
        `SELECT array_agg(r.role) AS roles FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.email = 'priya.shah@nhs.test'`,
      );
      expect(roles!.roles).toEqual(['delegate']);
      const reused = await lead
        .post(`/api/cohorts/${cohort.id}/delegates`)
        .send({ email: 'priya.shah@nhs.test', fullName: 'Priya Again' })
        .expect(409);
      expect(reused.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);

      // A staff account put on a cohort gets the delegate role, so they see their journey.
      const [staff] = await testApp.sql<{ id: string }>(
        `SELECT id FROM app_user WHERE email = 'facilitator@demo.upstand.test'`,
      );
      await lead.post(`/api/cohorts/${cohort.id}/delegates`).send({ userId: staff!.id }).expect(201);
      const [staffRoles] = await testApp.sql<{ roles: string[] }>(
        `SELECT array_agg(role ORDER BY role) AS roles FROM user_role WHERE user_id = $1`,
        [staff!.id],
      );
      expect(staffRoles!.roles).toContain('delegate');

      const audits = await testApp.sql<{ action: string }>(
        `SELECT action FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY occurred_at`,
        [added.id, invited.id],
      );
      expect(audits.map((row) => row.action)).toEqual(['enrolment.added-by-lead', 'enrolment.added-by-lead']);
    } finally {
      await testApp.sql(`UPDATE programme SET requires_manager_approval = false WHERE id = $1`, [
        programme.id,
      ]);
    }
  });

  it('refuses bad and huge input to add, naming the field', async () => {
    const cohort = await newCohort(3);
    for (const [body, field] of [
      [{}, 'userId'],
      [{ userId: 'not-a-uuid' }, 'userId'],
      [{ userId: '00000000-0000-4000-8000-000000000000' }, 'userId'],
      [{ email: 'someone@nhs.test' }, 'fullName'],
      [{ fullName: 'Someone' }, 'email'],
      [{ email: 'not an email', fullName: 'Someone' }, 'email'],
      [{ email: `${'a'.repeat(400)}@nhs.test`, fullName: 'Someone' }, 'email'],
      [{ email: 'someone@nhs.test', fullName: 'x'.repeat(10_000) }, 'fullName'],
      [{ email: 'someone@nhs.test', fullName: '<script>' }, 'fullName'],
    ] as const) {
      const response = await lead.post(`/api/cohorts/${cohort.id}/delegates`).send(body);
      expect(`${JSON.stringify(body).slice(0, 60)} ${response.status}`).toBe(
        `${JSON.stringify(body).slice(0, 60)} 400`,
      );
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    await lead.get(`/api/cohorts/${cohort.id}/people?q=a`).expect(400);
    await lead.get(`/api/cohorts/${cohort.id}/enrolments?status=lost`).expect(400);
    await lead.get(`/api/cohorts/${cohort.id}/enrolments?pageSize=1000`).expect(400);
    await lead.get(`/api/cohorts/${cohort.id}/enrolments?ids=1;DROP`).expect(400);
  });

  it('adds people concurrently at capacity: never more confirmed than places, the rest waiting', async () => {
    const cohort = await newCohort(3);
    const people = await testApp.delegates(10);
    const ids: string[] = [];
    for (const person of people) {
      const email = await emailOf(person);
      const [row] = await testApp.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]);
      ids.push(row!.id);
    }
    const responses = await Promise.all([
      ...ids.map((userId) => lead.post(`/api/cohorts/${cohort.id}/delegates`).send({ userId })),
      // The same person twice at once: one place only.
      lead.post(`/api/cohorts/${cohort.id}/delegates`).send({ userId: ids[0] }),
    ]);
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    expect(responses.filter((response) => response.status === 201)).toHaveLength(10);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(1);
    const [counts] = await testApp.sql<{ confirmed: number; waitlisted: number }>(
      `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted FROM enrolment WHERE cohort_id = $1`,
      [cohort.id],
    );
    expect(counts).toEqual({ confirmed: 3, waitlisted: 7 });
  });

  it('pages, searches and filters the delegates list in SQL', async () => {
    const cohort = await newCohort(30);
    const people = await testApp.delegates(30);
    for (const person of people) await person.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    const waiting = await testApp.delegates(2);
    for (const person of waiting) await person.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);

    const first = (await lead.get(`/api/cohorts/${cohort.id}/enrolments`).expect(200))
      .body as CohortEnrolmentPage;
    expect(first).toMatchObject({ total: 32, page: 1, pageSize: 25, capacity: 30, placesTaken: 30 });
    expect(first.items).toHaveLength(25);
    expect(first.counts).toMatchObject({ confirmed: 30, waitlisted: 2, withdrawn: 0 });
    const second = (await lead.get(`/api/cohorts/${cohort.id}/enrolments?page=2`).expect(200))
      .body as CohortEnrolmentPage;
    expect(second.items).toHaveLength(7);
    // The waiting list comes last among these, in order.
    expect(second.items.slice(-2).map((item) => item.waitlistPosition)).toEqual([1, 2]);

    const waitlisted = (await lead.get(`/api/cohorts/${cohort.id}/enrolments?status=waitlisted`).expect(200))
      .body as CohortEnrolmentPage;
    expect(waitlisted.total).toBe(2);
    const email = await emailOf(people[4]!);
    const searched = (
      await lead.get(`/api/cohorts/${cohort.id}/enrolments?q=${encodeURIComponent(email)}`).expect(200)
    ).body as CohortEnrolmentPage;
    expect(searched.items.map((item) => item.delegate.email)).toEqual([email]);
    // "%" matches itself, not everything.
    expect(
      ((await lead.get(`/api/cohorts/${cohort.id}/enrolments?q=%25`).expect(200)).body as CohortEnrolmentPage)
        .total,
    ).toBe(0);
    const byIds = (
      await lead
        .get(`/api/cohorts/${cohort.id}/enrolments?ids=${first.items[0]!.id},${first.items[1]!.id}`)
        .expect(200)
    ).body as CohortEnrolmentPage;
    expect(byIds.total).toBe(2);
    const one = (await lead.get(`/api/cohorts/${cohort.id}/enrolments/${first.items[0]!.id}`).expect(200))
      .body as CohortEnrolment;
    expect(one.id).toBe(first.items[0]!.id);
    const other = await newCohort(3);
    await lead.get(`/api/cohorts/${other.id}/enrolments/${first.items[0]!.id}`).expect(404);
  });

  it('withdraws with a reason (audited), cancels future sessions and offers the place; offers by hand', async () => {
    const cohort = await newCohort(1);
    const [a, b, c] = await testApp.delegates(3);
    const placeA = (await a!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    const placeB = (await b!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    const placeC = (await c!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;

    // Offering by hand with no free place: 409 naming capacity.
    const full = await lead.post(`/api/enrolments/${placeC.id}/offer`).expect(409);
    expect(full.body.errors).toEqual([expect.objectContaining({ field: 'capacity' })]);

    const noReason = await lead.post(`/api/enrolments/${placeA.id}/withdraw`).send({}).expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    await lead
      .post(`/api/enrolments/${placeA.id}/withdraw`)
      .send({ reason: 'x'.repeat(501) })
      .expect(400);
    await lead.post(`/api/enrolments/${placeA.id}/withdraw`).send({ reason: 'Left the trust' }).expect(200);
    const sessions = await testApp.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM session WHERE cohort_id = $1 AND set_id IS NULL AND status = 'scheduled' AND starts_at > now()`,
      [cohort.id],
    );
    const cancels = (await emailsTo(await emailOf(a!))).filter((message) => message.ics_method === 'CANCEL');
    expect(cancels).toHaveLength(sessions[0]!.n);
    const [audit] = await testApp.sql<{ details: { reason: string } }>(
      `SELECT details FROM audit_event WHERE action = 'enrolment.withdrawn-by-lead' AND entity_id = $1`,
      [placeA.id],
    );
    expect(audit!.details.reason).toBe('Left the trust');

    // The freed place went to B, the first waiting, automatically; C cannot be offered it as well.
    expect(((await b!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe('offered');
    await lead.post(`/api/enrolments/${placeC.id}/offer`).expect(409);
    expect(placeB.status).toBe('waitlisted');
  });

  it('offers a place by hand to someone further down the waiting list', async () => {
    const cohort = await newCohort(1);
    const [a, b, c] = await testApp.delegates(3);
    await a!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await b!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    const placeC = (await c!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    // Free a place without passing it on (as an import or a direct fix would), then offer it to C out of turn.
    await testApp.sql(`UPDATE cohort SET capacity = 2 WHERE id = $1`, [cohort.id]);
    const offered = (await lead.post(`/api/enrolments/${placeC.id}/offer`).expect(200)).body as Enrolment;
    expect(offered.status).toBe('offered');
    expect((await emailsTo(await emailOf(c!))).map((message) => message.subject)).toContain(
      `A place on ${cohort.name} is yours if you want it`,
    );
    await lead.post(`/api/enrolments/${placeC.id}/offer`).expect(409);
  });

  it('withdraws and transfers in bulk, person by person, refusing ids of other cohorts', async () => {
    const cohort = await newCohort(10);
    const target = await newCohort(2, '2027-09-13');
    const people = await testApp.delegates(5);
    const places: Enrolment[] = [];
    for (const person of people)
      places.push((await person.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment);
    const elsewhere = await newCohort(3);
    const [stranger] = await testApp.delegates(1);
    const strangerPlace = (await stranger!.post(`/api/cohorts/${elsewhere.id}/enrolments`).expect(201))
      .body as Enrolment;

    await lead
      .post(`/api/cohorts/${cohort.id}/bulk-withdraw`)
      .send({ enrolmentIds: [places[0]!.id] })
      .expect(400);
    await lead
      .post(`/api/cohorts/${cohort.id}/bulk-withdraw`)
      .send({ enrolmentIds: [], reason: 'x' })
      .expect(400);
    await lead
      .post(`/api/cohorts/${cohort.id}/bulk-withdraw`)
      .send({ enrolmentIds: Array.from({ length: 101 }, () => places[0]!.id), reason: 'x' })
      .expect(400);

    const withdrawn = (
      await lead
        .post(`/api/cohorts/${cohort.id}/bulk-withdraw`)
        .send({ enrolmentIds: [places[0]!.id, places[1]!.id, strangerPlace.id], reason: 'Rota clash' })
        .expect(200)
    ).body as BulkResult;
    expect(withdrawn).toMatchObject({ succeeded: 2, failed: 1 });
    expect(withdrawn.outcomes[2]).toMatchObject({ ok: false, message: 'Not on this cohort' });
    expect(((await stranger!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe(
      'confirmed',
    );

    const moved = (
      await lead
        .post(`/api/cohorts/${cohort.id}/bulk-transfer`)
        .send({
          enrolmentIds: [places[2]!.id, places[3]!.id, places[4]!.id, places[0]!.id],
          cohortId: target.id,
        })
        .expect(200)
    ).body as BulkResult;
    expect(moved.outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, false]);
    expect(moved.outcomes[2]!.message).toMatch(/waiting list/);
    expect(moved.outcomes[3]!.message).toMatch(/withdrawn/);
    const list = (await lead.get(`/api/cohorts/${target.id}/enrolments`).expect(200))
      .body as CohortEnrolmentPage;
    expect(list.counts).toMatchObject({ confirmed: 2, waitlisted: 1 });
  });
});
