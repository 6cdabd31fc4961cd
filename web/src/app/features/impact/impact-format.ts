import { Count, ItemAnalytics } from '@upstand/contracts';
import { MONTH_NAMES } from '@upstand/schedule';
import { formatNhsDate } from '../../shared/nhs-date.pipe';

/** What every figure that cannot be shown says instead. */
export const WITHHELD = 'Withheld';
export const NOT_AVAILABLE = 'Not available';

const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const MINUS = '\u2212';

/** Why a count is withheld, for screen readers and the tooltip next to "Withheld". */
export function withheldReason(count: Pick<Count, 'reason'>, threshold: number): string {
  switch (count.reason) {
    case 'small':
      return `fewer than ${threshold} people`;
    case 'secondary':
    case 'overlap':
      return 'withheld so another figure cannot be worked out';
    default:
      return 'withheld to protect privacy';
  }
}

/** A count as shown: "1,234", or "Withheld" — never 0 for a withheld count. */
export function countText(count: Count): string {
  if (count.suppressed || count.value === null) return WITHHELD;
  return wholeNumber.format(count.value);
}

/** A count with its reason spelled out, for chart descriptions read aloud. */
export function countSpoken(count: Count, threshold: number): string {
  const text = countText(count);
  return text === WITHHELD ? `withheld (${withheldReason(count, threshold)})` : text;
}

function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return value < 0 ? `${MINUS}${text}` : `+${text}`;
}

function plain(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  return value < 0 && Number(text) !== 0 ? `${MINUS}${text}` : text;
}

/** A p-value as reported in the tables: "< 0.001" or "0.034". */
export function formatP(p: number | null): string {
  if (p === null || Number.isNaN(p)) return NOT_AVAILABLE;
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** A p-value in a sentence: "p < 0.001" or "p = 0.034". */
export function formatPInText(p: number | null): string {
  if (p === null || Number.isNaN(p)) return 'p not available';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** How big an effect size r is, in plain English (Cohen's conventions for r). */
export function effectSizeWords(r: number | null): string {
  if (r === null || Number.isNaN(r)) return NOT_AVAILABLE;
  const size = Math.abs(r);
  if (size >= 0.5) return 'large';
  if (size >= 0.3) return 'moderate';
  if (size >= 0.1) return 'small';
  return 'negligible';
}

export function formatEffectSize(r: number | null): string {
  if (r === null || Number.isNaN(r)) return NOT_AVAILABLE;
  return `${plain(r, 2)} (${effectSizeWords(r)})`;
}

/** A mean on the item's own scale, 2 decimal places. */
export function formatMean(value: number | null): string {
  return value === null || Number.isNaN(value) ? NOT_AVAILABLE : plain(value, 2);
}

export function formatNumber(value: number | null, digits = 2): string {
  return value === null || Number.isNaN(value) ? NOT_AVAILABLE : plain(value, digits);
}

/** A change with its sign: "+0.84", "−0.20", "0.00". */
export function formatChange(value: number | null): string {
  return value === null || Number.isNaN(value) ? NOT_AVAILABLE : signed(value, 2);
}

/** "0.61 to 1.07" — "to" rather than a dash, which could be read as a minus sign. */
export function formatCi(ci: readonly [number, number] | null): string {
  return ci ? `${plain(ci[0], 2)} to ${plain(ci[1], 2)}` : NOT_AVAILABLE;
}

/** "+0.84 (95% CI 0.61 to 1.07)" */
export function formatChangeWithCi(change: number | null, ci: readonly [number, number] | null): string {
  if (change === null) return NOT_AVAILABLE;
  return ci ? `${formatChange(change)} (95% CI ${formatCi(ci)})` : formatChange(change);
}

/** A share (0–1) as a whole percentage: "42%". */
export function formatShare(share: number | null, withheld = false): string {
  if (withheld) return WITHHELD;
  if (share === null || Number.isNaN(share)) return NOT_AVAILABLE;
  return `${Math.round(share * 100)}%`;
}

/** Trained per 1,000 staff, one decimal place. */
export function formatRate(value: number | null): string {
  return value === null || Number.isNaN(value) ? NOT_AVAILABLE : value.toFixed(1);
}

/** "2025-04" → "April 2025"; a calendar quarter "2023-Q1" → "January to March 2023". */
export function formatPeriod(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3;
    return `${MONTH_NAMES[first]} to ${MONTH_NAMES[first + 2]} ${quarter[1]}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  const name = month ? MONTH_NAMES[Number(month[2]) - 1] : undefined;
  return month && name ? `${name} ${month[1]}` : period;
}

/** Whether periods are calendar quarters ("2023-Q1") rather than months. */
export function isQuarter(period: string): boolean {
  return /^\d{4}-Q[1-4]$/.test(period);
}

/** The headline tile's explanation: what changed, how sure we are, and how big the effect is. */
export function headlineSentence(
  item: Pick<ItemAnalytics, 'wording' | 'ci95' | 'wilcoxon' | 'effectSizeR'>,
): string {
  const ci = item.ci95 ? ` (95% CI ${formatCi(item.ci95)})` : '';
  const test = `Wilcoxon signed-rank ${formatPInText(item.wilcoxon?.pValue ?? null)}`;
  const effect =
    item.effectSizeR === null
      ? 'effect size not available'
      : `effect size r = ${plain(item.effectSizeR, 2)}, a ${effectSizeWords(item.effectSizeR)} effect`;
  return `Mean change in agreement with “${item.wording}” on a 1 to 5 scale${ci}. ${test}; ${effect}.`;
}

/** Explains the dates the API used after widening them to whole financial years. */
export function widenedDatesSentence(startFrom: string | null, startTo: string | null): string {
  const range = [
    startFrom ? `from ${formatNhsDate(startFrom)}` : '',
    startTo ? `up to ${formatNhsDate(startTo)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const cover = range
    ? `The figures cover cohorts starting ${range}`
    : 'The figures cover cohorts starting at any time';
  return `${cover}: the dates were widened to whole financial years to protect people's privacy.`;
}
