import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  EnrolmentImportReport,
  HeadcountImportReport,
  ImportJob,
  ImportReport,
  WidePreview,
} from '@upstand/contracts';
import { IMPORT_POLL_MS } from '../../core/api/imports-api.service';
import { apiError, PROGRAMME, signInAs, user } from '../../../testing/fixtures';
import { ImportReportComponent } from './import-report.component';
import { ImportsPage } from './imports.page';
import { checkMapping, draftFromPreview, IMPORT_MESSAGES } from './imports.model';

const CLEAN: ImportReport = {
  dryRun: true,
  rowsRead: 20,
  rowsAccepted: 20,
  rowsRejected: 0,
  responsesCreated: 2,
  responsesReplaced: 1,
  errors: [],
};

/** An import job as GET /api/import-jobs/{id} answers it. */
const job = (change: Partial<ImportJob<ImportReport>>): ImportJob<ImportReport> => ({
  id: 'job-1',
  kind: 'responses',
  status: 'running',
  phase: 'reading',
  rowsDone: 0,
  rowsTotal: null,
  result: null,
  errors: [],
  createdAt: '2026-12-06T09:00:00Z',
  finishedAt: null,
  ...change,
});

/** Waits for the page's next poll of a running job. */
const pollOnce = () => new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS + 50));

const summary = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('[data-testid="import-summary"] .nhsuk-summary-list__row')).map(
    (row) => [row.querySelector('dt')?.textContent?.trim(), row.querySelector('dd')?.textContent?.trim()],
  );

const templateLinks = (element: HTMLElement) =>
  Array.from(element.querySelectorAll<HTMLAnchorElement>('[data-testid="template-links"] a')).map((link) => [
    link.textContent?.trim(),
    link.getAttribute('href'),
  ]);

const text = (element: HTMLElement, selector: string) =>
  element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

describe('import report', () => {
  function renderReport(report: ImportReport) {
    const fixture = TestBed.createComponent(ImportReportComponent);
    fixture.componentRef.setInput('report', report);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists every problem by row, column and message in a captioned table, and says nothing was imported', () => {
    const element = renderReport({
      ...CLEAN,
      rowsAccepted: 18,
      rowsRejected: 2,
      errors: [
        { row: 4, field: 'value', message: '"11" is not an answer to d_distract' },
        { row: 9, field: 'delegate_email', message: 'No one has an account with the email x@nhs.test' },
      ],
      errorsOmitted: 3,
    });
    expect(text(element, '[data-testid="import-problems-callout"]')).toContain('Nothing has been imported');
    expect(text(element, '[data-testid="import-problems-callout"]')).toContain('2 rows have problems');
    expect(text(element, 'caption')).toBe('Problems in the file (5)');
    expect(
      Array.from(element.querySelectorAll('thead th')).map((cell) => [
        cell.textContent?.trim(),
        cell.getAttribute('scope'),
      ]),
    ).toEqual([
      ['Row', 'col'],
      ['Column', 'col'],
      ['Problem', 'col'],
    ]);
    expect(
      Array.from(element.querySelectorAll('tbody tr')).map((row) =>
        Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim()),
      ),
    ).toEqual([
      ['4', 'value', '"11" is not an answer to d_distract'],
      ['9', 'delegate_email', 'No one has an account with the email x@nhs.test'],
    ]);
    expect(text(element, '[data-testid="import-errors-omitted"]')).toBe('And 3 more problems not listed.');
  });

  it('summarises a clean check as ready to import, with what would be created and replaced', () => {
    const element = renderReport(CLEAN);
    expect(element.querySelector('[data-testid="import-errors"]')).toBeNull();
    expect(text(element, '[data-testid="import-ready"]')).toContain('ready to import');
    expect(summary(element)).toEqual([
      ['Rows read', '20'],
      ['Rows without problems', '20'],
      ['Rows with problems', '0'],
      ['Responses to create', '2'],
      ['Responses to replace', '1'],
    ]);
  });

  it('shows accounts, enrolments and attendance for an enrolment import', () => {
    const report: EnrolmentImportReport = {
      ...CLEAN,
      dryRun: false,
      responsesCreated: 0,
      responsesReplaced: 0,
      usersCreated: 3,
      enrolmentsCreated: 4,
      enrolmentsUpdated: 1,
      attendanceRecorded: 12,
      invitationsSent: 3,
    };
    expect(summary(renderReport(report)).slice(3)).toEqual([
      ['Accounts created', '3'],
      ['Enrolments created', '4'],
      ['Enrolments updated', '1'],
      ['Sessions marked attended', '12'],
      ['Invitation emails sent', '3'],
    ]);
    expect(summary(renderReport({ ...report, dryRun: true })).slice(-1)).toEqual([
      ['Invitation emails to send', '3'],
    ]);
  });
});

