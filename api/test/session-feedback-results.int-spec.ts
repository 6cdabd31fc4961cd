import { SessionFeedbackResult, SessionFeedbackResults } from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * A programme with two cohorts and five past sessions plus one to come, each with known session feedback, built
 * in SQL. The demo facilitator runs W1, A1 and E1 (and was taken off W2); the co-facilitator runs W1 and W2.
 * W2 was partly answered on a second questionnaire version whose items were renamed.
 */
interface FixtureSession {
  key: 'W1' | 'A1' | 'E1' | 'W2' | 'F1';
  cohort: 0 | 1;
  kind: 'workshop' | 'action-learning-set';
  title: string;
  startsAt: string;
  endsAt: string;
  facilitators: { email: string; active: boolean }[];
  attendance: ('present' | 'late' | 'absent' | 'apologies')[];
  /** Usefulness 1–5 and an optional comment; `v2` answered the renamed version; `anonymous` has no identity. */
  answers: { useful: number; comment?: string; v2?: boolean; anonymous?: boolean }[];
}

const FACILITATOR = 'facilitator@demo.upstand.test';
const COFACILITATOR = 'cofacilitator@demo.upstand.test';

const COHORTS = [
  { name: 'Feedback 2024-03 LLR', startDate: '2024-03-04', system: 'QK1' },
  { name: 'Feedback 2024-06 Lincolnshire', startDate: '2024-06-10', system: 'QJM' },
] as const;

const SESSIONS: FixtureSession[] = [
  {
    key: 'W1',
    cohort: 0,
    kind: 'workshop',
    title: 'Workshop day 1',
    startsAt: '2024-03-04T09:00:00Z',
    endsAt: '2024-03-04T16:30:00Z',
    facilitators: [
      { email: FACILITATOR, active: true },
      { email: COFACILITATOR, active: true },
    ],
    attendance: ['present', 'present', 'present', 'present', 'present', 'present', 'late', 'absent'],
    answers: [
      { useful: 5, comment: 'Great session, thanks to Feedback Person0 for the role play' },
      { useful: 4, comment: 'Email me at feedback-1@nhs.test about the slides' },
      { useful: 4, comment: '   ' },
      { useful: 3 },
      { useful: 5, anonymous: true, comment: 'Loved the Delay scenario' },
      { useful: 2 },
    ],
  },
  {
    key: 'A1',
    cohort: 0,
    kind: 'action-learning-set',
    title: 'Action learning set 1',
    startsAt: '2024-04-08T09:00:00Z',
    endsAt: '2024-04-08T10:30:00Z',
    facilitators: [{ email: FACILITATOR, active: true }],
    attendance: ['present', 'present', 'late', 'apologies'],
    answers: [{ useful: 4, comment: 'Too small a group to say much' }, { useful: 5 }, { useful: 3 }],
  },
  {
    key: 'E1',
    cohort: 0,
    kind: 'action-learning-set',
    title: 'Action learning set 2',
    startsAt: '2024-05-06T09:00:00Z',
    endsAt: '2024-05-06T10:30:00Z',
    facilitators: [{ email: FACILITATOR, active: true }],
    attendance: ['present'],
    answers: [],
  },
  {
    key: 'W2',
    cohort: 1,
    kind: 'workshop',
    title: 'Workshop day 1',
    startsAt: '2024-06-10T08:00:00Z',
    endsAt: '2024-06-10T15:30:00Z',
    facilitators: [
      { email: COFACILITATOR, active: true },
      { email: FACILITATOR, active: false },
    ],
    attendance: ['present', 'present', 'present', 'present', 'present', 'present', 'present'],
    answers: [
      { useful: 1 },
      { useful: 2, comment: 'Room was too hot' },
      { useful: 3 },
      { useful: 3, anonymous: true },
      { useful: 5, v2: true, comment: 'Renamed question still counts' },
      { useful: 5, v2: true },
      { useful: 4, v2: true, anonymous: true },
    ],
  },
  {
    key: 'F1',
    cohort: 1,
    kind: 'workshop',
    title: 'Workshop day 2',
    startsAt: '2099-06-11T08:00:00Z',
    endsAt: '2099-06-11T15:30:00Z',
    facilitators: [{ email: FACILITATOR, active: true }],
    attendance: [],
    answers: [],
  },
];

const byKey = (key: FixtureSession['key']) => SESSIONS.find((session) => session.key === key)!;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const usefulOf = (...keys: FixtureSession['key'][]) =>
  keys.flatMap((key) => byKey(key).answers.map((answer) => answer.useful));
