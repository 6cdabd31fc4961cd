import { ErasureRequestSummary, ErasureResult, MyErasureRequest } from '@upstand/contracts';
import { ERASURE_REQUEST_SUBJECT } from '../src/modules/erasure/erasure.service';
import { PERSONAL_DATA_INVENTORY } from '../src/modules/erasure/personal-data-inventory';
import { AnalyticsFixture, buildAnalyticsFixture } from './support/analytics-fixture';
import { registerAndActivate } from './support/registration';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

const EMAIL = 'morgan.blake@example.nhs.uk';
const NAME = 'Morgan Blake';
const PASSWORD = 'a long enough password';
const PROFILE = {
  jobTitle: 'Occupational therapist',
  staffGroup: 'Allied Health Professionals',
  payScheme: 'agenda-for-change',
  payBand: '6',
  lineManagerName: 'Helen Carterworth',
  lineManagerEmail: 'helen.carterworth@example.nhs.uk',
};
const COMMENT = 'Morgan Blake will speak up at the Tuesday huddle on ward 7';

/** Every row of every table, as text, that contains the needle (case-insensitive): the strongest "is it gone". */
async function rowsContaining(testApp: TestApp, needle: string): Promise<string[]> {
  const tables = await testApp.sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    const rows = await testApp.sql<{ row: string }>(
      `SELECT t::text AS row FROM "${table_name}" t WHERE t::text ILIKE $1`,
      [`%${needle}%`],
    );
    found.push(...rows.map((row) => `${table_name}: ${row.row}`));
  }
  return found;
}

