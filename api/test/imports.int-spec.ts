import {
  Cohort,
  EnrolmentImportReport,
  ImportReport,
  Instrument,
  Programme,
  WideImportMapping,
  WidePreview,
} from '@upstand/contracts';
import ExcelJS from 'exceljs';
import { addDays } from '@upstand/schedule';
import { todayInLondon } from '../src/common/london-date';
import { formatLondonDayTime } from '../src/modules/cohorts/staffing.service';
import { ApiClient, createTestApp, TestApp } from './support/test-app';
import { importReport } from './support/import-jobs';

const HEADER = 'delegate_email,stage,item_code,value,submitted_at';
/** A full pre questionnaire for one delegate, in the long format. */
const preRows = (email: string, submittedAt = '10/03/2023 09:41') => [
  `${email},pre,confidence_intervene,Disagree,${submittedAt}`,
  `${email},pre,d_direct,3,${submittedAt}`,
  `${email},pre,d_distract,4,${submittedAt}`,
  `${email},pre,d_delegate,5,${submittedAt}`,
  `${email},pre,d_delay,2,${submittedAt}`,
  `${email},pre,d_document,1,${submittedAt}`,
  `${email},pre,likely_intervene,3,${submittedAt}`,
  `${email},pre,know_support,no,${submittedAt}`,
  `${email},pre,safe_speak_up,3,${submittedAt}`,
];

/** Moves a cohort's sessions back in time, order and spacing kept, so that its last one ended a day ago. */
const endedYesterday = (testApp: TestApp, cohortId: string) =>
  testApp.sql(
    `WITH shift AS (SELECT max(ends_at) - (now() - interval '1 day') AS by FROM session WHERE cohort_id = $1)
     UPDATE session SET starts_at = starts_at - shift.by, ends_at = ends_at - shift.by FROM shift WHERE cohort_id = $1`,
    [cohortId],
  );

