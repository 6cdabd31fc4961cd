import { ImportJob, Organisation, OrganisationImportReport } from '@upstand/contracts';
import { finishedJob, importReport } from './support/import-jobs';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

describe('organisation registry', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let llr: Organisation;
  let midlandsRegionId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    const icbs = (await lead.get('/api/organisations?type=icb').expect(200)).body as Organisation[];
    llr = icbs.find((icb) => icb.odsCode === 'QK1')!;
    midlandsRegionId = llr.region.id;
  });
  afterAll(() => testApp.close());

  describe('seeded reference data', () => {
    it('holds the Midlands region and its 11 ICBs, LLR marked as the home system', async () => {
      const icbs = (await lead.get('/api/organisations?type=icb').expect(200)).body as Organisation[];
      expect(icbs.map((icb) => icb.odsCode).sort()).toEqual([
        'QGH',
        'QHL',
        'QJ2',
        'QJM',
        'QK1',
        'QNC',
        'QOC',
        'QPM',
        'QT1',
        'QUA',
        'QWU',
      ]);
      expect(icbs.filter((icb) => icb.isHomeSystem).map((icb) => icb.odsCode)).toEqual(['QK1']);
      expect(new Set(icbs.map((icb) => icb.region.odsCode))).toEqual(new Set(['Y60']));
      const regions = (await lead.get('/api/regions').expect(200)).body;
      expect(regions).toEqual([{ id: midlandsRegionId, odsCode: 'Y60', name: 'NHS England Midlands' }]);
    });

    it('filters by system (the ICB and its members), type and text', async () => {
      const inLlr = (await lead.get('/api/organisations?system=qk1').expect(200)).body as Organisation[];
      expect(inLlr.map((org) => org.odsCode).sort()).toEqual(['QK1', 'RT5', 'RWE']);
      const trusts = (await lead.get('/api/organisations?type=acute-trust').expect(200))
        .body as Organisation[];
      expect(trusts.map((org) => org.odsCode)).toEqual(['RWE']);
      const found = (await lead.get('/api/organisations?q=leicester').expect(200)).body as Organisation[];
      expect(found.map((org) => org.odsCode).sort()).toEqual(['QK1', 'RT5', 'RWE']);
      const byCode = (await lead.get('/api/organisations?q=rt5').expect(200)).body as Organisation[];
      expect(byCode.map((org) => org.name)).toEqual(['Leicestershire Partnership NHS Trust']);
      expect((await lead.get('/api/organisations?q=%25').expect(200)).body).toEqual([]);
    });
  });

  describe('POST /api/organisations', () => {
    it('adds an organisation to a system, inheriting its region, and records an audit event', async () => {
      const response = await lead
        .post('/api/organisations')
        .send({
          odsCode: 'rx9',
          name: 'East Midlands Ambulance Service NHS Trust',
          type: 'ambulance-trust',
          systemId: llr.id,
          validFrom: '2006-07-01',
        })
        .expect(201);
      const created = response.body as Organisation;
      expect(created).toMatchObject({
        odsCode: 'RX9',
        system: { odsCode: 'QK1' },
        region: { odsCode: 'Y60' },
        validTo: null,
        isHomeSystem: false,
      });
      const audit = await testApp.sql(`SELECT action, details FROM audit_event WHERE entity_id = $1`, [
        created.id,
      ]);
      expect(audit).toEqual([{ action: 'organisation.created', details: { odsCode: 'RX9' } }]);
    });

    it('refuses an invalid ODS code with a 400 naming the field', async () => {
      const response = await lead
        .post('/api/organisations')
        .send({ odsCode: 'R W!', name: 'Bad', type: 'other', systemId: llr.id })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'odsCode', message: 'odsCode must be 3 to 6 capital letters and numbers, for example RWE' },
      ]);
    });

    it('refuses a duplicate ODS code with 409 naming the field', async () => {
      const response = await lead
        .post('/api/organisations')
        .send({ odsCode: 'RWE', name: 'Duplicate', type: 'acute-trust', systemId: llr.id })
        .expect(409);
      expect(response.body.errors[0]).toMatchObject({ field: 'odsCode' });
      expect(response.body.message).toMatch(/RWE already exists/);
    });

    it('needs a system for a provider and a region for an ICB', async () => {
      const provider = await lead
        .post('/api/organisations')
        .send({ odsCode: 'ABC12', name: 'No system', type: 'primary-care' })
        .expect(400);
      expect(provider.body.errors).toEqual([
        { field: 'systemId', message: 'Choose the integrated care board this organisation belongs to' },
      ]);
      const icb = await lead
        .post('/api/organisations')
        .send({ odsCode: 'QZZ', name: 'New ICB', type: 'icb' })
        .expect(400);
      expect(icb.body.errors).toEqual([
        { field: 'regionId', message: 'Choose the region this integrated care board is in' },
      ]);
      const underTrust = await lead
        .post('/api/organisations')
        .send({
          odsCode: 'ABC13',
          name: 'Under a trust',
          type: 'primary-care',
          systemId: (await findByCode('RWE')).id,
        })
        .expect(400);
      expect(underTrust.body.errors[0].field).toBe('systemId');
    });

    it('refuses a second home system', async () => {
      const response = await lead
        .post('/api/organisations')
        .send({
          odsCode: 'QZY',
          name: 'Another ICB',
          type: 'icb',
          regionId: midlandsRegionId,
          isHomeSystem: true,
        })
        .expect(409);
      expect(response.body.errors[0].field).toBe('isHomeSystem');
      expect((await lead.get('/api/organisations?q=QZY').expect(200)).body).toEqual([]);
    });

    it('refuses validTo before validFrom', async () => {
      const response = await lead
        .post('/api/organisations')
        .send({
          odsCode: 'ABC14',
          name: 'Backwards',
          type: 'other',
          systemId: llr.id,
          validFrom: '2024-01-01',
          validTo: '2023-01-01',
        })
        .expect(400);
      expect(response.body.errors[0].field).toBe('validTo');
    });
  });

  describe('PATCH /api/organisations/:id', () => {
    it('renames and closes an organisation; closed ones leave the default list', async () => {
      const rp1 = await findByCode('RP1');
      const response = await lead
        .patch(`/api/organisations/${rp1.id}`)
        .send({ name: 'Northamptonshire Healthcare NHS FT', validTo: '2024-03-31' })
        .expect(200);
      expect(response.body).toMatchObject({
        name: 'Northamptonshire Healthcare NHS FT',
        validTo: '2024-03-31',
      });
      expect(((await lead.get('/api/organisations?q=RP1').expect(200)).body as Organisation[]).length).toBe(
        0,
      );
      expect(
        ((await lead.get('/api/organisations?q=RP1&includeClosed=true').expect(200)).body as Organisation[])
          .length,
      ).toBe(1);
      const audit = await testApp.sql<{ details: { fields: string[] } }>(
        `SELECT details FROM audit_event WHERE entity_id = $1`,
        [rp1.id],
      );
      expect(audit[0]!.details.fields.sort()).toEqual(['name', 'validTo']);
    });

    it('keeps an ICB with members an ICB', async () => {
      const response = await lead
        .patch(`/api/organisations/${llr.id}`)
        .send({ type: 'other', systemId: (await findByCode('QPM')).id })
        .expect(409);
      expect(response.body.errors[0].field).toBe('type');
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      await lead
        .patch('/api/organisations/00000000-0000-4000-8000-000000000000')
        .send({ name: 'x' })
        .expect(404);
      const bad = await lead.patch('/api/organisations/not-a-uuid').send({ name: 'x' }).expect(400);
      expect(bad.body.errors[0].field).toBe('id');
    });
  });

  describe('CSV import', () => {
    const header = 'ods_code,name,type,system_ods_code,region_ods_code,valid_from,valid_to';

    const importCsv = (csv: string, dryRun: boolean) =>
      lead.post(`/api/organisations/import?dryRun=${dryRun}`).set('Content-Type', 'text/csv').send(csv);
    /** A real import runs as a job (202); its result is the report a dry run answers directly. */
    const applyCsv = async (csv: string) =>
      importReport<OrganisationImportReport>(lead, await importCsv(csv, false).expect(202));

    it('dry-runs a file: reports each row and writes nothing', async () => {
      const csv = `\uFEFF${header}\nQZA,"NHS Test, Integrated Care Board",icb,,Y60,01/07/2022,\nZZ001,Test Practice,primary-care,QZA,,2023-04-01,\nRWE,University Hospitals of Leicester NHS Trust,acute-trust,QK1,,2000-04-01,\n`;
      const report = (await importCsv(csv, true).expect(200)).body as OrganisationImportReport;
      expect(report).toMatchObject({ dryRun: true, applied: false, created: 2, unchanged: 1, rejected: 0 });
      expect(report.rows.map((row) => [row.line, row.odsCode, row.action])).toEqual([
        [2, 'QZA', 'create'],
        [3, 'ZZ001', 'create'],
        [4, 'RWE', 'unchanged'],
      ]);
      expect((await lead.get('/api/organisations?q=QZA').expect(200)).body).toEqual([]);
    });

    it('writes nothing when any row is wrong, and says which rows and why', async () => {
      const csv = `${header}\nZZ002,Good Practice,primary-care,QK1,,,\nbad!,Bad Code,primary-care,QK1,,,\nZZ003,Orphan,primary-care,NOPE,,,\nZZ002,Twice,primary-care,QK1,,,\n`;
      const report = await applyCsv(csv);
      expect(report.applied).toBe(false);
      expect(report.rejected).toBe(3);
      expect(report.rows[1]).toMatchObject({
        line: 3,
        action: 'error',
        errors: ['ods_code must be 3 to 6 capital letters and numbers, for example RWE'],
      });
      expect(report.rows[2]!.errors).toEqual(['system_ods_code NOPE is not an integrated care board']);
      expect(report.rows[3]!.errors).toEqual(['ods_code ZZ002 also appears on line 2']);
      expect((await lead.get('/api/organisations?q=ZZ002').expect(200)).body).toEqual([]);
    });

    it('applies a clean file in one go, ICBs before their members, updating existing rows', async () => {
      const csv = `${header}\nZZ004,Member Practice,primary-care,QZB,,2023-04-01,\nQZB,NHS Imported ICB,icb,,Y60,2022-07-01,\nRT5,Leicestershire Partnership NHS Trust (renamed),mental-health-community-trust,QK1,,2002-04-01,\n`;
      const report = await applyCsv(csv);
      expect(report).toMatchObject({ applied: true, created: 2, updated: 1, rejected: 0 });
      const member = await findByCode('ZZ004');
      expect(member.system?.odsCode).toBe('QZB');
      expect((await findByCode('RT5')).name).toBe('Leicestershire Partnership NHS Trust (renamed)');
    });

    it('refuses a file with the wrong header, naming the columns', async () => {
      const response = await importCsv('code,name\nX,Y\n', true).expect(400);
      expect(response.body.errors[0]).toMatchObject({ field: 'file' });
      expect(response.body.message).toMatch(/missing column\(s\): ods_code, type/);
      // A real import finds the same when its job reads the file: the job fails with the same errors.
      const job = await finishedJob(lead, await importCsv('code,name\nX,Y\n', false).expect(202));
      expect(job).toMatchObject({ kind: 'organisations', status: 'failed', result: null });
      expect(job.errors).toEqual(response.body.errors);
    });

    it("reports a job's progress and result to the lead who started it and regional leads only", async () => {
      const started = await importCsv(`${header}\nZZ007,Job Practice,primary-care,QK1,,,\n`, false).expect(
        202,
      );
      expect(started.body).toMatchObject({ kind: 'organisations', status: 'running', result: null });
      const job = await finishedJob<OrganisationImportReport>(lead, started);
      expect(job).toMatchObject({ status: 'succeeded', phase: 'saving', rowsDone: 1, rowsTotal: 1 });
      expect(job.result).toMatchObject({ applied: true, created: 1 });
      expect(job.finishedAt).not.toBeNull();

      // To a system lead, someone else's job and a job that does not exist look the same: 404. A regional
      // lead oversees every import (issue 10).
      const [other] = await testApp.sql<{ id: string }>(
        `INSERT INTO import_job (kind, created_by_user_id, lease_expires_at)
         SELECT 'organisations', id, now() + interval '1 minute' FROM app_user WHERE email = 'steering@demo.upstand.test'
         RETURNING id`,
      );
      const systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
      await systemLead.get(`/api/import-jobs/${other!.id}`).expect(404);
      await systemLead.get('/api/import-jobs/00000000-0000-4000-8000-000000000000').expect(404);
      await systemLead.get(`/api/import-jobs/${started.body.id}`).expect(404);
      await lead.get(`/api/import-jobs/${other!.id}`).expect(200);
      const steering = await testApp.signedIn('steering@demo.upstand.test');
      await steering.get(`/api/import-jobs/${other!.id}`).expect(403);
    });

    it('marks a job failed, nothing saved, once the instance running it stopped renewing its lease', async () => {
      const [orphan] = await testApp.sql<{ id: string }>(
        `INSERT INTO import_job (kind, created_by_user_id, phase, rows_done, rows_total, lease_expires_at)
         SELECT 'organisations', id, 'saving', 5000, 20000, now() - interval '1 second' FROM app_user
         WHERE email = 'lead@demo.upstand.test' RETURNING id`,
      );
      const job = (await lead.get(`/api/import-jobs/${orphan!.id}`).expect(200)).body as ImportJob;
      expect(job).toMatchObject({ status: 'failed', rowsDone: 5000, result: null });
      expect(job.errors[0]!.message).toMatch(/stopped before it finished.*nothing was saved/);
    });

    it('runs one import at a time for each lead', async () => {
      const [running] = await testApp.sql<{ id: string }>(
        `INSERT INTO import_job (kind, created_by_user_id, lease_expires_at)
         SELECT 'enrolments', id, now() + interval '1 minute' FROM app_user WHERE email = 'lead@demo.upstand.test'
         RETURNING id`,
      );
      const refused = await importCsv(`${header}\nZZ008,Queued Practice,primary-care,QK1,,,\n`, false).expect(
        409,
      );
      expect(refused.body.errors).toEqual([
        {
          field: 'file',
          message: 'One of your imports is still running: wait for it to finish, then import this file',
        },
      ]);
      // A check (dry run) is not a job and may run meanwhile.
      await importCsv(`${header}\nZZ008,Queued Practice,primary-care,QK1,,,\n`, true).expect(200);
      await testApp.sql(`UPDATE import_job SET status = 'succeeded', finished_at = now() WHERE id = $1`, [
        running!.id,
      ]);
      await importReport(
        lead,
        await importCsv(`${header}\nZZ008,Queued Practice,primary-care,QK1,,,\n`, false).expect(202),
      );
    });

    it('is for programme leads only', async () => {
      const steering = await testApp.signedIn('steering@demo.upstand.test');
      await steering
        .post('/api/organisations/import?dryRun=true')
        .set('Content-Type', 'text/csv')
        .send(`${header}\n`)
        .expect(403);
    });
  });

  async function findByCode(odsCode: string): Promise<Organisation> {
    const found = (
      (await lead.get(`/api/organisations?q=${odsCode}&includeClosed=true`).expect(200))
        .body as Organisation[]
    ).find((org) => org.odsCode === odsCode);
    if (!found) throw new Error(`No organisation ${odsCode}`);
    return found;
  }
});
