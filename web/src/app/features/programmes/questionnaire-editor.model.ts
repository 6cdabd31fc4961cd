import {
  EVALUATION_STAGES,
  EvaluationStage,
  INSTRUMENT_CONSTRUCT_LABELS,
  INSTRUMENT_CONSTRUCTS,
  InstrumentConstruct,
  InstrumentItem,
  ITEM_SHORT_LABEL_MAX_LENGTH,
  ITEM_TYPES,
  ItemType,
  PublishInstrumentRequest,
} from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';

/** When each questionnaire is asked, as programme leads know the stages. */
export const STAGE_LABELS: Record<EvaluationStage, string> = {
  pre: 'Before the workshop',
  post: 'After the fifth learning set',
  'follow-up': 'Follow-up 3 months later',
  'session-feedback': 'Session feedback',
};

export function isEvaluationStage(value: string): value is EvaluationStage {
  return (EVALUATION_STAGES as readonly string[]).includes(value);
}

export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  'likert-5': 'Agree or disagree (5 points)',
  'scale-0-10': 'Scale from 0 to 10',
  'yes-no': 'Yes or no',
  'single-choice': 'Choose one option',
  'free-text': 'Free text',
};

export const ITEM_TYPE_OPTIONS = ITEM_TYPES.map((type) => ({ value: type, label: ITEM_TYPE_LABELS[type] }));

/** "Confidence to intervene" for a known construct, the stored text for any other, "None" for none. */
export function constructLabel(construct: string | null | undefined): string {
  if (!construct) return 'None';
  return INSTRUMENT_CONSTRUCT_LABELS[construct as InstrumentConstruct] ?? construct;
}

/** None, the known constructs, and the item's own value when an earlier version used another one. */
export function constructOptions(current: string | null | undefined): { value: string; label: string }[] {
  const known = INSTRUMENT_CONSTRUCTS.map((construct) => ({
    value: construct as string,
    label: INSTRUMENT_CONSTRUCT_LABELS[construct],
  }));
  const other =
    current && !(INSTRUMENT_CONSTRUCTS as readonly string[]).includes(current)
      ? [{ value: current, label: current }]
      : [];
  return [{ value: '', label: 'None' }, ...known, ...other];
}

/** The limits the API checks. */
export const CODE_PATTERN = /^[a-z0-9_]{1,60}$/;
export const WORDING_MAX_LENGTH = 500;
export const SHORT_LABEL_MAX_LENGTH = ITEM_SHORT_LABEL_MAX_LENGTH;
export const TITLE_MAX_LENGTH = 200;
export const MAX_OPTIONS = 20;
export const OPTION_MAX_LENGTH = 200;

/** One question as the form holds it; options are written one per line. */
export interface DraftItem {
  /** Published in the current version: its code pairs answers across stages and versions, so it stays. */
  existing: boolean;
  code: string;
  wording: string;
  /** '' for none: charts and the board report then show the wording. */
  shortLabel: string;
  type: ItemType;
  options: string;
  /** '' for none */
  construct: string;
  required: boolean;
  retrospective: boolean;
}

export function toDraft(item: InstrumentItem): DraftItem {
  return {
    existing: true,
    code: item.code,
    wording: item.wording,
    shortLabel: item.shortLabel ?? '',
    type: item.type,
    options: (item.options ?? []).join('\n'),
    construct: item.construct ?? '',
    required: item.required,
    retrospective: item.retrospective === true,
  };
}

export function newDraft(): DraftItem {
  return {
    existing: false,
    code: '',
    wording: '',
    shortLabel: '',
    type: 'likert-5',
    options: '',
    construct: '',
    required: true,
    retrospective: false,
  };
}

/** The id of a question's input, which is also the field the API names in its errors (`items.2.wording`). */
export function itemFieldId(index: number, field: keyof InstrumentItem): string {
  return `items.${index}.${field}`;
}

/** The id of a question's heading, for errors about the question as a whole. */
export function itemHeadingId(index: number): string {
  return `items.${index}`;
}

/** The id of the "Add a question" button, for an error about the list of questions. */
export const ITEMS_FIELD = 'items';

export function optionLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export const EDITOR_MESSAGES = {
  titleRequired: 'Enter a title for the questionnaire',
  titleTooLong: `Title must be ${TITLE_MAX_LENGTH} characters or fewer`,
  noItems: 'Add at least one question',
  codeRequired: (n: number) => `Enter a code for question ${n}`,
  codeInvalid: (n: number) =>
    `Code of question ${n} must be up to 60 lower-case letters, digits or underscores, like felt_supported`,
  codeDuplicate: (n: number, other: number) =>
    `Question ${n} has the same code as question ${other}: give each question its own code`,
  wordingRequired: (n: number) => `Enter the wording of question ${n}`,
  wordingTooLong: (n: number) => `Wording of question ${n} must be ${WORDING_MAX_LENGTH} characters or fewer`,
  shortLabelTooLong: (n: number) =>
    `Short label of question ${n} must be ${SHORT_LABEL_MAX_LENGTH} characters or fewer`,
  optionsTooFew: (n: number) => `Enter at least two options for question ${n}, one on each line`,
  optionsTooMany: (n: number) => `Question ${n} can have up to ${MAX_OPTIONS} options`,
  optionTooLong: (n: number) =>
    `Each option of question ${n} must be ${OPTION_MAX_LENGTH} characters or fewer`,
  optionsDuplicate: (n: number) => `Options of question ${n} must all be different`,
} as const;

