import {
  Cohort,
  CohortSession,
  Enrolment,
  EvaluationDue,
  EvaluationForm,
  Programme,
  SessionFeedbackDue,
  SessionFeedbackForm,
} from '@upstand/contracts';
import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import { EvaluationDeliveryService } from '../src/modules/evaluations/evaluation-delivery.service';
import { EvaluationsService } from '../src/modules/evaluations/evaluations.service';
import { insertDelegatesWithSessions } from './support/load-delegates';
import { SmtpSink } from './support/smtp-sink';
import { PRE_ANSWERS } from './support/questionnaire-answers';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

const BASE = 'https://upstand.example.nhs.uk';
const DAY = 24 * 3_600_000;

const POST_ANSWERS = [
  ...PRE_ANSWERS.map((answer) =>
    answer.itemCode === 'confidence_intervene' ? { ...answer, value: 4 } : answer,
  ),
  { itemCode: 'retro_confidence_intervene', value: 1 },
];
const FEEDBACK = [
  { itemCode: 'session_useful', value: 5 },
  { itemCode: 'session_comment', value: 'The role play helped' },
];

const codeKey = (programmeId: string, code: string) =>
  `code:${createHash('sha256').update(`${programmeId}:${code}`).digest('hex')}`;

describe('evaluation delivery', () => {
  let smtp: SmtpSink;
  let testApp: TestApp;
  let lead: ApiClient;
  let demoProgramme: Programme;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    testApp = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE });
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [demoProgramme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  async function cohortWith(programmeId: string, name: string, delegateCount: number) {
    const cohort = (
      await lead
        .post('/api/cohorts')
        .send({ programmeId, name, startDate: '2027-05-13', capacity: 10, systemOdsCode: 'QK1' })
        .expect(201)
    ).body as Cohort;
    const delegates = await testApp.delegates(delegateCount);
    const enrolments: Enrolment[] = [];
    for (const delegate of delegates)
      enrolments.push(
        (await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment,
      );
    const people = await testApp.sql<{ enrolmentId: string; userId: string; email: string }>(
      `SELECT e.id AS "enrolmentId", u.id AS "userId", u.email FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id
       WHERE e.id = ANY($1::uuid[])`,
      [enrolments.map((enrolment) => enrolment.id)],
    );
    const person = (enrolment: Enrolment) => people.find((row) => row.enrolmentId === enrolment.id)!;
    const sessions = (
      (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body as CohortSession[]
    ).filter((session) => session.status === 'scheduled');
    return { cohort, delegates, enrolments, people: enrolments.map(person), sessions };
  }

  /** Moves every session of the cohort so that its last action learning set ended `daysAgo` days ago. */
  async function moveIntoThePast(cohortId: string, daysAgo: number): Promise<void> {
    await testApp.sql(
      `WITH shift AS (
         SELECT max(ends_at) FILTER (WHERE kind = 'action-learning-set') - (now() - make_interval(days => $2)) AS by
         FROM session WHERE cohort_id = $1 AND status = 'scheduled')
       UPDATE session SET starts_at = starts_at - shift.by, ends_at = ends_at - shift.by FROM shift WHERE cohort_id = $1`,
      [cohortId, daysAgo],
    );
  }

  const countResponses = async (programmeId: string, stage: string) =>
    (
      await testApp.sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM evaluation_response WHERE programme_id = $1 AND stage = $2`,
        [programmeId, stage],
      )
    )[0]!.count;

  describe('anonymous mode', () => {
    let programme: Programme;
    let cohort: Cohort;
    let delegates: ApiClient[];
    let people: { enrolmentId: string; userId: string; email: string }[];
    let sessions: CohortSession[];

    beforeAll(async () => {
      programme = (
        await lead.post('/api/programmes').send({ name: 'Anonymous evaluation programme' }).expect(201)
      ).body as Programme;
      ({ cohort, delegates, people, sessions } = await cohortWith(programme.id, 'Anonymous cohort', 4));
    });

    it('is switched on by the lead in the programme settings, naming a bad value', async () => {
      expect(programme.anonymousEvaluation).toBe(false);
      const bad = await lead
        .patch(`/api/programmes/${programme.id}/settings`)
        .send({ anonymousEvaluation: 'yes' })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('anonymousEvaluation');
      await delegates[0]!
        .patch(`/api/programmes/${programme.id}/settings`)
        .send({ anonymousEvaluation: true })
        .expect(403);
      const updated = (
        await lead
          .patch(`/api/programmes/${programme.id}/settings`)
          .send({ anonymousEvaluation: true })
          .expect(200)
      ).body as Programme;
      expect(updated.anonymousEvaluation).toBe(true);
      const due = (await delegates[0]!.get('/api/me/evaluations').expect(200)).body as EvaluationDue[];
      expect(due.map((item) => [item.stage, item.state, item.anonymous])).toEqual([
        ['pre', 'open', true],
        ['post', 'not-yet-open', true],
        ['follow-up', 'not-yet-open', true],
      ]);
    });

    it('asks for a self-generated code, naming the field when it is missing or not 4–12 letters or digits', async () => {
      for (const selfGeneratedCode of [undefined, '  ', 'ab1', 'ma-07-le', 'abcdefghij123']) {
        const response = await delegates[0]!
          .put('/api/me/evaluations/pre')
          .send({ answers: PRE_ANSWERS, selfGeneratedCode })
          .expect(400);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
          'selfGeneratedCode',
        ]);
        expect(response.body.errors[0].message).toMatch(/selfGeneratedCode/);
      }
      const notText = await delegates[0]!
        .put('/api/me/evaluations/pre')
        .send({ answers: PRE_ANSWERS, selfGeneratedCode: 1234 })
        .expect(400);
      expect(notText.body.errors[0].field).toBe('selfGeneratedCode');
      const both = await delegates[0]!
        .put('/api/me/evaluations/pre')
        .send({ answers: [{ itemCode: 'confidence_intervene', value: 9 }], selfGeneratedCode: 'x' })
        .expect(400);
      expect(both.body.errors[0].field).toBe('selfGeneratedCode');
      expect(both.body.errors[1].field).toBe('answers.0.value');
      expect(await countResponses(programme.id, 'pre')).toBe(0);
    });

    it('stores the answers under a hash of the code with nothing that identifies the delegate', async () => {
      const form = (
        await delegates[0]!
          .put('/api/me/evaluations/pre')
          .send({ answers: PRE_ANSWERS, selfGeneratedCode: ' ma 07 le ' })
          .expect(200)
      ).body as EvaluationForm;
      expect(form.anonymous).toBe(true);
      expect(form.answers).toEqual([]);
      expect(form.due.submittedAt).not.toBeNull();
      const [row] = await testApp.sql<{
        enrolment_id: string | null;
        delegate_user_id: string | null;
        pairing_key: string;
        cohort_id: string;
        on_the_day: boolean;
        whole: string;
      }>(
        `SELECT r.enrolment_id, r.delegate_user_id, r.pairing_key, r.cohort_id,
                r.submitted_at = date_trunc('day', r.submitted_at) AS on_the_day, row_to_json(r)::text AS whole
         FROM evaluation_response r WHERE r.programme_id = $1 AND r.stage = 'pre'`,
        [programme.id],
      );
      expect(row).toMatchObject({
        enrolment_id: null,
        delegate_user_id: null,
        pairing_key: codeKey(programme.id, 'MA07LE'),
        cohort_id: cohort.id,
        on_the_day: true,
      });
      expect(row!.whole).not.toContain(people[0]!.userId);
      expect(row!.whole).not.toContain(people[0]!.enrolmentId);
      expect(
        await testApp.sql(`SELECT stage, session_key FROM evaluation_completion WHERE enrolment_id = $1`, [
          people[0]!.enrolmentId,
        ]),
      ).toEqual([{ stage: 'pre', session_key: '' }]);
      const due = (await delegates[0]!.get('/api/me/evaluations').expect(200)).body as EvaluationDue[];
      expect(due[0]!.submittedAt).toBe(form.due.submittedAt);
      const again = (await delegates[0]!.get('/api/me/evaluations/pre').expect(200)).body as EvaluationForm;
      expect(again.answers).toEqual([]);
    });

    it('replaces the answers given with the same code and refuses a different code', async () => {
      await delegates[0]!
        .put('/api/me/evaluations/pre')
        .send({
          answers: PRE_ANSWERS.map((answer) =>
            answer.itemCode === 'confidence_intervene' ? { ...answer, value: 3 } : answer,
          ),
          selfGeneratedCode: 'Má07Le',
        })
        .expect(200);
      expect(await countResponses(programme.id, 'pre')).toBe(1);
      expect(
        await testApp.sql(
          `SELECT a.value_number::int AS value FROM evaluation_answer a JOIN evaluation_response r ON r.id = a.response_id
           WHERE r.programme_id = $1 AND a.item_code = 'confidence_intervene'`,
          [programme.id],
        ),
      ).toEqual([{ value: 3 }]);
      const other = await delegates[0]!
        .put('/api/me/evaluations/pre')
        .send({ answers: PRE_ANSWERS, selfGeneratedCode: 'JO12NO' })
        .expect(400);
      expect(other.body.errors).toEqual([
        { field: 'selfGeneratedCode', message: 'Use the same code you used before' },
      ]);
      expect(await countResponses(programme.id, 'pre')).toBe(1);
    });

    it('never lets another delegate overwrite answers by choosing the same code', async () => {
      const clash = await delegates[1]!
        .put('/api/me/evaluations/pre')
        .send({ answers: PRE_ANSWERS, selfGeneratedCode: 'MA07LE' })
        .expect(400);
      expect(clash.body.errors[0].field).toBe('selfGeneratedCode');
      expect(clash.body.errors[0].message).toMatch(/already used/);
      expect(await countResponses(programme.id, 'pre')).toBe(1);
      const due = (await delegates[1]!.get('/api/me/evaluations').expect(200)).body as EvaluationDue[];
      expect(due[0]!.submittedAt).toBeNull();
      await delegates[1]!
        .put('/api/me/evaluations/pre')
        .send({ answers: PRE_ANSWERS, selfGeneratedCode: 'MA07LE93' })
        .expect(200);
      expect(await countResponses(programme.id, 'pre')).toBe(2);
    });

    it('keeps one response when a delegate sends first submissions with different codes at once', async () => {
      const results = await Promise.all(
        ['AB01CD', 'EF02GH', 'IJ03KL', 'MN04OP'].map((selfGeneratedCode) =>
          delegates[2]!.put('/api/me/evaluations/pre').send({ answers: PRE_ANSWERS, selfGeneratedCode }),
        ),
      );
      expect(results.map((result) => result.status).sort()).toEqual([200, 400, 400, 400]);
      expect(await countResponses(programme.id, 'pre')).toBe(3);
      expect(
        await testApp.sql(
          `SELECT count(*)::int AS count FROM evaluation_completion WHERE enrolment_id = $1`,
          [people[2]!.enrolmentId],
        ),
      ).toEqual([{ count: 1 }]);
    });

    it('pairs pre and post by the code, not by the person', async () => {
      await moveIntoThePast(cohort.id, 1);
      const post = (
        await delegates[0]!
          .put('/api/me/evaluations/post')
          .send({ answers: POST_ANSWERS, selfGeneratedCode: 'ma07le' })
          .expect(200)
      ).body as EvaluationForm;
      expect(post.due).toMatchObject({ stage: 'post', state: 'open', anonymous: true });
      await delegates[1]!
        .put('/api/me/evaluations/post')
        .send({ answers: POST_ANSWERS, selfGeneratedCode: 'ma07le93' })
        .expect(200);
      const pairs = await testApp.sql<{ pairing_key: string; stages: string[] }>(
        `SELECT pairing_key, array_agg(stage ORDER BY stage DESC) AS stages FROM evaluation_response
         WHERE programme_id = $1 AND enrolment_id IS NULL AND delegate_user_id IS NULL
         GROUP BY pairing_key HAVING count(*) = 2 ORDER BY pairing_key`,
        [programme.id],
      );
      expect(pairs).toEqual(
        [codeKey(programme.id, 'MA07LE'), codeKey(programme.id, 'MA07LE93')]
          .sort()
          .map((key) => ({ pairing_key: key, stages: ['pre', 'post'] })),
      );
      const pre = await delegates[3]!
        .put('/api/me/evaluations/pre')
        .send({ answers: PRE_ANSWERS, selfGeneratedCode: 'QR05ST' })
        .expect(409);
      expect(pre.body.message).toBe('This questionnaire has closed');
    });

    it('takes session feedback without identity and only once per session', async () => {
      const workshop = sessions.find((session) => session.kind === 'workshop')!;
      await lead
        .put(`/api/sessions/${workshop.id}/attendance`)
        .send({
          entries: people.map((person) => ({ enrolmentId: person.enrolmentId, status: 'present' })),
        })
        .expect(200);
      // The workshop was moved into the past with the rest of the cohort; keep it inside the 14 days.
      await testApp.sql(
        `UPDATE session SET starts_at = now() - interval '2 days 7 hours', ends_at = now() - interval '2 days' WHERE id = $1`,
        [workshop.id],
      );
      const form = (
        await delegates[0]!
          .put(`/api/me/session-feedback/${workshop.id}`)
          .send({ answers: FEEDBACK })
          .expect(200)
      ).body as SessionFeedbackForm;
      expect(form.due).toMatchObject({ sessionId: workshop.id, state: 'open', anonymous: true });
      expect(form.due.submittedAt).not.toBeNull();
      expect(form.answers).toEqual([]);
      const twice = await delegates[0]!
        .put(`/api/me/session-feedback/${workshop.id}`)
        .send({ answers: FEEDBACK })
        .expect(409);
      expect(twice.body.message).toBe('You have already given feedback on this session');
      const together = await Promise.all(
        [1, 2].map(() =>
          delegates[1]!.put(`/api/me/session-feedback/${workshop.id}`).send({ answers: FEEDBACK }),
        ),
      );
      expect(together.map((result) => result.status).sort()).toEqual([200, 409]);
      const rows = await testApp.sql<{ pairing_key: string; enrolment_id: string | null; whole: string }>(
        `SELECT pairing_key, enrolment_id, row_to_json(r)::text AS whole FROM evaluation_response r
         WHERE r.stage = 'session-feedback' AND r.session_key = $1`,
        [workshop.id],
      );
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.pairing_key).toMatch(/^anon:[0-9a-f-]{36}$/);
        expect(row.enrolment_id).toBeNull();
        for (const person of people) expect(row.whole).not.toContain(person.userId);
      }
    });
  });

  describe('session feedback', () => {
    let delegates: ApiClient[];
    let people: { enrolmentId: string; userId: string; email: string }[];
    let sessions: CohortSession[];
    let recent: CohortSession;
    let old: CohortSession;
    let upcoming: CohortSession;

    beforeAll(async () => {
      ({ delegates, people, sessions } = await cohortWith(demoProgramme.id, 'Feedback cohort', 2));
      [old, recent, upcoming] = sessions as [CohortSession, CohortSession, CohortSession];
      await testApp.sql(
        `UPDATE session SET starts_at = now() - interval '15 days 7 hours', ends_at = now() - interval '15 days' WHERE id = $1`,
        [old.id],
      );
      await testApp.sql(
        `UPDATE session SET starts_at = now() - interval '1 day 7 hours', ends_at = now() - interval '1 day' WHERE id = $1`,
        [recent.id],
      );
      // Under way (a register can be taken from the start), but not ended: no feedback yet.
      await testApp.sql(
        `UPDATE session SET starts_at = now() - interval '1 hour', ends_at = now() + interval '6 hours' WHERE id = $1`,
        [upcoming.id],
      );
      const [present, absent] = people as [(typeof people)[0], (typeof people)[0]];
      for (const [session, status] of [
        [old, 'present'],
        [recent, 'late'],
        [upcoming, 'present'],
      ] as const)
        await lead
          .put(`/api/sessions/${session.id}/attendance`)
          .send({
            entries: [
              { enrolmentId: present.enrolmentId, status },
              { enrolmentId: absent.enrolmentId, status: 'absent' },
            ],
          })
          .expect(200);
    });

    it('lists the ended sessions the delegate attended, open for 14 days after each', async () => {
      const due = (await delegates[0]!.get('/api/me/session-feedback').expect(200))
        .body as SessionFeedbackDue[];
      expect(due.map((item) => [item.sessionId, item.state, item.submittedAt, item.anonymous])).toEqual([
        [recent.id, 'open', null, false],
        [old.id, 'closed', null, false],
      ]);
      expect(new Date(due[0]!.closesAt).getTime() - new Date(due[0]!.endsAt).getTime()).toBe(14 * DAY);
      expect(due[0]).toMatchObject({ title: recent.title, kind: recent.kind });
      expect((await delegates[1]!.get('/api/me/session-feedback').expect(200)).body).toEqual([]);
      const form = (await delegates[0]!.get(`/api/me/session-feedback/${recent.id}`).expect(200))
        .body as SessionFeedbackForm;
      expect(form.instrument.stage).toBe('session-feedback');
      expect(form.answers).toEqual([]);
      await delegates[1]!.get(`/api/me/session-feedback/${recent.id}`).expect(404);
    });

    it('emails each attendee once after the session with a link to the feedback form', async () => {
      const delivery = testApp.app.get(EvaluationDeliveryService);
      await delivery.queueEvaluationMail();
      await delivery.queueEvaluationMail();
      await testApp.sendOutbox();
      const [present, absent] = people as [(typeof people)[0], (typeof people)[0]];
      const toPresent = smtp.received.filter(
        (mail) => mail.to === present.email && mail.subject.startsWith('How was'),
      );
      expect(toPresent.map((mail) => mail.subject)).toEqual([`How was ${recent.title}?`]);
      expect(toPresent[0]!.text).toContain(`${BASE}/journey/session-feedback/${recent.id}`);
      expect(
        smtp.received.some((mail) => mail.to === absent.email && mail.subject.startsWith('How was')),
      ).toBe(false);
    });

    it('stores identified feedback, replaced on resubmission while open', async () => {
      await delegates[0]!
        .put(`/api/me/session-feedback/${recent.id}`)
        .send({ answers: FEEDBACK })
        .expect(200);
      const form = (
        await delegates[0]!
          .put(`/api/me/session-feedback/${recent.id}`)
          .send({ answers: [{ itemCode: 'session_useful', value: 4 }] })
          .expect(200)
      ).body as SessionFeedbackForm;
      expect(form.answers).toEqual([{ itemCode: 'session_useful', value: 4 }]);
      expect(form.due.submittedAt).not.toBeNull();
      expect(
        await testApp.sql(
          `SELECT enrolment_id, pairing_key FROM evaluation_response WHERE stage = 'session-feedback' AND session_key = $1`,
          [recent.id],
        ),
      ).toEqual([{ enrolment_id: people[0]!.enrolmentId, pairing_key: people[0]!.userId }]);
      const due = (await delegates[0]!.get('/api/me/session-feedback').expect(200))
        .body as SessionFeedbackDue[];
      expect(due[0]!.submittedAt).toBe(form.due.submittedAt);
    });

    it('refuses feedback on sessions not attended, not ended or closed, and names bad input', async () => {
      const closed = await delegates[0]!
        .put(`/api/me/session-feedback/${old.id}`)
        .send({ answers: FEEDBACK })
        .expect(409);
      expect(closed.body.message).toBe('Feedback on this session has closed');
      await delegates[0]!
        .put(`/api/me/session-feedback/${upcoming.id}`)
        .send({ answers: FEEDBACK })
        .expect(409);
      await delegates[1]!
        .put(`/api/me/session-feedback/${recent.id}`)
        .send({ answers: FEEDBACK })
        .expect(409);
      await delegates[0]!
        .put('/api/me/session-feedback/00000000-0000-4000-8000-000000000000')
        .send({ answers: FEEDBACK })
        .expect(404);
      const badId = await delegates[0]!
        .put('/api/me/session-feedback/not-a-session')
        .send({ answers: FEEDBACK })
        .expect(400);
      expect(badId.body.errors[0].field).toBe('sessionId');
      const badAnswer = await delegates[0]!
        .put(`/api/me/session-feedback/${recent.id}`)
        .send({ answers: [{ itemCode: 'session_useful', value: 7 }] })
        .expect(400);
      expect(badAnswer.body.errors[0].field).toBe('answers.0.value');
      const extra = await delegates[0]!
        .put(`/api/me/session-feedback/${recent.id}`)
        .send({ answers: FEEDBACK, selfGeneratedCode: 'MA07LE' })
        .expect(400);
      expect(extra.body.errors[0].field).toBe('selfGeneratedCode');
    });
  });

  describe('questionnaire invitations and reminders', () => {
    let delegates: ApiClient[];
    let people: { enrolmentId: string; userId: string; email: string }[];
    let sessions: CohortSession[];
    const delivery = () => testApp.app.get(EvaluationDeliveryService);

    /** Runs the job twice at `now` and sends the outbox: what each delegate received from this run. */
    async function runAt(now: Date) {
      smtp.received.length = 0;
      await delivery().queueEvaluationMail(now);
      await delivery().queueEvaluationMail(now);
      await testApp.sendOutbox();
      return people.map((person) => smtp.received.filter((mail) => mail.to === person.email));
    }

    beforeAll(async () => {
      smtp.received.length = 0;
      ({ delegates, people, sessions } = await cohortWith(demoProgramme.id, 'Invitation cohort', 2));
    });

    it('puts the "before" questionnaire link in the confirmation email', async () => {
      await testApp.sendOutbox();
      const confirmation = smtp.received.find(
        (mail) =>
          mail.to === people[0]!.email && mail.subject === 'Your place on Invitation cohort is confirmed',
      )!;
      expect(confirmation.text).toContain(`${BASE}/journey/questionnaires/pre`);
    });

    it('reminds once, three days before "before" closes, only those who have not answered', async () => {
      await delegates[0]!.put('/api/me/evaluations/pre').send({ answers: PRE_ANSWERS }).expect(200);
      const workshopStart = new Date(sessions[0]!.startsAt);
      const early = await runAt(new Date(workshopStart.getTime() - 4 * DAY));
      expect(early.flat()).toEqual([]);
      const [answered, notAnswered] = await runAt(new Date(workshopStart.getTime() - 2 * DAY));
      expect(answered).toEqual([]);
      expect(notAnswered!.map((mail) => mail.subject)).toEqual([
        'Reminder: your questionnaire closes on Thursday 13 May 2027',
      ]);
      expect(notAnswered![0]!.text).toContain(`${BASE}/journey/questionnaires/pre`);
      expect((await runAt(new Date(workshopStart.getTime() - DAY))).flat()).toEqual([]);
    });

    it('invites everyone to "after" when the last action learning set ends, and reminds those who have not answered', async () => {
      const lastSetEnd = new Date(
        Math.max(
          ...sessions
            .filter((session) => session.kind === 'action-learning-set')
            .map((session) => new Date(session.endsAt).getTime()),
        ),
      );
      expect((await runAt(new Date(lastSetEnd.getTime() - 3_600_000))).flat()).toEqual([]);
      const opened = await runAt(new Date(lastSetEnd.getTime() + 3_600_000));
      for (const received of opened) {
        expect(received.map((mail) => mail.subject)).toEqual([
          'You have finished the programme: a short questionnaire',
        ]);
        expect(received[0]!.text).toContain(`${BASE}/journey/questionnaires/post`);
      }
      await testApp.app
        .get(EvaluationsService)
        .submit(
          people[0]!.userId,
          'post',
          { answers: POST_ANSWERS },
          new Date(lastSetEnd.getTime() + 2 * 3_600_000),
        );
      const [answered, notAnswered] = await runAt(new Date(lastSetEnd.getTime() + 40 * DAY));
      expect(answered).toEqual([]);
      expect(notAnswered!.map((mail) => mail.subject)).toEqual([
        expect.stringMatching(/^Reminder: your questionnaire closes on /),
      ]);
      expect(notAnswered![0]!.text).toContain(`${BASE}/journey/questionnaires/post`);
      expect((await runAt(new Date(lastSetEnd.getTime() + 41 * DAY))).flat()).toEqual([]);
      const followUp = await runAt(new Date(lastSetEnd.getTime() + 92 * DAY));
      expect(followUp.map((received) => received.map((mail) => mail.subject))).toEqual([
        ['Three months on: a short questionnaire'],
        ['Three months on: a short questionnaire'],
      ]);
      expect(followUp[0]![0]!.text).toContain(`${BASE}/journey/questionnaires/follow-up`);
    });

    it('queues a reminder for each of 10,000 delegates due on one day, once: more than one statement can carry', async () => {
      // 10,000 messages of eight values each are more than one INSERT's 65,535 parameters can hold.
      const { cohort, sessions: regional } = await cohortWith(demoProgramme.id, 'Regional cohort', 0);
      const tokens = await insertDelegatesWithSessions(testApp.app.get(DataSource), 10_000);
      await testApp.sql(
        `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at)
         SELECT $1, $2, s.user_id, 'confirmed', now() FROM user_session s WHERE s.token_hash = ANY($3::text[])`,
        [
          cohort.id,
          demoProgramme.id,
          tokens.map((token) => createHash('sha256').update(token).digest('hex')),
        ],
      );
      const reminders = async () =>
        (
          await testApp.sql<{ count: number }>(
            `SELECT count(*)::int AS count FROM outbox_message m JOIN app_user u ON u.email = m.to_address
             JOIN enrolment e ON e.delegate_user_id = u.id AND e.cohort_id = $1
             WHERE m.subject LIKE 'Reminder: your questionnaire closes on %'`,
            [cohort.id],
          )
        )[0]!.count;
      const dueOn = new Date(new Date(regional[0]!.startsAt).getTime() - 2 * DAY);
      await delivery().queueEvaluationMail(dueOn);
      expect(await reminders()).toBe(10_000);
      await delivery().queueEvaluationMail(dueOn);
      expect(await reminders()).toBe(10_000);
    });
  });
});
