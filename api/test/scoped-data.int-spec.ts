import {
  Cohort,
  CurrentUser,
  EnrolmentImportReport,
  Facilitator,
  ImportJob,
  ImportReport,
  Instrument,
  Organisation,
  OrganisationImportReport,
  Programme,
  ProgrammeReview,
} from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';

/**
 * Issue 10, the data a lead manages: programmes (regional, or a system's own), their governance, the facilitator
 * pool, imports and the organisation registry, for a lead and a steering member of Coventry and Warwickshire
 * (QWU) next to data of LLR (QK1). The generic every-route check is scope-routes.int-spec.ts.
 */
describe('scoped programmes, governance, facilitators, imports and organisations', () => {
  let testApp: TestApp;
  let regionalLead: ApiClient;
  let systemLead: ApiClient;
  let systemSteering: ApiClient;
  let regional: Programme;
  let llrProgramme: Programme;
  let ownProgramme: Programme;
  let llrCohort: Cohort;
  let ownCohort: Cohort;

  const cohortIn = (programmeId: string, name: string, systemOdsCode: string) => ({
    programmeId,
    name,
    startDate: '2027-03-25',
    capacity: 20,
    systemOdsCode,
  });

  beforeAll(async () => {
    testApp = await createTestApp();
    regionalLead = await testApp.signedIn('lead@demo.upstand.test');
    systemLead = await testApp.signedIn('system-lead@demo.upstand.test');
    systemSteering = await testApp.signedIn('system-steering@demo.upstand.test');
    [regional] = (await regionalLead.get('/api/programmes').expect(200)).body as Programme[];
    llrProgramme = (
      await regionalLead
        .post('/api/programmes')
        .send({ name: 'LLR senior leaders', systemOdsCode: 'QK1' })
        .expect(201)
    ).body;
    llrCohort = (
      await regionalLead
        .post('/api/cohorts')
        .send(cohortIn(regional.id, 'LLR spring', 'QK1'))
        .expect(201)
    ).body;
  });
  afterAll(() => testApp.close());

  describe('programmes', () => {
    it("creates a system lead's programme for their own system, and a regional lead's for the region", async () => {
      ownProgramme = (
        await systemLead.post('/api/programmes').send({ name: 'Coventry board development' }).expect(201)
      ).body;
      expect(ownProgramme.system).toMatchObject({ odsCode: 'QWU' });
      expect(regional.system).toBeNull();
      expect(llrProgramme.system).toMatchObject({ odsCode: 'QK1' });

      const refused = await systemLead
        .post('/api/programmes')
        .send({ name: 'Not mine', systemOdsCode: 'QK1' })
        .expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'systemOdsCode', message: expect.stringContaining('outside your grant') },
      ]);
    });

    it("lists regional programmes and the lead's own system's; another system's answers 404", async () => {
      for (const client of [systemLead, systemSteering]) {
        const names = ((await client.get('/api/programmes').expect(200)).body as Programme[]).map(
          (programme) => programme.name,
        );
        expect(names).toEqual(expect.arrayContaining([regional.name, ownProgramme.name]));
        expect(names).not.toContain(llrProgramme.name);
      }
      const outside = await systemLead.get(`/api/programmes/${llrProgramme.id}`).expect(404);
      const missing = await systemLead
        .get('/api/programmes/00000000-0000-4000-8000-000000000000')
        .expect(404);
      expect(JSON.stringify(outside.body)).toBe(
        JSON.stringify(missing.body).replaceAll('00000000-0000-4000-8000-000000000000', llrProgramme.id),
      );
      await systemLead.get(`/api/programmes/${regional.id}`).expect(200);
      await systemLead.get(`/api/programmes/${llrProgramme.id}/instruments`).expect(404);
      const all = ((await regionalLead.get('/api/programmes').expect(200)).body as Programme[]).map(
        (programme) => programme.name,
      );
      expect(all).toEqual(expect.arrayContaining([llrProgramme.name, ownProgramme.name]));
    });

    it("leaves a regional programme's shared template to regional leads (403) and lets a system lead change their own", async () => {
      const template = regional.currentTemplate.stages;
      const refused = await systemLead
        .put(`/api/programmes/${regional.id}/template`)
        .send({ stages: template })
        .expect(403);
      expect(refused.body.message).toContain('regional programme');
      await systemLead
        .patch(`/api/programmes/${regional.id}/settings`)
        .send({ offerHoldHours: 24 })
        .expect(403);
      const pre = (
        (await systemLead.get(`/api/programmes/${regional.id}/instruments`).expect(200)).body as Instrument[]
      ).find((instrument) => instrument.stage === 'pre');
      await systemLead
        .put(`/api/programmes/${regional.id}/instruments/pre`)
        .send({ title: 'Mine', items: pre?.items })
        .expect(403);
      await systemLead
        .put(`/api/programmes/${ownProgramme.id}/instruments/pre`)
        .send({ title: 'Ours', items: pre?.items })
        .expect(200);
      await systemLead
        .patch(`/api/programmes/${llrProgramme.id}/settings`)
        .send({ offerHoldHours: 24 })
        .expect(404);
      const [{ versions }] = await testApp.sql<{ versions: string }>(
        'SELECT count(*) AS versions FROM journey_template WHERE programme_id = $1',
        [regional.id],
      );
      expect(versions).toBe('1');

      const changed: Programme = (
        await systemLead
          .patch(`/api/programmes/${ownProgramme.id}/settings`)
          .send({ offerHoldHours: 24 })
          .expect(200)
      ).body;
      expect(changed.offerHoldHours).toBe(24);
      await systemLead
        .put(`/api/programmes/${ownProgramme.id}/template`)
        .send({ stages: ownProgramme.currentTemplate.stages })
        .expect(200);
      await regionalLead
        .patch(`/api/programmes/${regional.id}/settings`)
        .send({ offerHoldHours: 36 })
        .expect(200);
    });

    it("keeps a system's programme's cohorts in that system, and a system lead's cohorts of a regional programme in theirs", async () => {
      ownCohort = (
        await systemLead
          .post('/api/cohorts')
          .send(cohortIn(ownProgramme.id, 'Board spring', 'QWU'))
          .expect(201)
      ).body;
      const elsewhere = await regionalLead
        .post('/api/cohorts')
        .send(cohortIn(ownProgramme.id, 'Board in LLR', 'QK1'))
        .expect(400);
      expect(elsewhere.body.errors).toEqual([
        { field: 'systemOdsCode', message: expect.stringContaining('QWU') },
      ]);
      await systemLead
        .post('/api/cohorts')
        .send(cohortIn(regional.id, 'LLR by me', 'QK1'))
        .expect(400);
      await systemLead
        .post('/api/cohorts')
        .send(cohortIn(llrProgramme.id, 'Theirs', 'QWU'))
        .expect(404);
      await systemLead
        .post('/api/cohorts')
        .send(cohortIn(regional.id, 'Coventry summer', 'QWU'))
        .expect(201);
      const [{ count }] = await testApp.sql<{ count: string }>(
        `SELECT count(*) FROM cohort WHERE name IN ('Board in LLR', 'LLR by me', 'Theirs')`,
      );
      expect(count).toBe('0');
    });
  });

  describe('governance', () => {
    it('lets a system steering member read a regional programme’s reviews but write only on their own system’s', async () => {
      const review = { label: 'Q1 2027', periodStart: '2027-01-01', periodEnd: '2027-03-31' };
      await regionalLead.post(`/api/programmes/${regional.id}/reviews`).send(review).expect(201);
      const seen = (await systemSteering.get(`/api/programmes/${regional.id}/reviews`).expect(200))
        .body as ProgrammeReview[];
      expect(seen).toHaveLength(1);
      const refused = await systemSteering
        .post(`/api/programmes/${regional.id}/reviews`)
        .send({ ...review, label: 'Mine' })
        .expect(403);
      expect(refused.body.message).toContain('regional');
      await systemSteering
        .put(`/api/reviews/${seen[0]?.id}/ratings/relevance`)
        .send({ rating: 'red', evidence: 'Not mine to rate' })
        .expect(403);
      await systemSteering
        .post(`/api/programmes/${regional.id}/actions`)
        .send({ action: 'x', owner: 'y', dueDate: '2027-06-01' })
        .expect(403);

      const own: ProgrammeReview = (
        await systemSteering.post(`/api/programmes/${ownProgramme.id}/reviews`).send(review).expect(201)
      ).body;
      await systemSteering
        .put(`/api/reviews/${own.id}/ratings/relevance`)
        .send({ rating: 'green', evidence: 'Board asked for it' })
        .expect(200);
      await systemSteering.get(`/api/programmes/${llrProgramme.id}/reviews`).expect(404);
      await systemSteering.post(`/api/programmes/${llrProgramme.id}/reviews`).send(review).expect(404);
      // A regional steering member still writes everywhere.
      const steering = await testApp.signedIn('steering@demo.upstand.test');
      await steering.post(`/api/programmes/${llrProgramme.id}/reviews`).send(review).expect(201);
    });
  });

  describe('facilitator pool', () => {
    it("gives a facilitator the adding lead's scope and shows each lead only the pool in their scope", async () => {
      const [coventry, llr] = await testApp.delegates(2, 'QWU');
      const emails = await testApp.sql<{ email: string }>(
        `SELECT email FROM app_user WHERE email LIKE 'load-%' ORDER BY email`,
      );
      const [coventryEmail, llrEmail] = emails.map((row) => row.email);
      const added: Facilitator = (
        await systemLead
          .post('/api/facilitators')
          .send({ email: coventryEmail, level: 'co-facilitator', sessionKinds: ['workshop'] })
          .expect(201)
      ).body;
      const me: CurrentUser = (await (coventry as ApiClient).get('/api/auth/me').expect(200)).body;
      expect(me.roles).toContainEqual(
        expect.objectContaining({
          role: 'facilitator',
          scope: expect.objectContaining({ kind: 'system', odsCode: 'QWU' }),
        }),
      );
      const regionalAdded: Facilitator = (
        await regionalLead
          .post('/api/facilitators')
          .send({ email: llrEmail, level: 'co-facilitator', sessionKinds: ['workshop'] })
          .expect(201)
      ).body;
      const llrMe: CurrentUser = (await (llr as ApiClient).get('/api/auth/me').expect(200)).body;
      expect(llrMe.roles).toContainEqual(
        expect.objectContaining({ role: 'facilitator', scope: expect.objectContaining({ kind: 'region' }) }),
      );
      // As if an LLR lead had added them: a facilitator of QK1 only.
      await testApp.sql(
        `UPDATE user_role SET scope_kind = 'system', region_id = NULL,
           organisation_id = (SELECT id FROM organisation WHERE ods_code = 'QK1')
         WHERE role = 'facilitator' AND user_id = $1`,
        [regionalAdded.userId],
      );

      const pool = ((await systemLead.get('/api/facilitators').expect(200)).body as Facilitator[]).map(
        (facilitator) => facilitator.id,
      );
      expect(pool).toContain(added.id);
      expect(pool).not.toContain(regionalAdded.id);
      const everyone = ((await regionalLead.get('/api/facilitators').expect(200)).body as Facilitator[]).map(
        (facilitator) => facilitator.id,
      );
      expect(everyone).toEqual(expect.arrayContaining([added.id, regionalAdded.id]));

      await systemLead.patch(`/api/facilitators/${regionalAdded.id}`).send({ active: false }).expect(404);
      await systemLead
        .patch(`/api/facilitators/${added.id}`)
        .send({ unavailableDates: ['2027-04-01'] })
        .expect(200);
      // The demo's regional facilitator: every lead sees them, only a regional lead changes them.
      const demoFacilitator = (
        (await systemLead.get('/api/facilitators').expect(200)).body as Facilitator[]
      ).find((facilitator) => facilitator.email === 'facilitator@demo.upstand.test');
      const refused = await systemLead
        .patch(`/api/facilitators/${demoFacilitator?.id}`)
        .send({ active: false })
        .expect(403);
      expect(refused.body.message).toContain('regional lead');
    });
  });

  describe('imports', () => {
    it("refuses enrolment rows for another system's cohort, naming the row and field, like a cohort that does not exist", async () => {
      const csv =
        'email,full_name,organisation_ods,cohort_name,status\n' +
        'new.one@nhs.test,New One,QWU,Coventry summer,confirmed\n' +
        `new.two@nhs.test,New Two,RWE,${llrCohort.name},confirmed\n` +
        'new.three@nhs.test,New Three,RWE,No such cohort,confirmed\n';
      const own: EnrolmentImportReport = (
        await systemLead
          .post(`/api/imports/enrolments?programmeId=${ownProgramme.id}&dryRun=true`)
          .set('Content-Type', 'text/csv')
          .send(
            `email,full_name,organisation_ods,cohort_name,status\nnew.one@nhs.test,New One,QWU,${ownCohort.name},confirmed\n`,
          )
          .expect(200)
      ).body;
      expect(own.errors).toEqual([]);
      const report: EnrolmentImportReport = (
        await systemLead
          .post(`/api/imports/enrolments?programmeId=${regional.id}&dryRun=true`)
          .set('Content-Type', 'text/csv')
          .send(csv)
          .expect(200)
      ).body;
      const rowErrors = report.errors.filter((error) => error.field === 'cohort_name');
      expect(rowErrors.map((error) => error.row)).toEqual([3, 4]);
      expect(rowErrors[0]?.message).toBe(`This programme has no cohort called "${llrCohort.name}"`);
      await systemLead
        .post(`/api/imports/enrolments?programmeId=${llrProgramme.id}`)
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(404);
    });

    it("refuses response rows for delegates whose place is on another system's cohort", async () => {
      const [delegate] = await testApp.delegates(1, 'RWE');
      await (delegate as ApiClient).post(`/api/cohorts/${llrCohort.id}/enrolments`).expect(201);
      const [{ email }] = await testApp.sql<{ email: string }>(
        `SELECT u.email FROM app_user u JOIN enrolment e ON e.delegate_user_id = u.id WHERE e.cohort_id = $1`,
        [llrCohort.id],
      );
      const csv = `delegate_email,stage,item_code,value,submitted_at\n${email},pre,confidence_intervene,4,01/11/2026\n`;
      const refused: ImportReport = (
        await systemLead
          .post(`/api/imports/responses?programmeId=${regional.id}&dryRun=true`)
          .set('Content-Type', 'text/csv')
          .send(csv)
          .expect(200)
      ).body;
      expect(refused.errors).toEqual([
        { row: 2, field: 'delegate_email', message: `${email} has no place on this programme` },
      ]);
      const accepted: ImportReport = (
        await regionalLead
          .post(`/api/imports/responses?programmeId=${regional.id}&dryRun=true`)
          .set('Content-Type', 'text/csv')
          .send(csv)
          .expect(200)
      ).body;
      expect(accepted.errors).toEqual([]);
    });

    it('shows an import job to the lead who started it and to regional leads only', async () => {
      const job: ImportJob = (
        await systemLead
          .post(`/api/imports/enrolments?programmeId=${ownProgramme.id}`)
          .set('Content-Type', 'text/csv')
          .send(
            `email,full_name,organisation_ods,cohort_name,status\nnew.four@nhs.test,New Four,QWU,${ownCohort.name},confirmed\n`,
          )
          .expect(202)
      ).body;
      await systemLead.get(`/api/import-jobs/${job.id}`).expect(200);
      await regionalLead.get(`/api/import-jobs/${job.id}`).expect(200);
      // A lead of another system (the regional lead's grant narrowed to QK1 for a moment) gets a 404.
      await testApp.sql(
        `UPDATE user_role SET scope_kind = 'system', region_id = NULL,
           organisation_id = (SELECT id FROM organisation WHERE ods_code = 'QK1')
         WHERE role = 'programme-lead' AND user_id = (SELECT id FROM app_user WHERE email = 'lead@demo.upstand.test')`,
      );
      await regionalLead.get(`/api/import-jobs/${job.id}`).expect(404);
      await testApp.sql(
        `UPDATE user_role SET scope_kind = 'region', organisation_id = NULL,
           region_id = (SELECT id FROM region WHERE ods_code = 'Y60')
         WHERE role = 'programme-lead' AND user_id = (SELECT id FROM app_user WHERE email = 'lead@demo.upstand.test')`,
      );
    });
  });

  describe('organisations', () => {
    it('lets a system lead add and change organisations of their own system only', async () => {
      const [qwu] = (await systemLead.get('/api/organisations?type=icb&q=QWU').expect(200))
        .body as Organisation[];
      const [qk1] = (await systemLead.get('/api/organisations?type=icb&q=QK1').expect(200))
        .body as Organisation[];
      const created: Organisation = (
        await systemLead
          .post('/api/organisations')
          .send({ odsCode: 'ZZW1', name: 'Coventry hospice', type: 'other', systemId: qwu?.id })
          .expect(201)
      ).body;
      await systemLead
        .patch(`/api/organisations/${created.id}`)
        .send({ headcount: 120, headcountAsOf: '2026-03-31' })
        .expect(200);
      const outside = await systemLead
        .post('/api/organisations')
        .send({ odsCode: 'ZZL1', name: 'Leicester hospice', type: 'other', systemId: qk1?.id })
        .expect(400);
      expect(outside.body.errors).toEqual([
        { field: 'systemId', message: expect.stringContaining('outside your grant') },
      ]);
      await systemLead
        .post('/api/organisations')
        .send({ odsCode: 'ZZI1', name: 'New ICB', type: 'icb', regionId: qwu?.region.id })
        .expect(400);
      const rwe = (
        (await systemLead.get('/api/organisations?q=RWE').expect(200)).body as Organisation[]
      ).find((organisation) => organisation.odsCode === 'RWE');
      await systemLead.patch(`/api/organisations/${rwe?.id}`).send({ headcount: 1 }).expect(403);
      await systemLead.patch(`/api/organisations/${qwu?.id}`).send({ headcount: 1 }).expect(403);
      await systemLead.patch(`/api/organisations/${created.id}`).send({ systemId: qk1?.id }).expect(400);

      const report: OrganisationImportReport = (
        await systemLead
          .post('/api/organisations/import?dryRun=true')
          .set('Content-Type', 'text/csv')
          .send(
            'ods_code,name,type,system_ods_code\nZZW2,Coventry GP,other,QWU\nRWE,Renamed,acute-trust,QK1\nZZL2,Leicester GP,other,QK1\n',
          )
          .expect(200)
      ).body;
      expect(report.rows.map((row) => row.action)).toEqual(['create', 'error', 'error']);
      expect(report.rows[2]?.errors).toEqual([expect.stringContaining('outside your grant')]);
      const [{ count }] = await testApp.sql<{ count: string }>(
        `SELECT count(*) FROM organisation WHERE ods_code IN ('ZZL1', 'ZZI1') OR headcount = 1`,
      );
      expect(count).toBe('0');
    });
  });
});