const distributionOf = (key: FixtureSession['key']) =>
  [1, 2, 3, 4, 5].map((score) => usefulOf(key).filter((value) => value === score).length);

describe('session feedback results', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let facilitator: ApiClient;
  let cofacilitator: ApiClient;
  let programmeId: string;
  const cohortIds: string[] = [];
  const sessionIds = new Map<string, FixtureSession['key']>();

  beforeAll(async () => {
    testApp = await createTestApp();
    const sql = testApp.sql;
    lead = await testApp.signedIn('lead@demo.upstand.test');
    facilitator = await testApp.signedIn(FACILITATOR);
    cofacilitator = await testApp.signedIn(COFACILITATOR);

    const [programme] = await sql<{ id: string }>(
      `INSERT INTO programme (name) VALUES ('Session feedback test programme') RETURNING id`,
    );
    programmeId = programme.id;
    const [template] = await sql<{ id: string }>(
      `INSERT INTO journey_template (programme_id, version, stages, completion_rule)
       VALUES ($1, 1, '[]'::jsonb, '{"workshop": "all"}'::jsonb) RETURNING id`,
      [programmeId],
    );
    await lead.get(`/api/programmes/${programmeId}/instruments`).expect(200);
    await lead
      .put(`/api/programmes/${programmeId}/instruments/session-feedback`)
      .send({
        title: 'Session feedback (v2)',
        items: [
          { code: 'useful_rating', wording: 'How useful was it?', type: 'likert-5', required: true },
          { code: 'tell_us', wording: 'Tell us more', type: 'free-text', required: false },
        ],
      })
      .expect(200);
    const instruments = await sql<{ id: string; version: number }>(
      `SELECT id, version FROM instrument WHERE programme_id = $1 AND stage = 'session-feedback' ORDER BY version`,
      [programmeId],
    );
    const [v1, v2] = instruments.map((row) => row.id);

    for (const cohort of COHORTS) {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity)
         SELECT $1, $2, $3, id, $5, 40 FROM organisation WHERE ods_code = $4 RETURNING id`,
        [programmeId, template.id, cohort.name, cohort.system, cohort.startDate],
      );
      cohortIds.push(row.id);
    }
    const facilitatorIds = new Map(
      (
        await sql<{ email: string; id: string }>(
          `SELECT u.email, f.id FROM facilitator f JOIN app_user u ON u.id = f.user_id`,
        )
      ).map((row) => [row.email, row.id]),
    );

    let person = 0;
    for (const session of SESSIONS) {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO session (cohort_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
         VALUES ($1, $2, $2, 'in-person', 1, $3, $4, $5, gen_random_uuid()::text) RETURNING id`,
        [cohortIds[session.cohort], session.kind, session.title, session.startsAt, session.endsAt],
      );
      const sessionId = row.id;
      sessionIds.set(sessionId, session.key);
      for (const [position, staff] of session.facilitators.entries())
        await sql(
          `INSERT INTO session_facilitator (session_id, facilitator_id, position, starts_at, ends_at, active)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            sessionId,
            facilitatorIds.get(staff.email),
            position,
            session.startsAt,
            session.endsAt,
            staff.active,
          ],
        );
      const people = Math.max(session.attendance.length, session.answers.length);
      for (let i = 0; i < people; i++, person++) {
        const [user] = await sql<{ id: string }>(
          `INSERT INTO app_user (email, full_name, password_hash) VALUES ($1, $2, 'not-a-hash') RETURNING id`,
          [`feedback-${person}@nhs.test`, `Feedback Person${person}`],
        );
        const [enrolment] = await sql<{ id: string }>(
          `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at)
           VALUES ($1, $2, $3, 'confirmed', now()) RETURNING id`,
          [cohortIds[session.cohort], programmeId, user.id],
        );
        const status = session.attendance[i];
        if (status)
          await sql(`INSERT INTO attendance (session_id, enrolment_id, status) VALUES ($1, $2, $3)`, [
            sessionId,
            enrolment.id,
            status,
          ]);
        const answer = session.answers[i];
        if (!answer) continue;
        const identified = !answer.anonymous;
        const [response] = await sql<{ id: string }>(
          `INSERT INTO evaluation_response
             (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, stage, session_key, instrument_id)
           VALUES ($1, $2, $3, $4, $5, 'session-feedback', $6, $7) RETURNING id`,
          [
            programmeId,
            cohortIds[session.cohort],
            identified ? enrolment.id : null,
            identified ? user.id : null,
            identified ? user.id : `anon:${sessionId}:${i}`,
            sessionId,
            answer.v2 ? v2 : v1,
          ],
        );
        const [usefulCode, commentCode] = answer.v2
          ? ['useful_rating', 'tell_us']
          : ['session_useful', 'session_comment'];
        await sql(
          `INSERT INTO evaluation_answer (response_id, item_code, value_number) VALUES ($1, $2, $3)`,
          [response.id, usefulCode, answer.useful],
        );
        if (answer.comment !== undefined)
          await sql(
            `INSERT INTO evaluation_answer (response_id, item_code, value_text) VALUES ($1, $2, $3)`,
            [response.id, commentCode, answer.comment],
          );
      }
    }
  });
  afterAll(() => testApp.close());

  const results = async (client: ApiClient, params: Record<string, string> = {}) =>
    (
      await client
        .get(`/api/session-feedback/results?${new URLSearchParams({ programmeId, ...params }).toString()}`)
        .expect(200)
    ).body as SessionFeedbackResults;
  const keysOf = (report: SessionFeedbackResults) =>
    report.sessions.items.map((session) => sessionIds.get(session.sessionId));
  const session = (report: SessionFeedbackResults, key: FixtureSession['key']) =>
    report.sessions.items.find((row) => sessionIds.get(row.sessionId) === key) as SessionFeedbackResult;

  describe('as a programme lead', () => {
    it('lists every session that has ended, latest first, with means and distributions worked out from the answers', async () => {
      const report = await results(lead);
      expect(report.suppressionApplied).toBe(false);
      expect(report.threshold).toBe(5);
      expect(keysOf(report)).toEqual(['W2', 'E1', 'A1', 'W1']);
      for (const key of ['W1', 'A1', 'W2'] as const) {
        const row = session(report, key);
        expect(row.responses).toBe(byKey(key).answers.length);
        expect(row.withheld).toBe(false);
        expect(row.meanUseful).toBeCloseTo(mean(usefulOf(key)), 10);
        expect(row.distribution).toEqual(distributionOf(key));
      }
      const w1 = session(report, 'W1');
      expect(w1).toMatchObject({
        cohortName: COHORTS[0].name,
        kind: 'workshop',
        title: 'Workshop day 1',
        startsAt: '2024-03-04T09:00:00.000Z',
        attended: 7,
      });
      expect(session(report, 'A1').attended).toBe(3);
      expect(session(report, 'E1')).toMatchObject({
        responses: 0,
        attended: 1,
        withheld: false,
        meanUseful: null,
        distribution: null,
        comments: [],
      });
    });

    it('counts answers given to a later questionnaire version whose items were renamed', async () => {
      const w2 = session(await results(lead), 'W2');
      // The first version's answers alone would give 9/4 from 4 answers.
      expect(w2.meanUseful).toBeCloseTo(23 / 7, 10);
      expect(w2.distribution).toEqual([1, 1, 2, 1, 2]);
    });

    it('shows comments in full, names included, and leaves out blank ones', async () => {
      const report = await results(lead);
      expect([...session(report, 'W1').comments].sort()).toEqual(
        [
          'Great session, thanks to Feedback Person0 for the role play',
          'Email me at feedback-1@nhs.test about the slides',
          'Loved the Delay scenario',
        ].sort(),
      );
      expect(session(report, 'A1').comments).toEqual(['Too small a group to say much']);
      expect([...session(report, 'W2').comments].sort()).toEqual(
        ['Renamed question still counts', 'Room was too hot'].sort(),
      );
    });

    it('sums by session kind', async () => {
      const report = await results(lead);
      expect(report.byKind).toHaveLength(2);
      const workshop = report.byKind.find((row) => row.kind === 'workshop')!;
      expect(workshop).toMatchObject({ sessions: 2, responses: 13, withheldSessions: 0 });
      expect(workshop.meanUseful).toBeCloseTo(mean(usefulOf('W1', 'W2')), 10);
      const sets = report.byKind.find((row) => row.kind === 'action-learning-set')!;
      expect(sets).toMatchObject({ sessions: 2, responses: 3, withheldSessions: 0 });
      expect(sets.meanUseful).toBeCloseTo(mean(usefulOf('A1')), 10);
    });

    it('filters by session start date, cohort and kind', async () => {
      expect(keysOf(await results(lead, { startFrom: '2024-04-08', startTo: '2024-05-06' }))).toEqual([
        'E1',
        'A1',
      ]);
      expect(keysOf(await results(lead, { cohortId: cohortIds[1] }))).toEqual(['W2']);
      const workshops = await results(lead, { kind: 'workshop' });
      expect(keysOf(workshops)).toEqual(['W2', 'W1']);
      expect(workshops.byKind.map((row) => row.kind)).toEqual(['workshop']);
      expect(keysOf(await results(lead, { startFrom: '2024-06-11' }))).toEqual([]);
    });

    it('searches session titles and cohort names literally, and pages with the true total', async () => {
      const workshops = await results(lead, { q: 'workshop day' });
      expect(keysOf(workshops)).toEqual(['W2', 'W1']);
      expect(workshops.sessions).toMatchObject({ total: 2, page: 1, pageSize: 25 });
      // The totals by kind stay those of the filters: the search only finds sessions in the list.
      expect(workshops.byKind).toHaveLength(2);
      expect(keysOf(await results(lead, { q: COHORTS[1].name }))).toEqual(['W2']);
      expect(keysOf(await results(lead, { q: '%' }))).toEqual([]);
      expect(keysOf(await results(lead, { q: '_' }))).toEqual([]);
      const past = await results(lead, { page: '2' });
      expect(past.sessions).toMatchObject({ items: [], total: 4, page: 2 });
    });
  });

  describe('as a facilitator', () => {
    it('sees only the sessions they are staffed on', async () => {
      expect(keysOf(await results(facilitator))).toEqual(['E1', 'A1', 'W1']);
      expect(keysOf(await results(cofacilitator))).toEqual(['W2', 'W1']);
    });

    it('sees the count but not the scores or comments of a session with fewer than 5 responses', async () => {
      const report = await results(facilitator);
      expect(report.suppressionApplied).toBe(true);
      expect(session(report, 'A1')).toMatchObject({
        responses: 3,
        attended: 3,
        withheld: true,
        meanUseful: null,
        distribution: null,
        comments: [],
      });
      const w1 = session(report, 'W1');
      expect(w1.withheld).toBe(false);
      expect(w1.meanUseful).toBeCloseTo(mean(usefulOf('W1')), 10);
      expect(w1.distribution).toEqual(distributionOf('W1'));
      expect(session(report, 'E1').withheld).toBe(false);
    });

    it('leaves withheld sessions out of the mean by kind, so they cannot be worked out', async () => {
      const report = await results(facilitator);
      const sets = report.byKind.find((row) => row.kind === 'action-learning-set')!;
      expect(sets).toMatchObject({ sessions: 2, responses: 3, meanUseful: null, withheldSessions: 1 });
      const workshop = report.byKind.find((row) => row.kind === 'workshop')!;
      expect(workshop).toMatchObject({ sessions: 1, responses: 6, withheldSessions: 0 });
      expect(workshop.meanUseful).toBeCloseTo(mean(usefulOf('W1')), 10);
    });

    it("sees comments with delegates' names and email addresses taken out", async () => {
      const comments = session(await results(facilitator), 'W1').comments;
      expect([...comments].sort()).toEqual(
        [
          'Great session, thanks to [name] for the role play',
          'Email me at [email] about the slides',
          'Loved the Delay scenario',
        ].sort(),
      );
      expect(JSON.stringify(comments)).not.toMatch(/Person0|feedback-1/);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['no programme', '', 'programmeId'],
      ['a malformed programme', 'programmeId=not-a-uuid', 'programmeId'],
      ['a date that does not exist', 'startFrom=2024-02-30', 'startFrom'],
      ['a date in another format', 'startTo=10/06/2024', 'startTo'],
      ['dates the wrong way round', 'startFrom=2024-06-01&startTo=2024-05-01', 'startTo'],
      ['a malformed cohort', 'cohortId=cohort-1', 'cohortId'],
      ['an unknown kind of session', 'kind=party', 'kind'],
      ['a page size outside the choices', 'pageSize=1000', 'pageSize'],
    ])('refuses %s with a 400 naming the field', async (_case, query, field) => {
      const withProgramme =
        query === '' || query.startsWith('programmeId') ? query : `programmeId=${programmeId}&${query}`;
      const response = await lead.get(`/api/session-feedback/results?${withProgramme}`).expect(400);
      expect((response.body as { errors: { field: string }[] }).errors.map((error) => error.field)).toEqual([
        field,
      ]);
    });

    it('says when the programme does not exist', async () => {
      await lead
        .get('/api/session-feedback/results?programmeId=00000000-0000-4000-8000-000000000000')
        .expect(404);
    });

    it.each(['delegate', 'sponsor', 'steering'])('refuses a %s with 403', async (who) => {
      const client = await testApp.signedIn(`${who}@demo.upstand.test`);
      await client.get(`/api/session-feedback/results?programmeId=${programmeId}`).expect(403);
    });

    it('refuses someone not signed in with 401', async () => {
      const client = await testApp.client();
      await client.get(`/api/session-feedback/results?programmeId=${programmeId}`).expect(401);
    });
  });
});