const count = async (testApp: TestApp, table: string) =>
  (await testApp.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

describe('imports of historical programme data', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;
  let cohort: Cohort;
  let emails: string[];

  /** A dry run answers its report; a real import runs as a job, whose report this waits for. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the body is read as each test expects
  const importCsv = async (csv: string, dryRun: boolean, expected = 200): Promise<{ body: any }> => {
    const response = await lead
      .post(`/api/imports/responses?programmeId=${programme.id}&dryRun=${dryRun}`)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(dryRun ? expected : 202);
    return dryRun ? response : { body: await importReport(lead, response) };
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
    cohort = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme!.id,
          name: 'Import cohort',
          startDate: '2027-05-13',
          capacity: 20,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const delegates = await testApp.delegates(8);
    for (const delegate of delegates) await delegate.post(`/api/cohorts/${cohort.id}/enrolments`).expect(201);
    emails = (
      await testApp.sql<{ email: string }>(
        `SELECT u.email FROM app_user u JOIN enrolment e ON e.delegate_user_id = u.id WHERE e.cohort_id = $1 ORDER BY u.email`,
        [cohort.id],
      )
    ).map((row) => row.email);
    expect(emails).toHaveLength(8);
  });
  afterAll(() => testApp.close());

  it('reads a CSV with a byte-order mark, quoted commas, UK dates and CRLF; a dry run writes nothing', async () => {
    const [first, second] = emails as [string, string];
    const csv =
      '\uFEFF' +
      [
        ' Delegate_Email , STAGE,item_code,value,submitted_at',
        ...preRows(first.toUpperCase()),
        `${second},post,do_differently,"Speak up sooner, and check in afterwards",01/07/2023 14:05:09`,
        `${second},post,safe_speak_up,Strongly agree,01/07/2023 14:05`,
        '',
        '',
      ].join('\r\n');

    const dryRun = (await importCsv(csv, true)).body as ImportReport;
    expect(dryRun).toEqual({
      dryRun: true,
      rowsRead: 11,
      rowsAccepted: 11,
      rowsRejected: 0,
      responsesCreated: 2,
      responsesReplaced: 0,
      errors: [],
    });
    expect(await count(testApp, 'evaluation_response')).toBe(0);
    expect(await count(testApp, 'evaluation_answer')).toBe(0);

    const applied = (await importCsv(csv, false)).body as ImportReport;
    expect(applied).toMatchObject({ dryRun: false, responsesCreated: 2, responsesReplaced: 0, errors: [] });
    const post = await testApp.sql<{ submitted: Date; text: string; likert: string }>(
      `SELECT r.submitted_at AS submitted,
              (SELECT value_text FROM evaluation_answer WHERE response_id = r.id AND item_code = 'do_differently') AS text,
              (SELECT value_number FROM evaluation_answer WHERE response_id = r.id AND item_code = 'safe_speak_up') AS likert
       FROM evaluation_response r JOIN app_user u ON u.id = r.delegate_user_id WHERE u.email = $1 AND r.stage = 'post'`,
      [second],
    );
    // 14:05:09 on 1 July in London is 13:05:09 UTC (BST); the latest row's time is the response's.
    expect(post).toEqual([
      {
        submitted: new Date('2023-07-01T13:05:09Z'),
        text: 'Speak up sooner, and check in afterwards',
        likert: '5.00',
      },
    ]);
    const pre = await testApp.sql<{ item_code: string; value_number: string }>(
      `SELECT a.item_code, a.value_number FROM evaluation_answer a JOIN evaluation_response r ON r.id = a.response_id
       JOIN app_user u ON u.id = r.delegate_user_id WHERE u.email = $1 AND r.stage = 'pre' ORDER BY a.item_code`,
      [first],
    );
    expect(pre).toHaveLength(9);
    expect(pre.find((row) => row.item_code === 'confidence_intervene')?.value_number).toBe('2.00');
    expect(pre.find((row) => row.item_code === 'know_support')?.value_number).toBe('0.00');
    // The delegates' questionnaires now show as answered.
    const completions = await testApp.sql<{ email: string; stage: string }>(
      `SELECT u.email, c.stage FROM evaluation_completion c JOIN enrolment e ON e.id = c.enrolment_id
       JOIN app_user u ON u.id = e.delegate_user_id WHERE u.email IN ($1, $2) ORDER BY u.email = $1 DESC`,
      [first, second],
    );
    expect(completions).toEqual([
      { email: first, stage: 'pre' },
      { email: second, stage: 'post' },
    ]);
  });

  it('counts replaced responses and replaces their answers', async () => {
    const [first] = emails as [string];
    const csv = [HEADER, ...preRows(first, '2023-03-11T10:00:00Z').slice(0, 3)].join('\n');
    const report = (await importCsv(csv, false)).body as ImportReport;
    expect(report).toMatchObject({ responsesCreated: 0, responsesReplaced: 1, rowsAccepted: 3 });
    const [row] = await testApp.sql<{ answers: number; submitted: Date }>(
      `SELECT count(a.*)::int AS answers, r.submitted_at AS submitted FROM evaluation_response r
       JOIN app_user u ON u.id = r.delegate_user_id LEFT JOIN evaluation_answer a ON a.response_id = r.id
       WHERE u.email = $1 AND r.stage = 'pre' GROUP BY r.id`,
      [first],
    );
    expect(row).toEqual({ answers: 3, submitted: new Date('2023-03-11T10:00:00Z') });
  });

  it('writes nothing when one row is wrong, and names its row and column', async () => {
    const before = await count(testApp, 'evaluation_answer');
    const [, , third, fourth] = emails as [string, string, string, string];
    const rows = preRows(third);
    rows[2] = `${third},pre,d_distract,11,10/03/2023 09:41`; // spreadsheet row 4
    const csv = [
      HEADER,
      ...rows,
      ...preRows(fourth),
      `nobody@nhs.test,pre,d_direct,3,10/03/2023`,
      `facilitator@demo.upstand.test,pre,d_direct,3,10/03/2023`,
      `${fourth},during,d_direct,3,10/03/2023`,
      `${fourth},pre,not_an_item,3,31/02/2023`,
      `${fourth},pre,d_direct,4,10/03/2023`,
    ].join('\n');
    const report = (await importCsv(csv, false)).body as ImportReport;
    expect(report.rowsRead).toBe(23);
    expect(report.rowsRejected).toBe(6);
    expect(report.rowsAccepted).toBe(17);
    expect(report.errors).toEqual([
      {
        row: 4,
        field: 'value',
        message: '"11" is not an answer to d_distract: use a whole number from 0 to 10',
      },
      { row: 20, field: 'delegate_email', message: 'No one has an account with the email nobody@nhs.test' },
      {
        row: 21,
        field: 'delegate_email',
        message: 'facilitator@demo.upstand.test has no place on this programme',
      },
      { row: 22, field: 'stage', message: '"during" is not a stage: use pre, post or follow-up' },
      { row: 23, field: 'submitted_at', message: expect.stringContaining('"31/02/2023" is not a date') },
      {
        row: 23,
        field: 'item_code',
        message: 'not_an_item is not a question in the current pre questionnaire',
      },
      { row: 24, field: 'item_code', message: `d_direct is already answered for ${fourth} (pre) on row 12` },
    ]);
    expect(await count(testApp, 'evaluation_answer')).toBe(before);
    expect(
      await testApp.sql(
        `SELECT 1 FROM evaluation_response r JOIN app_user u ON u.id = r.delegate_user_id WHERE u.email = ANY($1)`,
        [[third, fourth]],
      ),
    ).toEqual([]);
  });

  it('takes an .xlsx upload, Excel dates included', async () => {
    const [, , , , fifth] = emails as string[];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Answers');
    sheet.addRow(['delegate_email', 'stage', 'item_code', 'value', 'submitted_at']);
    // Excel keeps wall-clock time: 1 July 2023 09:30 in London.
    const when = new Date(Date.UTC(2023, 6, 1, 9, 30));
    for (const line of preRows(fifth!)) {
      const [email, stage, code, value] = line.split(',');
      sheet.addRow([email, stage, code, /^\d+$/.test(value!) ? Number(value) : value, when]);
    }
    sheet.getColumn(5).numFmt = 'dd/mm/yyyy hh:mm';
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await importReport<ImportReport>(
      lead,
      await lead
        .post(`/api/imports/responses?programmeId=${programme.id}&dryRun=false`)
        .attach('file', buffer, 'answers.xlsx')
        .expect(202),
    );
    expect(report).toMatchObject({ rowsRead: 9, rowsAccepted: 9, responsesCreated: 1, errors: [] });
    const [row] = await testApp.sql<{ submitted: Date }>(
      `SELECT r.submitted_at AS submitted FROM evaluation_response r JOIN app_user u ON u.id = r.delegate_user_id WHERE u.email = $1`,
      [fifth],
    );
    expect(row?.submitted).toEqual(new Date('2023-07-01T08:30:00Z'));
  });

  it('previews a Microsoft Forms export, suggests the mapping, and imports paired pre and post', async () => {
    const instruments = (await lead.get(`/api/programmes/${programme.id}/instruments`).expect(200))
      .body as Instrument[];
    const delegates = emails.slice(5, 8);
    const formExport = (stage: 'pre' | 'post', day: number) => {
      const items = instruments.find((instrument) => instrument.stage === stage)!.items;
      const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
      const header = [
        'ID',
        'Start time',
        'Completion time',
        'Email',
        'Name',
        ...items.map((i) => quoted(i.wording)),
      ];
      const answer = (type: string, index: number) =>
        type === 'likert-5'
          ? ['Disagree', 'Agree', 'Strongly agree'][index]!
          : type === 'yes-no'
            ? 'Yes'
            : type === 'free-text'
              ? quoted('More confident, thanks')
              : String(5 + index);
      const lines = delegates.map((email, index) =>
        [
          index + 1,
          `3/${day}/2023 9:30:00`,
          `3/${day}/2023 9:41:22`,
          email,
          `Delegate ${index}`,
          ...items.map((item) => answer(item.type, index)),
        ].join(','),
      );
      return Buffer.from([header.join(','), ...lines].join('\r\n'), 'utf8');
    };

    const preFile = formExport('pre', 10);
    const preview = (
      await lead
        .post(`/api/imports/responses/wide/preview?programmeId=${programme.id}&stage=pre`)
        .attach('file', preFile, 'pre.csv')
        .expect(200)
    ).body as WidePreview;
    expect(preview.columns.slice(0, 5)).toEqual(['ID', 'Start time', 'Completion time', 'Email', 'Name']);
    expect(preview.sampleRows).toHaveLength(3);
    expect(preview.suggestedEmailColumn).toBe('Email');
    expect(preview.suggestedSubmittedAtColumn).toBe('Completion time');
    const preItems = instruments.find((instrument) => instrument.stage === 'pre')!.items;
    expect(preview.suggestedMapping.map((suggestion) => suggestion.itemCode)).toEqual([
      null,
      null,
      null,
      null,
      null,
      ...preItems.map((item) => item.code),
    ]);

    const wideImport = async (stage: 'pre' | 'post', file: Buffer, suggested: WidePreview) => {
      const mapping: WideImportMapping = {
        emailColumn: suggested.suggestedEmailColumn!,
        submittedAtColumn: suggested.suggestedSubmittedAtColumn!,
        items: suggested.suggestedMapping
          .filter((suggestion) => suggestion.itemCode)
          .map((suggestion) => ({ column: suggestion.column, itemCode: suggestion.itemCode! })),
      };
      return importReport<ImportReport>(
        lead,
        await lead
          .post(
            `/api/imports/responses/wide?programmeId=${programme.id}&stage=${stage}&dryRun=false&dateFormat=us`,
          )
          .attach('file', file, `${stage}.csv`)
          .field('mapping', JSON.stringify(mapping))
          .expect(202),
      );
    };
    expect(await wideImport('pre', preFile, preview)).toMatchObject({
      rowsRead: 3,
      rowsAccepted: 3,
      responsesCreated: 3,
      errors: [],
    });
    const postFile = formExport('post', 30);
    const postPreview = (
      await lead
        .post(`/api/imports/responses/wide/preview?programmeId=${programme.id}&stage=post`)
        .attach('file', postFile, 'post.csv')
        .expect(200)
    ).body as WidePreview;
    expect(await wideImport('post', postFile, postPreview)).toMatchObject({
      responsesCreated: 3,
      errors: [],
    });

    const pairs = await testApp.sql<{ email: string; stages: string[]; pre: Date }>(
      `SELECT u.email, array_agg(r.stage ORDER BY r.stage DESC) AS stages,
              max(r.submitted_at) FILTER (WHERE r.stage = 'pre') AS pre
       FROM evaluation_response r JOIN app_user u ON u.id::text = r.pairing_key
       WHERE u.email = ANY($1) GROUP BY u.email ORDER BY u.email`,
      [delegates],
    );
    expect(pairs.map((pair) => pair.stages)).toEqual([
      ['pre', 'post'],
      ['pre', 'post'],
      ['pre', 'post'],
    ]);
    // US order: 3/10/2023 is 10 March (GMT).
    expect(pairs[0]!.pre).toEqual(new Date('2023-03-10T09:41:22Z'));

    const twice = Buffer.from(
      preFile
        .toString('utf8')
        .split('\r\n')
        .map((line, index, all) =>
          index === all.length - 1 ? `${line}\r\n${line.replace(/^3,/, '4,')}` : line,
        )
        .join('\r\n'),
    );
    const mapping: WideImportMapping = {
      emailColumn: 'Email',
      submittedAtColumn: 'Completion time',
      items: [{ column: preItems[0]!.wording, itemCode: preItems[0]!.code }],
    };
    const duplicate = (
      await lead
        .post(`/api/imports/responses/wide?programmeId=${programme.id}&stage=pre&dryRun=true&dateFormat=us`)
        .attach('file', twice, 'pre.csv')
        .field('mapping', JSON.stringify(mapping))
        .expect(200)
    ).body as ImportReport;
    expect(duplicate.errors).toEqual([
      {
        row: 5,
        field: 'Email',
        message: `${delegates[2]} already has a pre response on row 4: keep one of the two`,
      },
    ]);

    const badMapping = await lead
      .post(`/api/imports/responses/wide?programmeId=${programme.id}&stage=pre&dryRun=true`)
      .attach('file', preFile, 'pre.csv')
      .field(
        'mapping',
        JSON.stringify({ emailColumn: 'E-mail', submittedAtColumn: 'Completion time', items: [] }),
      )
      .expect(400);
    expect(badMapping.body.errors).toEqual([
      { field: 'mapping.items', message: 'items must map at least one column to a question' },
    ]);
  });

  it('refuses non-leads, files with a missing column, files that are not CSV or XLSX, and files over 10 MB', async () => {
    const facilitator = await testApp.signedIn('facilitator@demo.upstand.test');
    await facilitator
      .post(`/api/imports/responses?programmeId=${programme.id}&dryRun=true`)
      .set('Content-Type', 'text/csv')
      .send([HEADER, ...preRows(emails[0]!)].join('\n'))
      .expect(403);
    await facilitator.post(`/api/imports/enrolments?programmeId=${programme.id}`).expect(403);

    const missing = await importCsv(
      'delegate_email,stage,item_code,submitted_at\na@nhs.test,pre,d_direct,10/03/2023',
      true,
      400,
    );
    expect(missing.body.errors).toEqual([
      {
        field: 'file',
        message:
          'The header row is missing the column value. Expected columns: delegate_email, stage, item_code, value, submitted_at',
      },
    ]);

    const pdf = await lead
      .post(`/api/imports/responses?programmeId=${programme.id}&dryRun=true`)
      .attach('file', Buffer.from('%PDF-1.7 not a table'), 'answers.pdf')
      .expect(400);
    expect(pdf.body.errors).toEqual([{ field: 'file', message: 'The file must be a .csv or .xlsx file' }]);

    const huge = await lead
      .post(`/api/imports/responses?programmeId=${programme.id}&dryRun=true`)
      .attach('file', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'huge.csv')
      .expect(413);
    expect(huge.body.errors[0].field).toBe('file');

    const anonymous = (await lead.post('/api/programmes').send({ name: 'Anonymous pilot' }).expect(201))
      .body as Programme;
    await testApp.sql(`UPDATE programme SET anonymous_evaluation = true WHERE id = $1`, [anonymous.id]);
    const refused = await lead
      .post(`/api/imports/responses?programmeId=${anonymous.id}&dryRun=true`)
      .set('Content-Type', 'text/csv')
      .send([HEADER, ...preRows(emails[0]!)].join('\n'))
      .expect(409);
    expect(refused.body.errors[0].field).toBe('programmeId');

    await lead
      .post(`/api/imports/responses?programmeId=not-a-uuid`)
      .set('Content-Type', 'text/csv')
      .send(HEADER)
      .expect(400);
  });

  it('imports enrolment and attendance history, creating delegates who cannot sign in until they set a password', async () => {
    await endedYesterday(testApp, cohort.id);
    const sessions = await testApp.sql<{ id: string }>(
      `SELECT id FROM session WHERE cohort_id = $1 AND set_id IS NULL AND status = 'scheduled' ORDER BY starts_at, sequence`,
      [cohort.id],
    );
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    const existing = emails[0]!;
    const csv = [
      'email,full_name,organisation_ods,cohort_name,status,attended_sessions',
      'Priya.Shah@NHS.test,Priya Shah,RWE,Import cohort,completed,3',
      `${existing},,,import COHORT,completed,2`,
      'tom.jones@nhs.test,"Jones, Tom",,Import cohort,withdrawn,',
    ].join('\r\n');
    const url = (dryRun: boolean) => `/api/imports/enrolments?programmeId=${programme.id}&dryRun=${dryRun}`;
    const usersBefore = await count(testApp, 'app_user');

    const dryRun = (await lead.post(url(true)).set('Content-Type', 'text/csv').send(csv).expect(200))
      .body as EnrolmentImportReport;
    expect(dryRun).toEqual({
      dryRun: true,
      rowsRead: 3,
      rowsAccepted: 3,
      rowsRejected: 0,
      responsesCreated: 0,
      responsesReplaced: 0,
      usersCreated: 2,
      enrolmentsCreated: 2,
      enrolmentsUpdated: 1,
      attendanceRecorded: 5,
      invitationsSent: 2,
      errors: [],
    });
    expect(await count(testApp, 'app_user')).toBe(usersBefore);

    // A real import of a file with problems still finishes: its report lists them and nothing is saved.
    const bad = await importReport<EnrolmentImportReport>(
      lead,
      await lead
        .post(url(false))
        .set('Content-Type', 'text/csv')
        .send(`${csv}\r\nsomeone@nhs.test,Someone,XXX9,Autumn cohort,finished,${sessions.length + 1}`)
        .expect(202),
    );
    expect(bad.errors).toEqual([
      { row: 5, field: 'organisation_ods', message: 'XXX9 is not a known organisation' },
      { row: 5, field: 'cohort_name', message: 'This programme has no cohort called "Autumn cohort"' },
      {
        row: 5,
        field: 'status',
        message: '"finished" is not a status: use confirmed, completed, withdrawn, did-not-complete',
      },
    ]);
    expect(await count(testApp, 'app_user')).toBe(usersBefore);

    const applied = await importReport<EnrolmentImportReport>(
      lead,
      await lead.post(url(false)).set('Content-Type', 'text/csv').send(csv).expect(202),
    );
    expect(applied).toMatchObject({
      dryRun: false,
      usersCreated: 2,
      enrolmentsCreated: 2,
      enrolmentsUpdated: 1,
      invitationsSent: 2,
    });
    const enrolments = await testApp.sql<{
      email: string;
      full_name: string;
      status: string;
      roles: string[];
    }>(
      `SELECT u.email, u.full_name, e.status, (SELECT array_agg(role) FROM user_role WHERE user_id = u.id) AS roles
       FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id
       WHERE u.email = ANY($1) ORDER BY u.email`,
      [['priya.shah@nhs.test', existing, 'tom.jones@nhs.test']],
    );
    expect(enrolments).toEqual(
      [
        { email: existing, full_name: expect.any(String), status: 'completed', roles: ['delegate'] },
        { email: 'priya.shah@nhs.test', full_name: 'Priya Shah', status: 'completed', roles: ['delegate'] },
        { email: 'tom.jones@nhs.test', full_name: 'Jones, Tom', status: 'withdrawn', roles: ['delegate'] },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
    const present = await testApp.sql<{ email: string; session_id: string }>(
      `SELECT u.email, a.session_id FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id
       JOIN app_user u ON u.id = e.delegate_user_id JOIN session s ON s.id = a.session_id
       WHERE a.status = 'present' ORDER BY u.email, s.starts_at`,
    );
    expect(present.filter((row) => row.email === 'priya.shah@nhs.test').map((row) => row.session_id)).toEqual(
      sessions.slice(0, 3).map((session) => session.id),
    );
    expect(present.filter((row) => row.email === existing)).toHaveLength(2);
    const client = await testApp.client();
    await client
      .post('/api/auth/login')
      .send({ email: 'priya.shah@nhs.test', password: '!imported:anything' })
      .expect(401);
  });

  it('refuses statuses and attendance the cohort’s dates contradict, naming row and column, and applies none of the file', async () => {
    const upcoming = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: 'Upcoming cohort',
          startDate: addDays(todayInLondon(), 90),
          capacity: 20,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const [{ lastEndsAt }] = (await testApp.sql<{ lastEndsAt: Date }>(
      `SELECT max(ends_at) AS "lastEndsAt" FROM session WHERE cohort_id = $1 AND status = 'scheduled'`,
      [upcoming.id],
    )) as [{ lastEndsAt: Date }];
    const lastSession = formatLondonDayTime(lastEndsAt);
    const csv = [
      'email,full_name,organisation_ods,cohort_name,status,attended_sessions',
      'early.one@nhs.test,Early One,RWE,Upcoming cohort,confirmed,',
      'early.two@nhs.test,Early Two,RWE,Upcoming cohort,completed,',
      'early.three@nhs.test,Early Three,RWE,Upcoming cohort,did-not-complete,0',
      'early.four@nhs.test,Early Four,RWE,Upcoming cohort,confirmed,1',
      'early.five@nhs.test,Early Five,RWE,Upcoming cohort,withdrawn,',
    ].join('\r\n');
    const url = (dryRun: boolean) => `/api/imports/enrolments?programmeId=${programme.id}&dryRun=${dryRun}`;
    const notFinished = (status: string) =>
      `Upcoming cohort has not finished (its last session ends on ${lastSession}), so no one can be "${status}" yet: use confirmed or withdrawn until then`;
    const usersBefore = await count(testApp, 'app_user');

    const report = await importReport<EnrolmentImportReport>(
      lead,
      await lead.post(url(false)).set('Content-Type', 'text/csv').send(csv).expect(202),
    );
    expect(report).toMatchObject({ rowsRead: 5, rowsAccepted: 2, rowsRejected: 3 });
    expect(report.errors).toEqual([
      { row: 3, field: 'status', message: notFinished('completed') },
      { row: 4, field: 'status', message: notFinished('did-not-complete') },
      {
        row: 5,
        field: 'attended_sessions',
        message: 'No session of Upcoming cohort has started yet, so no one can have attended 1',
      },
    ]);
    expect(await count(testApp, 'app_user')).toBe(usersBefore);
    expect(await testApp.sql(`SELECT 1 FROM enrolment WHERE cohort_id = $1`, [upcoming.id])).toEqual([]);

    // Part-way through: the first two whole-cohort sessions have started, the last has not ended.
    const sessions = await testApp.sql<{ id: string }>(
      `SELECT id FROM session WHERE cohort_id = $1 AND set_id IS NULL AND status = 'scheduled' ORDER BY starts_at, sequence`,
      [upcoming.id],
    );
    await testApp.sql(
      `WITH shift AS (SELECT starts_at - (now() - interval '1 minute') AS by FROM session WHERE id = $2)
       UPDATE session SET starts_at = starts_at - shift.by, ends_at = ends_at - shift.by FROM shift WHERE cohort_id = $1`,
      [upcoming.id, sessions[1]!.id],
    );
    const partWay = (
      await lead
        .post(url(true))
        .set('Content-Type', 'text/csv')
        .send(
          [
            'email,full_name,organisation_ods,cohort_name,status,attended_sessions',
            'early.one@nhs.test,Early One,RWE,Upcoming cohort,confirmed,2',
            'early.two@nhs.test,Early Two,RWE,Upcoming cohort,confirmed,3',
          ].join('\r\n'),
        )
        .expect(200)
    ).body as EnrolmentImportReport;
    expect(partWay.errors).toEqual([
      {
        row: 3,
        field: 'attended_sessions',
        message: `Only 2 of the ${sessions.length} sessions of Upcoming cohort have started so far, fewer than 3`,
      },
    ]);

    // Once its last session is over, the same file goes in whole.
    await endedYesterday(testApp, upcoming.id);
    const applied = await importReport<EnrolmentImportReport>(
      lead,
      await lead.post(url(false)).set('Content-Type', 'text/csv').send(csv).expect(202),
    );
    expect(applied).toMatchObject({ rowsAccepted: 5, rowsRejected: 0, errors: [], enrolmentsCreated: 5 });
  });

  it('imports 50,000 long-format rows in one go (timing is logged, not asserted)', async () => {
    const large = (
      await lead
        .post('/api/cohorts')
        .send({
          programmeId: programme.id,
          name: 'Large import cohort',
          startDate: '2027-09-09',
          capacity: 20,
          systemOdsCode: 'QK1',
        })
        .expect(201)
    ).body as Cohort;
    const delegates = 2_500;
    await testApp.sql(
      `WITH users AS (
         INSERT INTO app_user (email, full_name, password_hash)
         SELECT 'bulk-' || n || '@nhs.test', 'Bulk ' || n, 'not-a-hash' FROM generate_series(1, $1::int) AS n RETURNING id
       )
       INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at)
       SELECT $2, $3, id, 'confirmed', now() FROM users`,
      [delegates, large.id, programme.id],
    );
    const post = (email: string) => [
      ...preRows(email, '01/07/2023 10:00').map((line) => line.replace(',pre,', ',post,')),
      `${email},post,retro_confidence_intervene,2,01/07/2023 10:00`,
      `${email},post,do_differently,"Check in with colleagues, then act",01/07/2023 10:00`,
    ];
    const lines = [HEADER];
    for (let n = 1; n <= delegates; n += 1)
      lines.push(...preRows(`bulk-${n}@nhs.test`), ...post(`bulk-${n}@nhs.test`));
    expect(lines.length - 1).toBe(50_000);
    const file = Buffer.from(lines.join('\r\n'), 'utf8');

    const started = Date.now();
    const checked = (
      await lead
        .post(`/api/imports/responses?programmeId=${programme.id}&dryRun=true`)
        .attach('file', file, 'large.csv')
        .expect(200)
    ).body as ImportReport;
    const dryRunMs = Date.now() - started;
    expect(checked).toMatchObject({
      rowsRead: 50_000,
      rowsAccepted: 50_000,
      responsesCreated: 5_000,
      errors: [],
    });

    const importStarted = Date.now();
    const report = await importReport<ImportReport>(
      lead,
      await lead
        .post(`/api/imports/responses?programmeId=${programme.id}&dryRun=false`)
        .attach('file', file, 'large.csv')
        .expect(202),
    );
    const importMs = Date.now() - importStarted;
    expect(report).toMatchObject({ rowsAccepted: 50_000, responsesCreated: 5_000, responsesReplaced: 0 });
    expect(
      (
        await testApp.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM evaluation_answer a JOIN evaluation_response r ON r.id = a.response_id WHERE r.cohort_id = $1`,
          [large.id],
        )
      )[0]!.n,
    ).toBe(50_000);
    console.log(
      `50,000-row import (${(file.length / 1024 / 1024).toFixed(1)} MB): dry run ${dryRunMs} ms, import ${importMs} ms`,
    );
  }, 180_000);
});