export type CheckedDraft =
  { ok: true; request: PublishInstrumentRequest } | { ok: false; errors: ErrorItem[] };

/** Checks the questionnaire as the API will, with messages that name the question by its number. */
export function checkDraft(title: string, items: readonly DraftItem[]): CheckedDraft {
  const errors: ErrorItem[] = [];
  if (!title.trim()) errors.push({ field: 'title', text: EDITOR_MESSAGES.titleRequired });
  else if (title.trim().length > TITLE_MAX_LENGTH)
    errors.push({ field: 'title', text: EDITOR_MESSAGES.titleTooLong });
  if (!items.length) errors.push({ field: ITEMS_FIELD, text: EDITOR_MESSAGES.noItems });
  items.forEach((item, index) => {
    const n = index + 1;
    const code = item.code.trim();
    if (!item.existing) {
      if (!code) errors.push({ field: itemFieldId(index, 'code'), text: EDITOR_MESSAGES.codeRequired(n) });
      else if (!CODE_PATTERN.test(code))
        errors.push({ field: itemFieldId(index, 'code'), text: EDITOR_MESSAGES.codeInvalid(n) });
      else {
        // A new code must not repeat any other question's (published codes stay as they are).
        const other = items.findIndex(
          (candidate, at) =>
            at !== index && candidate.code.trim() === code && (candidate.existing || at < index),
        );
        if (other >= 0)
          errors.push({
            field: itemFieldId(index, 'code'),
            text: EDITOR_MESSAGES.codeDuplicate(n, other + 1),
          });
      }
    }
    if (!item.wording.trim())
      errors.push({ field: itemFieldId(index, 'wording'), text: EDITOR_MESSAGES.wordingRequired(n) });
    else if (item.wording.trim().length > WORDING_MAX_LENGTH)
      errors.push({ field: itemFieldId(index, 'wording'), text: EDITOR_MESSAGES.wordingTooLong(n) });
    if (item.shortLabel.trim().length > SHORT_LABEL_MAX_LENGTH)
      errors.push({ field: itemFieldId(index, 'shortLabel'), text: EDITOR_MESSAGES.shortLabelTooLong(n) });
    if (item.type === 'single-choice') {
      const options = optionLines(item.options);
      const field = itemFieldId(index, 'options');
      if (options.length < 2) errors.push({ field, text: EDITOR_MESSAGES.optionsTooFew(n) });
      else if (options.length > MAX_OPTIONS) errors.push({ field, text: EDITOR_MESSAGES.optionsTooMany(n) });
      else if (options.some((option) => option.length > OPTION_MAX_LENGTH))
        errors.push({ field, text: EDITOR_MESSAGES.optionTooLong(n) });
      else if (new Set(options.map((option) => option.toLowerCase())).size < options.length)
        errors.push({ field, text: EDITOR_MESSAGES.optionsDuplicate(n) });
    }
  });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    request: {
      title: title.trim(),
      items: items.map((item) => ({
        code: item.code.trim(),
        wording: item.wording.trim(),
        ...(item.shortLabel.trim() ? { shortLabel: item.shortLabel.trim() } : {}),
        type: item.type,
        ...(item.type === 'single-choice' ? { options: optionLines(item.options) } : {}),
        construct: item.construct || null,
        required: item.required,
        ...(item.retrospective ? { retrospective: true } : {}),
      })),
    },
  };
}

const ITEM_FIELDS: readonly string[] = [
  'code',
  'wording',
  'shortLabel',
  'type',
  'options',
  'construct',
  'required',
  'retrospective',
];

/**
 * The errors of a failed publish, linked to the inputs they concern. The API names a question's field by its
 * index (`items.2.wording`); the message is prefixed with the question's number. A published question's code is
 * not an input, so an error on it links to the question's heading.
 */
export function draftApiErrors(error: unknown, items: readonly DraftItem[]): ErrorItem[] {
  return mapApiError(error).errors.map((item): ErrorItem => {
    if (!item.field) return item;
    if (item.field === 'title') return item;
    if (item.field === ITEMS_FIELD) return { field: ITEMS_FIELD, text: item.text };
    const match = /^items\.(\d+)(?:\.([A-Za-z]+))?/.exec(item.field);
    const index = match ? Number(match[1]) : -1;
    const draft = items[index];
    if (!match || !draft) return { text: item.text };
    const sub = match[2];
    const field =
      sub && ITEM_FIELDS.includes(sub) && !(sub === 'code' && draft.existing)
        ? itemFieldId(index, sub as keyof InstrumentItem)
        : itemHeadingId(index);
    return { field, text: `Question ${index + 1}: ${item.text}` };
  });
}

/** "Version 3 published. Responses already given keep the version they were answered in." */
export function publishedMessage(version: number): string {
  return `Version ${version} published. Responses already given keep the version they were answered in.`;
}
