import { Cohort, EvaluationDue, EvaluationForm, Instrument, Programme } from '@upstand/contracts';
import { PRE_ANSWERS } from './support/questionnaire-answers';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('evaluation questionnaires', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let delegate: ApiClient;
  let programme: Programme;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    const cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Evaluation cohort',
          startDate: '2027-05-13',
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    [delegate] = await testApp.delegates(1);
    await delegate!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
  });
  afterAll(() => testApp.close());

  it('offers the default Active Bystander questionnaires, with the headline item and the 5 Ds', async () => {
    const instruments = (await lead.get(`/api/programmes/${programme.id}/instruments`).expect(200))
      .body as Instrument[];
    const pre = instruments.find((instrument) => instrument.stage === 'pre')!;
    expect(pre.items[0]).toMatchObject({
      code: 'confidence_intervene',
      type: 'likert-5',
      construct: 'confidence-to-intervene',
    });
    expect(pre.items.filter((item) => item.construct === 'five-ds').map((item) => item.code)).toEqual([
      'd_direct',
      'd_distract',
      'd_delegate',
      'd_delay',
      'd_document',
    ]);
    const post = instruments.find((instrument) => instrument.stage === 'post')!;
    expect(post.items.some((item) => item.retrospective)).toBe(true);
    expect(post.items.some((item) => item.type === 'free-text')).toBe(true);
  });

  it('lets a delegate answer pre while it is open and replace the answers; post is not open yet', async () => {
    const due = (await delegate.get('/api/me/evaluations').expect(200)).body as EvaluationDue[];
    expect(due.map((item) => [item.stage, item.state])).toEqual([
      ['pre', 'open'],
      ['post', 'not-yet-open'],
      ['follow-up', 'not-yet-open'],
    ]);
    expect(due[0]!.closesAt).toBe('2027-05-13T08:00:00.000Z');
    await delegate.put('/api/me/evaluations/pre').send({ answers: PRE_ANSWERS }).expect(200);
    const replaced = (
      await delegate
        .put('/api/me/evaluations/pre')
        .send({
          answers: PRE_ANSWERS.map((answer) =>
            answer.itemCode === 'confidence_intervene' ? { ...answer, value: 3 } : answer,
          ),
        })
        .expect(200)
    ).body as EvaluationForm;
    expect(replaced.answers.find((answer) => answer.itemCode === 'confidence_intervene')!.value).toBe(3);
    expect(await testApp.sql(`SELECT count(*)::int AS count FROM evaluation_response`)).toEqual([
      { count: 1 },
    ]);
    const post = await delegate.put('/api/me/evaluations/post').send({ answers: PRE_ANSWERS }).expect(409);
    expect(post.body.message).toBe('This questionnaire is not open yet');
  });

  it('holds one response per delegate and stage under simultaneous submissions', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => delegate.put('/api/me/evaluations/pre').send({ answers: PRE_ANSWERS })),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(await testApp.sql(`SELECT count(*)::int AS count FROM evaluation_response`)).toEqual([
      { count: 1 },
    ]);
  });

  it('names bad and missing answers', async () => {
    const response = await delegate
      .put('/api/me/evaluations/pre')
      .send({
        answers: [
          { itemCode: 'confidence_intervene', value: 9 },
          { itemCode: 'd_direct', value: 'lots' },
        ],
      })
      .expect(400);
    expect(response.body.errors[0]).toEqual({
      field: 'answers.0.value',
      message: 'confidence_intervene: choose from strongly disagree (1) to strongly agree (5)',
    });
    expect(response.body.errors[1]).toEqual({
      field: 'answers.1.value',
      message: 'd_direct: give a whole number from 0 to 10',
    });
    expect(response.body.errors.filter((error: { field: string }) => error.field === 'answers').length).toBe(
      7,
    );
    await delegate.get('/api/me/evaluations/during').expect(400);
  });

  it('publishes a new version (e.g. "Disapprove" as the fifth D) while earlier answers keep theirs', async () => {
    const [before] = await testApp.sql<{ version: number }>(
      `SELECT i.version FROM evaluation_response r JOIN instrument i ON i.id = r.instrument_id`,
    );
    const current = (
      (await lead.get(`/api/programmes/${programme.id}/instruments`).expect(200)).body as Instrument[]
    ).find((instrument) => instrument.stage === 'pre')!;
    const items = current.items.map((item) =>
      item.code === 'd_document'
        ? {
            ...item,
            code: 'd_disapprove',
            wording:
              'How confident are you to use Disapprove: showing you do not accept it? (0 = not at all, 10 = completely)',
          }
        : item,
    );
    const published = (
      await lead
        .put(`/api/programmes/${programme.id}/instruments/pre`)
        .send({ title: current.title, items })
        .expect(200)
    ).body as Instrument;
    expect(published.version).toBe(current.version + 1);
    const [after] = await testApp.sql<{ version: number }>(
      `SELECT i.version FROM evaluation_response r JOIN instrument i ON i.id = r.instrument_id`,
    );
    expect(after).toEqual(before);
    // The delegate is now asked the new version, under its title.
    const form = (await delegate.get('/api/me/evaluations/pre').expect(200)).body as EvaluationForm;
    expect(form.instrument.version).toBe(published.version);
    expect(form.instrument.items.map((item) => item.code)).toContain('d_disapprove');
    const duplicate = await lead
      .put(`/api/programmes/${programme.id}/instruments/pre`)
      .send({ title: 'x', items: [items[0], items[0]] })
      .expect(400);
    expect(duplicate.body.errors.map((error: { field: string }) => error.field)).toEqual(['items.1.code']);
    await delegate
      .put(`/api/programmes/${programme.id}/instruments/pre`)
      .send({ title: 'x', items })
      .expect(403);
  });

  it('refuses a bad questionnaire with 400 naming the question and field, publishing nothing', async () => {
    const current = (
      (await lead.get(`/api/programmes/${programme.id}/instruments`).expect(200)).body as Instrument[]
    ).find((instrument) => instrument.stage === 'follow-up')!;
    const items = current.items;
    const choice = {
      code: 'role',
      wording: 'Which best describes your role?',
      type: 'single-choice',
      required: true,
      construct: null,
    };
    const cases: [string, unknown, string[]][] = [
      [
        'empty wording',
        { title: current.title, items: [items[0], { ...items[1], wording: '  ' }] },
        ['items.1.wording'],
      ],
      [
        'a code used twice',
        { title: current.title, items: [items[0], items[1], items[0]] },
        ['items.2.code'],
      ],
      [
        'a bad code',
        { title: current.title, items: [{ ...items[0], code: 'Not a code' }] },
        ['items.0.code'],
      ],
      ['single choice without options', { title: current.title, items: [choice] }, ['items.0.options']],
      [
        'one option',
        { title: current.title, items: [{ ...choice, options: ['Nurse'] }] },
        ['items.0.options'],
      ],
      [
        'an empty option',
        { title: current.title, items: [{ ...choice, options: ['Nurse', ' '] }] },
        ['items.0.options'],
      ],
      [
        'the same option twice',
        { title: current.title, items: [{ ...choice, options: ['Nurse', 'nurse '] }] },
        ['items.0.options'],
      ],
      [
        'an unknown type',
        { title: current.title, items: [{ ...items[0], type: 'slider' }] },
        ['items.0.type'],
      ],
      [
        'no required flag',
        { title: current.title, items: [{ ...items[0], required: undefined }] },
        ['items.0.required'],
      ],
      [
        'an unknown field',
        { title: current.title, items: [{ ...items[0], colour: 'red' }] },
        ['items.0.colour'],
      ],
      [
        'a short label over 40 characters',
        { title: current.title, items: [{ ...items[0], shortLabel: 'x'.repeat(41) }] },
        ['items.0.shortLabel'],
      ],
      [
        'a short label that is not text',
        { title: current.title, items: [{ ...items[0], shortLabel: 7 }] },
        ['items.0.shortLabel'],
      ],
      ['an empty title', { title: ' ', items }, ['title']],
      ['no questions', { title: current.title, items: [] }, ['items']],
      ['questions that are not a list', { title: current.title, items: 'all of them' }, ['items']],
      ['a question that is not an object', { title: current.title, items: [null] }, ['items.0']],
    ];
    for (const [label, body, fields] of cases) {
      const response = await lead
        .put(`/api/programmes/${programme.id}/instruments/follow-up`)
        .send(body as object);
      expect([label, response.status]).toEqual([label, 400]);
      const named = [...new Set(response.body.errors.map((error: { field: string }) => error.field))];
      expect([label, named]).toEqual([label, fields]);
    }
    await lead
      .put('/api/programmes/00000000-0000-4000-8000-000000000000/instruments/follow-up')
      .send({ title: current.title, items })
      .expect(404);
    await lead.get('/api/programmes/00000000-0000-4000-8000-000000000000/instruments').expect(404);
    const after = (
      (await lead.get(`/api/programmes/${programme.id}/instruments`).expect(200)).body as Instrument[]
    ).find((instrument) => instrument.stage === 'follow-up')!;
    expect(after.version).toBe(current.version);
  });

  it('gives the demo items short labels for charts, and keeps a lead’s edit (a blank one means the wording)', async () => {
    const current = (
      (await lead.get(`/api/programmes/${programme.id}/instruments`).expect(200)).body as Instrument[]
    ).find((instrument) => instrument.stage === 'post')!;
    const label = (code: string) => current.items.find((item) => item.code === code)?.shortLabel;
    expect(label('confidence_intervene')).toBe('Confidence to intervene');
    expect(label('d_direct')).toBe('5 Ds: Direct');
    const items = current.items.map((item) =>
      item.code === 'confidence_intervene'
        ? { ...item, shortLabel: '  Confident to step in ' }
        : item.code === 'safe_speak_up'
          ? { ...item, shortLabel: ' ' }
          : item,
    );
    const published = (
      await lead
        .put(`/api/programmes/${programme.id}/instruments/post`)
        .send({ title: current.title, items })
        .expect(200)
    ).body as Instrument;
    const saved = (code: string) => published.items.find((item) => item.code === code)!;
    expect(saved('confidence_intervene').shortLabel).toBe('Confident to step in');
    expect(saved('safe_speak_up')).not.toHaveProperty('shortLabel');
  });

  it('keeps options only on single-choice questions', async () => {
    const published = (
      await lead
        .put(`/api/programmes/${programme.id}/instruments/session-feedback`)
        .send({
          title: 'Session feedback',
          items: [
            {
              code: 'session_useful',
              wording: 'Useful?',
              type: 'yes-no',
              required: true,
              options: ['x', 'y'],
            },
            {
              code: 'session_part',
              wording: 'Which part helped most?',
              type: 'single-choice',
              required: false,
              construct: null,
              options: [' Role play ', 'Discussion'],
            },
          ],
        })
        .expect(200)
    ).body as Instrument;
    expect(published.items.map((item) => [item.code, item.options])).toEqual([
      ['session_useful', undefined],
      ['session_part', ['Role play', 'Discussion']],
    ]);
  });
});
