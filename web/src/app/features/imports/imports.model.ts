import {
  ENROLMENT_IMPORT_COLUMNS,
  ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS,
  HEADCOUNT_IMPORT_COLUMNS,
  IMPORT_MAX_BYTES,
  importTemplatePath,
  ImportTemplateKind,
  InstrumentItem,
  LIKERT_5_LABELS,
  ImportJob,
  ImportStage,
  RESPONSE_IMPORT_COLUMNS,
  WideImportMapping,
  WidePreview,
} from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { RadioOption } from '../../shared/form-field';

export type ImportKind = 'long' | 'wide' | 'enrolments' | 'headcounts';

export const IMPORT_KIND_OPTIONS: RadioOption[] = [
  {
    value: 'long',
    label: 'Evaluation responses, one answer per row',
    hint: `Columns: ${RESPONSE_IMPORT_COLUMNS.join(', ')}`,
  },
  {
    value: 'wide',
    label: 'Evaluation responses exported from a form',
    hint: 'One row per response, for example from Microsoft Forms. You match its columns to questions next.',
  },
  {
    value: 'enrolments',
    label: 'Delegates, enrolments and attendance',
    hint: `Columns: ${ENROLMENT_IMPORT_COLUMNS.join(', ')} (attended_sessions is optional). A status of ${ENROLMENT_IMPORT_STATUSES_AFTER_COHORT_ENDS.join(' or ')} only once the cohort's last session has ended. Delegates without an account get one, and an email inviting them to set their password.`,
  },
  {
    value: 'headcounts',
    label: 'Staff headcounts of organisations',
    hint: `Columns: ${HEADCOUNT_IMPORT_COLUMNS.join(', ')}. For Active Bystanders per 1,000 staff on the Impact page; not tied to a programme.`,
  },
];

/** Kinds of import that belong to a programme (all but headcounts, which belong to organisations). */
export const needsProgramme = (kind: ImportKind) => kind !== 'headcounts';

/** The template of each kind of import that has one (a form export is the form's own file). */
export const TEMPLATE_FOR: Partial<Record<ImportKind, { kind: ImportTemplateKind; name: string }>> = {
  long: { kind: 'responses', name: 'responses' },
  enrolments: { kind: 'enrolments', name: 'enrolments' },
  headcounts: { kind: 'headcounts', name: 'headcount' },
};

/** The download links of a template: the header row the import checks and one example row. */
export function templateLinks(kind: ImportKind): { href: string; text: string }[] {
  const template = TEMPLATE_FOR[kind];
  if (!template) return [];
  return [
    { href: importTemplatePath(template.kind, 'csv'), text: `Download the ${template.name} template (CSV)` },
    {
      href: importTemplatePath(template.kind, 'xlsx'),
      text: `Download the ${template.name} template (Excel)`,
    },
  ];
}

/** Kinds of import whose rows name questions by their code. */
export const needsQuestionCodes = (kind: ImportKind) => kind === 'long' || kind === 'wide';

/** The answers an import takes for a question, as the response import reads them. */
export function acceptedAnswers(item: Pick<InstrumentItem, 'type' | 'options'>): string {
  switch (item.type) {
    case 'likert-5':
      return `1 to 5, or ${LIKERT_5_LABELS.join(', ')}`;
    case 'scale-0-10':
      return 'A whole number from 0 to 10';
    case 'yes-no':
      return 'yes or no';
    case 'single-choice':
      return `One of: ${(item.options ?? []).join(', ')}`;
    case 'free-text':
      return 'Text, up to 4,000 characters';
  }
}

export const STAGE_OPTIONS: RadioOption[] = [
  { value: 'pre', label: 'Before the programme (pre)' },
  { value: 'post', label: 'After the programme (post)' },
  { value: 'follow-up', label: 'Three months on (follow-up)' },
];

export const DATE_FORMAT_OPTIONS: RadioOption[] = [
  { value: 'uk', label: 'Day first (UK)', hint: '10/3/2023 is 10 March 2023' },
  {
    value: 'us',
    label: 'Month first (US)',
    hint: '10/3/2023 is 3 October 2023. Microsoft Forms exports use this when the form’s region is the US.',
  },
];

