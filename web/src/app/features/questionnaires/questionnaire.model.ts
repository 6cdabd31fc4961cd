import { HttpErrorResponse } from '@angular/common/http';
import {
  EvaluationAnswer,
  EvaluationDue,
  InstrumentItem,
  LIKERT_5_LABELS,
  SubmitEvaluationRequest,
} from '@upstand/contracts';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { RadioOption } from '../../shared/form-field';
import { formatLondonDateTime, formatLongDate, londonDate } from '../../shared/london-time';

export const FREE_TEXT_MAX_LENGTH = 4000;
export const SELF_GENERATED_CODE_FIELD = 'selfGeneratedCode';

/**
 * A form control holds a radio's value as text ('1'…'5', '0'…'10', '1'/'0', the option) or the free text;
 * null when nothing is chosen.
 */
export type ItemValue = string | null;

/** The id of an item's first input (the error summary links to it) and the name its errors are filed under. */
export function itemFieldId(item: Pick<InstrumentItem, 'code'>): string {
  return `answer-${item.code}`;
}

/** The radios of an item; free-text items have none. */
export function itemOptions(item: InstrumentItem): RadioOption[] {
  switch (item.type) {
    case 'likert-5':
      return LIKERT_5_LABELS.map((label, index) => ({ value: String(index + 1), label }));
    case 'scale-0-10':
      return Array.from({ length: 11 }, (_, value) => ({ value: String(value), label: String(value) }));
    case 'yes-no':
      return [
        { value: '1', label: 'Yes' },
        { value: '0', label: 'No' },
      ];
    case 'single-choice':
      return (item.options ?? []).map((option) => ({ value: option, label: option }));
    case 'free-text':
      return [];
  }
}

/** A saved answer as the form shows it. */
export function toItemValue(item: InstrumentItem, value: EvaluationAnswer['value'] | undefined): ItemValue {
  if (value === null || value === undefined) return null;
  // A single-choice option that a later version of the questionnaire dropped is shown as not chosen.
  if (item.type === 'single-choice' && !(item.options ?? []).includes(String(value))) return null;
  return String(value);
}

/** What the form holds, as the API stores it: numbers for the scales and yes/no, text otherwise. */
export function toAnswerValue(item: InstrumentItem, value: ItemValue): EvaluationAnswer['value'] {
  if (value === null) return null;
  switch (item.type) {
    case 'likert-5':
    case 'scale-0-10':
    case 'yes-no': {
      const number = Number(value);
      return value.trim() !== '' && Number.isInteger(number) ? number : null;
    }
    case 'single-choice':
      return value === '' ? null : value;
    case 'free-text':
      return value.trim() === '' ? null : value.trim();
  }
}

export function isAnswered(item: InstrumentItem, value: ItemValue): boolean {
  return toAnswerValue(item, value) !== null;
}

/** The hint of a 0 to 10 scale: what its ends mean. */
export const SCALE_HINT = '0 is not at all, 10 is completely';

/** "(optional)" after the question of an item that can be left out. */
export function itemQuestion(item: InstrumentItem): string {
  return item.required ? item.wording : `${item.wording} (optional)`;
}

export const QUESTIONNAIRE_MESSAGES = {
  selfGeneratedCodeRequired: 'Enter your code',
  selfGeneratedCodeInvalid: 'Your code must be 4 to 12 letters or numbers, for example MA07LE',
} as const;

export function questionnaireSavedMessage(title: string): string {
  return `Thank you. Your answers to "${title}" have been saved`;
}

/** The question as an error message quotes it: without a closing note in brackets such as "(0 = not at all)". */
function quoted(item: InstrumentItem): string {
  return `"${item.wording.replace(/\s*\([^()]*\)\s*$/, '')}"`;
}

export function requiredMessage(item: InstrumentItem): string {
  switch (item.type) {
    case 'likert-5':
      return `Select how much you agree with ${quoted(item)}`;
    case 'scale-0-10':
      return `Select a number from 0 to 10 for ${quoted(item)}`;
    case 'yes-no':
      return `Select yes or no for ${quoted(item)}`;
    case 'single-choice':
      return `Select an answer for ${quoted(item)}`;
    case 'free-text':
      return `Enter your answer to ${quoted(item)}`;
  }
}

export function tooLongMessage(item: InstrumentItem): string {
  return `Your answer to ${quoted(item)} must be ${FREE_TEXT_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`;
}

/** The anonymous code without spaces; null unless it is 4 to 12 letters or numbers (the API ignores case and accents). */
export function cleanSelfGeneratedCode(text: string): string | null {
  const code = text.replace(/\s+/g, '');
  return /^[\p{L}\p{N}]{4,12}$/u.test(code) ? code : null;
}

export interface QuestionnaireInput {
  values: Record<string, ItemValue>;
  selfGeneratedCode: string;
}

export type CheckedQuestionnaire =
  { ok: true; request: SubmitEvaluationRequest } | { ok: false; errors: ErrorItem[] };

/**
 * Checks the answers before sending them: every required item answered, free text within 4,000 characters, and in
 * anonymous mode a code of the right form. The request lists every item in the questionnaire's order (null when
 * unanswered), so a server error on `answers.<index>` names the item at that index.
 */
