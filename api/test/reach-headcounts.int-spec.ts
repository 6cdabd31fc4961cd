import { HeadcountImportReport, Organisation, ReachReport } from '@upstand/contracts';
import { importReport } from './support/import-jobs';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/** Issue 11, item 4: reach against headcount — the headcount's date, its import, demo values and system totals. */

const organisationId = async (app: TestApp, odsCode: string): Promise<string> => {
  const [row] = await app.sql<{ id: string }>('SELECT id FROM organisation WHERE ods_code = $1', [odsCode]);
  if (!row) throw new Error(`No organisation ${odsCode}`);
  return row.id;
};

describe('reach against headcount on the demo data', () => {
  let app: TestApp;
  let programmeId: string;
  const reach = async (client: ApiClient) =>
    (await client.get(`/api/analytics/reach?programmeId=${programmeId}`).expect(200)).body as ReachReport;

  beforeAll(async () => {
    app = await createTestApp({ NODE_ENV: 'development' });
    const [programme] = await app.sql<{ id: string }>(
      `SELECT id FROM programme WHERE name = 'Active Bystander Programme'`,
    );
    programmeId = programme!.id;
  });
  afterAll(() => app.close());

  it('gives every demo organisation with certified people a figure per 1,000 staff, with its date', async () => {
    const report = await reach(await app.signedIn('lead@demo.upstand.test'));
    expect(report.rows.length).toBeGreaterThanOrEqual(15);
    for (const row of report.rows) {
      expect(row.headcount).toBeGreaterThan(0);
      expect(row.headcountAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (row.trained.value)
        expect(row.perThousandStaff).toBeCloseTo((row.trained.value / row.headcount!) * 1000, 10);
    }
    const uhl = report.rows.find((row) => row.odsCode === 'RWE')!;
    expect(uhl.headcount).toBeGreaterThan(15_000);
    expect(uhl.headcountAsOf).toBe('2026-03-31');
    expect(uhl.perThousandStaff).toBeGreaterThan(0);
  });

  it('totals each system: its organisations’ trained and headcounts, how many have one, the oldest date', async () => {
    const report = await reach(await app.signedIn('lead@demo.upstand.test'));
    const systems = await app.sql<{ id: string; odsCode: string }>(
      `SELECT id, ods_code AS "odsCode" FROM organisation WHERE type = 'icb'`,
    );
    const organisations = await app.sql<{ id: string; systemId: string; headcount: number | null }>(
      `SELECT id, coalesce(system_id, id) AS "systemId", headcount FROM organisation`,
    );
    const systemOf = new Map(organisations.map((row) => [row.id, row.systemId]));
    expect(report.systems.map((system) => system.odsCode).sort()).toEqual(
      ['QJ2', 'QJM', 'QK1', 'QPM', 'QT1', 'QWU'].sort(),
    );
    for (const system of report.systems) {
      const members = report.rows.filter((row) => systemOf.get(row.organisationId) === system.systemId);
      expect(system.trained.value).toBe(members.reduce((sum, row) => sum + (row.trained.value ?? 0), 0));
      // Every organisation of the system counts towards its staff, with delegates on the programme or not.
      expect(system.headcount).toBe(
        organisations
          .filter((row) => row.systemId === system.systemId)
          .reduce((sum, row) => sum + (row.headcount ?? 0), 0),
      );
      expect(system.organisationsWithHeadcount).toBe(system.organisations);
      expect(system.perThousandStaff).toBeCloseTo((system.trained.value! / system.headcount!) * 1000, 10);
      expect(systems.some((row) => row.id === system.systemId)).toBe(true);
    }
    const llr = report.systems.find((system) => system.odsCode === 'QK1')!;
    // LLR's headcount is five organisations' (the ICB, UHL, LPT, general practice, social care), the oldest
    // counted a year earlier.
    expect(llr).toMatchObject({
      organisations: 5,
      organisationsWithHeadcount: 5,
      headcountAsOf: '2025-03-31',
    });
  });

  it('gives the steering group a figure wherever the trained count is published', async () => {
    const report = await reach(await app.signedIn('steering@demo.upstand.test'));
    const published = report.rows.filter((row) => row.trained.value !== null && !row.trained.suppressed);
    expect(published.map((row) => row.odsCode)).toEqual(expect.arrayContaining(['RWE', 'RT5']));
    for (const row of published) expect(row.perThousandStaff).toEqual(expect.any(Number));
    for (const row of report.rows.filter((row) => row.trained.suppressed))
      expect(row.perThousandStaff).toBeNull();
    const llr = report.systems.find((system) => system.odsCode === 'QK1');
    expect(llr?.perThousandStaff).toEqual(expect.any(Number));
    for (const system of report.systems.filter((row) => row.trained.suppressed))
      expect(system.perThousandStaff).toBeNull();
    // A published system total never gives away its one withheld organisation by subtraction.
    const systemOf = new Map(
      (
        await app.sql<{ id: string; systemId: string }>(
          `SELECT id, coalesce(system_id, id) AS "systemId" FROM organisation`,
        )
      ).map((row) => [row.id, row.systemId]),
    );
    for (const system of report.systems.filter((row) => !row.trained.suppressed)) {
      const withheld = report.rows.filter(
        (row) => systemOf.get(row.organisationId) === system.systemId && row.trained.suppressed,
      );
      expect({ system: system.odsCode, withheld: withheld.length }).not.toEqual({
        system: system.odsCode,
        withheld: 1,
      });
    }
  });

  it('gives no system totals in a view of one organisation (a sponsor’s, or filtered)', async () => {
    const report = await reach(await app.signedIn('sponsor@demo.upstand.test'));
    expect(report.rows.map((row) => row.odsCode)).toEqual(['RWE']);
    expect(report.systems).toEqual([]);
    const lead = await app.signedIn('lead@demo.upstand.test');
    const rwe = await organisationId(app, 'RWE');
    const filtered = (
      await lead.get(`/api/analytics/reach?programmeId=${programmeId}&organisationId=${rwe}`).expect(200)
    ).body as ReachReport;
    expect(filtered.systems).toEqual([]);
  });
});

describe('headcounts and their dates', () => {
  let app: TestApp;
  let lead: ApiClient;

  beforeAll(async () => {
    app = await createTestApp();
    lead = await app.signedIn('lead@demo.upstand.test');
  });
  afterAll(() => app.close());

  describe('on the organisation', () => {
    it('asks for the date the staff were counted with a headcount, a real date not in the future', async () => {
      const rwe = await organisationId(app, 'RWE');
      const cases: [Record<string, unknown>, string][] = [
        [{ headcount: 18000 }, 'headcountAsOf'],
        [{ headcount: 18000, headcountAsOf: null }, 'headcountAsOf'],
        [{ headcount: 18000, headcountAsOf: '31/03/2026' }, 'headcountAsOf'],
        [{ headcount: 18000, headcountAsOf: '2026-02-30' }, 'headcountAsOf'],
        [{ headcount: 18000, headcountAsOf: '2099-01-01' }, 'headcountAsOf'],
        [{ headcountAsOf: '2026-03-31' }, 'headcount'],
      ];
      for (const [body, field] of cases) {
        const response = await lead.patch(`/api/organisations/${rwe}`).send(body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(response.body.errors).toEqual([{ field, message: expect.stringContaining(field) }]);
      }
      const [row] = await app.sql('SELECT headcount, headcount_as_of FROM organisation WHERE id = $1', [rwe]);
      expect(row).toEqual({ headcount: null, headcount_as_of: null });
    });

    it('saves a headcount with its date, audits both, and clears the date with the headcount', async () => {
      const rt5 = await organisationId(app, 'RT5');
      const saved = (
        await lead
          .patch(`/api/organisations/${rt5}`)
          .send({ headcount: 6080, headcountAsOf: '2026-03-31' })
          .expect(200)
      ).body as Organisation;
      expect(saved).toMatchObject({ headcount: 6080, headcountAsOf: '2026-03-31' });
      expect(
        ((await lead.get(`/api/organisations/${rt5}`).expect(200)).body as Organisation).headcountAsOf,
      ).toBe('2026-03-31');
      // Changing the count alone would leave last year's date against it.
      const stale = await lead.patch(`/api/organisations/${rt5}`).send({ headcount: 6200 }).expect(400);
      expect(stale.body.errors[0].field).toBe('headcountAsOf');
      // Other fields leave the headcount and its date alone.
      await lead.patch(`/api/organisations/${rt5}`).send({ name: 'Leicestershire Partnership NHS Trust' });
      await lead.patch(`/api/organisations/${rt5}`).send({ headcountAsOf: '2026-04-01' }).expect(200);
      const [audit] = await app.sql<{ details: { fields: string[] } }>(
        `SELECT details FROM audit_event WHERE entity_id = $1 AND action = 'organisation.updated' ORDER BY id DESC LIMIT 1`,
        [rt5],
      );
      expect(audit?.details.fields).toEqual(['headcountAsOf']);
      const cleared = (await lead.patch(`/api/organisations/${rt5}`).send({ headcount: null }).expect(200))
        .body as Organisation;
      expect(cleared).toMatchObject({ headcount: null, headcountAsOf: null });
    });
  });

  describe('imported from a file', () => {
    const importCsv = (client: ApiClient, csv: string, dryRun: boolean) =>
      client
        .post(`/api/organisations/headcounts/import?dryRun=${dryRun}`)
        .set('Content-Type', 'text/csv')
        .send(csv);

    it('refuses anyone signed out (401) and a delegate (403)', async () => {
      const csv = 'ods_code,headcount,as_of\nRWE,18000,2026-03-31\n';
      await importCsv(await app.client(), csv, true).expect(401);
      await importCsv(await app.signedIn('delegate@demo.upstand.test'), csv, true).expect(403);
    });

    it('checks a good file without saving, then saves it, columns in any order, audited', async () => {
      await app.sql('UPDATE organisation SET headcount = NULL, headcount_as_of = NULL');
      const csv = 'as_of,ods_code,headcount\n2026-03-31,rwe,"18,150"\n31/03/2025,RT5,6080\n';
      const checked = (await importCsv(lead, csv, true).expect(200)).body as HeadcountImportReport;
      expect(checked).toMatchObject({
        dryRun: true,
        rowsRead: 2,
        rowsRejected: 0,
        organisationsUpdated: 2,
        errors: [],
      });
      const [before] = await app.sql(
        `SELECT count(*)::int AS n FROM organisation WHERE headcount IS NOT NULL`,
      );
      expect(before).toEqual({ n: 0 });

      const report = await importReport<HeadcountImportReport>(lead, await importCsv(lead, csv, false));
      expect(report).toMatchObject({ dryRun: false, organisationsUpdated: 2, organisationsUnchanged: 0 });
      const rows = await app.sql(
        `SELECT ods_code, headcount, to_char(headcount_as_of, 'YYYY-MM-DD') AS as_of FROM organisation
         WHERE headcount IS NOT NULL ORDER BY ods_code`,
      );
      expect(rows).toEqual([
        { ods_code: 'RT5', headcount: 6080, as_of: '2025-03-31' },
        { ods_code: 'RWE', headcount: 18150, as_of: '2026-03-31' },
      ]);
      const audit = await app.sql<{ details: { source: string; fields: string[] } }>(
        `SELECT details FROM audit_event WHERE action = 'organisation.updated' AND details->>'source' = 'headcount-import'`,
      );
      expect(audit).toHaveLength(2);
      expect(audit[0]?.details.fields).toEqual(['headcount', 'headcountAsOf']);

      const again = await importReport<HeadcountImportReport>(lead, await importCsv(lead, csv, false));
      expect(again).toMatchObject({ organisationsUpdated: 0, organisationsUnchanged: 2 });
    });

    it('reports each bad row by row and column and saves none of the file', async () => {
      await app.sql('UPDATE organisation SET headcount = NULL, headcount_as_of = NULL');
      const csv = [
        'ods_code,headcount,as_of',
        'RWE,18000,2026-03-31',
        'RT5,lots,2026-03-31',
        'RP1,5450,2026-02-30',
        'ZZZ9,100,2026-03-31',
        'QK1,0,2099-01-01',
        'RWE,18000,2026-03-31',
        'not a code,12.5,',
      ].join('\n');
      const started = await importCsv(lead, csv, false);
      const report = await importReport<HeadcountImportReport>(lead, started);
      expect(report.rowsRejected).toBe(6);
      expect(report.errors).toEqual([
        { row: 3, field: 'headcount', message: expect.stringContaining('whole number') },
        { row: 4, field: 'as_of', message: expect.stringContaining('YYYY-MM-DD') },
        { row: 5, field: 'ods_code', message: expect.stringContaining('not an organisation') },
        { row: 6, field: 'headcount', message: expect.stringContaining('whole number') },
        { row: 6, field: 'as_of', message: expect.stringContaining('future') },
        { row: 7, field: 'ods_code', message: expect.stringContaining('also on row 2') },
        { row: 8, field: 'ods_code', message: expect.stringContaining('not an ODS code') },
        { row: 8, field: 'headcount', message: expect.stringContaining('whole number') },
        { row: 8, field: 'as_of', message: expect.stringContaining('YYYY-MM-DD') },
      ]);
      const [saved] = await app.sql(
        `SELECT count(*)::int AS n FROM organisation WHERE headcount IS NOT NULL`,
      );
      expect(saved).toEqual({ n: 0 });
    });

    it('refuses a file without the columns, naming them', async () => {
      const response = await importCsv(lead, 'ods_code,staff\nRWE,18000\n', true).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'file', message: expect.stringMatching(/headcount, as_of/) },
      ]);
    });

    it("refuses a system lead's rows outside their system one by one", async () => {
      const systemLead = await app.signedIn('system-lead@demo.upstand.test');
      const qwu = await organisationId(app, 'QWU');
      await systemLead
        .post('/api/organisations')
        .send({ odsCode: 'ZZW5', name: 'Coventry hospice', type: 'other', systemId: qwu })
        .expect(201);
      const csv = 'ods_code,headcount,as_of\nZZW5,120,2026-03-31\nRWE,18000,2026-03-31\nQWU,380,2026-03-31\n';
      const report = (await importCsv(systemLead, csv, true).expect(200)).body as HeadcountImportReport;
      expect(report.errors).toEqual([
        { row: 3, field: 'ods_code', message: expect.stringContaining('another system') },
        { row: 4, field: 'ods_code', message: expect.stringContaining('regional lead') },
      ]);
      expect(report).toMatchObject({ rowsAccepted: 1, rowsRejected: 2 });
      const own = await importReport<HeadcountImportReport>(
        systemLead,
        await importCsv(systemLead, 'ods_code,headcount,as_of\nZZW5,120,2026-03-31\n', false),
      );
      expect(own.organisationsUpdated).toBe(1);
    });
  });
});
