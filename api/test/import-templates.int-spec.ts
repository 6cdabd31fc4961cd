import { IMPORT_TEMPLATE_KINDS, ImportReport, ImportTemplateKind, Programme } from '@upstand/contracts';
import { ApiClient, createTestApp, TestApp } from './support/test-app';
import { binaryBody } from './support/binary-body';

/** Where each kind of import takes its file. */
const IMPORT_PATH: Record<ImportTemplateKind, (programmeId: string) => string> = {
  responses: (programmeId) => `/api/imports/responses?programmeId=${programmeId}&dryRun=true`,
  enrolments: (programmeId) => `/api/imports/enrolments?programmeId=${programmeId}&dryRun=true`,
  headcounts: () => '/api/organisations/headcounts/import?dryRun=true',
};

describe('import templates', () => {
  let testApp: TestApp;
  let lead: ApiClient;
  let programme: Programme;

  beforeAll(async () => {
    testApp = await createTestApp();
    lead = await testApp.signedIn('lead@demo.upstand.test');
    [programme] = (await lead.get('/api/programmes').expect(200)).body as Programme[];
  });
  afterAll(() => testApp.close());

  it('are for programme leads: anyone signed out gets 401, a delegate or steering member 403', async () => {
    await (await testApp.client()).get('/api/imports/templates/enrolments.csv').expect(401);
    await (
      await testApp.signedIn('delegate@demo.upstand.test')
    )
      .get('/api/imports/templates/enrolments.csv')
      .expect(403);
    await (
      await testApp.signedIn('steering@demo.upstand.test')
    )
      .get('/api/imports/templates/responses.xlsx')
      .expect(403);
  });

  it('names the file when asked for a template there is none of (400, never 5xx)', async () => {
    const response = await lead.get('/api/imports/templates/wide.csv').expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
    await lead.get('/api/imports/templates/responses.pdf').expect(400);
  });

  it('downloads a CSV with the header row and one example row', async () => {
    const response = await lead.get('/api/imports/templates/enrolments.csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="upstand-enrolments-template.csv"',
    );
    const lines = (response.text as string)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('email,full_name,organisation_ods,cohort_name,status,attended_sessions');
    expect(lines).toHaveLength(2);
  });

  for (const kind of IMPORT_TEMPLATE_KINDS) {
    for (const format of ['csv', 'xlsx'] as const) {
      it(`${kind}.${format} goes through its own import's check as it is: only the example row is questioned`, async () => {
        const template = await lead
          .get(`/api/imports/templates/${kind}.${format}`)
          .buffer(true)
          .parse(binaryBody)
          .expect(200);
        const body = template.body as Buffer;
        // Through the importer, unchanged: a header it did not accept would be a 400 about the file.
        const checked = await lead
          .post(IMPORT_PATH[kind](programme.id))
          .attach('file', body, `template.${format}`)
          .expect(200);
        const report = checked.body as ImportReport;
        expect(report).toMatchObject({ dryRun: true, rowsRead: 1 });
        // The example names people and cohorts that are not in this database; any complaint is about row 2.
        expect(report.errors.every((error) => error.row === 2)).toBe(true);
      });
    }
  }
});