export function checkQuestionnaire(
  items: readonly InstrumentItem[],
  input: QuestionnaireInput,
  anonymous: boolean,
): CheckedQuestionnaire {
  const errors: ErrorItem[] = [];
  let selfGeneratedCode: string | null = null;
  if (anonymous) {
    if (!input.selfGeneratedCode.trim()) {
      errors.push({
        field: SELF_GENERATED_CODE_FIELD,
        text: QUESTIONNAIRE_MESSAGES.selfGeneratedCodeRequired,
      });
    } else {
      selfGeneratedCode = cleanSelfGeneratedCode(input.selfGeneratedCode);
      if (!selfGeneratedCode)
        errors.push({
          field: SELF_GENERATED_CODE_FIELD,
          text: QUESTIONNAIRE_MESSAGES.selfGeneratedCodeInvalid,
        });
    }
  }
  for (const item of items) {
    const value = input.values[item.code] ?? null;
    if (item.required && !isAnswered(item, value)) {
      errors.push({ field: itemFieldId(item), text: requiredMessage(item) });
    } else if (item.type === 'free-text' && (value ?? '').trim().length > FREE_TEXT_MAX_LENGTH) {
      errors.push({ field: itemFieldId(item), text: tooLongMessage(item) });
    }
  }
  if (errors.length) return { ok: false, errors };
  const answers = items.map((item) => ({
    itemCode: item.code,
    value: toAnswerValue(item, input.values[item.code] ?? null),
  }));
  return { ok: true, request: selfGeneratedCode ? { answers, selfGeneratedCode } : { answers } };
}

/**
 * The errors of a failed submission, linked to the questions they concern. The API names an answer by its index
 * in the request (`answers.3.value`), or reports a missing required answer on `answers` with the item code in
 * brackets at the end of the message.
 */
export function questionnaireApiErrors(error: unknown, items: readonly InstrumentItem[]): ErrorItem[] {
  const mapped = mapApiError(error);
  const body = error instanceof HttpErrorResponse ? (error.error as unknown) : null;
  const fieldErrors = (body as { errors?: { field?: unknown; message?: unknown }[] } | null)?.errors;
  if (mapped.status !== 400 || !Array.isArray(fieldErrors) || fieldErrors.length === 0) {
    return mapped.errors.map((item) => ({ text: item.text }));
  }
  return fieldErrors.map((fieldError) => {
    const field = typeof fieldError.field === 'string' ? fieldError.field : '';
    const message = typeof fieldError.message === 'string' ? fieldError.message : '';
    if (field === SELF_GENERATED_CODE_FIELD)
      return { field, text: message.replace(/selfGeneratedCode/g, 'code') };
    const byIndex = /^answers\.(\d+)\.value$/.exec(field);
    const indexed = byIndex ? items[Number(byIndex[1])] : undefined;
    if (indexed) {
      const reason = message.replace(/^[a-z0-9_]+:\s*/, '');
      return { field: itemFieldId(indexed), text: `Check your answer to ${quoted(indexed)}: ${reason}` };
    }
    const code = field === 'answers' ? /\(([a-z0-9_]+)\)\s*$/.exec(message)?.[1] : undefined;
    const missing = code ? items.find((item) => item.code === code) : undefined;
    if (missing) return { field: itemFieldId(missing), text: requiredMessage(missing) };
    return { text: message || mapped.errors[0]?.text || '' };
  });
}

export type DueStatus = 'not-yet-open' | 'open' | 'submitted' | 'closed';

export interface DueStatusView {
  status: DueStatus;
  tag: string;
  tagClass: string;
  /** The sentence under the tag: when it opens, closes, or until when the answers can be changed. */
  detail: string | null;
  /** The link to the questionnaire, when it can be answered. */
  action: string | null;
}

/**
 * What My journey says about one questionnaire or session's feedback. Answers can be changed while it is open;
 * `anonymousFinal` is for anonymous answers that cannot be changed once given (session feedback), whereas
 * anonymous questionnaire answers can be replaced by answering again with the same code.
 */
export function dueStatusView(
  due: Pick<EvaluationDue, 'state' | 'closesAt' | 'submittedAt' | 'anonymous'> & { opensAt?: string | null },
  anonymousFinal = false,
): DueStatusView {
  const closes = due.closesAt ? formatLondonDateTime(due.closesAt) : null;
  if (due.state === 'not-yet-open') {
    return {
      status: 'not-yet-open',
      tag: 'Not open yet',
      tagClass: 'nhsuk-tag--white',
      detail: due.opensAt ? `Opens ${formatLongDate(londonDate(due.opensAt))}` : null,
      action: null,
    };
  }
  if (due.submittedAt) {
    const submitted = `Submitted ${formatLongDate(londonDate(due.submittedAt))}`;
    const changeable = due.state === 'open' && !(due.anonymous && anonymousFinal);
    return {
      status: 'submitted',
      tag: 'Submitted',
      tagClass: 'nhsuk-tag--green',
      detail:
        changeable && closes ? `${submitted}. You can change your answers until ${closes}.` : `${submitted}.`,
      action: changeable ? 'Change your answers' : null,
    };
  }
  return due.state === 'open'
    ? {
        status: 'open',
        tag: 'Open',
        tagClass: 'nhsuk-tag--blue',
        detail: closes ? `Closes at ${closes}` : null,
        action: 'Answer the questionnaire',
      }
    : { status: 'closed', tag: 'Closed', tagClass: 'nhsuk-tag--grey', detail: null, action: null };
}
