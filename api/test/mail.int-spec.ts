import { Cohort, CohortSession, Enrolment, MailboxMessage, Programme } from '@upstand/contracts';
import { OutboxWorker } from '../src/modules/mail/outbox-worker.service';
import { NotificationsService } from '../src/modules/notifications/notifications.service';
import { findFreePort } from '../src/database/embedded-database';
import { Invitation, readInvitation } from './support/itip';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

async function cohortWithDelegates(
  testApp: TestApp,
  lead: ApiClient,
  startDate: string,
  delegates: number,
): Promise<{ cohort: Cohort; clients: ApiClient[] }> {
  const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  const cohort = (
    await lead
      .post('/api/cohorts')
      .send({
        programmeId: programme!.id,
        name: `Mail cohort ${startDate}`,
        startDate,
        capacity: 10,
        systemOdsCode: 'QK1',
      })
      .expect(201)
  ).body as Cohort;
  const clients = await testApp.delegates(delegates);
  for (const client of clients) await client.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
  return { cohort, clients };
}

/** Runs the outbox worker until nothing is due: it sends at most a batch per run. */
describe('email through the outbox, over real SMTP', () => {
  let smtp: SmtpSink;
  let testApp: TestApp;
  let lead: ApiClient;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    testApp = await createTestApp({ SMTP_URL: smtp.url });
    lead = await testApp.signedIn('lead@demo.upstand.test');
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  const ORGANIZER = 'no-reply@upstand.test';
  const emailOf = async (client: ApiClient) =>
    ((await client.get('/api/auth/me').expect(200)).body as { email: string }).email;
  const invitationsTo = (email: string, from: number): (Invitation & { mail: ReceivedMail })[] =>
    smtp.received
      .slice(from)
      .filter((mail) => mail.to.includes(email) && mail.calendar !== null)
      // Every calendar part of every email is checked against the RFC 5546 rules here.
      .map((mail) => ({ ...readInvitation(mail, ORGANIZER), mail }));

  it('confirms a place listing every date, and invites the delegate to each session in an email of its own', async () => {
    const { cohort, clients } = await cohortWithDelegates(testApp, lead, '2027-05-13', 1);
    const email = await emailOf(clients[0]!);
    const from = smtp.received.length;
    await testApp.sendOutbox();
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    const mail = smtp.received.find((message) =>
      message.subject.startsWith('Your place on Mail cohort 2027-05-13 is confirmed'),
    )!;
    expect(mail.text).toContain('Active Bystander workshop: day 1: Thursday 13 May 2027 09:00–16:30');
    expect(mail.text.match(/^- /gm)).toHaveLength(sessions.length);
    expect(mail.text).toContain('/journey#calendar');
    expect(mail.calendar).toBeNull();
    const invites = invitationsTo(email, from);
    expect(invites).toHaveLength(sessions.length);
    expect(invites.every((invite) => invite.method === 'REQUEST')).toBe(true);
    expect(invites.map((invite) => invite.uid).sort()).toEqual(
      sessions.map((session) => session.calendarUid).sort(),
    );
    // Delivering again sends nothing twice.
    await testApp.sendOutbox();
    expect(invitationsTo(email, from)).toHaveLength(sessions.length);
  });

  it('sends a cancellation with a higher SEQUENCE for every future session a delegate leaves by withdrawing', async () => {
    const { clients } = await cohortWithDelegates(testApp, lead, '2027-05-20', 1);
    const email = await emailOf(clients[0]!);
    const from = smtp.received.length;
    await testApp.sendOutbox();
    const requests = invitationsTo(email, from);
    const [place] = (await clients[0]!.get('/api/me/enrolments').expect(200)).body as Enrolment[];
    await clients[0]!.post(`/api/enrolments/${place!.id}/withdraw`).expect(200);
    await testApp.sendOutbox();
    const cancels = invitationsTo(email, from).filter((invite) => invite.method === 'CANCEL');
    expect(cancels.map((cancel) => cancel.uid).sort()).toEqual(requests.map((request) => request.uid).sort());
    for (const cancel of cancels)
      expect(cancel.sequence).toBeGreaterThan(
        requests.find((request) => request.uid === cancel.uid)!.sequence,
      );
  });

  it("on a transfer cancels the old cohort's future sessions and invites the delegate to the new one's", async () => {
    const { clients } = await cohortWithDelegates(testApp, lead, '2027-05-27', 1);
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    const target = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Mail cohort target',
          startDate: '2027-06-03',
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const email = await emailOf(clients[0]!);
    const from = smtp.received.length;
    await testApp.sendOutbox();
    const oldRequests = invitationsTo(email, from);
    const [place] = (await clients[0]!.get('/api/me/enrolments').expect(200)).body as Enrolment[];
    await lead.post(`/api/enrolments/${place!.id}/transfer`).send({ cohortId: target.id }).expect(200);
    const after = smtp.received.length;
    await testApp.sendOutbox();
    const newSessions = (await lead.get(`/api/cohorts/${target.id}/sessions`).expect(200))
      .body as CohortSession[];
    const sent = invitationsTo(email, after);
    expect(
      sent
        .filter((invite) => invite.method === 'CANCEL')
        .map((cancel) => cancel.uid)
        .sort(),
    ).toEqual(oldRequests.map((request) => request.uid).sort());
    expect(
      sent
        .filter((invite) => invite.method === 'REQUEST')
        .map((request) => request.uid)
        .sort(),
    ).toEqual(newSessions.map((session) => session.calendarUid).sort());
    expect(
      smtp.received
        .slice(after)
        .some((mail) => mail.subject === 'Your place on Mail cohort target is confirmed'),
    ).toBe(true);
  });

  it('sends a moved session as an update with the same UID and a higher SEQUENCE, and a cancellation as METHOD:CANCEL', async () => {
    const { cohort } = await cohortWithDelegates(testApp, lead, '2027-06-10', 2);
    const [day1, day2] = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    await lead
      .patch(`/api/sessions/${day1!.id}`)
      .send({ startsAt: '2027-06-10T09:30:00+01:00', endsAt: '2027-06-10T17:00:00+01:00' })
      .expect(200);
    await lead.post(`/api/sessions/${day2!.id}/cancel`).send({ reason: 'Trainer ill' }).expect(200);
    await testApp.sendOutbox();
    const changed = smtp.received.filter(
      (message) => message.subject === 'Changed: Active Bystander workshop: day 1',
    );
    expect(changed).toHaveLength(2);
    const event = readInvitation(changed[0]!, ORGANIZER);
    expect(event).toMatchObject({ method: 'REQUEST', uid: day1!.calendarUid, sequence: 1 });
    const cancelled = smtp.received.filter(
      (message) => message.subject === 'Cancelled: Active Bystander workshop: day 2',
    );
    expect(cancelled).toHaveLength(2);
    for (const mail of [...changed, ...cancelled]) readInvitation(mail, ORGANIZER);
    const cancel = readInvitation(cancelled[0]!, ORGANIZER);
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: day2!.calendarUid, status: 'CANCELLED' });
    expect(cancel.sequence).toBeGreaterThan(0);
  });

  it('has no mailbox: a lead cannot read what was sent, links included', async () => {
    await lead.get('/api/mailbox').expect(404);
    expect((await (await testApp.client()).get('/api/features').expect(200)).body).toEqual({
      demoMailbox: false,
      demoData: false,
      serviceOwnerName: 'Leicester, Leicestershire and Rutland Integrated Care Board',
      serviceOwnerContact: 'dataprotection@example.nhs.uk',
      sso: null,
    });
  });

  it('emails the next person on the waiting list when a place is freed', async () => {
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    const cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Tiny',
          startDate: '2027-07-08',
          capacity: 1,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const [a, b] = await testApp.delegates(2);
    const first = (await a!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body as Enrolment;
    await b!.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    await a!.post(`/api/enrolments/${first.id}/withdraw`).expect(200);
    await testApp.sendOutbox();
    expect(
      smtp.received.filter((message) => message.subject === 'A place on Tiny is yours if you want it'),
    ).toHaveLength(1);
    expect(
      smtp.received.filter((message) => message.subject === 'You are on the waiting list for Tiny'),
    ).toHaveLength(1);
  });
});

