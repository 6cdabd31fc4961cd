import { HEADCOUNT_MAX, HEADCOUNT_MIN } from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { DateParts, datePartsToIso } from '../../shared/date-parts';

export const HEADCOUNT_MESSAGES = {
  headcountInvalid: 'Staff headcount must be a whole number from 1 to 2,000,000',
  headcountRequired: 'Enter the staff headcount, or clear the date the staff were counted',
  asOfRequired: 'Enter the date the staff were counted',
  asOfInvalid: 'Date counted must be a real date, for example 31 3 2026',
  asOfFuture: 'Date counted must be today or in the past',
} as const;

/**
 * A headcount as typed ("18,000" allowed) and the date it was counted (day, month, year boxes), checked
 * together: a headcount needs its date (the Impact page shows it beside reach), a date needs a headcount, and
 * the date cannot be in the future. Both empty clears the headcount. `today` is YYYY-MM-DD.
 */
export function checkHeadcount(
  headcountText: string,
  asOfParts: DateParts,
  today: string,
): { headcount: number | null; headcountAsOf: string | null; problems: ErrorItem[] } {
  const problems: ErrorItem[] = [];
  const text = headcountText.replace(/,/g, '').trim();
  const headcount = text === '' ? null : Number(text);
  if (
    headcount !== null &&
    !(Number.isInteger(headcount) && headcount >= HEADCOUNT_MIN && headcount <= HEADCOUNT_MAX)
  )
    problems.push({ field: 'headcount', text: HEADCOUNT_MESSAGES.headcountInvalid });
  const asOf = datePartsToIso(asOfParts);
  if (asOf === null) problems.push({ field: 'headcountAsOf', text: HEADCOUNT_MESSAGES.asOfInvalid });
  else if (asOf > today) problems.push({ field: 'headcountAsOf', text: HEADCOUNT_MESSAGES.asOfFuture });
  else if (asOf === '' && headcount !== null)
    problems.push({ field: 'headcountAsOf', text: HEADCOUNT_MESSAGES.asOfRequired });
  if (headcount === null && asOf)
    problems.push({ field: 'headcount', text: HEADCOUNT_MESSAGES.headcountRequired });
  return { headcount, headcountAsOf: asOf || null, problems };
}