describe('erasure', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let systemLead: ApiClient;
  let morgan: ApiClient;
  let fixture: AnalyticsFixture;
  let morganId: string;
  let enrolmentId: string;

  const query = (params: Record<string, string> = {}) =>
    new URLSearchParams({ programmeId: fixture.programmeId, ...params }).toString();

  /** What the Impact page shows a regional lead: the headline figures and the paired item statistics. */
  async function impactFigures(): Promise<unknown> {
    const [overview, items, home] = await Promise.all([
      lead.get(`/api/analytics/overview?${query()}`).expect(200),
      lead.get(`/api/analytics/items?${query({ from: 'pre', to: 'post' })}`).expect(200),
      lead.get(`/api/analytics/overview?${query({ systemId: fixture.systems.QK1 })}`).expect(200),
    ]);
    return { overview: overview.body, items: items.body, home: home.body };
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    fixture = await buildAnalyticsFixture(testApp, lead);

    // Morgan works at University Hospitals of Leicester (system QK1) and went through the whole journey.
    morgan = await registerAndActivate(testApp, {
      email: EMAIL,
      fullName: NAME,
      password: PASSWORD,
      organisationId: fixture.organisations.RWE,
    });
    await morgan.put('/api/me/profile').send(PROFILE).expect(200);
    await morgan
      .put('/api/me/equality')
      .send({ ethnicCategory: 'H', disability: 'no', sex: 'female', ageBand: '35-44' })
      .expect(200);
    morganId = (await morgan.get('/api/auth/me').expect(200)).body.id as string;
    const cohort = fixture.cohorts[0]!;
    const [enrolment] = await testApp.sql<{ id: string }>(
      `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at, completed_at)
       VALUES ($1, $2, $3, 'completed', now(), $4::date + 150) RETURNING id`,
      [cohort.id, fixture.programmeId, morganId, cohort.startDate],
    );
    enrolmentId = enrolment!.id;
    await testApp.sql(
      `INSERT INTO attendance (session_id, enrolment_id, status) SELECT id, $2, 'present' FROM session WHERE cohort_id = $1`,
      [cohort.id, enrolmentId],
    );
    const instruments = await testApp.sql<{ id: string; stage: string }>(
      `SELECT id, stage FROM instrument WHERE programme_id = $1`,
      [fixture.programmeId],
    );
    for (const stage of ['pre', 'post'] as const) {
      const [response] = await testApp.sql<{ id: string }>(
        `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, stage, instrument_id)
         VALUES ($1, $2, $3, $4::uuid, $4::text, $5, $6) RETURNING id`,
        [
          fixture.programmeId,
          cohort.id,
          enrolmentId,
          morganId,
          stage,
          instruments.find((i) => i.stage === stage)!.id,
        ],
      );
      await testApp.sql(
        `INSERT INTO evaluation_answer (response_id, item_code, value_number)
         VALUES ($1, 'confidence_intervene', $2), ($1, 'd_direct', $3), ($1, 'know_support', $4)`,
        [response!.id, stage === 'pre' ? 2 : 5, stage === 'pre' ? 3 : 8, stage === 'pre' ? 0 : 1],
      );
      if (stage === 'post')
        await testApp.sql(
          `INSERT INTO evaluation_answer (response_id, item_code, value_text) VALUES ($1, 'do_differently', $2)`,
          [response!.id, COMMENT],
        );
    }
    await testApp.sql(
      `INSERT INTO evaluation_completion (enrolment_id, stage, session_key, completed_at)
                       VALUES ($1, 'pre', '', now()), ($1, 'post', '', now())`,
      [enrolmentId],
    );
    await testApp.sql(`INSERT INTO community_member (user_id, in_directory) VALUES ($1, true)`, [morganId]);
    // Emails to Morgan and about Morgan (to their line manager), sent long ago.
    await testApp.sql(
      `INSERT INTO outbox_message (to_address, subject, text_body, status, sent_at)
       VALUES ($1, 'Your place is confirmed', 'Dear Morgan Blake, see you at the workshop.', 'sent', now()),
              ($2, 'Morgan Blake has finished the programme', 'Your team member has finished.', 'sent', now())`,
      [EMAIL, PROFILE.lineManagerEmail],
    );
  });
  afterAll(() => testApp.close());

  it('lists every column of every table in the personal-data inventory the erasure was written against', async () => {
    const columns = await testApp.sql<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name, ordinal_position`,
    );
    const unreviewed = columns
      .filter((column) => !PERSONAL_DATA_INVENTORY[column.table_name]?.includes(column.column_name))
      .map((column) => `${column.table_name}.${column.column_name}`);
    // A new column: decide what erasure and retention do with it (ErasureRepository.anonymise), then list it.
    expect(unreviewed).toEqual([]);
  });

  it('lets a delegate ask once, and tells the leads in their scope without naming them', async () => {
    expect((await morgan.get('/api/me/erasure-request').expect(200)).body).toEqual({ request: null });
    const first = (await morgan.post('/api/me/erasure-request').expect(202)).body as MyErasureRequest;
    const again = (await morgan.post('/api/me/erasure-request').expect(202)).body as MyErasureRequest;
    expect(again.request?.id).toBe(first.request?.id);
    expect((await morgan.get('/api/me/erasure-request').expect(200)).body).toEqual(first);

    const told = await testApp.sql<{ to_address: string; text_body: string }>(
      `SELECT to_address, text_body FROM outbox_message WHERE subject = $1`,
      [ERASURE_REQUEST_SUBJECT],
    );
    // No lead holds QK1 alone, so the regional lead hears of it, once; the QWU system lead does not.
    expect(told.map((row) => row.to_address)).toEqual(['lead@demo.upstand.test']);
    expect(told[0]!.text_body).not.toMatch(/morgan|blake/i);
    expect(told[0]!.text_body).toContain('/admin/erasure-requests');
    const audited = await testApp.sql(
      `SELECT 1 FROM audit_event WHERE action = 'user.erasure-requested' AND entity_id = $1`,
      [morganId],
    );
    expect(audited).toHaveLength(1);
  });

  it('shows the request only to leads whose scope covers the delegate, and refuses another system’s lead', async () => {
    const regional = (await lead.get('/api/erasure-requests').expect(200)).body as ErasureRequestSummary[];
    expect(regional).toEqual([
      expect.objectContaining({
        userId: morganId,
        fullName: NAME,
        email: EMAIL,
        organisation: expect.any(String),
      }),
    ]);
    expect((await systemLead.get('/api/erasure-requests').expect(200)).body).toEqual([]);
    await systemLead.post(`/api/users/${morganId}/erase`).expect(404);
    // Exactly as for an id that does not exist.
    await systemLead.post('/api/users/00000000-0000-4000-8000-000000000000/erase').expect(404);
    await morgan.post(`/api/users/${morganId}/erase`).expect(403);
    await morgan.get('/api/erasure-requests').expect(403);
  });

  it('erases: nothing of the person is left, and Impact figures do not change', async () => {
    const before = await impactFigures();
    const scoredBefore = await testApp.sql(
      `SELECT a.item_code, a.value_number, r.stage FROM evaluation_answer a JOIN evaluation_response r ON r.id = a.response_id
        WHERE r.delegate_user_id = $1 AND a.value_number IS NOT NULL ORDER BY r.stage, a.item_code`,
      [morganId],
    );
    expect(await rowsContaining(testApp, 'Morgan Blake')).not.toEqual([]);

    const result = (await lead.post(`/api/users/${morganId}/erase`).expect(200)).body as ErasureResult;
    expect(result).toMatchObject({ userId: morganId, alreadyErased: false });

    for (const needle of [
      'Morgan Blake',
      'morgan.blake',
      'Occupational therapist',
      PROFILE.lineManagerName,
      PROFILE.lineManagerEmail,
      'Tuesday huddle',
    ])
      expect({ needle, rows: await rowsContaining(testApp, needle) }).toEqual({ needle, rows: [] });
    for (const table of [
      'delegate_profile',
      'equality_monitoring',
      'community_member',
      'user_session',
      'user_role',
    ])
      expect(await testApp.sql(`SELECT 1 FROM ${table} WHERE user_id = $1`, [morganId])).toEqual([]);

    // Attendance and scored answers stay, on the anonymous account.
    const scoredAfter = await testApp.sql(
      `SELECT a.item_code, a.value_number, r.stage FROM evaluation_answer a JOIN evaluation_response r ON r.id = a.response_id
        WHERE r.delegate_user_id = $1 AND a.value_number IS NOT NULL ORDER BY r.stage, a.item_code`,
      [morganId],
    );
    expect(scoredAfter).toEqual(scoredBefore);
    expect(await testApp.sql(`SELECT status FROM attendance WHERE enrolment_id = $1`, [enrolmentId])).toEqual(
      [{ status: 'present' }],
    );
    expect(await impactFigures()).toEqual(before);

    // The request is met, the erasure audited without personal values, earlier events keep only ids.
    expect((await lead.get('/api/erasure-requests').expect(200)).body).toEqual([]);
    const erased = await testApp.sql<{ details: unknown; actor_user_id: string }>(
      `SELECT details, actor_user_id FROM audit_event WHERE action = 'user.erased' AND entity_id = $1`,
      [morganId],
    );
    expect(erased).toEqual([{ details: { reason: 'request' }, actor_user_id: expect.any(String) }]);
    const earlier = await testApp.sql<{ details: unknown }>(
      `SELECT details FROM audit_event WHERE entity_type = 'user' AND entity_id = $1 AND action <> 'user.erased'`,
      [morganId],
    );
    expect(earlier.length).toBeGreaterThan(0);
    expect(earlier.every((row) => JSON.stringify(row.details) === '{}')).toBe(true);
  });

  it('refuses the certificate and every way back in', async () => {
    const refused = await lead.get(`/api/enrolments/${enrolmentId}/certificate.pdf`).expect(410);
    expect(refused.body.message).toMatch(/can no longer be issued/);
    await morgan.get('/api/auth/me').expect(401);
    const browser = await testApp.client();
    await browser.post('/api/auth/login').send({ email: EMAIL, password: PASSWORD }).expect(401);
    const [account] = await testApp.sql<{ email: string; full_name: string; disabled_at: Date | null }>(
      `SELECT email, full_name, disabled_at FROM app_user WHERE id = $1`,
      [morganId],
    );
    expect(account).toEqual({
      email: `erased-${morganId}@erased.invalid`,
      full_name: 'Erased user',
      disabled_at: expect.any(Date),
    });
  });

  it('is safe to repeat, also twice at once', async () => {
    const again = (await lead.post(`/api/users/${morganId}/erase`).expect(200)).body as ErasureResult;
    expect(again.alreadyErased).toBe(true);

    const [other] = await testApp.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'analytics-0@nhs.test'`,
    );
    const before = await impactFigures();
    const answers = await Promise.all([
      lead.post(`/api/users/${other!.id}/erase`),
      lead.post(`/api/users/${other!.id}/erase`),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => (answer.body as ErasureResult).alreadyErased).sort()).toEqual([
      false,
      true,
    ]);
    expect(
      await testApp.sql(`SELECT 1 FROM audit_event WHERE action = 'user.erased' AND entity_id = $1`, [
        other!.id,
      ]),
    ).toHaveLength(1);
    expect(await impactFigures()).toEqual(before);
  });

  it('tells and lets the system lead act for someone employed in their system', async () => {
    const [coventry] = await testApp.delegates(1, 'QWU');
    const id = (await coventry!.get('/api/auth/me').expect(200)).body.id as string;
    const asked = (await coventry!.post('/api/me/erasure-request').expect(202)).body as MyErasureRequest;
    const told = await testApp.sql<{ to_address: string }>(
      `SELECT to_address FROM outbox_message WHERE dedupe_key LIKE $1`,
      [`erasure-request:${asked.request!.id}:%`],
    );
    // The system's own lead; the regional lead is told only when no lead holds the system.
    expect(told.map((row) => row.to_address)).toEqual(['system-lead@demo.upstand.test']);
    expect((await systemLead.get('/api/erasure-requests').expect(200)).body).toEqual([
      expect.objectContaining({ userId: id }),
    ]);
    expect((await systemLead.post(`/api/users/${id}/erase`).expect(200)).body).toMatchObject({
      alreadyErased: false,
    });
    await coventry!.get('/api/auth/me').expect(401);
  });

  it('leaves a lead’s own account and staff accounts to a regional lead', async () => {
    const me = (await systemLead.get('/api/auth/me').expect(200)).body.id as string;
    await systemLead.post(`/api/users/${me}/erase`).expect(409);
  });
});
