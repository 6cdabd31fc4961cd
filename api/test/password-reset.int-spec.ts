import { Cohort, EnrolmentImportReport, PasswordResetAccepted, Programme } from '@upstand/contracts';
import { ACTIVATION_SUBJECT } from '../src/modules/auth/registration.service';
import { OutboxWorker } from '../src/modules/mail/outbox-worker.service';
import { finishedJob, importReport } from './support/import-jobs';
import { registerAndActivate } from './support/registration';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

const BASE = 'https://upstand.example.nhs.uk';
const RESET_SUBJECT = 'Set a new password for Upstand';
const INVITATION_SUBJECT =
  'You have an Upstand account for the Active Bystander Programme — set your password';
const LINK_UNUSABLE = 'This link has expired or has already been used — ask for a new one';
const ORIGINAL_PASSWORD = 'my first password';
const NEW_PASSWORD = 'a brand new password';

const tokenIn = (mail: ReceivedMail) => {
  const match = /https:\/\/upstand\.example\.nhs\.uk\/reset-password\?token=([A-Za-z0-9_-]{43})(\s|$)/.exec(
    mail.text,
  );
  if (!match) throw new Error(`No password link in: ${mail.text}`);
  return match[1]!;
};

describe('setting a password by emailed link', () => {
  let smtp: SmtpSink;
  let testApp: TestApp;
  let people = 0;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    testApp = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE });
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  const deliver = () => testApp.app.get(OutboxWorker).runOnce();
  const mailTo = (email: string, subject: string) =>
    smtp.received.filter((mail) => mail.to === email && mail.subject === subject);

  /** A new account, signed in (activating it starts a session); the activation link arrives over SMTP. */
  const register = async (): Promise<{ email: string; client: ApiClient }> => {
    people += 1;
    const email = `reset.person.${people}@example.nhs.uk`;
    const client = await registerAndActivate(
      testApp,
      { email, fullName: `Reset Person ${people}`, password: ORIGINAL_PASSWORD },
      async (to) => {
        const mail = mailTo(to, ACTIVATION_SUBJECT).at(-1);
        const token = /\/activate\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
        if (!token) throw new Error(`No activation link arrived for ${to}`);
        return token;
      },
    );
    return { email, client };
  };

  const requestLink = async (email: string) => {
    const anonymous = await testApp.client();
    const response = await anonymous.post('/api/auth/password-reset').send({ email }).expect(202);
    return response.body as PasswordResetAccepted;
  };

  /** Asks for a link for the account and reads the token from the email that arrives over SMTP. */
  const emailedToken = async (email: string) => {
    await requestLink(email);
    await deliver();
    const mails = mailTo(email, RESET_SUBJECT);
    expect(mails.length).toBeGreaterThan(0);
    return tokenIn(mails[mails.length - 1]!);
  };

  const complete = async (token: string, password: string) =>
    (await testApp.client()).post('/api/auth/password-reset/complete').send({ token, password });

  const signIn = async (email: string, password: string) =>
    (await testApp.client()).post('/api/auth/login').send({ email, password });

  it('emails a link to an existing account and answers an unknown email the same way, sending nothing', async () => {
    const { email } = await register();
    const known = await requestLink(email.toUpperCase());
    const unknown = await requestLink('nobody.here@example.nhs.uk');
    expect(unknown).toEqual(known);
    expect(known.message).toMatch(/^If an account exists for that email, we have sent a link/);

    await deliver();
    const [mail, ...more] = mailTo(email, RESET_SUBJECT);
    expect(more).toHaveLength(0);
    expect(mail!.text).toContain('Dear Reset Person 1,');
    expect(mail!.text).toContain(`Set a new password here: ${BASE}/reset-password?token=`);
    expect(smtp.received.some((received) => received.to === 'nobody.here@example.nhs.uk')).toBe(false);
    // Both requests did the same work (one queued email, one audit entry), so the answer's timing tells nothing;
    // the outbox dropped the one with no account behind it.
    const queued = await testApp.sql<{ to_address: string; status: string }>(
      `SELECT to_address, status FROM outbox_message WHERE subject = $1 AND to_address IN ($2, $3) ORDER BY to_address`,
      [RESET_SUBJECT, email, 'nobody.here@example.nhs.uk'],
    );
    expect(queued).toEqual([
      { to_address: 'nobody.here@example.nhs.uk', status: 'dropped' },
      { to_address: email, status: 'sent' },
    ]);
    // The address typed for no account is not kept: a day later the dropped message is gone, the sent one stays.
    const worker = testApp.app.get(OutboxWorker);
    expect(await worker.deleteDropped(new Date())).toBe(0);
    await worker.deleteDropped(new Date(Date.now() + 25 * 3_600_000));
    const left = await testApp.sql(
      `SELECT to_address FROM outbox_message WHERE subject = $1 AND to_address IN ($2, $3)`,
      [RESET_SUBJECT, email, 'nobody.here@example.nhs.uk'],
    );
    expect(left).toEqual([{ to_address: email }]);

    // Only the token's SHA-256 is stored, with its purpose and an expiry an hour ahead.
    const token = tokenIn(mail!);
    const [row] = await testApp.sql<{ token_hash: string; purpose: string; minutes: number }>(
      `SELECT t.token_hash, t.purpose, (extract(epoch FROM t.expires_at - now()) / 60)::float8 AS minutes
       FROM password_reset_token t JOIN app_user u ON u.id = t.user_id WHERE u.email = $1`,
      [email],
    );
    expect(row!.purpose).toBe('reset');
    expect(row!.token_hash).not.toContain(token);
    expect(row!.minutes).toBeGreaterThan(58);
    expect(row!.minutes).toBeLessThanOrEqual(60);
  });

  it('needs the CSRF header like the other sign-in requests', async () => {
    const anonymous = await testApp.client();
    await anonymous.agent
      .post('/api/auth/password-reset')
      .send({ email: 'someone@example.nhs.uk' })
      .expect(403);
  });

  it('sets the new password, ends every session of the account, and works only once', async () => {
    const { email, client: signedIn } = await register();
    const other = await signIn(email, ORIGINAL_PASSWORD);
    expect(other.status).toBe(200);
    await signedIn.get('/api/auth/me').expect(200);

    const token = await emailedToken(email);
    const done = await complete(token, NEW_PASSWORD);
    expect(done.status).toBe(204);
    // Completing does not sign anyone in: the user proves the new password by signing in with it.
    expect(done.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^upstand_session=/)]),
    );

    await signedIn.get('/api/auth/me').expect(401);
    expect((await signIn(email, ORIGINAL_PASSWORD)).status).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);

    const again = await complete(token, 'yet another password');
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([{ field: 'token', message: LINK_UNUSABLE }]);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);

    const audit = await testApp.sql<{ action: string; details: Record<string, unknown> }>(
      `SELECT a.action, a.details FROM audit_event a JOIN app_user u ON u.id::text = a.entity_id::text
       WHERE u.email = $1 AND a.action LIKE '%password%' ORDER BY a.id`,
      [email],
    );
    expect(audit).toEqual([
      { action: 'auth.password-reset-requested', details: {} },
      {
        action: 'user.password-reset',
        details: { fields: ['passwordHash'], via: 'reset', sessionsEnded: true },
      },
    ]);
  });

  it('voids the other links of the account once one is used', async () => {
    const { email } = await register();
    const first = await emailedToken(email);
    const second = await emailedToken(email);
    expect((await complete(second, NEW_PASSWORD)).status).toBe(204);
    const stale = await complete(first, 'yet another password');
    expect(stale.status).toBe(400);
    expect(stale.body.errors).toEqual([{ field: 'token', message: LINK_UNUSABLE }]);
  });

  it('refuses an expired link and an unknown one', async () => {
    const { email } = await register();
    const token = await emailedToken(email);
    await testApp.sql(
      `UPDATE password_reset_token SET expires_at = now() - interval '1 minute'
       WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`,
      [email],
    );
    const expired = await complete(token, NEW_PASSWORD);
    expect(expired.status).toBe(400);
    expect(expired.body.errors).toEqual([{ field: 'token', message: LINK_UNUSABLE }]);
    expect((await signIn(email, ORIGINAL_PASSWORD)).status).toBe(200);

    const unknown = await complete('A'.repeat(43), NEW_PASSWORD);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'token', message: LINK_UNUSABLE }]);
  });

  it('lets exactly one of two parallel completions succeed', async () => {
    const { email } = await register();
    const token = await emailedToken(email);
    const results = await Promise.all([
      complete(token, 'parallel password one'),
      complete(token, 'parallel password two'),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([204, 400]);
    const winner = results[0]!.status === 204 ? 'parallel password one' : 'parallel password two';
    const loser = winner === 'parallel password one' ? 'parallel password two' : 'parallel password one';
    expect((await signIn(email, winner)).status).toBe(200);
    expect((await signIn(email, loser)).status).toBe(401);
  });

  it('refuses a password that breaks the registration rules, naming the field, and keeps the link usable', async () => {
    const { email } = await register();
    const token = await emailedToken(email);
    const short = await complete(token, 'short');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([
      { field: 'password', message: 'password must be at least 10 characters' },
    ]);
    const missing = await (
      await testApp.client()
    )
      .post('/api/auth/password-reset/complete')
      .send({ password: NEW_PASSWORD })
      .expect(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toEqual(['token']);
    expect((await complete(token, NEW_PASSWORD)).status).toBe(204);
  });

  it("lets a programme lead who asks for someone else's link find no usable token in the outbox", async () => {
    const { email } = await register();
    const lead = await testApp.signedIn('lead@demo.upstand.test');
    await lead.post('/api/auth/password-reset').send({ email }).expect(202);
    await deliver();
    // With SMTP configured there is no mailbox to read it in…
    await lead.get('/api/mailbox').expect(404);
    const token = tokenIn(mailTo(email, RESET_SUBJECT)[0]!);
    // …and the emailed link was minted at sending: the outbox holds the placeholder, the database only hashes.
    const bodies = await testApp.sql<{ text_body: string }>(
      `SELECT text_body FROM outbox_message WHERE to_address = $1 AND subject = $2`,
      [email, RESET_SUBJECT],
    );
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.text_body).toContain('Set a new password here: {{link}}');
    const everything = await testApp.sql<{ text_body: string }>(`SELECT text_body FROM outbox_message`);
    expect(everything.filter((row) => /token=[A-Za-z0-9_-]{43}/.test(row.text_body))).toEqual([]);
    expect((await complete(token, NEW_PASSWORD)).status).toBe(204);
  });

  it('drops a queued link when the account is disabled before it is sent', async () => {
    const { email } = await register();
    await requestLink(email);
    await testApp.sql(`UPDATE app_user SET disabled_at = now() WHERE email = $1`, [email]);
    await deliver();
    expect(mailTo(email, RESET_SUBJECT)).toHaveLength(0);
    expect(
      await testApp.sql(`SELECT status FROM outbox_message WHERE to_address = $1 AND subject = $2`, [
        email,
        RESET_SUBJECT,
      ]),
    ).toEqual([{ status: 'dropped' }]);
    expect(
      await testApp.sql(
        `SELECT 1 FROM password_reset_token t JOIN app_user u ON u.id = t.user_id WHERE u.email = $1`,
        [email],
      ),
    ).toEqual([]);
  });

  it('sends nothing to a disabled account, with the same answer', async () => {
    const { email } = await register();
    await testApp.sql(`UPDATE app_user SET disabled_at = now() WHERE email = $1`, [email]);
    const answer = await requestLink(email);
    expect(answer.message).toMatch(/^If an account exists/);
    await deliver();
    expect(mailTo(email, RESET_SUBJECT)).toHaveLength(0);
  });

  it('limits requests per email with 429 and Retry-After, whether or not the account exists', async () => {
    const anonymous = await testApp.client();
    const ask = () =>
      anonymous.post('/api/auth/password-reset').send({ email: 'flooded.inbox@example.nhs.uk' });
    for (let attempt = 0; attempt < 5; attempt++) expect((await ask()).status).toBe(202);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    expect(refused.body.message).toBe('Too many requests for a password link. Wait and try again.');
    // Another address is not affected.
    expect(
      (await anonymous.post('/api/auth/password-reset').send({ email: 'calm@example.nhs.uk' })).status,
    ).toBe(202);
  });

  describe('invitations to accounts created by an enrolment import', () => {
    let lead: ApiClient;
    let programme: Programme;
    const csvFor = (existing: string, cohort = 'Invitation cohort') =>
      [
        'email,full_name,organisation_ods,cohort_name,status,attended_sessions',
        `New.Starter@nhs.test,New Starter,RWE,${cohort},completed,1`,
        `second.starter@nhs.test,"Starter, Second",,${cohort},confirmed,`,
        `${existing},,,${cohort},completed,`,
      ].join('\r\n');
    const importCsv = (csv: string, dryRun: boolean) =>
      lead
        .post(`/api/imports/enrolments?programmeId=${programme.id}&dryRun=${dryRun}`)
        .set('Content-Type', 'text/csv')
        .send(csv);
    const invitations = () => smtp.received.filter((mail) => mail.subject === INVITATION_SUBJECT);
    const createCohort = async (name: string) =>
      (
        await lead
          .post('/api/cohorts')
          .send({
            programmeId: programme.id,
            name,
            // Long over: the rows say who completed it, which only a finished cohort allows.
            startDate: '2025-05-15',
            capacity: 20,
            systemOdsCode: 'QK1',
          })
          .expect(201)
      ).body as Cohort;

    beforeAll(async () => {
      lead = await testApp.signedIn('lead@demo.upstand.test');
      [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
      await createCohort('Invitation cohort');
    });

    it('sends nothing on a dry run, nor when the import is rolled back', async () => {
      const { email: existing } = await register();
      const dryRun = (await importCsv(csvFor(existing), true).expect(200)).body as EnrolmentImportReport;
      expect(dryRun).toMatchObject({ dryRun: true, usersCreated: 2, invitationsSent: 2 });

      // A failure part-way through the transaction (forced here by a trigger) takes the emails with it.
      const doomed = await createCohort('Doomed cohort');
      await testApp.sql(`CREATE FUNCTION refuse_enrolment() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.cohort_id = '${doomed.id}' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$`);
      await testApp.sql(
        `CREATE TRIGGER refuse_enrolment BEFORE INSERT ON enrolment FOR EACH ROW EXECUTE FUNCTION refuse_enrolment()`,
      );
      try {
        const job = await finishedJob(lead, await importCsv(csvFor(existing, 'Doomed cohort'), false));
        expect(job.status).toBe('failed');
      } finally {
        await testApp.sql(`DROP TRIGGER refuse_enrolment ON enrolment; DROP FUNCTION refuse_enrolment()`);
      }
      expect(
        await testApp.sql(
          `SELECT 1 FROM app_user WHERE email IN ('new.starter@nhs.test', 'second.starter@nhs.test')`,
        ),
      ).toHaveLength(0);
      expect(
        await testApp.sql(`SELECT 1 FROM outbox_message WHERE subject = $1`, [INVITATION_SUBJECT]),
      ).toHaveLength(0);
      await deliver();
      expect(invitations()).toHaveLength(0);
    });

    it('invites each new account, and only new ones, to set a password that then signs them in', async () => {
      const { email: existing } = await register();
      const report = await importReport<EnrolmentImportReport>(
        lead,
        await importCsv(csvFor(existing), false),
      );
      expect(report).toMatchObject({
        dryRun: false,
        usersCreated: 2,
        enrolmentsCreated: 3,
        invitationsSent: 2,
      });
      await deliver();
      expect(
        invitations()
          .map((mail) => mail.to)
          .sort(),
      ).toEqual(['new.starter@nhs.test', 'second.starter@nhs.test']);
      const invitation = invitations().find((mail) => mail.to === 'new.starter@nhs.test')!;
      expect(invitation.text).toContain('Dear New Starter,');
      expect(invitation.text).toContain(`Set your password here: ${BASE}/reset-password?token=`);
      expect(invitation.text).toContain(`${BASE}/forgot-password`);
      expect(invitation.text).toMatch(/ends on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}\. After that/);
      expect(invitation.text).toContain('You sign in with this email address: new.starter@nhs.test');

      const [stored] = await testApp.sql<{ purpose: string; days: number }>(
        `SELECT t.purpose, (extract(epoch FROM t.expires_at - now()) / 86400)::float8 AS days
         FROM password_reset_token t JOIN app_user u ON u.id = t.user_id WHERE u.email = 'new.starter@nhs.test'`,
      );
      expect(stored!.purpose).toBe('invitation');
      expect(stored!.days).toBeGreaterThan(13.9);
      expect(stored!.days).toBeLessThanOrEqual(14);

      expect((await signIn('new.starter@nhs.test', NEW_PASSWORD)).status).toBe(401);
      expect((await complete(tokenIn(invitation), NEW_PASSWORD)).status).toBe(204);
      const signedIn = await signIn('new.starter@nhs.test', NEW_PASSWORD);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toMatchObject({ fullName: 'New Starter', roles: [{ role: 'delegate' }] });
      const [audit] = await testApp.sql<{ details: Record<string, unknown> }>(
        `SELECT a.details FROM audit_event a JOIN app_user u ON u.id::text = a.entity_id::text
         WHERE u.email = 'new.starter@nhs.test' AND a.action = 'user.password-set'`,
      );
      expect(audit!.details).toEqual({ fields: ['passwordHash'], via: 'invitation', sessionsEnded: true });
    });
  });
});
