import { DataSource } from 'typeorm';
import { ScaleDataPresentError, seedScale } from '../src/database/seed-scale';
import { SeedService } from '../src/modules/demo/seed.service';
import { createTestApp, TestApp } from './support/test-app';

const PILOT_DELEGATES = `u.email LIKE 'pilot.%@synthetic.upstand.test'`;

async function pilotCounts(app: TestApp) {
  const [row] = await app.sql<Record<string, number>>(
    `WITH d AS (
       SELECT e.id AS enrolment_id, e.status, s.is_home_system,
              EXISTS (SELECT 1 FROM evaluation_response r WHERE r.enrolment_id = e.id AND r.stage = 'pre') AS has_pre,
              EXISTS (SELECT 1 FROM evaluation_response r WHERE r.enrolment_id = e.id AND r.stage = 'post') AS has_post
       FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id
       JOIN organisation o ON o.id = u.organisation_id
       JOIN organisation s ON s.id = coalesce(o.system_id, o.id)
       WHERE ${PILOT_DELEGATES})
     SELECT (SELECT count(*) FROM d)::int AS enrolments,
            (SELECT count(*) FROM d WHERE status = 'completed')::int AS certified,
            (SELECT count(*) FROM d WHERE status = 'completed' AND NOT is_home_system)::int AS "certifiedScaleUp",
            (SELECT count(*) FROM d WHERE has_pre AND has_post)::int AS paired,
            (SELECT count(*) FROM d WHERE has_pre AND NOT has_post)::int AS "preOnly",
            (SELECT count(*) FROM cohort WHERE name LIKE 'Pilot % (synthetic)')::int AS cohorts,
            (SELECT count(*) FROM evaluation_answer)::int AS answers,
            (SELECT count(*) FROM organisation WHERE name LIKE '%(synthetic)')::int AS organisations`,
  );
  return row as Record<string, number>;
}

