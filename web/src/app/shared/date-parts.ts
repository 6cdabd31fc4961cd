import { isIsoDate } from '@upstand/schedule';
import { ErrorItem } from '../core/api-error';

/** What was typed into the day, month and year boxes of an NHS date input, untouched. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

const PART_NAMES: (keyof DateParts)[] = ['day', 'month', 'year'];

/** Day, month and year as typed into an NHS date input → YYYY-MM-DD, '' when empty, null when not a real date. */
export function datePartsToIso(parts: DateParts): string | null {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** YYYY-MM-DD → the boxes of an NHS date input ("2027-03-05" → 5, 3, 2027); empty for anything else. */
export function isoToDateParts(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match
    ? { year: match[1] as string, month: String(Number(match[2])), day: String(Number(match[3])) }
    : EMPTY_DATE;
}

/** The boxes left empty when some were filled in: the ones an incomplete date is missing. */
export function missingDateParts(parts: DateParts): (keyof DateParts)[] {
  const empty = PART_NAMES.filter((part) => !parts[part].trim());
  return empty.length === PART_NAMES.length ? [] : empty;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function list(words: string[]): string {
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
    : (words[0] ?? '');
}

/**
 * The NHS date input's error messages for a field whose name is `name`, said the way it reads mid-sentence
 * ("start date", "date of the first workshop").
 */
export function dateMessages(name: string): {
  required: string;
  invalid: string;
  missing: (parts: string[]) => string;
} {
  return {
    required: `Enter the ${name}`,
    invalid: `${capitalise(name)} must be a real date`,
    missing: (parts) => `${capitalise(name)} must include a ${list(parts)}`,
  };
}

export type DateCheck = { ok: true; iso: string } | { ok: false; error: ErrorItem };

/**
 * Checks one NHS date input, with messages that name the field (see `dateMessages`): nothing typed ('' when
 * `optional`), a date missing its day, month or year, or one that cannot be right (31 2 2027, a two-digit year).
 */
export function checkDateParts(
  field: string,
  name: string,
  parts: DateParts,
  options: { optional?: boolean } = {},
): DateCheck {
  const messages = dateMessages(name);
  const iso = datePartsToIso(parts);
  if (iso === '') {
    return options.optional
      ? { ok: true, iso: '' }
      : { ok: false, error: { field, text: messages.required } };
  }
  if (iso !== null) return { ok: true, iso };
  const missing = missingDateParts(parts);
  return {
    ok: false,
    error: { field, text: missing.length ? messages.missing(missing) : messages.invalid },
  };
}

/** The boxes of the date input named `field` in a submitted plain form (`field-day`, `field-month`, `field-year`). */
export function datePartsFromForm(data: FormData, field: string): DateParts {
  const text = (part: keyof DateParts) => String(data.get(`${field}-${part}`) ?? '').trim();
  return { day: text('day'), month: text('month'), year: text('year') };
}
