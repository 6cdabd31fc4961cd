import { RetentionService } from '../src/modules/erasure/retention.service';
import { AnalyticsFixture, buildAnalyticsFixture } from './support/analytics-fixture';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * The retention job, with its periods shortened where that keeps the test readable and the data dated in the past
 * (the fixture's workshops moved ten years back), on the real clock.
 */
describe('retention', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let fixture: AnalyticsFixture;
  let retention: RetentionService;

  const idsOf = async (indexes: number[]) =>
    (
      await testApp.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = ANY($1) ORDER BY email`, [
        indexes.map((index) => `analytics-${index}@nhs.test`),
      ])
    ).map((row) => row.id);

  /** Makes these people's journeys end `years` ago (their last status change and questionnaire answer). */
  const endJourneys = async (ids: string[], years: number) => {
    await testApp.sql(
      `UPDATE enrolment SET status_changed_at = now() - make_interval(years => $2) WHERE delegate_user_id = ANY($1)`,
      [ids, years],
    );
    await testApp.sql(
      `UPDATE evaluation_response SET updated_at = now() - make_interval(years => $2) WHERE delegate_user_id = ANY($1)`,
      [ids, years],
    );
  };

  const erased = async (ids: string[]) =>
    (
      await testApp.sql<{ user_id: string }>(`SELECT user_id FROM user_erasure WHERE user_id = ANY($1)`, [
        ids,
      ])
    ).map((row) => row.user_id);

  const overview = async () =>
    (await lead.get(`/api/analytics/overview?programmeId=${fixture.programmeId}`).expect(200))
      .body as unknown;

  beforeAll(async () => {
    testApp = await createTestApp({
      RETENTION_YEARS: '6',
      SENT_EMAIL_RETENTION_DAYS: '30',
      AUDIT_RETENTION_YEARS: '2',
    });
    lead = await testApp.signedIn('lead@demo.upstand.test');
    fixture = await buildAnalyticsFixture(testApp, lead);
    await testApp.sql(
      `UPDATE session SET starts_at = starts_at - interval '10 years', ends_at = ends_at - interval '10 years'
        WHERE cohort_id = ANY($1)`,
      [fixture.cohorts.map((cohort) => cohort.id)],
    );
    retention = testApp.app.get(RetentionService);
  });
  afterAll(() => testApp.close());

  it('anonymises delegates whose journey ended over RETENTION_YEARS ago, and keeps the rest', async () => {
    const old = await idsOf([0, 1, 2, 3, 5]); // completed, completed, completed, did not complete, withdrawn
    const recent = await idsOf([4, 6]);
    const stillEnrolled = await idsOf([7]);
    await endJourneys(old, 7);
    await endJourneys(recent, 5);
    await endJourneys(stillEnrolled, 7);
    await testApp.sql(
      `UPDATE enrolment SET status = 'confirmed', completed_at = NULL WHERE delegate_user_id = $1`,
      [stillEnrolled[0]],
    );
    const before = await overview();

    const outcome = await retention.run();

    expect(outcome.anonymised).toBe(old.length);
    expect((await erased(old)).sort()).toEqual([...old].sort());
    expect(await erased([...recent, ...stillEnrolled])).toEqual([]);
    const people = await testApp.sql<{ email: string; full_name: string }>(
      `SELECT email, full_name FROM app_user WHERE id = ANY($1) ORDER BY email`,
      [old],
    );
    expect(
      people.every((row) => row.full_name === 'Erased user' && row.email.endsWith('@erased.invalid')),
    ).toBe(true);
    expect(await testApp.sql(`SELECT 1 FROM delegate_profile WHERE user_id = ANY($1)`, [old])).toEqual([]);
    expect(await testApp.sql(`SELECT 1 FROM equality_monitoring WHERE user_id = ANY($1)`, [old])).toEqual([]);
    expect(
      await testApp.sql(`SELECT 1 FROM delegate_profile WHERE user_id = ANY($1)`, [recent]),
    ).toHaveLength(2);
    // Anonymised the same way as an erasure: the figures stay.
    expect(await overview()).toEqual(before);
    const [event] = await testApp.sql<{ details: Record<string, number> }>(
      `SELECT details FROM audit_event WHERE action = 'retention.anonymised' ORDER BY id DESC LIMIT 1`,
    );
    expect(event!.details['count']).toBe(old.length);

    // Run again: nothing left to do.
    expect((await retention.run()).anonymised).toBe(0);
  });

  it('prunes sent emails and audit events by their own periods', async () => {
    await testApp.sql(
      `INSERT INTO outbox_message (to_address, subject, text_body, status, sent_at, created_at) VALUES
         ('old@nhs.test', 'Old sent', 'x', 'sent', now() - interval '60 days', now() - interval '60 days'),
         ('old@nhs.test', 'Old kept', 'x', 'kept', NULL, now() - interval '45 days'),
         ('new@nhs.test', 'Recent sent', 'x', 'sent', now() - interval '5 days', now() - interval '5 days'),
         ('later@nhs.test', 'Still to send', 'x', 'pending', NULL, now() - interval '90 days')`,
    );
    await testApp.sql(
      `INSERT INTO audit_event (occurred_at, action, entity_type, details) VALUES
         (now() - interval '3 years', 'test.old', 'test', '{}'), (now() - interval '1 year', 'test.recent', 'test', '{}')`,
    );

    const outcome = await retention.run();

    const subjects = (
      await testApp.sql<{ subject: string }>(
        `SELECT subject FROM outbox_message WHERE to_address IN ('old@nhs.test', 'new@nhs.test', 'later@nhs.test') ORDER BY subject`,
      )
    ).map((row) => row.subject);
    expect(subjects).toEqual(['Recent sent', 'Still to send']);
    const actions = (
      await testApp.sql<{ action: string }>(`SELECT action FROM audit_event WHERE entity_type = 'test'`)
    ).map((row) => row.action);
    expect(actions).toEqual(['test.recent']);
    expect(outcome.emailsDeleted).toBeGreaterThanOrEqual(2);
    expect(outcome.auditEventsDeleted).toBe(1);
  });

  it('reaches everyone due, a window of accounts at a time, when more are due than one batch takes', async () => {
    const indexes = fixture.people.map((_, index) => index).filter((index) => index >= 16);
    const half = Math.floor(indexes.length / 2);
    const [first, second] = [await idsOf(indexes.slice(0, half)), await idsOf(indexes.slice(half))];
    expect(Math.min(first.length, second.length)).toBeGreaterThan(25); // more than one batch of 25 each

    // All due in one window: a full batch goes on from its last person, not past the rest of the window.
    await endJourneys(first, 8);
    expect((await retention.run()).anonymised).toBe(first.length);
    expect((await erased(first)).sort()).toEqual([...first].sort());

    // Windows of 7 accounts: every window is looked in, to the last account.
    await endJourneys(second, 8);
    expect((await retention.run(new Date(), 7)).anonymised).toBe(second.length);
    expect((await erased(second)).sort()).toEqual([...second].sort());
  });

  it('does the work once when two runs overlap (as on two instances)', async () => {
    const old = await idsOf([8, 9, 10, 11, 12, 13, 14, 15]);
    await endJourneys(old, 8);

    const [first, second] = await Promise.all([retention.run(), retention.run()]);

    expect(first.anonymised + second.anonymised).toBe(old.length);
    const events = await testApp.sql<{ entity_id: string }>(
      `SELECT entity_id FROM audit_event WHERE action = 'user.erased' AND entity_id = ANY($1)`,
      [old],
    );
    expect(events.map((row) => row.entity_id).sort()).toEqual([...old].sort());
    expect((await erased(old)).sort()).toEqual([...old].sort());
  });
});
