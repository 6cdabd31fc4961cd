import {
  ApprovalRequestView,
  Cohort,
  Enrolment,
  Paged,
  Programme,
  TeamMemberProgress,
} from '@upstand/contracts';
import request from 'supertest';
import { ApprovalsService } from '../src/modules/approvals/approvals.service';
import { OutboxWorker } from '../src/modules/mail/outbox-worker.service';
import { SmtpSink } from './support/smtp-sink';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('line-manager approval', () => {
  let smtp: SmtpSink;
  let testApp: TestApp;
  let lead: ApiClient;
  let delegate: ApiClient;
  let cohort: Cohort;

  const linkFrom = (text: string) => /\/approvals\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    testApp = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://upstand.example.nhs.uk' });
    lead = await testApp.signedIn('lead@demo.upstand.test');
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    await lead
      .patch(`/api/programmes/${programme!.id}/settings`)
      .send({ requiresManagerApproval: true })
      .expect(200);
    cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Approval cohort',
          startDate: '2027-05-13',
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body;
    delegate = await testApp.signedIn('delegate@demo.upstand.test');
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  it('emails the manager a single-use link; approving confirms the place and tells the delegate', async () => {
    const enrolment = (await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201))
      .body as Enrolment;
    expect(enrolment.status).toBe('pending-approval');
    await testApp.app.get(OutboxWorker).runOnce();
    const toManager = smtp.received.find((mail) => mail.to === 'manager@demo.upstand.test')!;
    expect(toManager.subject).toBe("Please approve Sam Patel's place on Approval cohort");
    expect(toManager.text).toContain('https://upstand.example.nhs.uk/approvals/');
    const token = linkFrom(toManager.text);
    // The link was minted as the email went: the outbox keeps only the placeholder, the database the hash.
    const [stored] = await testApp.sql<{ text_body: string }>(
      `SELECT text_body FROM outbox_message WHERE to_address = 'manager@demo.upstand.test'`,
    );
    expect(stored!.text_body).toContain('Approve or decline here: {{link}}');
    expect(stored!.text_body).not.toContain(token);

    const anonymous = await testApp.client();
    const view = (await anonymous.get(`/api/approvals/${token}`).expect(200)).body as ApprovalRequestView;
    expect(view).toMatchObject({
      state: 'pending',
      delegateName: 'Sam Patel',
      cohortName: 'Approval cohort',
      delegateJobTitle: 'Staff nurse, emergency department',
    });
    expect(view.sessions[0]!.startsAt).toBe('2027-05-13T09:00:00+01:00');

    const approved = (await anonymous.post(`/api/approvals/${token}/approve`).expect(200))
      .body as ApprovalRequestView;
    expect(approved.state).toBe('approved');
    expect(((await delegate.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe(
      'confirmed',
    );
    const reuse = await anonymous.post(`/api/approvals/${token}/decline`).expect(409);
    expect(reuse.body.message).toMatch(/works only once/);
    await testApp.app.get(OutboxWorker).runOnce();
    expect(smtp.received.some((mail) => mail.subject === 'Your place on Approval cohort is confirmed')).toBe(
      true,
    );

    const manager = await testApp.signedIn('manager@demo.upstand.test');
    const team = (await manager.get('/api/manager/team').expect(200)).body as Paged<TeamMemberProgress>;
    expect(team.items).toEqual([
      {
        delegateName: 'Sam Patel',
        cohortName: 'Approval cohort',
        status: 'confirmed',
        sessionsAttended: 0,
        sessionsHeld: 0,
      },
    ]);
  });

  it('refuses made-up, expired and CSRF-less decisions', async () => {
    const anonymous = await testApp.client();
    await anonymous.get(`/api/approvals/${'x'.repeat(43)}`).expect(404);
    await request(testApp.app.getHttpServer())
      .post(`/api/approvals/${'x'.repeat(43)}/approve`)
      .expect(403);
    const [someone] = await testApp.delegates(1);
    const enrolment = (await someone!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201))
      .body as Enrolment;
    await testApp.app.get(OutboxWorker).runOnce();
    const [row] = await testApp.sql<{ id: string }>(
      `SELECT id FROM approval_request WHERE enrolment_id = $1`,
      [enrolment.id],
    );
    await testApp.sql(`UPDATE approval_request SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      row!.id,
    ]);
    const manager = await testApp.signedIn('manager@demo.upstand.test');
    expect((await manager.get('/api/manager/approvals').expect(200)).body.items).toEqual([]);
    await manager.post(`/api/manager/approvals/${row!.id}/approve`).expect(409);
  });

  it('reminds a manager once after 3 days with a fresh link, and lets them decline in their account', async () => {
    const [someone] = await testApp.delegates(1);
    const enrolment = (await someone!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201))
      .body as Enrolment;
    const service = testApp.app.get(ApprovalsService);
    const later = new Date(Date.now() + 3 * 24 * 3_600_000 + 60_000);
    const sent = await Promise.all([service.sendReminders(later), service.sendReminders(later)]);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(1);
    const manager = await testApp.signedIn('manager@demo.upstand.test');
    const pending = (await manager.get('/api/manager/approvals').expect(200))
      .body as Paged<ApprovalRequestView>;
    const mine = pending.items.find((item) => item.delegateName.startsWith('Load Delegate'))!;
    await manager.post(`/api/manager/approvals/${mine.id}/decline`).expect(200);
    expect(((await someone!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]).toMatchObject({
      id: enrolment.id,
      status: 'declined',
    });
    const other = await testApp.signedIn('sponsor@demo.upstand.test');
    await other.get('/api/manager/approvals').expect(403);

    // The request and the reminder, still queued when the manager decided, are not sent: no live link goes out.
    const before = smtp.received.length;
    await testApp.app.get(OutboxWorker).runOnce();
    expect(smtp.received.slice(before).filter((mail) => mail.to === 'manager@demo.upstand.test')).toEqual([]);
    expect(
      await testApp.sql(
        `SELECT status FROM outbox_message WHERE to_address = 'manager@demo.upstand.test' AND status <> 'sent'`,
      ),
    ).toEqual([{ status: 'dropped' }, { status: 'dropped' }]);
  });
});