describe('reminders with two API instances on one database', () => {
  let smtp: SmtpSink;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    first = await createTestApp({ SMTP_URL: smtp.url });
    second = await createTestApp({ SMTP_URL: smtp.url }, { sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await smtp.stop();
  });

  it('delivers each reminder exactly once when both run the job at the same moment', async () => {
    const lead = await first.signedIn('lead@demo.upstand.test');
    const { cohort } = await cohortWithDelegates(first, lead, '2027-09-16', 3);
    const sessions = (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200))
      .body as CohortSession[];
    // Pretend it is 30 hours before the first workshop day: day 1 is within 7 days (and not within 1 day).
    const now = new Date(new Date(sessions[0]!.startsAt).getTime() - 30 * 3_600_000);
    await Promise.all([first.app.get(OutboxWorker).runOnce(), second.app.get(OutboxWorker).runOnce()]);
    smtp.received.length = 0;
    const queued = await Promise.all([
      first.app.get(NotificationsService).queueReminders(now),
      second.app.get(NotificationsService).queueReminders(now),
    ]);
    expect(queued.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(3);
    await Promise.all([
      first.app.get(OutboxWorker).runOnce(),
      second.app.get(OutboxWorker).runOnce(),
      first.app.get(OutboxWorker).runOnce(),
      second.app.get(OutboxWorker).runOnce(),
    ]);
    const reminders = smtp.received.filter((message) =>
      message.subject.startsWith('Reminder: Active Bystander workshop: day 1'),
    );
    expect(reminders).toHaveLength(3);
    expect(new Set(reminders.map((message) => message.to)).size).toBe(3);
    // Day 2 (the next working day) is also within the week.
    expect(
      smtp.received.filter((message) =>
        message.subject.startsWith('Reminder: Active Bystander workshop: day 2'),
      ),
    ).toHaveLength(3);
    // Running again later queues nothing new.
    expect(await first.app.get(NotificationsService).queueReminders(now)).toBe(0);
  });
});

