import {
  CalendarEntry,
  Cohort,
  CohortLearningSets,
  CohortSession,
  CommunityMember,
  Enrolment,
  Facilitator,
  Programme,
  Series,
  SessionFeedbackResults,
} from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';

/**
 * Delivery routes scoped by the cohort's system (issue 10): a programme lead for NHS Coventry and Warwickshire
 * ICB (QWU) against the sessions, registers, places and sets of an LLR (QK1) cohort. Item routes answer 404 as
 * for a missing id, lists leave the rows out, writes change nothing; in scope the same routes work, and a
 * regional lead is unaffected.
 */
describe('delivery routes scoped by the cohort system', () => {
  let testApp: TestApp;
  let regionalLead: ApiClient;
  let systemLead: ApiClient;
  let programme: Programme;
  let llrCohort: Cohort;
  let coventryCohort: Cohort;
  let llrSession: CohortSession;
  let coventrySession: CohortSession;
  let llrPlaces: Enrolment[];
  let coventryPlaces: Enrolment[];
  let tom: Facilitator;
  let aisha: Facilitator;

  const newCohort = async (name: string, systemOdsCode: string) =>
    (
      await regionalLead
        .post('/api/cohorts')
        .send({ programmeId: programme.id, name, startDate: '2027-03-25', capacity: 20, systemOdsCode })
        .expect(201)
    ).body as Cohort;

  const enrolAll = async (cohort: Cohort, delegates: ApiClient[]) =>
    Promise.all(
      delegates.map(
        async (delegate) =>
          (await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment,
      ),
    );

  /** The same answer as for an id that does not exist, apart from the id itself. */
  const expectMissing = async (
    send: (id: string) => Promise<{ status: number; text?: string; body: unknown }>,
    outsideId: string,
  ) => {
    // An image route's error comes back as a buffer rather than text.
    const textOf = (response: { text?: string; body: unknown }) =>
      response.text ?? (Buffer.isBuffer(response.body) ? response.body.toString('utf8') : '');
    const outside = await send(outsideId);
    const missing = await send(MISSING);
    expect(outside.status).toBe(404);
    expect(textOf(outside)).toContain('not found');
    expect(textOf(outside)).toBe(textOf(missing).replaceAll(MISSING, outsideId));
  };

  const attendanceRows = async (sessionId: string) =>
    (
      await testApp.sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM attendance WHERE session_id = $1`,
        [sessionId],
      )
    )[0]!.count;

  beforeAll(async () => {
    testApp = await createTestApp();
    regionalLead = await testApp.signedIn('lead@demo.upstand.test');
    systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    [programme] = (await regionalLead.get('/api/programmes').expect(200)).body as Programme[];
    const pool = (await regionalLead.get('/api/facilitators').expect(200)).body as Facilitator[];
    tom = pool.find((facilitator) => facilitator.email === 'facilitator@demo.upstand.test')!;
    aisha = pool.find((facilitator) => facilitator.email === 'cofacilitator@demo.upstand.test')!;
    llrCohort = await newCohort('LLR delivery', 'QK1');
    coventryCohort = await newCohort('Coventry delivery', 'QWU');
    const delegates = await testApp.delegates(8);
    llrPlaces = await enrolAll(llrCohort, delegates.slice(0, 4));
    coventryPlaces = await enrolAll(coventryCohort, delegates.slice(4));
    const sessionsOf = async (cohort: Cohort) =>
      (await regionalLead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body as CohortSession[];
    [llrSession] = await sessionsOf(llrCohort);
    [coventrySession] = await sessionsOf(coventryCohort);
    // Both workshops ran yesterday, so registers can be taken and feedback is listed.
    await testApp.sql(
      `UPDATE session SET starts_at = now() - interval '1 day', ends_at = now() - interval '1 day' + interval '3 hours' WHERE id = ANY($1::uuid[])`,
      [[llrSession!.id, coventrySession!.id]],
    );
  });
  afterAll(() => testApp.close());

  describe('registers and attendance', () => {
    it("answers 404 for another system's register, QR code and certificate, as for a missing id", async () => {
      await expectMissing((id) => systemLead.get(`/api/sessions/${id}/register`), llrSession.id);
      await expectMissing((id) => systemLead.get(`/api/sessions/${id}/check-in.svg`), llrSession.id);
      await systemLead.get(`/api/sessions/${coventrySession.id}/register`).expect(200);
      await systemLead.get(`/api/sessions/${coventrySession.id}/check-in.svg`).expect(200);
      await regionalLead.get(`/api/sessions/${llrSession.id}/register`).expect(200);

      await testApp.sql(
        `UPDATE enrolment SET status = 'completed', completed_at = now() WHERE id = ANY($1::uuid[])`,
        [[llrPlaces[0]!.id, coventryPlaces[0]!.id]],
      );
      await expectMissing((id) => systemLead.get(`/api/enrolments/${id}/certificate.pdf`), llrPlaces[0]!.id);
      await systemLead.get(`/api/enrolments/${coventryPlaces[0]!.id}/certificate.pdf`).expect(200);
      await regionalLead.get(`/api/enrolments/${llrPlaces[0]!.id}/certificate.pdf`).expect(200);
    });

    it("changes nothing on another system's register: record, clear and all present answer 404", async () => {
      const line = { enrolmentId: llrPlaces[1]!.id, status: 'present' };
      await systemLead
        .put(`/api/sessions/${llrSession.id}/attendance`)
        .send({ entries: [line] })
        .expect(404);
      await systemLead.post(`/api/sessions/${llrSession.id}/attendance/all-present`).expect(404);
      expect(await attendanceRows(llrSession.id)).toBe(0);

      await regionalLead
        .put(`/api/sessions/${llrSession.id}/attendance`)
        .send({ entries: [line] })
        .expect(200);
      await systemLead.delete(`/api/sessions/${llrSession.id}/attendance/${line.enrolmentId}`).expect(404);
      expect(await attendanceRows(llrSession.id)).toBe(1);

      // In scope the same routes work.
      await systemLead.post(`/api/sessions/${coventrySession.id}/attendance/all-present`).expect(200);
      expect(await attendanceRows(coventrySession.id)).toBe(4);
      await systemLead
        .delete(`/api/sessions/${coventrySession.id}/attendance/${coventryPlaces[1]!.id}`)
        .expect(200);
      expect(await attendanceRows(coventrySession.id)).toBe(3);
    });

    it('lists to staff only the community members of cohorts in their scope; delegates see everyone listed', async () => {
      const members = await testApp.sql<{ id: string }>(
        `UPDATE enrolment SET status = 'completed', completed_at = now() WHERE id = ANY($1::uuid[]) RETURNING delegate_user_id AS id`,
        [[llrPlaces[0]!.id, coventryPlaces[0]!.id]],
      );
      for (const member of members)
        await testApp.sql(
          `INSERT INTO community_member (user_id, in_directory) VALUES ($1, true) ON CONFLICT (user_id) DO UPDATE SET in_directory = true`,
          [member.id],
        );
      const [llrName, coventryName] = await Promise.all(
        [llrPlaces[0]!, coventryPlaces[0]!].map(
          async (place) =>
            (
              await testApp.sql<{ fullName: string }>(
                `SELECT u.full_name AS "fullName" FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id WHERE e.id = $1`,
                [place.id],
              )
            )[0]!.fullName,
        ),
      );
      const names = async (client: ApiClient) =>
        (
          (await client.get('/api/community/members?pageSize=100').expect(200)).body
            .items as CommunityMember[]
        ).map((member) => member.fullName);
      const seenBySystemLead = await names(systemLead);
      expect(seenBySystemLead).toContain(coventryName);
      expect(seenBySystemLead).not.toContain(llrName);
      expect(await names(regionalLead)).toEqual(expect.arrayContaining([llrName, coventryName]));
      const delegate = await testApp.signedIn('delegate@demo.upstand.test');
      await delegate.get('/api/community/members').expect(200);
    });
  });

  describe('sessions and series', () => {
    it("answers 404 to moving, re-placing, staffing or downloading another system's session, and changes nothing", async () => {
      const [before] = await testApp.sql(`SELECT * FROM session WHERE id = $1`, [llrSession.id]);
      await expectMissing(
        (id) =>
          systemLead
            .patch(`/api/sessions/${id}`)
            .send({ startsAt: '2027-04-01T09:00:00+01:00', endsAt: '2027-04-01T12:00:00+01:00' }),
        llrSession.id,
      );
      await expectMissing(
        (id) => systemLead.put(`/api/sessions/${id}/facilitators`).send({ facilitatorIds: [] }),
        llrSession.id,
      );
      await expectMissing(
        (id) =>
          systemLead.patch(`/api/sessions/${id}/place`).send({ joinUrl: 'https://teams.microsoft.com/x' }),
        llrSession.id,
      );
      await expectMissing((id) => systemLead.get(`/api/sessions/${id}/ics`), llrSession.id);
      const [after] = await testApp.sql(`SELECT * FROM session WHERE id = $1`, [llrSession.id]);
      expect(after).toEqual(before);

      await systemLead.get(`/api/sessions/${coventrySession.id}/ics`).expect(200);
      await regionalLead.get(`/api/sessions/${llrSession.id}/ics`).expect(200);
    });

    it('puts on a session only facilitators whose grant reaches its system (400 naming facilitatorIds)', async () => {
      const [{ id: qk1 }] = await testApp.sql<{ id: string }>(
        `SELECT id FROM organisation WHERE ods_code = 'QK1'`,
      );
      // Aisha facilitates for LLR only from now on.
      await testApp.sql(
        `UPDATE user_role SET scope_kind = 'system', organisation_id = $2, region_id = NULL
         WHERE role = 'facilitator' AND user_id = (SELECT user_id FROM facilitator WHERE id = $1)`,
        [aisha.id, qk1],
      );
      const [upcoming] = (
        (await systemLead.get(`/api/cohorts/${coventryCohort.id}/sessions`).expect(200))
          .body as CohortSession[]
      ).filter((session) => session.kind === 'action-learning-set');
      for (const lead of [systemLead, regionalLead]) {
        const refused = await lead
          .put(`/api/sessions/${upcoming!.id}/facilitators`)
          .send({ facilitatorIds: [tom.id, aisha.id] })
          .expect(400);
        expect(refused.body.errors).toEqual([
          { field: 'facilitatorIds', message: expect.stringContaining('Aisha Rahman') },
        ]);
      }
      const [{ count }] = await testApp.sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM session_facilitator WHERE session_id = $1 AND active`,
        [upcoming!.id],
      );
      expect(count).toBe(0);
      const staffed = await systemLead
        .put(`/api/sessions/${upcoming!.id}/facilitators`)
        .send({ facilitatorIds: [tom.id] })
        .expect(200);
      expect((staffed.body as CohortSession).facilitators.map((f) => f.facilitatorId)).toEqual([tom.id]);
    });

    it("lists another system's series to nobody but a regional lead, and creates series only in scope", async () => {
      const series = (systemOdsCode: string | undefined, title: string) => ({
        programmeId: programme.id,
        kind: 'community-of-practice',
        title,
        mode: 'virtual',
        ...(systemOdsCode ? { systemOdsCode } : {}),
        startDate: '2027-01-06',
        startTime: '12:30',
        endTime: '13:30',
        rrule: 'FREQ=MONTHLY;BYDAY=1WE;COUNT=3',
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/coffee',
      });
      const llr = (await regionalLead.post('/api/series').send(series('QK1', 'LLR coffee')).expect(201))
        .body as Series;
      await regionalLead.post('/api/series').send(series(undefined, 'Midlands coffee')).expect(201);

      for (const [body, message] of [
        [series('QK1', 'Not mine'), 'QK1'],
        [series(undefined, 'Not mine either'), 'regional'],
      ] as const) {
        const refused = await systemLead.post('/api/series').send(body).expect(400);
        expect(refused.body.errors).toEqual([
          { field: 'systemOdsCode', message: expect.stringContaining(message) },
        ]);
      }
      await systemLead.post('/api/series').send(series('QWU', 'Coventry coffee')).expect(201);
      const [{ count }] = await testApp.sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM session_series WHERE title LIKE 'Not mine%'`,
      );
      expect(count).toBe(0);

      const titles = async (client: ApiClient) =>
        ((await client.get('/api/series').expect(200)).body as Series[]).map((entry) => entry.title).sort();
      expect(await titles(systemLead)).toEqual(['Coventry coffee', 'Midlands coffee']);
      expect(await titles(regionalLead)).toEqual(['Coventry coffee', 'LLR coffee', 'Midlands coffee']);

      // The sessions of another system's series are out of scope too.
      const [{ id: seriesSession }] = await testApp.sql<{ id: string }>(
        `SELECT id FROM session WHERE series_id = $1 ORDER BY starts_at LIMIT 1`,
        [llr.id],
      );
      await systemLead.get(`/api/sessions/${seriesSession}/ics`).expect(404);
      await systemLead
        .post(`/api/sessions/${seriesSession}/cancel`)
        .send({ reason: 'Not my system' })
        .expect(404);
    });

    it('shows on the calendar only sessions of cohorts in scope (and series for the whole region)', async () => {
      const entries = async (client: ApiClient) =>
        (await client.get('/api/calendar?from=2026-01-01&to=2027-01-31').expect(200)).body as CalendarEntry[];
      const mine = await entries(systemLead);
      expect(mine.map((entry) => entry.sessionId)).toContain(coventrySession.id);
      expect(mine.map((entry) => entry.sessionId)).not.toContain(llrSession.id);
      expect(new Set(mine.map((entry) => entry.systemOdsCode))).toEqual(new Set(['QWU', null]));
      expect((await entries(regionalLead)).map((entry) => entry.sessionId)).toEqual(
        expect.arrayContaining([llrSession.id, coventrySession.id]),
      );
    });

    it('gives session feedback results only for sessions of cohorts in scope', async () => {
      const results = async (client: ApiClient, extra: Record<string, string> = {}) =>
        (
          (
            await client
              .get(
                `/api/session-feedback/results?${new URLSearchParams({ programmeId: programme.id, ...extra }).toString()}`,
              )
              .expect(200)
          ).body as SessionFeedbackResults
        ).sessions.items.map((session) => session.sessionId);
      const mine = await results(systemLead);
      expect(mine).toContain(coventrySession.id);
      expect(mine).not.toContain(llrSession.id);
      expect(await results(systemLead, { cohortId: llrCohort.id })).toEqual([]);
      expect(await results(regionalLead)).toEqual(
        expect.arrayContaining([llrSession.id, coventrySession.id]),
      );
    });
  });

  describe('places and learning sets', () => {
    it("answers 404 to withdrawing or transferring another system's delegate, and changes nothing", async () => {
      await expectMissing((id) => systemLead.post(`/api/enrolments/${id}/withdraw`), llrPlaces[2]!.id);
      await expectMissing(
        (id) => systemLead.post(`/api/enrolments/${id}/transfer`).send({ cohortId: coventryCohort.id }),
        llrPlaces[2]!.id,
      );
      const [{ status }] = await testApp.sql<{ status: string }>(
        `SELECT status FROM enrolment WHERE id = $1`,
        [llrPlaces[2]!.id],
      );
      expect(status).toBe('confirmed');
      const [{ count }] = await testApp.sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM enrolment WHERE transferred_from_id = $1`,
        [llrPlaces[2]!.id],
      );
      expect(count).toBe(0);

      const withdrawn = await systemLead
        .post(`/api/enrolments/${coventryPlaces[3]!.id}/withdraw`)
        .send({ reason: 'Moved job' })
        .expect(200);
      expect((withdrawn.body as Enrolment).status).toBe('withdrawn');
    });

    it("answers 404 to changing another system's learning sets, and changes nothing", async () => {
      const sets = (
        (await regionalLead.post(`/api/cohorts/${llrCohort.id}/sets`).send({}).expect(201))
          .body as CohortLearningSets
      ).sets;
      const [set] = sets;
      const member = set!.members[0]!;
      await expectMissing(
        (id) => systemLead.put(`/api/sets/${id}/facilitator`).send({ facilitatorId: tom.id }),
        set!.id,
      );
      await expectMissing(
        (id) => systemLead.post(`/api/sets/${id}/members`).send({ enrolmentId: member.enrolmentId }),
        set!.id,
      );
      const [{ facilitator }] = await testApp.sql<{ facilitator: string | null }>(
        `SELECT facilitator_id AS facilitator FROM learning_set WHERE id = $1`,
        [set!.id],
      );
      expect(facilitator).toBeNull();

      // In scope: a facilitator of another system is refused by name, one whose grant reaches it is taken.
      const coventrySets = (
        (await systemLead.post(`/api/cohorts/${coventryCohort.id}/sets`).send({}).expect(201))
          .body as CohortLearningSets
      ).sets;
      const refused = await systemLead
        .put(`/api/sets/${coventrySets[0]!.id}/facilitator`)
        .send({ facilitatorId: aisha.id })
        .expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'facilitatorId', message: expect.stringContaining('Aisha Rahman') },
      ]);
      await systemLead
        .put(`/api/sets/${coventrySets[0]!.id}/facilitator`)
        .send({ facilitatorId: tom.id })
        .expect(200);
      await systemLead
        .post(`/api/sets/${coventrySets[0]!.id}/members`)
        .send({ enrolmentId: coventrySets[0]!.members[0]!.enrolmentId })
        .expect(200);
    });
  });

  it('keeps a facilitator to their own sessions, and within their grant even where they are staffed', async () => {
    // Aisha (now LLR only) was put on the Coventry workshop before her grant narrowed.
    await testApp.sql(
      `INSERT INTO session_facilitator (session_id, facilitator_id, position, active, starts_at, ends_at)
       SELECT s.id, $2, 1, true, s.starts_at, s.ends_at FROM session s WHERE s.id = $1`,
      [coventrySession.id, aisha.id],
    );
    const facilitator = await testApp.signedIn('cofacilitator@demo.upstand.test');
    await facilitator.get(`/api/sessions/${coventrySession.id}/register`).expect(404);
    const calendar = (await facilitator.get('/api/calendar?from=2026-01-01&to=2027-01-31').expect(200))
      .body as CalendarEntry[];
    expect(calendar.map((entry) => entry.sessionId)).not.toContain(coventrySession.id);
    expect(calendar.map((entry) => entry.sessionId)).toContain(llrSession.id);
  });

  it("keeps the demo mailbox (every system's mail) to regional leads", async () => {
    await regionalLead.get('/api/mailbox').expect(200);
    await systemLead.get('/api/mailbox').expect(404);
  });
});
