import {
  ApprovalRequestView,
  BulkApprovalOutcome,
  Cohort,
  CommunityMember,
  Enrolment,
  MailboxMessage,
  Organisation,
  Paged,
  Programme,
  SponsorDelegate,
  TeamMemberProgress,
} from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Lists that scale (issue 12): cohorts, the mailbox, a sponsor's delegates, a line manager's team and approvals,
 * the Community of Practice directory and organisations are searched, filtered and paged in SQL. Page 2 holds
 * the right rows and the true total; `%` and `_` in a search match themselves; page sizes outside 25, 50 and 100
 * are refused naming pageSize; and nobody sees more than before. Also: a line manager approving several places
 * at once, each decided on its own and audited.
 */
describe('lists that scale', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let systemLead: ApiClient;
  let programme: Programme;
  let cohort: Cohort;

  const paged = async <T>(client: ApiClient, url: string) =>
    (await client.get(url).expect(200)).body as Paged<T>;
  const names = <T>(page: Paged<T>, key: keyof T) => page.items.map((item) => item[key]);
  const expectPageSizeRefused = async (client: ApiClient, url: string) => {
    const refused = await client.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=1000`).expect(400);
    expect(JSON.stringify(refused.body)).toContain('pageSize must be one of 25, 50, 100');
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: 'Paging cohort',
          startDate: '2027-05-13',
          capacity: 100,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body;

    // 30 people from RWE (whose sponsor is the demo sponsor and whose line manager is the demo manager), two
    // whose names test literal searching, and one from another organisation.
    await testApp.delegates(32, 'RWE');
    await testApp.sql(
      `UPDATE app_user u SET full_name = CASE n.rank
         WHEN 31 THEN 'Literal 50%_off' WHEN 32 THEN 'Literal 50 percent off'
         ELSE 'Paged Person ' || lpad(n.rank::text, 2, '0') END
       FROM (SELECT id, row_number() OVER (ORDER BY email) AS rank FROM app_user WHERE email LIKE 'load-%') n
       WHERE u.id = n.id`,
    );
    await testApp.delegates(1, 'RT5');
    await testApp.sql(
      `UPDATE app_user SET full_name = 'Paged Person from RT5'
       WHERE email LIKE 'load-%' AND full_name LIKE 'Load Delegate%'`,
    );
    await testApp.sql(
      `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status)
       SELECT $1, $2, id, 'confirmed' FROM app_user WHERE email LIKE 'load-%'`,
      [cohort.id, programme.id],
    );
  });
  afterAll(() => testApp.close());

  describe('cohorts', () => {
    beforeAll(async () => {
      await testApp.sql(
        `INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity, venue)
         SELECT programme_id, template_id, 'Bulk cohort ' || lpad(n::text, 2, '0'), system_id,
                DATE '2030-01-01' + n, capacity, 'Hall ' || n
         FROM cohort, generate_series(1, 28) AS n WHERE id = $1`,
        [cohort.id],
      );
      await testApp.sql(
        `INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity)
         SELECT programme_id, template_id, v.name, system_id, DATE '2031-01-01', capacity
         FROM cohort, (VALUES ('Cohort 50%_off'), ('Cohort 50 percent off')) AS v(name) WHERE id = $1`,
        [cohort.id],
      );
    });

    it('gives page 2 of a search with the true total, newest first', async () => {
      const first = await paged<Cohort>(lead, '/api/cohorts?q=bulk%20cohort');
      expect(first).toMatchObject({ total: 28, page: 1, pageSize: 25 });
      expect(first.items[0]!.name).toBe('Bulk cohort 28');
      const second = await paged<Cohort>(lead, '/api/cohorts?q=bulk%20cohort&page=2');
      expect(second).toMatchObject({ total: 28, page: 2, pageSize: 25 });
      expect(names(second, 'name')).toEqual(['Bulk cohort 03', 'Bulk cohort 02', 'Bulk cohort 01']);
      const past = await paged<Cohort>(lead, '/api/cohorts?q=bulk%20cohort&page=3');
      expect(past).toMatchObject({ items: [], total: 28 });
    });

    it('searches the venue and the system code, and matches % and _ literally', async () => {
      expect(names(await paged<Cohort>(lead, '/api/cohorts?q=hall%207'), 'name')).toEqual(['Bulk cohort 07']);
      expect((await paged<Cohort>(lead, '/api/cohorts?q=qk1&pageSize=50')).total).toBeGreaterThanOrEqual(31);
      expect(
        names(await paged<Cohort>(lead, `/api/cohorts?q=${encodeURIComponent('50%_off')}`), 'name'),
      ).toEqual(['Cohort 50%_off']);
      expect(names(await paged<Cohort>(lead, '/api/cohorts?q=_'), 'name')).toEqual(['Cohort 50%_off']);
    });

    it('filters by upcoming, running and finished', async () => {
      const running = (
        await lead
          .post('/api/cohorts')
          .send({
            programmeId: programme.id,
            name: 'Started cohort',
            startDate: '2027-06-10',
            capacity: 10,
            systemOdsCode: 'QK1',
          })
          .expect(201)
      ).body as Cohort;
      // Its first workshop was in the past; its sessions are still to come.
      await testApp.sql(`UPDATE cohort SET start_date = '2020-01-02' WHERE id = $1`, [running.id]);
      await testApp.sql(`UPDATE cohort SET start_date = '2020-01-01' WHERE name = 'Bulk cohort 01'`);
      const when = async (value: string) =>
        names(await paged<Cohort>(lead, `/api/cohorts?when=${value}&pageSize=100`), 'name');
      expect(await when('running')).toContain('Started cohort');
      expect(await when('running')).not.toContain('Bulk cohort 01');
      expect(await when('finished')).toContain('Bulk cohort 01');
      expect(await when('finished')).not.toContain('Started cohort');
      expect(await when('upcoming')).toEqual(expect.arrayContaining(['Bulk cohort 02', 'Paging cohort']));
      expect(await when('upcoming')).not.toContain('Started cohort');
      const wrong = await lead.get('/api/cohorts?when=soon').expect(400);
      expect(JSON.stringify(wrong.body)).toContain('when must be one of');
    });

    it("keeps another system's cohorts from a system lead, in the list and the picker", async () => {
      expect((await paged<Cohort>(systemLead, '/api/cohorts?q=bulk')).total).toBe(0);
      const options = (await systemLead.get('/api/cohorts/options').expect(200)).body as Cohort[];
      expect(options.filter((option) => option.system.odsCode === 'QK1')).toEqual([]);
      const all = (await lead.get('/api/cohorts/options').expect(200)).body as Cohort[];
      expect(all.map((option) => option.name)).toEqual(
        expect.arrayContaining(['Bulk cohort 28', 'Paging cohort']),
      );
      const delegate = await testApp.signedIn('delegate@demo.upstand.test');
      await delegate.get('/api/cohorts').expect(403);
      await delegate.get('/api/cohorts/options').expect(403);
      await (await testApp.client()).get('/api/cohorts').expect(401);
    });

    it('refuses page sizes outside the choices, naming pageSize', async () => {
      await expectPageSizeRefused(lead, '/api/cohorts');
      const page = await lead.get('/api/cohorts?page=0').expect(400);
      expect(JSON.stringify(page.body)).toContain('page must be 1 or more');
    });
  });

  describe('mailbox', () => {
    beforeAll(async () => {
      await testApp.sql(
        `INSERT INTO outbox_message (to_address, subject, text_body, status, created_at)
         SELECT 'paging-' || lpad(n::text, 2, '0') || '@nhs.test', 'Paging subject ' || n, 'Body', 'kept',
                now() - n * interval '1 minute'
         FROM generate_series(1, 30) AS n`,
      );
      await testApp.sql(
        `INSERT INTO outbox_message (to_address, subject, text_body, status)
         VALUES ('offers@nhs.test', 'Sale 50%_off', 'Body', 'failed'),
                ('offers@nhs.test', 'Sale 50 percent off', 'Body', 'kept')`,
      );
    });

    it('gives page 2 of a search by recipient, newest first, with the true total', async () => {
      const second = await paged<MailboxMessage>(lead, '/api/mailbox?q=paging-&page=2');
      expect(second.total).toBe(30);
      expect(names(second, 'to')).toEqual([
        'paging-26@nhs.test',
        'paging-27@nhs.test',
        'paging-28@nhs.test',
        'paging-29@nhs.test',
        'paging-30@nhs.test',
      ]);
    });

    it('searches subjects literally and filters by status', async () => {
      expect(
        names(
          await paged<MailboxMessage>(lead, `/api/mailbox?q=${encodeURIComponent('50%_off')}`),
          'subject',
        ),
      ).toEqual(['Sale 50%_off']);
      expect(
        names(await paged<MailboxMessage>(lead, '/api/mailbox?q=offers&status=kept'), 'subject'),
      ).toEqual(['Sale 50 percent off']);
      const wrong = await lead.get('/api/mailbox?status=lost').expect(400);
      expect(JSON.stringify(wrong.body)).toContain('status must be one of');
      await expectPageSizeRefused(lead, '/api/mailbox');
    });

    it('is still for regional leads only', async () => {
      await systemLead.get('/api/mailbox?q=paging').expect(404);
    });
  });

  describe("a sponsor's delegates", () => {
    let sponsor: ApiClient;
    beforeAll(async () => {
      sponsor = await testApp.signedIn('sponsor@demo.upstand.test');
    });

    it('gives page 2 by name with the true total, and nobody from another organisation', async () => {
      const second = await paged<SponsorDelegate>(sponsor, '/api/sponsor/delegates?q=paged%20person&page=2');
      expect(second.total).toBe(30);
      expect(names(second, 'fullName')).toEqual([
        'Paged Person 26',
        'Paged Person 27',
        'Paged Person 28',
        'Paged Person 29',
        'Paged Person 30',
      ]);
      const rt5 = await paged<SponsorDelegate>(sponsor, '/api/sponsor/delegates?q=RT5');
      expect(rt5.total).toBe(0);
    });

    it('searches literally, by cohort too, and filters by status', async () => {
      expect(
        names(
          await paged<SponsorDelegate>(sponsor, `/api/sponsor/delegates?q=${encodeURIComponent('50%_off')}`),
          'fullName',
        ),
      ).toEqual(['Literal 50%_off']);
      expect((await paged<SponsorDelegate>(sponsor, '/api/sponsor/delegates?q=paging%20cohort')).total).toBe(
        32,
      );
      await testApp.sql(
        `UPDATE enrolment SET status = 'withdrawn'
         WHERE delegate_user_id = (SELECT id FROM app_user WHERE full_name = 'Paged Person 07')`,
      );
      expect(
        names(
          await paged<SponsorDelegate>(sponsor, '/api/sponsor/delegates?status=withdrawn&q=paged'),
          'fullName',
        ),
      ).toEqual(['Paged Person 07']);
      await expectPageSizeRefused(sponsor, '/api/sponsor/delegates');
      await lead.get('/api/sponsor/delegates').expect(403);
    });
  });

  describe("a line manager's team", () => {
    it('gives page 2 by name with the true total; searches literally; others are refused', async () => {
      const manager = await testApp.signedIn('manager@demo.upstand.test');
      const second = await paged<TeamMemberProgress>(manager, '/api/manager/team?q=paged%20person&page=2');
      expect(second.total).toBe(31); // the 30 from RWE and the one from RT5 name the same manager
      expect(names(second, 'delegateName')).toEqual([
        'Paged Person 26',
        'Paged Person 27',
        'Paged Person 28',
        'Paged Person 29',
        'Paged Person 30',
        'Paged Person from RT5',
      ]);
      expect(
        names(
          await paged<TeamMemberProgress>(manager, `/api/manager/team?q=${encodeURIComponent('50%_off')}`),
          'delegateName',
        ),
      ).toEqual(['Literal 50%_off']);
      await expectPageSizeRefused(manager, '/api/manager/team');
      const sponsor = await testApp.signedIn('sponsor@demo.upstand.test');
      await sponsor.get('/api/manager/team').expect(403);
    });
  });

  describe('the Community of Practice directory', () => {
    beforeAll(async () => {
      await testApp.sql(
        `INSERT INTO community_member (user_id, in_directory) SELECT id, true FROM app_user WHERE email LIKE 'load-%'`,
      );
    });

    it('gives members page 2 by name with the true total, and searches literally', async () => {
      const delegate = await testApp.signedIn('delegate@demo.upstand.test');
      const second = await paged<CommunityMember>(delegate, '/api/community/members?q=paged%20person&page=2');
      expect(second.total).toBe(31);
      expect(names(second, 'fullName')).toEqual([
        'Paged Person 26',
        'Paged Person 27',
        'Paged Person 28',
        'Paged Person 29',
        'Paged Person 30',
        'Paged Person from RT5',
      ]);
      expect(
        names(
          await paged<CommunityMember>(delegate, `/api/community/members?q=${encodeURIComponent('50%_off')}`),
          'fullName',
        ),
      ).toEqual(['Literal 50%_off']);
      await expectPageSizeRefused(delegate, '/api/community/members');
    });

    it('still shows staff only the members who completed a cohort their grant reaches', async () => {
      expect((await paged<CommunityMember>(systemLead, '/api/community/members?q=paged')).total).toBe(0);
      expect((await paged<CommunityMember>(lead, '/api/community/members?q=paged')).total).toBe(31);
    });
  });

  describe('organisations', () => {
    it('pages the same list the picker gets, with the true total, and searches literally', async () => {
      await testApp.sql(
        `INSERT INTO organisation (ods_code, name, type, system_id, region_id, valid_from)
         SELECT 'ZP' || lpad(n::text, 3, '0'), 'Paging trust ' || n, type, system_id, region_id, valid_from
         FROM organisation, generate_series(1, 20) AS n WHERE ods_code = 'RWE'`,
      );
      const all = (await lead.get('/api/organisations').expect(200)).body as Organisation[];
      expect(all.length).toBeGreaterThan(25);
      const second = await paged<Organisation>(lead, '/api/organisations/paged?page=2');
      expect(second.total).toBe(all.length);
      expect(names(second, 'odsCode')).toEqual(all.slice(25, 50).map((organisation) => organisation.odsCode));

      await testApp.sql(`UPDATE organisation SET name = 'Trust 50%_off' WHERE ods_code = 'RT5'`);
      await testApp.sql(`UPDATE organisation SET name = 'Trust 50 percent off' WHERE ods_code = 'RWE'`);
      const literal = await paged<Organisation>(
        await testApp.client(),
        `/api/organisations/paged?q=${encodeURIComponent('50%_off')}`,
      );
      expect(names(literal, 'odsCode')).toEqual(['RT5']);
      const icbs = await paged<Organisation>(lead, '/api/organisations/paged?type=icb&pageSize=100');
      expect(icbs.items.every((organisation) => organisation.type === 'icb')).toBe(true);
      await expectPageSizeRefused(lead, '/api/organisations/paged');
    });
  });

  describe('approvals', () => {
    let manager: ApiClient;
    let requests: { id: string; name: string }[];

    beforeAll(async () => {
      await lead
        .patch(`/api/programmes/${programme.id}/settings`)
        .send({ requiresManagerApproval: true })
        .expect(200);
      const approvalCohort = (
        await lead
          .post('/api/cohorts')
          .send({
            programmeId: programme.id,
            name: 'Approval paging cohort',
            startDate: '2027-09-09',
            capacity: 10,
            systemOdsCode: 'QK1',
          })
          .expect(201)
      ).body as Cohort;
      const people = await testApp.delegates(4, 'RWE');
      for (const person of people) {
        const enrolment = (await person.post(`/api/cohorts/${approvalCohort.id}/enrolments`).expect(201))
          .body as Enrolment;
        expect(enrolment.status).toBe('pending-approval');
      }
      requests = await testApp.sql<{ id: string; name: string }>(
        `SELECT a.id, u.full_name AS name FROM approval_request a JOIN enrolment e ON e.id = a.enrolment_id
         JOIN app_user u ON u.id = e.delegate_user_id WHERE e.cohort_id = $1 ORDER BY a.created_at, a.id`,
        [approvalCohort.id],
      );
      expect(requests).toHaveLength(4);
      manager = await testApp.signedIn('manager@demo.upstand.test');
    });

    it('lists waiting approvals with a search, a total and the same page size limits', async () => {
      const waiting = await paged<ApprovalRequestView>(manager, '/api/manager/approvals?q=approval%20paging');
      expect(waiting.total).toBe(4);
      expect(waiting.items.map((item) => item.id)).toEqual(requests.map((request) => request.id));
      expect(
        (await paged<ApprovalRequestView>(manager, '/api/manager/approvals?q=approval%20paging&page=2'))
          .items,
      ).toEqual([]);
      expect(
        (await paged<ApprovalRequestView>(manager, `/api/manager/approvals?q=${encodeURIComponent('%')}`))
          .total,
      ).toBe(0);
      await expectPageSizeRefused(manager, '/api/manager/approvals');
    });

    it('approves several at once, each on its own: one already declined and one not theirs are left as they were', async () => {
      const [first, declined, notTheirs, second] = requests;
      await manager.post(`/api/manager/approvals/${declined!.id}/decline`).expect(200);
      await testApp.sql(`UPDATE approval_request SET manager_email = 'someone.else@nhs.test' WHERE id = $1`, [
        notTheirs!.id,
      ]);

      const outcomes = (
        await manager
          .post('/api/manager/approvals/approve')
          .send({ ids: [first!.id, declined!.id, notTheirs!.id, second!.id, first!.id] })
          .expect(200)
      ).body as BulkApprovalOutcome[];
      expect(outcomes).toEqual([
        {
          id: first!.id,
          delegateName: first!.name,
          cohortName: 'Approval paging cohort',
          state: 'approved',
          approved: true,
          problem: null,
        },
        {
          id: declined!.id,
          delegateName: declined!.name,
          cohortName: 'Approval paging cohort',
          state: 'declined',
          approved: false,
          problem: expect.stringContaining('already declined'),
        },
        {
          id: notTheirs!.id,
          delegateName: null,
          cohortName: null,
          state: null,
          approved: false,
          problem: 'This request could not be found',
        },
        {
          id: second!.id,
          delegateName: second!.name,
          cohortName: 'Approval paging cohort',
          state: 'approved',
          approved: true,
          problem: null,
        },
      ]);

      const statuses = await testApp.sql<{ id: string; status: string; decision: string | null }>(
        `SELECT a.id, e.status, a.decision FROM approval_request a JOIN enrolment e ON e.id = a.enrolment_id
         WHERE a.id = ANY($1::uuid[])`,
        [requests.map((request) => request.id)],
      );
      const byId = new Map(statuses.map((row) => [row.id, row]));
      expect(byId.get(first!.id)).toMatchObject({ status: 'confirmed', decision: 'approved' });
      expect(byId.get(second!.id)).toMatchObject({ status: 'confirmed', decision: 'approved' });
      expect(byId.get(declined!.id)).toMatchObject({ status: 'declined', decision: 'declined' });
      expect(byId.get(notTheirs!.id)).toMatchObject({ status: 'pending-approval', decision: null });

      const [managerId] = await testApp.sql<{ id: string }>(
        `SELECT id FROM app_user WHERE email = 'manager@demo.upstand.test'`,
      );
      const audited = await testApp.sql<{ entity_id: string; actor_user_id: string }>(
        `SELECT entity_id, actor_user_id FROM audit_event WHERE action = 'approval.approved' ORDER BY id`,
      );
      expect(audited).toEqual([
        { entity_id: first!.id, actor_user_id: managerId!.id },
        { entity_id: second!.id, actor_user_id: managerId!.id },
      ]);
    });

    it('refuses an empty or malformed list, naming ids, and anyone but a line manager', async () => {
      const empty = await manager.post('/api/manager/approvals/approve').send({ ids: [] }).expect(400);
      expect(JSON.stringify(empty.body)).toContain('ids must name at least one approval request');
      const malformed = await manager
        .post('/api/manager/approvals/approve')
        .send({ ids: ['nope'] })
        .expect(400);
      expect(JSON.stringify(malformed.body)).toContain('ids must each be the id of an approval request');
      await lead
        .post('/api/manager/approvals/approve')
        .send({ ids: [requests[0]!.id] })
        .expect(403);
      await (
        await testApp.client()
      )
        .post('/api/manager/approvals/approve')
        .send({ ids: [requests[0]!.id] })
        .expect(401);
    });
  });
});
