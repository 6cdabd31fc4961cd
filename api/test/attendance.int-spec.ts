import {
  CheckInResult,
  Cohort,
  CohortLearningSets,
  CohortSession,
  CommunityMember,
  Enrolment,
  Facilitator,
  Programme,
  SessionRegister,
} from '@upstand/contracts';
import ExcelJS from 'exceljs';
import { addDays } from '@upstand/schedule';
import { todayInLondon } from '../src/common/london-date';
import { AttendanceService } from '../src/modules/attendance/attendance.service';
import { formatLondonDay } from '../src/modules/cohorts/staffing.service';
import { ApiClient, createTestApp, TestApp } from './support/test-app';
import { binaryBody } from './support/binary-body';
import { pdfInfo, pdfText } from './support/pdf-text';

describe('registers, check-in, completion and certificates', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let cohort: Cohort;
  let delegates: ApiClient[];
  let enrolments: Enrolment[];
  let sessions: CohortSession[];

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    const pool = (await lead.get('/api/facilitators').expect(200)).body as Facilitator[];
    cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Register cohort',
          startDate: '2027-05-13',
          capacity: 10,
          systemOdsCode: 'QK1',
          facilitatorIds: pool
            .filter((f) => f.email.includes('facilitator'))
            .map((f) => f.id)
            .sort((a) => (pool.find((f) => f.id === a)!.level === 'lead-facilitator' ? -1 : 1)),
        })
        .expect(201)
    ).body;
    delegates = await testApp.delegates(6);
    enrolments = [];
    for (const delegate of delegates)
      enrolments.push((await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201)).body);
    await lead.post(`/api/cohorts/${cohort.id}/sets`).send({}).expect(201);
    sessions = (
      (await lead.get(`/api/cohorts/${cohort.id}/sessions`).expect(200)).body as CohortSession[]
    ).filter((session) => session.status === 'scheduled');
  });
  afterAll(() => testApp.close());

  it('opens a register of the booked delegates with a check-in code and QR code', async () => {
    const register = (await lead.get(`/api/sessions/${sessions[0]!.id}/register`).expect(200))
      .body as SessionRegister;
    expect(register.entries).toHaveLength(6);
    expect(register.entries.every((entry) => entry.status === null)).toBe(true);
    expect(register.checkIn.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(register.checkIn.opensAt).toBe('2027-05-13T08:45:00+01:00');
    const again = (await lead.get(`/api/sessions/${sessions[0]!.id}/register`).expect(200))
      .body as SessionRegister;
    expect(again.checkIn.code).toBe(register.checkIn.code);
    const qr = await lead.get(`/api/sessions/${sessions[0]!.id}/check-in.svg`).expect(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(qr.body ?? qr.text)).toContain('<svg');
  });

  it('lets the assigned facilitator take the register, but not a facilitator who is not running it', async () => {
    const tom = await testApp.signedIn('facilitator@demo.upstand.test');
    await tom.get(`/api/sessions/${sessions[0]!.id}/register`).expect(200);
    const als = sessions.find((session) => session.kind === 'action-learning-set')!;
    await tom.get(`/api/sessions/${als.id}/register`).expect(404);
  });

  it('refuses a register for a session that has not started, naming it; the register opens at the start', async () => {
    const line = { entries: [{ enrolmentId: enrolments[0]!.id, status: 'present' }] };
    const refused = await lead.put(`/api/sessions/${sessions[0]!.id}/attendance`).send(line).expect(409);
    expect(refused.body.message).toBe(
      `${sessions[0]!.title} has not started yet: attendance can be recorded from Thursday 13 May 2027 09:00`,
    );
    expect(refused.body.errors).toEqual([{ field: 'id', message: refused.body.message }]);
    await lead.post(`/api/sessions/${sessions[0]!.id}/attendance/all-present`).expect(409);
    expect(await testApp.sql(`SELECT 1 FROM attendance WHERE session_id = $1`, [sessions[0]!.id])).toEqual(
      [],
    );

    // The cohort's sessions have all happened for the rest of these tests; the first began a minute ago.
    await testApp.sql(
      `WITH shift AS (SELECT min(starts_at) - (now() - interval '1 minute') AS by FROM session WHERE cohort_id = $1)
       UPDATE session SET starts_at = starts_at - shift.by, ends_at = ends_at - shift.by FROM shift WHERE cohort_id = $1`,
      [cohort.id],
    );
    await testApp.sql(
      `WITH shift AS (SELECT max(ends_at) - now() + interval '1 day' AS by FROM session WHERE cohort_id = $1 AND id <> $2)
       UPDATE session SET starts_at = starts_at - shift.by, ends_at = ends_at - shift.by FROM shift
       WHERE cohort_id = $1 AND id <> $2`,
      [cohort.id, sessions[0]!.id],
    );
    await lead.put(`/api/sessions/${sessions[0]!.id}/attendance`).send(line).expect(200);
  });

  it('refuses register lines for people not booked, naming the line', async () => {
    const outsider = (await (await testApp.delegates(1))[0]!.get('/api/me/enrolments')).body as Enrolment[];
    const response = await lead
      .put(`/api/sessions/${sessions[0]!.id}/attendance`)
      .send({
        entries: [
          { enrolmentId: enrolments[0]!.id, status: 'present' },
          { enrolmentId: outsider[0]?.id ?? '00000000-0000-4000-8000-000000000000', status: 'present' },
        ],
      })
      .expect(400);
    expect(response.body.errors[0].field).toBe('entries.1.enrolmentId');
    const badStatus = await lead
      .put(`/api/sessions/${sessions[0]!.id}/attendance`)
      .send({ entries: [{ enrolmentId: enrolments[0]!.id, status: 'asleep' }] })
      .expect(400);
    expect(badStatus.body.errors[0].field).toBe('entries.0.status');
  });

  it('checks a delegate in by code only while check-in is open', async () => {
    const service = testApp.app.get(AttendanceService);
    const register = (await lead.get(`/api/sessions/${sessions[1]!.id}/register`).expect(200))
      .body as SessionRegister;
    const [user] = await testApp.sql<{ id: string; email: string; full_name: string }>(
      `SELECT u.id, u.email, u.full_name FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id WHERE e.id = $1`,
      [enrolments[1]!.id],
    );
    const actor = {
      id: user!.id,
      email: user!.email,
      fullName: user!.full_name,
      organisationId: null,
      roles: [{ role: 'delegate' as const, organisationId: null, organisationName: null, scope: null }],
      sessionId: 'x',
    };
    const start = new Date(register.startsAt);
    await expect(
      service.checkIn(register.checkIn.code, actor, new Date(start.getTime() - 20 * 60_000)),
    ).rejects.toThrow(/open from 15 minutes before/);
    const result: CheckInResult = await service.checkIn(
      register.checkIn.code.toLowerCase(),
      actor,
      new Date(start.getTime() - 5 * 60_000),
    );
    expect(result).toEqual({ sessionTitle: 'Active Bystander workshop: day 2', status: 'present' });
    const after = (await lead.get(`/api/sessions/${sessions[1]!.id}/register`).expect(200))
      .body as SessionRegister;
    expect(after.entries.find((entry) => entry.enrolmentId === enrolments[1]!.id)).toMatchObject({
      status: 'present',
      method: 'self-check-in',
    });
    const wrong = await delegates[1]!.post('/api/check-in').send({ code: 'ZZZZZZ' }).expect(400);
    expect(wrong.body.errors[0].field).toBe('code');
  });

  it('completes a delegate with both workshop days and 4 of 5 sets: certificate, Community of Practice, email', async () => {
    const { sets } = (await lead.get(`/api/cohorts/${cohort.id}/sets`).expect(200))
      .body as CohortLearningSets;
    const target = enrolments[2]!;
    const mySet = sets.find((set) => set.members.some((member) => member.enrolmentId === target.id))!;
    await lead.post(`/api/sessions/${sessions[0]!.id}/attendance/all-present`).expect(200);
    await lead
      .put(`/api/sessions/${sessions[1]!.id}/attendance`)
      .send({ entries: [{ enrolmentId: target.id, status: 'late' }] })
      .expect(200);
    const setSessions = sessions.filter((session) => session.setId === mySet.id);
    expect(setSessions).toHaveLength(5);
    for (const session of setSessions.slice(0, 3))
      await lead
        .put(`/api/sessions/${session.id}/attendance`)
        .send({ entries: [{ enrolmentId: target.id, status: 'present' }] })
        .expect(200);
    await lead
      .put(`/api/sessions/${setSessions[3]!.id}/attendance`)
      .send({ entries: [{ enrolmentId: target.id, status: 'apologies' }] })
      .expect(200);
    expect(((await delegates[2]!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe(
      'confirmed',
    );
    await delegates[2]!.get(`/api/enrolments/${target.id}/certificate.pdf`).expect(409);

    await lead
      .put(`/api/sessions/${setSessions[4]!.id}/attendance`)
      .send({ entries: [{ enrolmentId: target.id, status: 'present' }] })
      .expect(200);
    expect(((await delegates[2]!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe(
      'completed',
    );

    // A name in letters beyond Latin-1: the certificate's font must draw every one of them.
    await testApp.sql(
      `UPDATE app_user SET full_name = $1 WHERE id = (SELECT delegate_user_id FROM enrolment WHERE id = $2)`,
      ['Łukasz Nguyễn-Şahin', target.id],
    );
    const pdf = await delegates[2]!
      .get(`/api/enrolments/${target.id}/certificate.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(
      'active-bystander-certificate-lukasz-nguyen-sahin.pdf',
    );
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Certificate of completion');
    expect(text).toContain('Łukasz Nguyễn-Şahin');
    expect(text).toContain('Active Bystander Programme');
    // The service owner's branding (the NHS identity by default), and tagged for screen readers with a title.
    expect(text).toContain('Issued');
    expect(text).toContain('by Leicester, Leicestershire and Rutland Integrated Care Board');
    const info = pdfInfo(pdf.body as Buffer);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Certificate of completion: Łukasz Nguyễn-Şahin$/m);
    await delegates[3]!.get(`/api/enrolments/${target.id}/certificate.pdf`).expect(404);

    const [mail] = await testApp.sql<{ subject: string }>(
      `SELECT subject FROM outbox_message WHERE dedupe_key = $1`,
      [`certificate:${target.id}`],
    );
    expect(mail!.subject).toBe('You are a certified Active Bystander');
    expect((await delegates[2]!.get('/api/me/community').expect(200)).body).toEqual({
      member: true,
      inDirectory: false,
    });
    expect((await delegates[2]!.get('/api/community/members').expect(200)).body.items).toEqual([]);
    await delegates[2]!.put('/api/me/community').send({ inDirectory: true }).expect(200);
    const directory = (await delegates[0]!.get('/api/community/members').expect(200)).body
      .items as CommunityMember[];
    expect(directory.map((member) => member.fullName)).toHaveLength(1);
    await delegates[3]!.put('/api/me/community').send({ inDirectory: true }).expect(409);

    // A register correction that breaks the rule takes completion back.
    await lead
      .put(`/api/sessions/${sessions[0]!.id}/attendance`)
      .send({ entries: [{ enrolmentId: target.id, status: 'absent' }] })
      .expect(200);
    expect(((await delegates[2]!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status).toBe(
      'confirmed',
    );
  });

  it('refuses a certificate whose journey has not finished, rather than date it to end before it began', async () => {
    // As an import once recorded it: "completed" on a cohort that has not started, dated today.
    const upcoming = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: cohort.programmeId,
          name: 'Upcoming cohort',
          startDate: addDays(todayInLondon(), 90),
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const [delegate] = await testApp.delegates(1);
    const enrolment = (await delegate!.post(`/api/cohorts/${upcoming.id}/enrolments`).expect(201))
      .body as Enrolment;
    await testApp.sql(`UPDATE enrolment SET status = 'completed', completed_at = now() WHERE id = $1`, [
      enrolment.id,
    ]);
    const [{ firstDay }] = (await testApp.sql<{ firstDay: Date }>(
      `SELECT min(starts_at) AS "firstDay" FROM session WHERE cohort_id = $1 AND status = 'scheduled'`,
      [upcoming.id],
    )) as [{ firstDay: Date }];
    const reason = `The certificate is not ready: Upcoming cohort has not started (its first session is on ${formatLondonDay(firstDay)}), so the journey has not finished`;
    for (const asker of [delegate!, lead]) {
      const refused = await asker.get(`/api/enrolments/${enrolment.id}/certificate.pdf`).expect(409);
      expect(refused.body.message).toBe(reason);
    }
  });

  it('clears a mark back to not recorded, for those who can take the register, and re-checks completion', async () => {
    const { sets } = (await lead.get(`/api/cohorts/${cohort.id}/sets`).expect(200))
      .body as CohortLearningSets;
    const target = enrolments[4]!;
    const mySet = sets.find((set) => set.members.some((member) => member.enrolmentId === target.id))!;
    const present = { entries: [{ enrolmentId: target.id, status: 'present' }] };
    for (const session of [
      sessions[0]!,
      sessions[1]!,
      ...sessions.filter((session) => session.setId === mySet.id),
    ])
      await lead.put(`/api/sessions/${session.id}/attendance`).send(present).expect(200);
    const status = async () =>
      ((await delegates[4]!.get('/api/me/enrolments').expect(200)).body as Enrolment[])[0]!.status;
    expect(await status()).toBe('completed');

    // Tom runs the workshop days: he can clear a mark he could set.
    const tom = await testApp.signedIn('facilitator@demo.upstand.test');
    const cleared = (await tom.delete(`/api/sessions/${sessions[1]!.id}/attendance/${target.id}`).expect(200))
      .body as SessionRegister;
    expect(cleared.entries.find((entry) => entry.enrolmentId === target.id)).toMatchObject({
      status: null,
      method: null,
    });
    expect(await status()).toBe('confirmed');
    await tom.delete(`/api/sessions/${sessions[1]!.id}/attendance/${target.id}`).expect(200);

    // Not his session, not booked on it, not an id: the same answers as for setting a mark.
    const als = sessions.find((session) => session.setId === mySet.id)!;
    await tom.delete(`/api/sessions/${als.id}/attendance/${target.id}`).expect(404);
    await lead.delete(`/api/sessions/${als.id}/attendance/00000000-0000-4000-8000-000000000000`).expect(404);
    const bad = await lead.delete(`/api/sessions/${als.id}/attendance/not-a-uuid`).expect(400);
    expect(bad.body.errors[0].field).toBe('enrolmentId');

    await lead.put(`/api/sessions/${sessions[1]!.id}/attendance`).send(present).expect(200);
    expect(await status()).toBe('completed');
    const [audit] = await testApp.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_event WHERE action = 'attendance.cleared' AND entity_id = $1`,
      [sessions[1]!.id],
    );
    expect(audit!.count).toBe(1);
  });

  it('lists everyone enrolled with their place; only those who held a place when it started can be marked', async () => {
    const session = sessions[1]!;
    const leaver = enrolments[5]!;
    // Withdrew after the session began: they were expected, so their mark stays open to correction.
    await delegates[5]!.post(`/api/enrolments/${leaver.id}/withdraw`).expect(200);
    const line = async () =>
      (
        (await lead.get(`/api/sessions/${session.id}/register`).expect(200)).body as SessionRegister
      ).entries.find((entry) => entry.enrolmentId === leaver.id);
    expect(await line()).toMatchObject({ place: 'withdrawn', markable: true });

    // Withdrew before it: listed with their place, but not markable, and "all present" passes them by.
    await testApp.sql(
      `UPDATE enrolment SET withdrawn_at = (SELECT starts_at FROM session WHERE id = $2) - interval '1 day' WHERE id = $1`,
      [leaver.id, session.id],
    );
    expect(await line()).toMatchObject({ place: 'withdrawn', markable: false, status: null });
    const refused = await lead
      .put(`/api/sessions/${session.id}/attendance`)
      .send({ entries: [{ enrolmentId: leaver.id, status: 'present' }] })
      .expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'entries.0.enrolmentId' });
    expect(refused.body.errors[0].message).toContain('did not hold a place when this session started');
    const all = (await lead.post(`/api/sessions/${session.id}/attendance/all-present`).expect(200))
      .body as SessionRegister;
    expect(all.entries.find((entry) => entry.enrolmentId === leaver.id)?.status).toBeNull();
    // The markable come first; the rest follow with their place shown.
    expect(all.entries.at(-1)).toMatchObject({ enrolmentId: leaver.id, place: 'withdrawn' });
  });

  it('exports the register as CSV and XLSX for those who can take it, auditing each download', async () => {
    const session = sessions[1]!;
    const [llr] = await testApp.sql<{ name: string }>(
      `UPDATE app_user SET full_name = '=HYPERLINK("x")' WHERE id = (SELECT delegate_user_id FROM enrolment WHERE id = $1) RETURNING full_name AS name`,
      [enrolments[3]!.id],
    );
    expect(llr).toBeDefined();
    const csv = await lead.get(`/api/sessions/${session.id}/register.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="register-\d{4}-\d{2}-\d{2}-.+\.csv"$/,
    );
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('full_name,organisation,place,expected,attendance,recorded_by');
    expect(lines).toHaveLength(7);
    // A name that looks like a formula is written as text.
    expect(lines).toContain(
      `"'=HYPERLINK(""x"")",University Hospitals of Leicester NHS Trust,Place confirmed,yes,present,register`,
    );
    expect(lines.at(-1)).toMatch(/,Withdrawn,no,,$/);

    const xlsx = await lead
      .get(`/api/sessions/${session.id}/register.xlsx`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('Register')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'full_name',
      'organisation',
      'place',
      'expected',
      'attendance',
      'recorded_by',
    ]);
    expect(sheet.rowCount).toBe(7);

    const audits = await testApp.sql<{ rows: number; format: string }>(
      `SELECT (details->>'rows')::int AS rows, details->>'format' AS format FROM audit_event
       WHERE action = 'session-register.downloaded' AND entity_id = $1 AND details ? 'format' ORDER BY occurred_at`,
      [session.id],
    );
    expect(audits).toEqual([
      { rows: 6, format: 'csv' },
      { rows: 6, format: 'xlsx' },
    ]);

    // A facilitator not running it, a delegate, and a bad id: as for the register itself.
    const als = sessions.find((candidate) => candidate.kind === 'action-learning-set')!;
    const tom = await testApp.signedIn('facilitator@demo.upstand.test');
    await tom.get(`/api/sessions/${als.id}/register.csv`).expect(404);
    await delegates[0]!.get(`/api/sessions/${session.id}/register.csv`).expect(403);
    await delegates[0]!.delete(`/api/sessions/${session.id}/attendance/${enrolments[0]!.id}`).expect(403);
    const bad = await lead.get('/api/sessions/not-a-uuid/register.xlsx').expect(400);
    expect(bad.body.errors[0].field).toBe('id');
  });

  it('shows a delegate moved to another cohort as transferred', async () => {
    const [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    const other = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Register cohort, later',
          startDate: '2027-09-16',
          capacity: 10,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    await lead.post(`/api/enrolments/${enrolments[0]!.id}/transfer`).send({ cohortId: other.id }).expect(200);
    const register = (await lead.get(`/api/sessions/${sessions[1]!.id}/register`).expect(200))
      .body as SessionRegister;
    // Moved after the session began: they were there, so their mark can still be corrected.
    expect(register.entries.find((entry) => entry.enrolmentId === enrolments[0]!.id)).toMatchObject({
      place: 'transferred',
      markable: true,
    });
  });
});