describe('synthetic pilot data', () => {
  describe('in a development (demo) database', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ NODE_ENV: 'development' });
    });
    afterAll(() => app.close());

    it('seeds the pilot at start-up: 231 certified, 62 from scale-up systems, 98 paired pre/post', async () => {
      const counts = await pilotCounts(app);
      expect(counts).toMatchObject({ certified: 231, certifiedScaleUp: 62, paired: 98, cohorts: 17 });
      expect(counts['preOnly']).toBeGreaterThan(50);
      expect(counts['enrolments']).toBeGreaterThan(231);
      expect(counts['organisations']).toBe(8);
    });

    it('writes consistent journeys: certified delegates attended and joined the community', async () => {
      const [row] = await app.sql<Record<string, number>>(
        `SELECT count(*) FILTER (WHERE m.user_id IS NULL)::int AS "notInCommunity",
                count(*) FILTER (WHERE e.completed_at IS NULL)::int AS "noCompletionDate",
                count(DISTINCT date_trunc('month', e.completed_at))::int AS months,
                count(*) FILTER (WHERE (SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id
                                        WHERE a.enrolment_id = e.id AND s.kind = 'action-learning-set'
                                          AND a.status IN ('present', 'late')) < 4)::int AS "tooFewSets"
         FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id
         LEFT JOIN community_member m ON m.user_id = u.id
         WHERE ${PILOT_DELEGATES} AND e.status = 'completed'`,
      );
      expect(row).toMatchObject({ notInCommunity: 0, noCompletionDate: 0, tooFewSets: 0 });
      expect(row?.['months']).toBeGreaterThanOrEqual(10);
      const [last] = await app.sql<{ last: Date }>(
        `SELECT max(s.ends_at) AS last FROM session s JOIN cohort c ON c.id = s.cohort_id WHERE c.name LIKE 'Pilot %'`,
      );
      expect(last?.last.getTime()).toBeLessThan(Date.now());
    });

    it('cannot be signed in to: the accounts have no usable password', async () => {
      const client = await app.client();
      const response = await client
        .post('/api/auth/login')
        .send({ email: 'pilot.1@synthetic.upstand.test', password: 'upstand-demo' });
      expect(response.status).toBe(401);
    });

    it('does not seed it twice, neither on a second seed nor on a restart', async () => {
      const before = await pilotCounts(app);
      await app.app.get(SeedService).seed();
      const restarted = await createTestApp({ NODE_ENV: 'development' }, { sameDatabaseAs: app });
      try {
        expect(await pilotCounts(restarted)).toEqual(before);
      } finally {
        await restarted.close();
      }
    });
  });

  describe('in a database that is not a demo one', () => {
    it('adds nothing made up when a development instance starts on it', async () => {
      // A test database has the demo accounts; a real one (a copy of a trust's, say) does not.
      const real = await createTestApp();
      let development: TestApp | undefined;
      try {
        await real.sql(
          `UPDATE app_user SET email = 'lead@trust.nhs.test' WHERE email = 'lead@demo.upstand.test'`,
        );
        const [before] = await real.sql<{ cohorts: number; users: number }>(
          `SELECT (SELECT count(*) FROM cohort)::int AS cohorts, (SELECT count(*) FROM app_user)::int AS users`,
        );
        development = await createTestApp({ NODE_ENV: 'development' }, { sameDatabaseAs: real });
        expect(await pilotCounts(development)).toMatchObject({ enrolments: 0, cohorts: 0, organisations: 0 });
        const [after] = await real.sql<{ cohorts: number; users: number }>(
          `SELECT (SELECT count(*) FROM cohort)::int AS cohorts, (SELECT count(*) FROM app_user)::int AS users`,
        );
        expect(after).toEqual(before);
      } finally {
        await development?.close();
        await real.close();
      }
    });
  });

  describe('in a test database', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp();
    });
    afterAll(() => app.close());

    it('leaves it out', async () => {
      expect(await pilotCounts(app)).toMatchObject({ enrolments: 0, cohorts: 0, answers: 0 });
    });

    it('builds scale data: 2,000 delegates in 100 cohorts with their journeys and questionnaires', async () => {
      const dataSource = app.app.get(DataSource);
      const summary = await seedScale(dataSource, {
        delegates: 2000,
        asOf: new Date('2026-11-23T12:00:00Z'),
      });
      expect(summary).toMatchObject({
        icbs: 40,
        organisations: 400,
        delegates: 2000,
        cohorts: 100,
        learningSets: 300,
        sessions: 1800,
        enrolments: 2000,
      });
      const [counts] = await app.sql<Record<string, number>>(
        `SELECT (SELECT count(*) FROM app_user WHERE email LIKE 'scale.%@synthetic.upstand.test')::int AS delegates,
                (SELECT count(*) FROM organisation WHERE type = 'icb')::int AS icbs,
                (SELECT count(DISTINCT system_id) FROM cohort WHERE name LIKE 'Scale %')::int AS "cohortSystems",
                (SELECT count(*) FROM enrolment WHERE status = 'completed')::int AS certified,
                (SELECT count(*) FROM community_member)::int AS community,
                (SELECT count(*) FROM attendance)::int AS attendance,
                (SELECT count(*) FROM evaluation_response)::int AS responses,
                (SELECT count(*) FROM evaluation_answer)::int AS answers,
                (SELECT count(*) FROM enrolment e WHERE e.status = 'completed' AND
                   (SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id
                    WHERE a.enrolment_id = e.id AND s.kind = 'action-learning-set' AND a.status IN ('present', 'late')) < 4)::int AS "certifiedWithTooFewSets",
                (SELECT count(*) FROM attendance a JOIN session s ON s.id = a.session_id
                 WHERE s.starts_at > '2026-11-23T12:00:00Z')::int AS "attendanceInFuture"`,
      );
      expect(counts).toMatchObject({
        delegates: 2000,
        certified: summary.certified,
        community: summary.certified,
        attendance: summary.attendance,
        responses: summary.responses,
        answers: summary.answers,
        certifiedWithTooFewSets: 0,
        attendanceInFuture: 0,
      });
      expect(counts['icbs']).toBeGreaterThanOrEqual(40);
      expect(counts['cohortSystems']).toBeGreaterThan(10);
      expect(summary.certified / 2000).toBeGreaterThan(0.55);
      // about two questionnaires per delegate (pre and post, some follow-up), 9 to 11 answers each
      expect(summary.responses / 2000).toBeGreaterThan(1.7);
      expect(summary.responses / 2000).toBeLessThan(2.3);
      expect(summary.answers / summary.responses).toBeGreaterThan(9);
      expect(summary.answers / summary.responses).toBeLessThan(11);
      const [shift] = await app.sql<{ pre: number; post: number }>(
        `SELECT avg(a.value_number) FILTER (WHERE r.stage = 'pre')::float AS pre, avg(a.value_number) FILTER (WHERE r.stage = 'post')::float AS post
         FROM evaluation_answer a JOIN evaluation_response r ON r.id = a.response_id WHERE a.item_code = 'confidence_intervene'`,
      );
      expect((shift?.post ?? 0) - (shift?.pre ?? 0)).toBeGreaterThan(0.5);

      await expect(seedScale(dataSource, { delegates: 2000 })).rejects.toBeInstanceOf(ScaleDataPresentError);
      // Still there once the first delegate has been anonymised (the nightly retention job does that to old data).
      await app.sql(
        `UPDATE app_user SET email = 'erased-' || id || '@erased.invalid' WHERE email = 'scale.1@' || split_part(email, '@', 2)`,
      );
      await expect(seedScale(dataSource, { delegates: 2000 })).rejects.toBeInstanceOf(ScaleDataPresentError);
    });
  });
});
