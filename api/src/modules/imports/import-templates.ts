import {
  ENROLMENT_IMPORT_COLUMNS,
  ENROLMENT_IMPORT_OPTIONAL_COLUMNS,
  ENROLMENT_IMPORT_REQUIRED_COLUMNS,
  ENROLMENT_IMPORT_STATUSES,
  ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS,
  HEADCOUNT_IMPORT_COLUMNS,
  IMPORT_TEMPLATE_FORMATS,
  IMPORT_TEMPLATE_KINDS,
  ImportTemplateFormat,
  ImportTemplateKind,
  RESPONSE_IMPORT_COLUMNS,
} from '@upstand/contracts';
import { ExportTable } from '../../common/export-formats';

/**
 * One import's template: the columns its importer checks the header row against (the same constants, so the
 * two cannot drift), which of them may be left out, one example row, and notes for the XLSX "About" sheet.
 */
export interface ImportTemplate<C extends string = string> {
  title: string;
  /** Every column, in the template's order */
  columns: readonly C[];
  /** The columns the import needs in the header row */
  required: readonly C[];
  /** The columns that may be left out of the file */
  optional: readonly C[];
  example: Record<C, string>;
  notes: string[];
}

function template<C extends string>(definition: ImportTemplate<C>): ImportTemplate {
  return definition as unknown as ImportTemplate;
}

export const IMPORT_TEMPLATES: Record<ImportTemplateKind, ImportTemplate> = {
  responses: template({
    title: 'Evaluation responses',
    columns: RESPONSE_IMPORT_COLUMNS,
    required: RESPONSE_IMPORT_COLUMNS,
    optional: [],
    example: {
      delegate_email: 'sam.patel@example.nhs.uk',
      stage: 'pre',
      item_code: 'confidence_intervene',
      value: '4',
      submitted_at: '2026-03-31 14:05',
    },
    notes: [
      'One answer per row. Replace the example row with your own; keep the header row as it is.',
      'delegate_email: the delegate, who must already be enrolled on a cohort of the programme.',
      'stage: pre, post or follow-up.',
      'item_code: the code of the question. The Imports page lists the codes of each stage (Question codes).',
      'value: the answer. 1 to 5 (or Strongly disagree to Strongly agree), 0 to 10, yes or no, an option, or text, as the question takes.',
      'submitted_at: when the questionnaire was sent, as 2026-03-31 14:05 or 31/03/2026 14:05 (UK time).',
    ],
  }),
  enrolments: template({
    title: 'Delegates, enrolments and attendance',
    columns: ENROLMENT_IMPORT_COLUMNS,
    required: ENROLMENT_IMPORT_REQUIRED_COLUMNS,
    optional: ENROLMENT_IMPORT_OPTIONAL_COLUMNS,
    example: {
      email: 'sam.patel@example.nhs.uk',
      full_name: 'Sam Patel',
      organisation_ods: 'RWE',
      cohort_name: 'LLR spring 2026',
      status: 'confirmed',
      attended_sessions: '2',
    },
    notes: [
      'One row per delegate. Replace the example row with your own; keep the header row as it is.',
      'organisation_ods: the ODS code of the delegate’s organisation, which must already be in Upstand.',
      'cohort_name: the name of a cohort of the programme, as Upstand shows it.',
      `status: ${ENROLMENT_IMPORT_STATUSES.join(', ')}. ${ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS.join(' or ')} only once the cohort’s last session has ended.`,
      'attended_sessions (optional, may be left out): how many of the cohort’s first sessions the delegate attended.',
      'Delegates without an account get one, and an email inviting them to set their password.',
    ],
  }),
  headcounts: template({
    title: 'Staff headcounts',
    columns: HEADCOUNT_IMPORT_COLUMNS,
    required: HEADCOUNT_IMPORT_COLUMNS,
    optional: [],
    example: { ods_code: 'RWE', headcount: '18150', as_of: '2026-03-31' },
    notes: [
      'One row per organisation. Replace the example row with your own; keep the header row as it is.',
      'ods_code: the organisation’s ODS code; the organisation must already be in Upstand.',
      'headcount: the number of staff, as a whole number.',
      'as_of: the date the staff were counted, as 2026-03-31 or 31/03/2026, not in the future.',
    ],
  }),
};

/** The template as a table: the header row and the example row, every cell text. */
export function templateTable(kind: ImportTemplateKind): ExportTable {
  const { title, columns, example, notes } = IMPORT_TEMPLATES[kind];
  return {
    title,
    columns: columns.map((name) => ({ name, format: 'text' as const })),
    rows: [columns.map((column) => example[column] ?? '')],
    notes,
  };
}

/** "enrolments.xlsx" → its kind and format, or null for a file there is no template of. */
export function parseTemplateFile(
  file: string,
): { kind: ImportTemplateKind; format: ImportTemplateFormat } | null {
  const match = /^([a-z-]+)\.([a-z]+)$/.exec(file);
  const kind = IMPORT_TEMPLATE_KINDS.find((candidate) => candidate === match?.[1]);
  const format = IMPORT_TEMPLATE_FORMATS.find((candidate) => candidate === match?.[2]);
  return kind && format ? { kind, format } : null;
}