describe('wide mapping', () => {
  const preview: WidePreview = {
    columns: ['ID', 'Email', 'Completion time', 'I feel safe to speak up at work', 'Safe?'],
    sampleRows: [['1', 'a@nhs.net', '3/10/2023 9:41:22', 'Agree', 'Yes']],
    suggestedMapping: [
      { column: 'ID', itemCode: null },
      { column: 'Email', itemCode: null },
      { column: 'Completion time', itemCode: null },
      { column: 'I feel safe to speak up at work', itemCode: 'safe_speak_up' },
      { column: 'Safe?', itemCode: null },
    ],
    suggestedEmailColumn: 'Email',
    suggestedSubmittedAtColumn: 'Completion time',
    items: [{ code: 'safe_speak_up', wording: 'I feel safe to speak up at work' }],
  };

  it('starts from the suggestions and refuses a question chosen for two columns', () => {
    const draft = draftFromPreview(preview);
    expect(checkMapping(preview, draft)).toEqual({
      ok: true,
      mapping: {
        emailColumn: 'Email',
        submittedAtColumn: 'Completion time',
        items: [{ column: 'I feel safe to speak up at work', itemCode: 'safe_speak_up' }],
      },
    });
    const twice = { ...draft, itemCodes: ['', '', '', 'safe_speak_up', 'safe_speak_up'] };
    expect(checkMapping(preview, twice)).toEqual({
      ok: false,
      errors: [
        {
          field: 'column-4',
          text: 'safe_speak_up is chosen for more than one column: choose it for one only',
        },
      ],
    });
    expect(checkMapping(preview, { emailColumn: '', submittedAtColumn: '', itemCodes: [] })).toMatchObject({
      ok: false,
      errors: [
        { field: 'emailColumn', text: IMPORT_MESSAGES.emailColumnRequired },
        { field: 'submittedAtColumn', text: IMPORT_MESSAGES.submittedAtColumnRequired },
        { field: 'column-0', text: IMPORT_MESSAGES.noItems },
      ],
    });
  });
});

