import { generate } from 'otplib';
import { AdminUser, AuditEventView, Paged } from '@upstand/contracts';
import { USER_INVITATION_SUBJECT } from '../src/modules/user-admin/user-admin.service';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

const BASE = 'https://upstand.example.nhs.uk';
const NEW_LEAD = { email: 'maya.lin@nhs.test', fullName: 'Maya Lin', password: 'a password of her own' };

/**
 * User and role administration (issue 10): a regional lead invites a lead for LLR (QK1), who accepts by email and
 * then administers only their own system; deactivation ends sessions at once; the audit log viewer keeps to the
 * lead's scope and shows field names, never values.
 */
describe('user and role administration', () => {
  let testApp: TestApp;
  let regionalLead: ApiClient;
  let llrLead: ApiClient;
  let llrLeadId: string;

  const deliver = () => testApp.sendOutbox();
  const keptMail = async (email: string) => {
    const [message] = await testApp.sql<{ text_body: string; status: string }>(
      `SELECT text_body, status FROM outbox_message WHERE to_address = $1 AND subject = $2
       ORDER BY created_at DESC LIMIT 1`,
      [email, USER_INVITATION_SUBJECT],
    );
    return message;
  };
  const userId = async (email: string) =>
    (await testApp.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [email]))[0]!.id;
  const list = async (client: ApiClient, query = '') =>
    (await client.get(`/api/users${query}`).expect(200)).body as Paged<AdminUser>;

  beforeAll(async () => {
    testApp = await createTestApp({ PUBLIC_BASE_URL: BASE });
    regionalLead = await testApp.signedIn('lead@demo.upstand.test');
  });
  afterAll(() => testApp.close());

  it('lets a regional lead invite a system lead, who sets a password from the emailed link and signs in', async () => {
    const invited = await regionalLead
      .post('/api/users')
      .send({
        email: NEW_LEAD.email.toUpperCase(),
        fullName: NEW_LEAD.fullName,
        grants: [{ role: 'programme-lead', scope: { system: 'QK1' } }],
      })
      .expect(201);
    const user = invited.body as AdminUser;
    llrLeadId = user.id;
    expect(user).toMatchObject({ email: NEW_LEAD.email, status: 'invited', lastSignInAt: null });
    expect(user.grants).toEqual([
      expect.objectContaining({
        role: 'programme-lead',
        scope: expect.objectContaining({ kind: 'system', odsCode: 'QK1' }),
      }),
    ]);
    // No usable password until the invitation is accepted.
    await (
      await testApp.client()
    )
      .post('/api/auth/login')
      .send({ email: NEW_LEAD.email, password: NEW_LEAD.password })
      .expect(401);

    await deliver();
    const mail = await keptMail(NEW_LEAD.email);
    expect(mail?.status).toBe('kept');
    expect(mail?.text_body).toContain('Priya Shah has invited you to Upstand');
    expect(mail?.text_body).toContain('- Programme lead, QK1 (');
    const token = new RegExp(
      `Set your password here: ${BASE}/reset-password\\?token=([A-Za-z0-9_-]{43})\\n`,
    ).exec(mail?.text_body ?? '')?.[1];
    expect(token).toBeDefined();
    await (
      await testApp.client()
    )
      .post('/api/auth/password-reset/complete')
      .send({ token, password: NEW_LEAD.password })
      .expect(204);

    llrLead = await testApp.signedIn(NEW_LEAD.email, NEW_LEAD.password);
    const seen = (await regionalLead.get(`/api/users/${llrLeadId}`).expect(200)).body as AdminUser;
    expect(seen.status).toBe('active');
    expect(Date.now() - Date.parse(seen.lastSignInAt ?? '')).toBeLessThan(60_000);
  });

  it('refuses an address that has an account already, naming email', async () => {
    const refused = await regionalLead
      .post('/api/users')
      .send({
        email: 'system-lead@demo.upstand.test',
        fullName: 'Someone',
        grants: [{ role: 'steering', scope: { system: 'QWU' } }],
      })
      .expect(409);
    expect(refused.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('already') }]);
  });

  it('keeps a system lead from giving regional roles or roles in another system, naming the field', async () => {
    const regional = await llrLead
      .post('/api/users')
      .send({
        email: 'not.regional@nhs.test',
        fullName: 'Not Regional',
        grants: [{ role: 'steering', scope: { region: 'Y60' } }],
      })
      .expect(400);
    expect(regional.body.errors).toEqual([
      { field: 'grants.0.scope', message: 'Only a regional programme lead can give regional roles' },
    ]);
    const elsewhere = await llrLead
      .post('/api/users')
      .send({
        email: 'not.regional@nhs.test',
        fullName: 'Not Regional',
        grants: [
          { role: 'facilitator', scope: { system: 'QK1' } },
          { role: 'facilitator', scope: { system: 'QWU' } },
          { role: 'steering', scope: { system: 'RWE' } },
          { role: 'sponsor', scope: { organisation: 'RWE', system: 'QK1' } },
        ],
      })
      .expect(400);
    expect(elsewhere.body.errors).toEqual([
      { field: 'grants.3.scope', message: expect.stringContaining('exactly one') },
      { field: 'grants.1.scope', message: 'You can only give roles within your own system' },
      { field: 'grants.2.scope', message: expect.stringContaining('RWE is not an integrated care board') },
    ]);
    const [{ count }] = await testApp.sql<{ count: string }>(
      `SELECT count(*) FROM app_user WHERE email = 'not.regional@nhs.test'`,
    );
    expect(count).toBe('0');
    // A steering member (no lead) administers nobody.
    const steering = await testApp.signedIn('steering@demo.upstand.test');
    await steering.get('/api/users').expect(403);
    await steering.get('/api/audit-events').expect(403);
  });

  it("shows a system lead only their own system's people, and answers 404 for anyone else", async () => {
    const coventryLeadId = await userId('system-lead@demo.upstand.test');
    const seen = await list(llrLead);
    const emails = seen.items.map((user) => user.email);
    // Employed in LLR (RWE, RT5, QK1) or holding a grant there.
    expect(emails).toEqual(
      expect.arrayContaining([NEW_LEAD.email, 'delegate@demo.upstand.test', 'lead@demo.upstand.test']),
    );
    expect(emails).not.toContain('system-lead@demo.upstand.test');
    expect(emails).not.toContain('system-steering@demo.upstand.test');
    const everyone = await list(regionalLead, '?q=demo.upstand.test');
    expect(everyone.items.map((user) => user.email)).toContain('system-lead@demo.upstand.test');

    const missing = await llrLead.get('/api/users/00000000-0000-4000-8000-000000000000').expect(404);
    const outside = await llrLead.get(`/api/users/${coventryLeadId}`).expect(404);
    expect(JSON.stringify(outside.body)).toBe(
      JSON.stringify(missing.body).replaceAll('00000000-0000-4000-8000-000000000000', coventryLeadId),
    );
    await llrLead.put(`/api/users/${coventryLeadId}/grants`).send({ grants: [] }).expect(404);
    await llrLead.post(`/api/users/${coventryLeadId}/deactivate`).expect(404);
    // Visible but holding more than they do: a regional lead employed in LLR.
    const regionalId = await userId('lead@demo.upstand.test');
    const beyond = await llrLead.post(`/api/users/${regionalId}/deactivate`).expect(403);
    expect(beyond.body.message).toContain('holds roles beyond yours');
    await llrLead.post(`/api/users/${llrLeadId}/deactivate`).expect(403);
  });

  it('replaces only the grants within the lead’s reach and leaves the others', async () => {
    const invited = (
      await regionalLead
        .post('/api/users')
        .send({
          email: 'two.systems@nhs.test',
          fullName: 'Two Systems',
          grants: [
            { role: 'facilitator', scope: { system: 'QK1' } },
            { role: 'steering', scope: { system: 'QWU' } },
          ],
        })
        .expect(201)
    ).body as AdminUser;
    const changed = (
      await llrLead
        .put(`/api/users/${invited.id}/grants`)
        .send({ grants: [{ role: 'sponsor', scope: { organisation: 'rwe' } }] })
        .expect(200)
    ).body as AdminUser;
    expect(changed.grants.map((grant) => `${grant.role}:${grant.scope?.odsCode}`).sort()).toEqual([
      'sponsor:RWE',
      'steering:QWU',
    ]);
    const [event] = await testApp.sql<{ details: Record<string, unknown>; actor_user_id: string }>(
      `SELECT details, actor_user_id FROM audit_event WHERE action = 'user.grants-changed' AND entity_id = $1`,
      [invited.id],
    );
    expect(event).toEqual({
      actor_user_id: llrLeadId,
      details: {
        fields: ['grants'],
        added: ['sponsor:organisation:RWE'],
        removed: ['facilitator:system:QK1'],
      },
    });
    await llrLead.put(`/api/users/${llrLeadId}/grants`).send({ grants: [] }).expect(403);
  });

  it('ends every session of a deactivated account at once', async () => {
    const [delegate] = (await testApp.delegates(1, 'RWE')) as [ApiClient];
    const me = (await delegate.get('/api/auth/me').expect(200)).body as { id: string };
    // A second browser of the same person.
    const token = 'second-browser-session-token-aaaaaaaaaaaaaaaa';
    await testApp.sql(
      `INSERT INTO user_session (token_hash, user_id, expires_at)
       VALUES (encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2, now() + interval '1 hour')`,
      [token, me.id],
    );
    const secondBrowser = await ApiClient.create(testApp.app, `upstand_session=${token}`);
    await secondBrowser.get('/api/auth/me').expect(200);

    const deactivated = (await llrLead.post(`/api/users/${me.id}/deactivate`).expect(200)).body as AdminUser;
    expect(deactivated.status).toBe('deactivated');
    await delegate.get('/api/auth/me').expect(401);
    await secondBrowser.get('/api/auth/me').expect(401);
    const [{ count }] = await testApp.sql<{ count: string }>(
      `SELECT count(*) FROM user_session WHERE user_id = $1`,
      [me.id],
    );
    expect(count).toBe('0');
    const [event] = await testApp.sql<{ details: unknown }>(
      `SELECT details FROM audit_event WHERE action = 'user.deactivated' AND entity_id = $1`,
      [me.id],
    );
    expect(event?.details).toEqual({ fields: ['disabledAt'], sessionsEnded: 2 });

    const back = (await llrLead.post(`/api/users/${me.id}/reactivate`).expect(200)).body as AdminUser;
    expect(back.status).not.toBe('deactivated');
  });

  it('searches names and emails (taking % and _ literally) and pages with a total', async () => {
    await testApp.delegates(30, 'RWE');
    const found = await list(regionalLead, `?q=${encodeURIComponent('MAYA')}`);
    expect(found.items.map((user) => user.email)).toEqual([NEW_LEAD.email]);
    expect(found.total).toBe(1);
    expect((await list(regionalLead, `?q=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await list(regionalLead, `?q=${encodeURIComponent('_')}`)).total).toBe(0);

    const [{ count }] = await testApp.sql<{ count: number }>(`SELECT count(*)::int AS count FROM app_user`);
    const first = await list(regionalLead);
    const second = await list(regionalLead, '?page=2');
    expect(first).toMatchObject({ total: count, page: 1, pageSize: 25 });
    expect(first.items).toHaveLength(25);
    expect(second.items.length).toBe(Math.min(25, count - 25));
    const ids = new Set([...first.items, ...second.items].map((user) => user.id));
    expect(ids.size).toBe(first.items.length + second.items.length);
    const past = await list(regionalLead, '?page=1000');
    expect(past).toMatchObject({ items: [], total: count });
    const bad = await regionalLead.get('/api/users?page=0').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'page', message: 'page must be 1 or more' }]);
  });

  it('records sign-ins without writing to app_user', async () => {
    const before = await testApp.sql<{ xmin: string; updated_at: Date }>(
      `SELECT xmin::text, updated_at FROM app_user WHERE email = 'system-steering@demo.upstand.test'`,
    );
    await testApp.signedIn('system-steering@demo.upstand.test');
    const after = await testApp.sql<{ xmin: string; updated_at: Date }>(
      `SELECT xmin::text, updated_at FROM app_user WHERE email = 'system-steering@demo.upstand.test'`,
    );
    expect(after).toEqual(before);
    const seen = await list(regionalLead, '?q=system-steering');
    expect(Date.now() - Date.parse(seen.items[0]?.lastSignInAt ?? '')).toBeLessThan(60_000);
  });

  it('shows a system lead the audit log of their own system only, with field names and no values', async () => {
    // Something happens in Coventry and Warwickshire: its lead signs in and invites someone there.
    const coventryLead = await testApp.signedIn('system-lead@demo.upstand.test');
    await coventryLead
      .post('/api/users')
      .send({
        email: 'coventry.only@nhs.test',
        fullName: 'Cora Ventry',
        grants: [{ role: 'steering', scope: { system: 'QWU' } }],
      })
      .expect(201);
    const coventryLeadId = await userId('system-lead@demo.upstand.test');

    const page = (await llrLead.get('/api/audit-events').expect(200)).body as Paged<AuditEventView>;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.some((event) => event.action === 'user.grants-changed')).toBe(true);
    expect(page.items.some((event) => event.action === 'user.deactivated')).toBe(true);
    const body = JSON.stringify(page);
    expect(body).not.toContain('Cora Ventry');
    expect(body).not.toContain('Nadia Brooks');
    expect(body).not.toContain(coventryLeadId);
    // Field names only: no email address, and no name but the actors'.
    expect(body).not.toMatch(/@/);
    expect(body).not.toContain('Two Systems');

    const invited = (await llrLead.get('/api/audit-events?action=user.invited').expect(200))
      .body as Paged<AuditEventView>;
    // The regional lead invited Maya (in LLR) and Two Systems (with an LLR grant then).
    expect(invited.items.length).toBeGreaterThanOrEqual(1);
    expect(invited.items.every((event) => event.action === 'user.invited')).toBe(true);
    expect(invited.items[0]).toMatchObject({
      actorName: 'Priya Shah',
      entityType: 'user',
      fields: ['email', 'fullName', 'grants'],
    });

    const all = (await regionalLead.get('/api/audit-events?actor=Nadia').expect(200))
      .body as Paged<AuditEventView>;
    expect(all.items.map((event) => event.action)).toEqual(
      expect.arrayContaining(['user.invited', 'auth.login']),
    );
    expect(new Set(all.items.map((event) => event.actorName))).toEqual(new Set(['Nadia Brooks']));
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    const dated = (await regionalLead.get(`/api/audit-events?from=${today}&to=${today}`).expect(200)).body;
    expect(dated.total).toBeGreaterThan(0);
    expect((await regionalLead.get('/api/audit-events?to=2000-01-01').expect(200)).body.total).toBe(0);
    const bad = await regionalLead.get('/api/audit-events?from=2027-02-30').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'from', message: 'from must be a date like 2027-01-31' }]);
  });
  it('tells a lead whether someone has two-step verification, so the page can offer to reset it', async () => {
    const email = 'facilitator@demo.upstand.test';
    const id = await userId(email);
    const before = (await regionalLead.get(`/api/users/${id}`).expect(200)).body as AdminUser;
    expect(before.secondFactor).toBe(false);

    const facilitator = await testApp.signedIn(email);
    const started = await facilitator.post('/api/me/second-factor').expect(201);
    // An enrolment not yet confirmed does not count: sign-in does not ask for a code yet.
    expect(((await regionalLead.get(`/api/users/${id}`).expect(200)).body as AdminUser).secondFactor).toBe(
      false,
    );
    await facilitator
      .post('/api/me/second-factor/confirm')
      .send({ code: await generate({ secret: started.body.secret as string }) })
      .expect(200);
    expect(((await regionalLead.get(`/api/users/${id}`).expect(200)).body as AdminUser).secondFactor).toBe(
      true,
    );
    expect(
      (await list(regionalLead, '?q=facilitator@demo')).items.find((user) => user.id === id)?.secondFactor,
    ).toBe(true);

    await regionalLead.post(`/api/users/${id}/second-factor/reset`).expect(204);
    expect(((await regionalLead.get(`/api/users/${id}`).expect(200)).body as AdminUser).secondFactor).toBe(
      false,
    );
  });
});
