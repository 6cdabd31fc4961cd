/** Imports of historical programme data (programme leads): evaluation responses and enrolment history. */
import { FieldError } from './api-error';

/** The largest file an import takes (CSV body or uploaded .csv/.xlsx). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Canonical long format: one answer per row. Header names are matched case-insensitively. */
export const RESPONSE_IMPORT_COLUMNS = [
  'delegate_email',
  'stage',
  'item_code',
  'value',
  'submitted_at',
] as const;

/** Stages an import may fill (session feedback is not imported). */
export const IMPORT_STAGES = ['pre', 'post', 'follow-up'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

/** How dates such as 10/3/2023 are read: UK day first (default) or US month first (Microsoft Forms). */
export const IMPORT_DATE_FORMATS = ['uk', 'us'] as const;
export type ImportDateFormat = (typeof IMPORT_DATE_FORMATS)[number];

export const ENROLMENT_IMPORT_COLUMNS = [
  'email',
  'full_name',
  'organisation_ods',
  'cohort_name',
  'status',
  'attended_sessions',
] as const;
/** attended_sessions may be left out of the file. */
export const ENROLMENT_IMPORT_OPTIONAL_COLUMNS = ['attended_sessions'] as const;
export const ENROLMENT_IMPORT_REQUIRED_COLUMNS = ENROLMENT_IMPORT_COLUMNS.filter(
  (column) => !(ENROLMENT_IMPORT_OPTIONAL_COLUMNS as readonly string[]).includes(column),
);
export const ENROLMENT_IMPORT_STATUSES = ['confirmed', 'completed', 'withdrawn', 'did-not-complete'] as const;
export type EnrolmentImportStatus = (typeof ENROLMENT_IMPORT_STATUSES)[number];
/**
 * Statuses that say how a delegate's journey ended, so they are true only once the cohort's last session is
 * over: an import refuses them for a cohort still running or not yet started (a "completed" imported early
 * once gave a certificate ending months before it began).
 */
export const ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS: readonly EnrolmentImportStatus[] = [
  'completed',
  'did-not-complete',
];

/** One problem in one cell: `row` is the spreadsheet row number (the header is row 1), `field` the column. */
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/**
 * What an import found and did. Any error means nothing was written; a dry run never writes.
 * Counts of responses are what the import creates or replaces (or would, on a dry run).
 */
export interface ImportReport {
  dryRun: boolean;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  responsesCreated: number;
  responsesReplaced: number;
  /** The first errors, in row order (at most IMPORT_MAX_REPORTED_ERRORS) */
  errors: ImportRowError[];
  /** Errors found but not listed, when there were more than the report lists */
  errorsOmitted?: number;
}

export const IMPORT_MAX_REPORTED_ERRORS = 1000;

export interface EnrolmentImportReport extends ImportReport {
  usersCreated: number;
  enrolmentsCreated: number;
  enrolmentsUpdated: number;
  /** Attendance marks ('present') written */
  attendanceRecorded: number;
  /** Emails inviting each newly created account to set its password, queued with the import (on a dry run: to be sent) */
  invitationsSent: number;
}

/**
 * Staff headcounts of organisations, for reach per 1,000 staff. Columns in any order; as_of is the date the
 * staff were counted (YYYY-MM-DD or DD/MM/YYYY), not in the future.
 */
export const HEADCOUNT_IMPORT_COLUMNS = ['ods_code', 'headcount', 'as_of'] as const;

/** Responses are never created by a headcount import: responsesCreated and responsesReplaced stay 0. */
export interface HeadcountImportReport extends ImportReport {
  /** Organisations whose headcount or its date changes (or would, on a dry run) */
  organisationsUpdated: number;
  /** Rows that already match what is recorded */
  organisationsUnchanged: number;
}

export interface ResponseImportQuery {
  programmeId: string;
  dryRun?: boolean;
  dateFormat?: ImportDateFormat;
}

export interface WideImportQuery extends ResponseImportQuery {
  stage: ImportStage;
}

/** Which wide (form export) column answers which item. */
export interface WideColumnMapping {
  column: string;
  itemCode: string;
}

/** Sent as the multipart field `mapping` (JSON) with a wide import. */
export interface WideImportMapping {
  emailColumn: string;
  submittedAtColumn: string;
  items: WideColumnMapping[];
}

export interface WideColumnSuggestion {
  column: string;
  /** The item whose wording matches the column heading, or null */
  itemCode: string | null;
}

export interface WidePreview {
  columns: string[];
  /** The first few data rows, as text */
  sampleRows: string[][];
  suggestedMapping: WideColumnSuggestion[];
  suggestedEmailColumn: string | null;
  suggestedSubmittedAtColumn: string | null;
  /** The items of the stage's current questionnaire, to map columns to */
  items: { code: string; wording: string }[];
}

/**
 * A write import runs as a job: POST answers 202 with the job, GET /api/import-jobs/{id} tells how far it has got
 * and, once finished, its report (or the errors that stopped it). Nothing is saved unless it succeeds.
 */
export const IMPORT_JOB_KINDS = [
  'organisations',
  'enrolments',
  'responses',
  'responses-wide',
  'headcounts',
] as const;
export type ImportJobKind = (typeof IMPORT_JOB_KINDS)[number];
export const IMPORT_JOB_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
/** reading the file, checking its rows, then saving them */
export const IMPORT_JOB_PHASES = ['reading', 'checking', 'saving'] as const;
export type ImportJobPhase = (typeof IMPORT_JOB_PHASES)[number];

export interface ImportJob<Report = unknown> {
  id: string;
  kind: ImportJobKind;
  status: ImportJobStatus;
  phase: ImportJobPhase;
  /** Rows of the current phase done so far, and in all (null until the file has been read) */
  rowsDone: number;
  rowsTotal: number | null;
  /** The import's report once it succeeded */
  result: Report | null;
  /** Why it failed (same shape as a 4xx answer's errors); nothing was saved */
  errors: FieldError[];
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Imports with a template to download (programme leads): GET /api/imports/templates/{kind}.csv or .xlsx gives
 * the exact header row the import checks and one example row. A form export (wide) has no template: it is the
 * form's own file.
 */
export const IMPORT_TEMPLATE_KINDS = ['responses', 'enrolments', 'headcounts'] as const;
export type ImportTemplateKind = (typeof IMPORT_TEMPLATE_KINDS)[number];
export const IMPORT_TEMPLATE_FORMATS = ['csv', 'xlsx'] as const;
export type ImportTemplateFormat = (typeof IMPORT_TEMPLATE_FORMATS)[number];

/** Where a template is downloaded from, e.g. /api/imports/templates/enrolments.xlsx */
export function importTemplatePath(kind: ImportTemplateKind, format: ImportTemplateFormat): string {
  return `/api/imports/templates/${kind}.${format}`;
}