export const IMPORT_MESSAGES = {
  programmeRequired: 'Choose the programme the data belongs to',
  stageRequired: 'Choose which questionnaire the responses answer',
  fileRequired: 'Choose a file to import',
  fileType: 'The file must be a .csv or .xlsx file',
  fileSize: 'The file must be 10 MB or smaller',
  emailColumnRequired: 'Choose the column with the email address',
  submittedAtColumnRequired: 'Choose the column with the completion time',
  noItems: 'Choose a question for at least one column',
} as const;

export interface ImportChoice {
  kind: ImportKind;
  programmeId: string;
  stage: string;
}

/** What the first step needs before anything is sent. */
export function checkChoice(choice: ImportChoice, file: File | null): ErrorItem[] {
  const errors: ErrorItem[] = [];
  if (needsProgramme(choice.kind) && !choice.programmeId)
    errors.push({ field: 'programmeId', text: IMPORT_MESSAGES.programmeRequired });
  if (choice.kind === 'wide' && !choice.stage)
    errors.push({ field: 'stage', text: IMPORT_MESSAGES.stageRequired });
  if (!file) errors.push({ field: 'file', text: IMPORT_MESSAGES.fileRequired });
  else if (!/\.(csv|xlsx)$/i.test(file.name)) errors.push({ field: 'file', text: IMPORT_MESSAGES.fileType });
  else if (file.size > IMPORT_MAX_BYTES) errors.push({ field: 'file', text: IMPORT_MESSAGES.fileSize });
  return errors;
}

export interface MappingDraft {
  emailColumn: string;
  submittedAtColumn: string;
  /** Item code chosen for each column ('' for none), in column order */
  itemCodes: string[];
}

export function draftFromPreview(preview: WidePreview): MappingDraft {
  return {
    emailColumn: preview.suggestedEmailColumn ?? '',
    submittedAtColumn: preview.suggestedSubmittedAtColumn ?? '',
    itemCodes: preview.suggestedMapping.map((suggestion) => suggestion.itemCode ?? ''),
  };
}

/** The mapping to send, or the problems with it (each question at most once). */
export function checkMapping(
  preview: WidePreview,
  draft: MappingDraft,
): { ok: true; mapping: WideImportMapping } | { ok: false; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  if (!draft.emailColumn) errors.push({ field: 'emailColumn', text: IMPORT_MESSAGES.emailColumnRequired });
  if (!draft.submittedAtColumn)
    errors.push({ field: 'submittedAtColumn', text: IMPORT_MESSAGES.submittedAtColumnRequired });
  const items = preview.columns
    .map((column, index) => ({ column, itemCode: draft.itemCodes[index] ?? '', index }))
    .filter((entry) => entry.itemCode);
  if (items.length === 0) errors.push({ field: 'column-0', text: IMPORT_MESSAGES.noItems });
  const seen = new Set<string>();
  for (const entry of items) {
    if (seen.has(entry.itemCode))
      errors.push({
        field: `column-${entry.index}`,
        text: `${entry.itemCode} is chosen for more than one column: choose it for one only`,
      });
    seen.add(entry.itemCode);
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    mapping: {
      emailColumn: draft.emailColumn,
      submittedAtColumn: draft.submittedAtColumn,
      items: items.map(({ column, itemCode }) => ({ column, itemCode })),
    },
  };
}

export function isImportStage(value: string): value is ImportStage {
  return value === 'pre' || value === 'post' || value === 'follow-up';
}

const count = (value: number) => value.toLocaleString('en-GB');

/** "Saving rows: 12,000 of 20,000 (60%)": how far a running import job has got, in words. */
export function jobProgressText(job: ImportJob): string {
  if (job.phase === 'reading' || !job.rowsTotal) return 'Uploaded. Reading the file…';
  const percent = Math.floor((100 * job.rowsDone) / job.rowsTotal);
  const what = job.phase === 'checking' ? 'Checking rows' : 'Saving rows';
  return `${what}: ${count(job.rowsDone)} of ${count(job.rowsTotal)} (${percent}%)`;
}
