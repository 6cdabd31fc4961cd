import {
  FRAMEWORK_AREAS,
  Programme,
  ProgrammeAction,
  ProgrammeFramework,
  ProgrammeReview,
} from '@upstand/contracts';
import { todayInLondon } from '../src/common/london-date';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

function addDays(date: string, days: number): string {
  const value = new Date(`${date}T12:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** The fields a 400 names, each once, in alphabetical order. */
function fieldsOf(body: { errors: { field: string }[] }): string[] {
  return [...new Set(body.errors.map((error) => error.field))].sort();
}

describe('programme review framework and action log', () => {
  let testApp: TestApp;
  let steering: ApiClient;
  let lead: ApiClient;
  let programme: Programme;

  const createReview = (client: ApiClient, label: string, periodStart: string, periodEnd: string) =>
    client.post(`/api/programmes/${programme.id}/reviews`).send({ label, periodStart, periodEnd });

  beforeAll(async () => {
    testApp = await createTestApp();
    steering = await testApp.signedIn('steering@demo.upstand.test');
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(() => testApp.close());

  it('lets the steering group and leads in, and refuses delegates, sponsors, facilitators and anonymous callers', async () => {
    const review = (await createReview(steering, 'Access check', '2023-01-01', '2023-03-31').expect(201))
      .body as ProgrammeReview;
    await lead.get(`/api/programmes/${programme.id}/reviews`).expect(200);
    await lead
      .put(`/api/reviews/${review.id}/ratings/relevance`)
      .send({ rating: 'green', evidence: 'Lead rating' })
      .expect(200);

    for (const who of ['delegate', 'sponsor', 'facilitator', 'manager']) {
      const client = await testApp.signedIn(`${who}@demo.upstand.test`);
      await client.get(`/api/programmes/${programme.id}/reviews`).expect(403);
      await client.get(`/api/programmes/${programme.id}/framework`).expect(403);
      await client.get(`/api/programmes/${programme.id}/actions`).expect(403);
      await createReview(client, `By ${who}`, '2023-01-01', '2023-03-31').expect(403);
      await client
        .put(`/api/reviews/${review.id}/ratings/relevance`)
        .send({ rating: 'red', evidence: 'Not allowed' })
        .expect(403);
      await client
        .post(`/api/programmes/${programme.id}/actions`)
        .send({ action: 'x', owner: 'y', dueDate: '2030-01-01' })
        .expect(403);
    }
    const anonymous = await testApp.client();
    await anonymous.get(`/api/programmes/${programme.id}/reviews`).expect(401);

    const [kept] = (await steering.get(`/api/programmes/${programme.id}/reviews`).expect(200))
      .body as ProgrammeReview[];
    expect(kept!.ratings).toEqual([
      expect.objectContaining({ area: 'relevance', rating: 'green', evidence: 'Lead rating' }),
    ]);
  });

  it('names the fields of a bad review, rating or action', async () => {
    const review = await createReview(steering, '', '2024-02-30', 'soon').expect(400);
    expect(fieldsOf(review.body)).toEqual(['label', 'periodEnd', 'periodStart']);

    const backwards = await createReview(steering, 'Backwards', '2024-03-31', '2024-01-01').expect(400);
    expect(backwards.body.errors).toEqual([
      { field: 'periodEnd', message: 'periodEnd must be on or after periodStart' },
    ]);

    const { id } = (await createReview(steering, 'Validation', '2022-01-01', '2022-03-31').expect(201))
      .body as ProgrammeReview;
    const rating = await steering
      .put(`/api/reviews/${id}/ratings/relevance`)
      .send({ rating: 'purple', evidence: 'x'.repeat(4001) })
      .expect(400);
    expect(fieldsOf(rating.body)).toEqual(['evidence', 'rating']);
    const blank = await steering
      .put(`/api/reviews/${id}/ratings/relevance`)
      .send({ rating: 'red', evidence: '   ' })
      .expect(400);
    expect(blank.body.errors).toEqual([{ field: 'evidence', message: 'evidence must not be empty' }]);
    const area = await steering
      .put(`/api/reviews/${id}/ratings/happiness`)
      .send({ rating: 'red', evidence: 'x' })
      .expect(400);
    expect(area.body.errors).toEqual([
      { field: 'area', message: 'area must be one of the 16 framework areas' },
    ]);
    const reviewId = await steering
      .put('/api/reviews/not-a-uuid/ratings/relevance')
      .send({ rating: 'red', evidence: 'x' })
      .expect(400);
    expect(reviewId.body.errors[0].field).toBe('reviewId');

    const action = await steering
      .post(`/api/programmes/${programme.id}/actions`)
      .send({ action: '', owner: 'o'.repeat(201), dueDate: '31/12/2030', area: 'vibes', reviewId: 'x' })
      .expect(400);
    expect(fieldsOf(action.body)).toEqual(['action', 'area', 'dueDate', 'owner', 'reviewId']);
    const created = (
      await steering
        .post(`/api/programmes/${programme.id}/actions`)
        .send({ action: 'Check the numbers', owner: 'Analyst', dueDate: '2030-01-01' })
        .expect(201)
    ).body as ProgrammeAction;
    const patch = await steering
      .patch(`/api/actions/${created.id}`)
      .send({ status: 'finished', owner: null, dueDate: '2030-13-01' })
      .expect(400);
    expect(fieldsOf(patch.body)).toEqual(['dueDate', 'owner', 'status']);
    const filter = await steering.get(`/api/programmes/${programme.id}/actions?status=late`).expect(400);
    expect(filter.body.errors[0].field).toBe('status');
  });

  it('refuses a second review with the same label in a programme (409 naming label)', async () => {
    await createReview(steering, '2024 Q1', '2024-01-01', '2024-03-31').expect(201);
    const results = await Promise.all([
      createReview(lead, '2024 Q1', '2024-01-01', '2024-03-31'),
      createReview(steering, ' 2024 Q1 ', '2024-01-01', '2024-03-31'),
    ]);
    expect(results.map((result) => result.status)).toEqual([409, 409]);
    expect(results[0]!.body.errors).toEqual([
      { field: 'label', message: 'This programme already has a review called 2024 Q1' },
    ]);
    expect(
      await testApp.sql(`SELECT count(*)::int AS count FROM programme_review WHERE label = '2024 Q1'`),
    ).toEqual([{ count: 1 }]);
  });

  it('keeps one rating per area, records who rated it, and makes a closed review read-only', async () => {
    const review = (await createReview(steering, '2024 Q2', '2024-04-01', '2024-06-30').expect(201))
      .body as ProgrammeReview;
    await Promise.all(
      ['red', 'amber', 'green'].map((rating) =>
        steering
          .put(`/api/reviews/${review.id}/ratings/efficiency`)
          .send({ rating, evidence: `Evidence ${rating}` })
          .expect(200),
      ),
    );
    const rated = (
      await lead
        .put(`/api/reviews/${review.id}/ratings/overall-effectiveness`)
        .send({ rating: 'amber', evidence: '  Completion is 64% against a target of 75%.  ' })
        .expect(200)
    ).body as ProgrammeReview;
    expect(rated.ratings.map((rating) => rating.area)).toEqual(['overall-effectiveness', 'efficiency']);
    expect(rated.ratings[0]).toMatchObject({
      rating: 'amber',
      evidence: 'Completion is 64% against a target of 75%.',
      ratedByName: expect.any(String),
    });
    expect(Date.parse(rated.ratings[0]!.ratedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(
      await testApp.sql(`SELECT count(*)::int AS count FROM programme_review_rating WHERE review_id = $1`, [
        review.id,
      ]),
    ).toEqual([{ count: 2 }]);
    const audit = await testApp.sql<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [review.id],
    );
    expect(audit.map((event) => event.action)).toEqual([
      'review.created',
      'review.area-rated',
      'review.area-re-rated',
      'review.area-re-rated',
      'review.area-rated',
    ]);
    expect(JSON.stringify(audit)).not.toContain('64%');

    const closed = (await steering.post(`/api/reviews/${review.id}/close`).expect(200))
      .body as ProgrammeReview;
    expect(closed.closedAt).not.toBeNull();
    const refused = await lead
      .put(`/api/reviews/${review.id}/ratings/overall-effectiveness`)
      .send({ rating: 'green', evidence: 'Try to change it' })
      .expect(409);
    expect(refused.body.message).toBe('Review 2024 Q2 is closed: its ratings cannot change');
    const again = (await lead.post(`/api/reviews/${review.id}/close`).expect(200)).body as ProgrammeReview;
    expect(again.closedAt).toBe(closed.closedAt);
    const unchanged = (await lead.get(`/api/reviews/${review.id}`).expect(200)).body as ProgrammeReview;
    expect(unchanged.ratings[0]!.rating).toBe('amber');
    await steering.post('/api/reviews/00000000-0000-4000-8000-000000000000/close').expect(404);
  });

  it('lists reviews newest first and tracks each area over time, oldest period first', async () => {
    const other = (
      await lead.post('/api/programmes').send({ name: 'Framework history programme' }).expect(201)
    ).body as Programme;
    const make = async (label: string, start: string, end: string) =>
      (
        (
          await steering
            .post(`/api/programmes/${other.id}/reviews`)
            .send({ label, periodStart: start, periodEnd: end })
            .expect(201)
        ).body as ProgrammeReview
      ).id;
    // Created out of order: the period decides the order, not when it was entered.
    const q3 = await make('2024 Q3', '2024-07-01', '2024-09-30');
    const q1 = await make('2024 Q1', '2024-01-01', '2024-03-31');
    const q2 = await make('2024 Q2', '2024-04-01', '2024-06-30');
    const rate = (reviewId: string, area: string, rating: string) =>
      steering
        .put(`/api/reviews/${reviewId}/ratings/${area}`)
        .send({ rating, evidence: `${area} ${rating}` });
    await rate(q1, 'sustainability', 'red').expect(200);
    await rate(q3, 'sustainability', 'green').expect(200);
    await rate(q2, 'sustainability', 'amber').expect(200);
    await rate(q2, 'cost-benefit', 'green').expect(200);

    const reviews = (await steering.get(`/api/programmes/${other.id}/reviews`).expect(200))
      .body as ProgrammeReview[];
    expect(reviews.map((review) => review.label)).toEqual(['2024 Q3', '2024 Q2', '2024 Q1']);
    expect(reviews[1]!.ratings.map((rating) => [rating.area, rating.rating])).toEqual([
      ['sustainability', 'amber'],
      ['cost-benefit', 'green'],
    ]);

    const framework = (await lead.get(`/api/programmes/${other.id}/framework`).expect(200))
      .body as ProgrammeFramework;
    expect(framework.reviews.map((review) => review.label)).toEqual(['2024 Q1', '2024 Q2', '2024 Q3']);
    expect(framework.areas.map((area) => area.label)).toEqual(FRAMEWORK_AREAS.map((area) => area.label));
    expect(framework.areas).toHaveLength(16);
    const sustainability = framework.areas.find((area) => area.area === 'sustainability')!;
    expect(sustainability.history.map((point) => [point.reviewId, point.rating])).toEqual([
      [q1, 'red'],
      [q2, 'amber'],
      [q3, 'green'],
    ]);
    expect(framework.areas.find((area) => area.area === 'cost-benefit')!.history).toHaveLength(1);
    expect(framework.areas.find((area) => area.area === 'relevance')!.history).toEqual([]);

    await steering.get('/api/programmes/00000000-0000-4000-8000-000000000000/framework').expect(404);
  });

  it('keeps an action log: overdue when open or in progress past its due date (London), filtered by status', async () => {
    const today = todayInLondon();
    const review = (await createReview(steering, '2025 Q1', '2025-01-01', '2025-03-31').expect(201))
      .body as ProgrammeReview;
    const add = (body: object) =>
      steering.post(`/api/programmes/${programme.id}/actions`).send(body).expect(201);
    const late = (
      await add({
        action: '  Offer an evening workshop for night-shift staff ',
        owner: 'Programme lead',
        dueDate: addDays(today, -1),
        area: 'participation-accessibility',
        reviewId: review.id,
      })
    ).body as ProgrammeAction;
    expect(late).toMatchObject({
      action: 'Offer an evening workshop for night-shift staff',
      status: 'open',
      overdue: true,
      area: 'participation-accessibility',
      reviewId: review.id,
      reviewLabel: '2025 Q1',
    });
    const dueToday = (await add({ action: 'Send the quarterly report', owner: 'Comms', dueDate: today }))
      .body as ProgrammeAction;
    expect(dueToday.overdue).toBe(false);

    const started = (await lead.patch(`/api/actions/${late.id}`).send({ status: 'in-progress' }).expect(200))
      .body as ProgrammeAction;
    expect(started).toMatchObject({ status: 'in-progress', overdue: true });
    const done = (
      await steering
        .patch(`/api/actions/${late.id}`)
        .send({ status: 'done', owner: 'Deputy programme lead' })
        .expect(200)
    ).body as ProgrammeAction;
    expect(done).toMatchObject({ status: 'done', overdue: false, owner: 'Deputy programme lead' });

    const audit = await testApp.sql<{ action: string; details: { fields?: string[] } }>(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [late.id],
    );
    expect(audit).toEqual([
      { action: 'action.created', details: {} },
      { action: 'action.updated', details: { fields: ['status'] } },
      { action: 'action.updated', details: { fields: ['owner', 'status'] } },
    ]);

    const doneOnly = (await lead.get(`/api/programmes/${programme.id}/actions?status=done`).expect(200))
      .body as ProgrammeAction[];
    expect(doneOnly.map((action) => action.id)).toEqual([late.id]);
    const all = (await lead.get(`/api/programmes/${programme.id}/actions`).expect(200))
      .body as ProgrammeAction[];
    expect(all[all.length - 1]!.id).toBe(late.id);

    const otherProgramme = (
      await lead.post('/api/programmes').send({ name: 'Action log programme' }).expect(201)
    ).body as Programme;
    const foreign = await steering
      .post(`/api/programmes/${otherProgramme.id}/actions`)
      .send({ action: 'x', owner: 'y', dueDate: today, reviewId: review.id })
      .expect(400);
    expect(foreign.body.errors).toEqual([
      { field: 'reviewId', message: 'reviewId must be a review of this programme' },
    ]);
    await steering
      .patch('/api/actions/00000000-0000-4000-8000-000000000000')
      .send({ status: 'done' })
      .expect(404);
  });
});
