import { CommunityAttendanceRegister } from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/** Marking who came to a Community of Practice catch-up: people, not enrolments, and only by those running it. */
describe('Community of Practice attendance', () => {
  let app: TestApp;
  let lead: ApiClient;
  let otherSystemLead: ApiClient;
  let delegate: ApiClient;
  let catchUp: string;
  let upcoming: string;
  let cohortSession: string;
  let delegateId: string;

  beforeAll(async () => {
    app = await createTestApp();
    lead = await app.signedIn('lead@demo.upstand.test');
    otherSystemLead = await app.signedIn('system-lead@demo.upstand.test');
    delegate = await app.signedIn('delegate@demo.upstand.test');
    const [programme] = await app.sql<{ id: string }>('SELECT id FROM programme ORDER BY created_at LIMIT 1');
    const [series] = await app.sql<{ id: string }>(
      `INSERT INTO session_series (programme_id, kind, title, mode, system_id, start_date, start_time, end_time, rrule)
       SELECT $1, 'community-of-practice', 'LLR catch-up', 'virtual', id, current_date - 7, '12:30', '13:30', 'FREQ=WEEKLY;COUNT=2'
       FROM organisation WHERE ods_code = 'QK1' RETURNING id`,
      [programme?.id],
    );
    const session = async (startsIn: string) => {
      const [row] = await app.sql<{ id: string }>(
        `INSERT INTO session (series_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
         VALUES ($1, 'series', 'community-of-practice', 'virtual', 1, 'LLR catch-up', now() + $2::interval,
                 now() + $2::interval + interval '1 hour', gen_random_uuid()::text) RETURNING id`,
        [series?.id, startsIn],
      );
      return (row as { id: string }).id;
    };
    catchUp = await session('-7 days');
    upcoming = await session('7 days');
    const [cohort] = await app.sql<{ id: string }>(
      `INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity)
       SELECT p.id, t.id, 'Catch-up test cohort', o.id, current_date - 30, 10
       FROM programme p JOIN journey_template t ON t.programme_id = p.id JOIN organisation o ON o.ods_code = 'QK1'
       WHERE p.id = $1 LIMIT 1 RETURNING id`,
      [programme?.id],
    );
    const [workshop] = await app.sql<{ id: string }>(
      `INSERT INTO session (cohort_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
       VALUES ($1, 'workshop', 'workshop', 'in-person', 1, 'Workshop', now() - interval '30 days',
               now() - interval '30 days' + interval '6 hours', gen_random_uuid()::text) RETURNING id`,
      [cohort?.id],
    );
    cohortSession = (workshop as { id: string }).id;
    const [user] = await app.sql<{ id: string }>(
      `SELECT id FROM app_user WHERE email = 'delegate@demo.upstand.test'`,
    );
    delegateId = (user as { id: string }).id;
  });
  afterAll(() => app.close());

  const path = (session: string, user?: string) =>
    `/api/sessions/${session}/community-attendance${user ? `/${user}` : ''}`;
  const records = async () =>
    (
      await app.sql<{ count: number }>(
        'SELECT count(*)::int AS count FROM community_attendance WHERE session_id = $1',
        [catchUp],
      )
    )[0]?.count;
  const audits = async (action: string) =>
    (
      await app.sql<{ count: number }>(
        'SELECT count(*)::int AS count FROM audit_event WHERE action = $1 AND entity_id = $2',
        [action, catchUp],
      )
    )[0]?.count;

  it('lets the lead mark anyone as having come, with no enrolment, once however often it is sent', async () => {
    const first = (await lead.put(path(catchUp, delegateId)).expect(200)).body as CommunityAttendanceRegister;
    expect(first.kind).toBe('community-of-practice');
    expect(first.people).toContainEqual(expect.objectContaining({ userId: delegateId, attended: true }));
    const again = (await lead.put(path(catchUp, delegateId)).expect(200)).body as CommunityAttendanceRegister;
    expect(again.people.filter((person) => person.userId === delegateId)).toHaveLength(1);
    expect(await records()).toBe(1);
    expect(await audits('community-attendance.recorded')).toBe(1);
    const listed = (await lead.get(path(catchUp)).expect(200)).body as CommunityAttendanceRegister;
    expect(listed.people.find((person) => person.userId === delegateId)?.attended).toBe(true);
    // The list names people: reading it is audited as a download of person-level data.
    expect(await audits('community-attendance.downloaded')).toBe(1);
  });

  it('takes a mark made in error away', async () => {
    const after = (await lead.delete(path(catchUp, delegateId)).expect(200))
      .body as CommunityAttendanceRegister;
    expect(after.people.find((person) => person.userId === delegateId)).toBeUndefined();
    expect(await records()).toBe(0);
    expect(await audits('community-attendance.cleared')).toBe(1);
    await lead.put(path(catchUp, delegateId)).expect(200);
  });

  it("answers another system's lead as if the session did not exist, and refuses delegates", async () => {
    await otherSystemLead.get(path(catchUp)).expect(404);
    await otherSystemLead.put(path(catchUp, delegateId)).expect(404);
    await otherSystemLead.delete(path(catchUp, delegateId)).expect(404);
    await delegate.put(path(catchUp, delegateId)).expect(403);
    await delegate.get(path(catchUp)).expect(403);
    expect(await records()).toBe(1);
  });

  it('names the field for a malformed or unknown id', async () => {
    const badSession = await lead.put(path('not-a-uuid', delegateId)).expect(400);
    expect(badSession.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    const badUser = await lead.put(path(catchUp, 'not-a-uuid')).expect(400);
    expect(badUser.body.errors).toEqual([expect.objectContaining({ field: 'userId' })]);
    const unknownUser = await lead.put(path(catchUp, '00000000-0000-4000-8000-000000000000')).expect(400);
    expect(unknownUser.body.errors).toEqual([expect.objectContaining({ field: 'userId' })]);
    await lead.get(path('00000000-0000-4000-8000-000000000000')).expect(404);
  });

  it("refuses a session not yet held, and a cohort's session (whose attendance goes on its register)", async () => {
    await lead.put(path(upcoming, delegateId)).expect(409);
    await lead.put(path(cohortSession, delegateId)).expect(409);
    await lead.get(path(cohortSession)).expect(409);
  });
});
