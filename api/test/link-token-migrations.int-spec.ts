import { Cohort, Programme } from '@upstand/contracts';
import { createHash, randomBytes } from 'crypto';
import request from 'supertest';
import { DataSource, MigrationInterface } from 'typeorm';
import { createDataSource } from '../src/database/migrate';
import { HashCalendarFeedTokens1796532994807 } from '../src/database/migrations/1796532994807-HashCalendarFeedTokens';
import { VoidStoredLinkTokens1796532994808 } from '../src/database/migrations/1796532994808-VoidStoredLinkTokens';
import { OutboxWorker } from '../src/modules/mail/outbox-worker.service';
import { createTestApp, TestApp } from './support/test-app';

const BASE = 'https://upstand.example.nhs.uk';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const TOKEN_IN_BODY = /(reset-password\?token=|\/approvals\/)[A-Za-z0-9_-]{43}/;

/** The bodies as the code before this change wrote them, live token and all. */
const oldBodies = {
  reset: (name: string, token: string) =>
    [
      `Dear ${name},`,
      '',
      'We received a request to set a new password for your Upstand account (Active Bystander Programme).',
      '',
      `Set a new password here: ${BASE}/reset-password?token=${token}`,
      '(The link works once and for 1 hour. Setting a new password signs you out everywhere.)',
      '',
      'If you did not ask for this, you can ignore this email: your password stays as it is.',
    ].join('\n'),
  invitation: (name: string, email: string, token: string) =>
    [
      `Dear ${name},`,
      '',
      'An Upstand account has been made for you for the Active Bystander Programme, where you can follow your journey: your sessions, questionnaires and certificate.',
      '',
      `Set your password here: ${BASE}/reset-password?token=${token}`,
      `(The link works once and ends on Thursday 20 May 2027. After that, use "Forgotten your password?" on the sign-in page: ${BASE}/forgot-password)`,
      '',
      `You sign in with this email address: ${email}`,
    ].join('\n'),
  approval: (token: string) =>
    [
      'Dear Mo Ahmed,',
      '',
      'Load Delegate has asked for a place on the Active Bystander Programme (Migration cohort), which trains staff to challenge bullying, harassment and discrimination safely.',
      '',
      `Approve or decline here: ${BASE}/approvals/${token}`,
      '(The link works once and ends on Thursday 20 May 2027. You can also sign in to Upstand as a line manager.)',
    ].join('\n'),
};

