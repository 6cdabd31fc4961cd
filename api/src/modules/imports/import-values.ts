import { ImportDateFormat, InstrumentItem, LIKERT_5_LABELS } from '@upstand/contracts';
import { londonWallClockToUtc } from '@upstand/schedule';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

const MAX_FREE_TEXT = 4000;
const LIKERT_WORDS = new Map<string, number>([
  ...LIKERT_5_LABELS.map((label, index) => [label.toLowerCase(), index + 1] as const),
  ['neutral', 3],
  ['neither', 3],
  ['neither agree or disagree', 3],
]);
const YES = new Set(['yes', 'y', '1', 'true']);
const NO = new Set(['no', 'n', '0', 'false']);

const wholeNumber = (text: string): number | null =>
  /^[+]?\d+(\.0+)?$/.test(text) ? Number.parseInt(text, 10) : null;

/**
 * An answer as the questionnaire stores it: likert-5 1–5 (or its label), scale 0–10, yes-no 1/0 (yes/no,
 * true/false), single-choice one of the options (matched ignoring case), free text up to 4,000 characters.
 */
export function parseAnswer(item: InstrumentItem, raw: string): Parsed<number | string> {
  const text = raw.trim();
  if (text === '') return fail('value is empty; leave out the row for a question that was not answered');
  switch (item.type) {
    case 'likert-5': {
      const number = wholeNumber(text) ?? LIKERT_WORDS.get(text.toLowerCase().replace(/\s+/g, ' '));
      return number !== undefined && number >= 1 && number <= 5
        ? ok(number)
        : fail(
            `"${text}" is not an answer to ${item.code}: use 1 to 5 or Strongly disagree to Strongly agree`,
          );
    }
    case 'scale-0-10': {
      const number = wholeNumber(text);
      return number !== null && number <= 10
        ? ok(number)
        : fail(`"${text}" is not an answer to ${item.code}: use a whole number from 0 to 10`);
    }
    case 'yes-no': {
      const word = text.toLowerCase();
      if (YES.has(word)) return ok(1);
      if (NO.has(word)) return ok(0);
      return fail(`"${text}" is not an answer to ${item.code}: use yes or no`);
    }
    case 'single-choice': {
      const option = (item.options ?? []).find((candidate) => candidate.toLowerCase() === text.toLowerCase());
      return option !== undefined
        ? ok(option)
        : fail(`"${text}" is not an option of ${item.code}: use one of ${(item.options ?? []).join(', ')}`);
    }
    case 'free-text':
      return text.length <= MAX_FREE_TEXT
        ? ok(text)
        : fail(`${item.code} is ${text.length} characters long; the most is ${MAX_FREE_TEXT}`);
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/**
 * When a questionnaire was submitted: ISO 8601 (an offset or Z is honoured; without one it is London time),
 * or dd/mm/yyyy [hh:mm[:ss]] in London time — mm/dd/yyyy with `us`, as Microsoft Forms writes it there.
 */
export function parseSubmittedAt(
  raw: string,
  dateFormat: ImportDateFormat = 'uk',
  now: Date = new Date(),
): Parsed<Date> {
  const text = raw.trim();
  if (text === '') return fail('submitted_at is empty');
  const expected =
    dateFormat === 'us'
      ? 'use mm/dd/yyyy hh:mm or yyyy-mm-ddThh:mm'
      : 'use dd/mm/yyyy hh:mm or yyyy-mm-ddThh:mm';
  let instant: Date | null = null;
  const iso = ISO.exec(text);
  if (iso) {
    const [, year = '', month = '', day = '', hour = '00', minute = '00', second = '00', offset] = iso;
    if (offset) {
      const parsed = new Date(text.replace(' ', 'T'));
      instant = validDate(+year, +month, +day) && !Number.isNaN(parsed.getTime()) ? parsed : null;
    } else instant = london(+year, +month, +day, +hour, +minute, +second);
  } else {
    const slashed = SLASHED.exec(text);
    if (slashed) {
      const [, first = '', second = '', year = '', hour = '0', minute = '0', seconds = '0', meridiem] =
        slashed;
      const [day, month] = dateFormat === 'us' ? [+second, +first] : [+first, +second];
      let hours = +hour;
      if (meridiem) {
        if (hours < 1 || hours > 12) return fail(`"${text}" is not a date and time: ${expected}`);
        hours = (hours % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
      }
      instant = london(+year, month, day, hours, +minute, +seconds);
    }
  }
  if (!instant) return fail(`"${text}" is not a date and time: ${expected}`);
  if (instant.getTime() > now.getTime()) return fail(`${text} is in the future`);
  return ok(instant);
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const londonCache = new Map<string, Date>();

/** London wall clock → instant; the same few timestamps repeat across thousands of rows, so results are kept. */
function london(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const key = `${date}T${time}`;
  let base = londonCache.get(key);
  if (!base) {
    base = londonWallClockToUtc(date, time);
    if (londonCache.size > 100_000) londonCache.clear();
    londonCache.set(key, base);
  }
  return new Date(base.getTime() + second * 1000);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= 320 && EMAIL.test(text);
}