describe('ImportsPage', () => {
  async function render() {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ImportsPage);
    await fixture.whenStable();
    http.expectOne('/api/programmes').flush([PROGRAMME]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const button = (label: string) =>
      Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === label);
    const chooseFile = (file: File) => {
      const input = element.querySelector<HTMLInputElement>('#file')!;
      Object.defineProperty(input, 'files', { value: { item: () => file, length: 1 }, configurable: true });
      input.dispatchEvent(new Event('change'));
    };
    return { fixture, element, http, button, chooseFile };
  }

  it('checks the file with a dry run, shows upload progress, then imports it', async () => {
    const { fixture, element, http, button, chooseFile } = await render();
    expect(element.querySelector<HTMLSelectElement>('#programmeId')?.value).toBe(PROGRAMME.id);
    chooseFile(
      new File(['delegate_email,stage,item_code,value,submitted_at\n'], 'answers.csv', { type: 'text/csv' }),
    );
    button('Check file')?.click();
    await fixture.whenStable();

    const check = http.expectOne((request) => request.url === '/api/imports/responses');
    expect(check.request.params.get('dryRun')).toBe('true');
    expect(check.request.params.get('programmeId')).toBe(PROGRAMME.id);
    expect((check.request.body as FormData).get('file')).toBeInstanceOf(File);
    check.event({ type: HttpEventType.UploadProgress, loaded: 45, total: 100 });
    await fixture.whenStable();
    const progress = element.querySelector('[data-testid="upload-progress"]');
    expect(progress?.textContent?.trim()).toBe('Uploading 45%');
    expect(progress?.getAttribute('aria-live')).toBe('polite');
    check.flush(CLEAN);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="upload-progress"]')).toBeNull();
    expect(text(element, '#report-heading')).toBe('Check complete');

    // The real import runs as a job on the server: the page polls it, showing how far it has got.
    button('Import')?.click();
    await fixture.whenStable();
    const run = http.expectOne((request) => request.url === '/api/imports/responses');
    expect(run.request.params.get('dryRun')).toBe('false');
    run.flush(job({ status: 'running', phase: 'reading' }), { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    expect(text(element, '[data-testid="upload-progress"]')).toBe('Uploaded. Reading the file…');

    await pollOnce();
    http
      .expectOne('/api/import-jobs/job-1')
      .flush(job({ status: 'running', phase: 'saving', rowsDone: 10, rowsTotal: 20 }));
    await fixture.whenStable();
    expect(text(element, '[data-testid="upload-progress"]')).toBe('Saving rows: 10 of 20 (50%)');
    const bar = element.querySelector('[data-testid="import-progress"] progress');
    expect([bar?.getAttribute('value'), bar?.getAttribute('max')]).toEqual(['10', '20']);

    await pollOnce();
    http.expectOne('/api/import-jobs/job-1').flush(
      job({
        status: 'succeeded',
        phase: 'saving',
        rowsDone: 20,
        rowsTotal: 20,
        result: { ...CLEAN, dryRun: false },
      }),
    );
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="import-progress"]')).toBeNull();
    expect(text(element, '[data-testid="success-banner"]')).toContain('20 rows imported');
    expect(button('Import')).toBeUndefined();
    await pollOnce();
    http.expectNone('/api/import-jobs/job-1');
  });

  it('shows why an import job failed, as it shows a refused file', async () => {
    const { fixture, element, http, button, chooseFile } = await render();
    chooseFile(new File(['x'], 'answers.csv'));
    button('Check file')?.click();
    await fixture.whenStable();
    http.expectOne((request) => request.url === '/api/imports/responses').flush(CLEAN);
    await fixture.whenStable();
    button('Import')?.click();
    await fixture.whenStable();
    http
      .expectOne((request) => request.url === '/api/imports/responses')
      .flush(job({ status: 'running' }), { status: 202, statusText: 'Accepted' });
    await pollOnce();
    const message = 'The import stopped before it finished (the server restarted), so nothing was saved.';
    http
      .expectOne('/api/import-jobs/job-1')
      .flush(job({ status: 'failed', errors: [{ field: 'file', message }] }));
    await fixture.whenStable();
    expect(text(element, '.nhsuk-error-summary a')).toBe(message);
    expect(element.querySelector('[data-testid="import-progress"]')).toBeNull();
    expect(element.querySelector('[data-testid="success-banner"]')).toBeNull();
  });

  it('offers no Import button when the check finds problems, and shows a refused file in the error summary', async () => {
    const { fixture, element, http, button, chooseFile } = await render();
    chooseFile(new File(['x'], 'answers.csv'));
    button('Check file')?.click();
    await fixture.whenStable();
    http
      .expectOne((request) => request.url === '/api/imports/responses')
      .flush({
        ...CLEAN,
        rowsAccepted: 19,
        rowsRejected: 1,
        errors: [{ row: 2, field: 'value', message: 'Bad' }],
      });
    await fixture.whenStable();
    expect(element.querySelectorAll('[data-testid="import-errors"] tbody tr')).toHaveLength(1);
    expect(button('Import')).toBeUndefined();

    button('Choose another file')?.click();
    await fixture.whenStable();
    button('Check file')?.click();
    await fixture.whenStable();
    http
      .expectOne((request) => request.url === '/api/imports/responses')
      .flush(
        ...apiError(400, 'Bad file', [
          { field: 'file', message: 'The header row is missing the column value' },
        ]),
      );
    await fixture.whenStable();
    const link = element.querySelector<HTMLAnchorElement>('.nhsuk-error-summary a');
    expect(link?.textContent?.trim()).toBe('The header row is missing the column value');
    expect(link?.getAttribute('href')).toBe('#file');
  });

  it('asks for a programme and a file before sending anything', async () => {
    const { fixture, element, http, button } = await render();
    const select = element.querySelector<HTMLSelectElement>('#programmeId')!;
    select.value = '';
    select.dispatchEvent(new Event('change'));
    button('Check file')?.click();
    await fixture.whenStable();
    expect(
      Array.from(element.querySelectorAll('.nhsuk-error-summary li')).map((li) => li.textContent?.trim()),
    ).toEqual([IMPORT_MESSAGES.programmeRequired, IMPORT_MESSAGES.fileRequired]);
    http.expectNone((request) => request.url.startsWith('/api/imports'));
  });

  it('offers the template of each kind of file, and the question codes for responses', async () => {
    const { fixture, element } = await render();
    // Responses, one answer per row: its template and the codes of the questions.
    expect(templateLinks(element)).toEqual([
      ['Download the responses template (CSV)', '/api/imports/templates/responses.csv'],
      ['Download the responses template (Excel)', '/api/imports/templates/responses.xlsx'],
      [
        'Question codes and the answers each question takes',
        `/imports/question-codes?programmeId=${PROGRAMME.id}`,
      ],
    ]);
    element.querySelector<HTMLInputElement>('input[type="radio"][value="enrolments"]')!.click();
    await fixture.whenStable();
    expect(templateLinks(element).map(([text]) => text)).toEqual([
      'Download the enrolments template (CSV)',
      'Download the enrolments template (Excel)',
    ]);
    // A form export is the form's own file: no template, but its columns are matched to question codes.
    element.querySelector<HTMLInputElement>('input[type="radio"][value="wide"]')!.click();
    await fixture.whenStable();
    expect(templateLinks(element).map(([text]) => text)).toEqual([
      'Question codes and the answers each question takes',
    ]);
  });

  it('imports staff headcounts without a programme, with instructions and a template to download', async () => {
    const { fixture, element, http, button, chooseFile } = await render();
    element.querySelector<HTMLInputElement>('input[type="radio"][value="headcounts"]')!.click();
    await fixture.whenStable();
    expect(element.querySelector('#programmeId')).toBeNull();
    expect(text(element, '[data-testid="headcount-instructions"]')).toContain(
      'the date the staff were counted',
    );
    expect(templateLinks(element)).toEqual([
      ['Download the headcount template (CSV)', '/api/imports/templates/headcounts.csv'],
      ['Download the headcount template (Excel)', '/api/imports/templates/headcounts.xlsx'],
    ]);

    chooseFile(new File(['ods_code,headcount,as_of\n'], 'headcounts.csv', { type: 'text/csv' }));
    button('Check file')?.click();
    await fixture.whenStable();
    const check = http.expectOne((request) => request.url === '/api/organisations/headcounts/import');
    expect(check.request.params.get('dryRun')).toBe('true');
    expect(check.request.params.has('programmeId')).toBe(false);
    const report: HeadcountImportReport = {
      ...CLEAN,
      rowsRead: 3,
      rowsAccepted: 3,
      responsesCreated: 0,
      responsesReplaced: 0,
      organisationsUpdated: 2,
      organisationsUnchanged: 1,
    };
    check.flush(report);
    await fixture.whenStable();
    expect(summary(element)).toEqual([
      ['Rows read', '3'],
      ['Rows without problems', '3'],
      ['Rows with problems', '0'],
      ['Organisations whose headcount changes', '2'],
      ['Organisations already up to date', '1'],
    ]);
  });
});