describe('migrations that take live tokens out of the database', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  /** Runs one migration step by hand against the test database. */
  const run = async (step: 'up' | 'down', migration: MigrationInterface) => {
    const runner = dataSource.createQueryRunner();
    try {
      await migration[step](runner);
    } finally {
      await runner.release();
    }
  };

  beforeAll(async () => {
    // Demo mode (no SMTP): the worker keeps messages, links rendered, for the in-app mailbox.
    testApp = await createTestApp({ PUBLIC_BASE_URL: BASE });
    dataSource = await createDataSource(testApp.databaseUrl).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await testApp.close();
  });

  it('void the tokens in old outbox bodies, and still send the pending ones with a fresh link', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    await lead
      .patch(`/api/programmes/${programme!.id}/settings`)
      .send({ requiresManagerApproval: true })
      .expect(200);
    const cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Migration cohort',
          startDate: '2027-05-13',
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const delegates = await testApp.delegates(2);
    for (const delegate of delegates) await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    const people = await testApp.sql<{ id: string; email: string; full_name: string }>(
      `SELECT id, email, full_name FROM app_user WHERE email LIKE 'load-%' ORDER BY email LIMIT 2`,
    );
    const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
    const approvals = await testApp.sql<{ id: string }>(`SELECT id FROM approval_request ORDER BY id`);
    const [r1, r2] = approvals as [{ id: string }, { id: string }];

    // Rows made the old way: tokens in the bodies, their hashes in the link tables.
    await testApp.sql(`DELETE FROM outbox_message`);
    const [tA, tB, tC, tD] = [newToken(), newToken(), newToken(), newToken()];
    await testApp.sql(
      `INSERT INTO password_reset_token (token_hash, user_id, purpose, expires_at) VALUES
         ($1, $2, 'reset', now() + interval '1 hour'), ($3, $4, 'invitation', now() + interval '14 days')`,
      [sha256(tA), a.id, sha256(tB), b.id],
    );
    await testApp.sql(`UPDATE approval_request SET token_hash = $2 WHERE id = $1`, [r1.id, sha256(tC)]);
    await testApp.sql(`UPDATE approval_request SET token_hash = $2 WHERE id = $1`, [r2.id, sha256(tD)]);
    const insert = (to: string, subject: string, body: string, status: string) =>
      testApp.sql<{ id: string }>(
        `INSERT INTO outbox_message (to_address, subject, text_body, status) VALUES ($1, $2, $3, $4) RETURNING id`,
        [to, subject, body, status],
      );
    const [rowA] = await insert(
      a.email,
      'Set a new password for Upstand',
      oldBodies.reset(a.full_name, tA),
      'pending',
    );
    const [rowB] = await insert(
      b.email,
      'Invitation',
      oldBodies.invitation(b.full_name, b.email, tB),
      'sent',
    );
    const [rowC] = await insert(
      'manager@demo.upstand.test',
      'Please approve',
      oldBodies.approval(tC),
      'pending',
    );
    const [rowD] = await insert(
      'manager@demo.upstand.test',
      'Reminder: please approve',
      oldBodies.approval(tD),
      'kept',
    );
    const anonymous = await testApp.client();
    const complete = (token: string) =>
      anonymous.post('/api/auth/password-reset/complete').send({ token, password: 'a brand new password' });
    // Before: anyone who reads the table can use them.
    await anonymous.get(`/api/approvals/${tC}`).expect(200);

    await run('up', new VoidStoredLinkTokens1796532994808());
    const after = async () =>
      testApp.sql<{
        id: string;
        status: string;
        text_body: string;
        link_purpose: string | null;
        link_subject_id: string | null;
      }>(
        `SELECT id, status, text_body, link_purpose, link_subject_id FROM outbox_message ORDER BY created_at, id`,
      );
    const rows = await after();
    const byId = (id: string) => rows.find((row) => row.id === id)!;
    expect(rows.filter((row) => TOKEN_IN_BODY.test(row.text_body))).toEqual([]);
    expect(byId(rowA!.id)).toMatchObject({
      status: 'pending',
      link_purpose: 'password-reset',
      link_subject_id: a.id,
    });
    expect(byId(rowA!.id).text_body).toContain('Set a new password here: {{link}}\n');
    expect(byId(rowB!.id)).toMatchObject({ status: 'sent', link_purpose: null });
    expect(byId(rowB!.id).text_body).toContain('Set your password here: [link removed]\n');
    expect(byId(rowC!.id)).toMatchObject({
      status: 'pending',
      link_purpose: 'approval-request',
      link_subject_id: r1.id,
    });
    expect(byId(rowC!.id).text_body).toContain(
      'Approve or decline here: {{link}}\n(The link works once and ends on {{link-expires-on}}.',
    );
    expect(byId(rowD!.id)).toMatchObject({ status: 'kept', link_purpose: null });
    expect(byId(rowD!.id).text_body).toContain('Approve or decline here: [link removed]');
    // Every old token is void.
    expect((await complete(tA)).status).toBe(400);
    expect((await complete(tB)).status).toBe(400);
    await anonymous.get(`/api/approvals/${tC}`).expect(404);
    await anonymous.get(`/api/approvals/${tD}`).expect(404);
    // Running it again changes nothing.
    await run('up', new VoidStoredLinkTokens1796532994808());
    expect(await after()).toEqual(rows);

    // The pending ones still arrive, each with a new link that works.
    await testApp.app.get(OutboxWorker).runOnce();
    const [kept] = await testApp.sql<{ text_body: string }>(
      `SELECT text_body FROM outbox_message WHERE id = $1`,
      [rowA!.id],
    );
    const fresh = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(kept!.text_body)![1]!;
    expect(fresh).not.toBe(tA);
    expect((await complete(fresh)).status).toBe(204);
    const [approval] = await testApp.sql<{ text_body: string }>(
      `SELECT text_body FROM outbox_message WHERE id = $1`,
      [rowC!.id],
    );
    expect(approval!.text_body).toMatch(/ends on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}\./);
    const approvalToken = /\/approvals\/([A-Za-z0-9_-]{43})/.exec(approval!.text_body)![1]!;
    await anonymous.get(`/api/approvals/${approvalToken}`).expect(200);
  });

  it('hash calendar-feed tokens in place, so existing subscriptions keep working', async () => {
    const [user] = await testApp.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'facilitator@demo.upstand.test'`,
    );
    await run('down', new HashCalendarFeedTokens1796532994807());
    const token = newToken();
    await testApp.sql(`INSERT INTO calendar_feed (user_id, token) VALUES ($1, $2)`, [user!.id, token]);
    await run('up', new HashCalendarFeedTokens1796532994807());
    expect(await testApp.sql(`SELECT token_hash FROM calendar_feed`)).toEqual([
      { token_hash: sha256(token) },
    ]);
    const feed = await request(testApp.app.getHttpServer())
      .get(`/api/calendar/feed/${token}.ics`)
      .expect(200);
    expect(feed.text).toContain('BEGIN:VCALENDAR');
  });
});