describe('SMTP down, then back', () => {
  let testApp: TestApp;
  let port: number;

  beforeAll(async () => {
    port = await findFreePort();
    testApp = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  });
  afterAll(() => testApp.close());

  it('keeps every message while SMTP is down and delivers each exactly once when it is back', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    // Two delegates: a confirmation and eight invitations each, within one batch of the worker.
    await cohortWithDelegates(testApp, lead, '2027-10-14', 2);
    const worker = testApp.app.get(OutboxWorker);
    await worker.runOnce();
    const [pending] = await testApp.sql<{ count: number; attempts: number }>(
      `SELECT count(*)::int AS count, min(attempts) AS attempts FROM outbox_message WHERE status = 'pending'`,
    );
    expect(pending).toEqual({ count: 18, attempts: 1 });

    const smtp = await new SmtpSink().start(port);
    try {
      await worker.runOnce();
      expect(smtp.received).toHaveLength(0); // still backing off
      await testApp.sql(`UPDATE outbox_message SET send_after = now()`);
      await Promise.all([worker.runOnce(), worker.runOnce()]);
      await worker.runOnce();
      expect(smtp.received).toHaveLength(18);
      expect(new Set(smtp.received.map((message) => message.messageId)).size).toBe(18);
      expect(await testApp.sql(`SELECT status FROM outbox_message WHERE status <> 'sent'`)).toEqual([]);
    } finally {
      await smtp.stop();
    }
  });
});

describe('demo mode without SMTP', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('keeps mail in the in-app mailbox for leads', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    await cohortWithDelegates(testApp, lead, '2027-11-11', 1);
    await testApp.sendOutbox();
    const mailbox = (await lead.get('/api/mailbox?pageSize=100').expect(200)).body.items as MailboxMessage[];
    expect(
      mailbox.find((message) => message.subject === 'Your place on Mail cohort 2027-11-11 is confirmed'),
    ).toMatchObject({ status: 'kept', hasCalendarInvite: false });
    expect(
      mailbox.find((message) => message.subject.startsWith('Invitation: Active Bystander workshop: day 1')),
    ).toMatchObject({ status: 'kept', hasCalendarInvite: true });
    const delegate = await testApp.signedIn('delegate@demo.upstand.test');
    await delegate.get('/api/mailbox').expect(403);
    expect((await (await testApp.client()).get('/api/features').expect(200)).body).toEqual({
      demoMailbox: true,
      demoData: false,
      serviceOwnerName: 'Leicester, Leicestershire and Rutland Integrated Care Board',
      serviceOwnerContact: 'dataprotection@example.nhs.uk',
      sso: null,
    });
  });

  it('shows the lead whole messages, live links included, so the demo still works', async () => {
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    await lead.post('/api/auth/password-reset').send({ email: 'delegate@demo.upstand.test' }).expect(202);
    await testApp.app.get(OutboxWorker).runOnce();
    const mailbox = (await lead.get('/api/mailbox?pageSize=100').expect(200)).body.items as MailboxMessage[];
    const reset = mailbox.find(
      (message) =>
        message.to === 'delegate@demo.upstand.test' && message.subject === 'Set a new password for Upstand',
    )!;
    expect(reset.status).toBe('kept');
    const token = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(reset.text)![1]!;
    await (
      await testApp.client()
    )
      .post('/api/auth/password-reset/complete')
      .send({ token, password: 'a demo password again' })
      .expect(204);
  });
});
