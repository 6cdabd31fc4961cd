import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { EnrolmentImportReport, HeadcountImportReport, ImportReport } from '@upstand/contracts';

interface ReportLine {
  label: string;
  value: number;
}

const isEnrolmentReport = (report: ImportReport): report is EnrolmentImportReport =>
  'enrolmentsCreated' in report;

const isHeadcountReport = (report: ImportReport): report is HeadcountImportReport =>
  'organisationsUpdated' in report;

/** The lines of the summary: what was (or on a check, would be) read, created and replaced. */
export function reportLines(report: ImportReport): ReportLine[] {
  const done = (toDo: string, did: string) => (report.dryRun ? toDo : did);
  const lines: ReportLine[] = [
    { label: 'Rows read', value: report.rowsRead },
    { label: 'Rows without problems', value: report.rowsAccepted },
    { label: 'Rows with problems', value: report.rowsRejected },
  ];
  if (isEnrolmentReport(report))
    return [
      ...lines,
      { label: done('Accounts to create', 'Accounts created'), value: report.usersCreated },
      { label: done('Enrolments to create', 'Enrolments created'), value: report.enrolmentsCreated },
      { label: done('Enrolments to update', 'Enrolments updated'), value: report.enrolmentsUpdated },
      {
        label: done('Sessions to mark attended', 'Sessions marked attended'),
        value: report.attendanceRecorded,
      },
      {
        label: done('Invitation emails to send', 'Invitation emails sent'),
        value: report.invitationsSent,
      },
    ];
  if (isHeadcountReport(report))
    return [
      ...lines,
      {
        label: done('Organisations whose headcount changes', 'Organisations whose headcount changed'),
        value: report.organisationsUpdated,
      },
      { label: 'Organisations already up to date', value: report.organisationsUnchanged },
    ];
  return [
    ...lines,
    { label: done('Responses to create', 'Responses created'), value: report.responsesCreated },
    { label: done('Responses to replace', 'Responses replaced'), value: report.responsesReplaced },
  ];
}

/**
 * The report of an import or of a check (dry run): the counts, then every problem by row and column, as a
 * spreadsheet numbers them, so the lead can fix the file and check it again.
 */
@Component({
  selector: 'app-import-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let report = this.report();
    @if (report.errors.length) {
      <div class="nhsuk-warning-callout" data-testid="import-problems-callout">
        <h2 class="nhsuk-warning-callout__label">
          <span role="text"
            ><span class="nhsuk-u-visually-hidden">Important: </span>Nothing has been imported</span
          >
        </h2>
        <p>
          {{ report.rowsRejected }} {{ report.rowsRejected === 1 ? 'row has' : 'rows have' }} problems. Fix
          them in the file and check it again: a file is imported only when every row is right.
        </p>
      </div>
    } @else if (report.dryRun) {
      <div class="nhsuk-inset-text" data-testid="import-ready">
        <span class="nhsuk-u-visually-hidden">Information: </span>
        <p>The file has no problems and is ready to import. Nothing has been saved yet.</p>
      </div>
    }

    <h2 class="nhsuk-heading-m">{{ report.dryRun ? 'What the file contains' : 'What was imported' }}</h2>
    <dl class="nhsuk-summary-list" data-testid="import-summary">
      @for (line of lines(); track line.label) {
        <div class="nhsuk-summary-list__row">
          <dt class="nhsuk-summary-list__key">{{ line.label }}</dt>
          <dd class="nhsuk-summary-list__value">{{ line.value }}</dd>
        </div>
      }
    </dl>

    @if (report.errors.length) {
      <div class="nhsuk-table-container">
        <table class="nhsuk-table" data-testid="import-errors">
          <caption class="nhsuk-table__caption">
            Problems in the file ({{
              problemCount()
            }})
          </caption>
          <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
              <th class="nhsuk-table__header" scope="col">Row</th>
              <th class="nhsuk-table__header" scope="col">Column</th>
              <th class="nhsuk-table__header" scope="col">Problem</th>
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            @for (error of report.errors; track $index) {
              <tr class="nhsuk-table__row">
                <td class="nhsuk-table__cell">{{ error.row }}</td>
                <td class="nhsuk-table__cell">{{ error.field }}</td>
                <td class="nhsuk-table__cell">{{ error.message }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      @if (report.errorsOmitted) {
        <p data-testid="import-errors-omitted">
          And {{ report.errorsOmitted }} more {{ report.errorsOmitted === 1 ? 'problem' : 'problems' }} not
          listed.
        </p>
      }
    }
  `,
})
export class ImportReportComponent {
  readonly report = input.required<ImportReport>();

  protected readonly lines = computed(() => reportLines(this.report()));
  protected readonly problemCount = computed(
    () => this.report().errors.length + (this.report().errorsOmitted ?? 0),
  );
}
