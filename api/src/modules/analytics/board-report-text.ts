import { Count } from '@upstand/contracts';

/** How the board report writes its figures, the same in its tables, charts and alt text. */

export const shown = (count: Count) => (count.suppressed ? 'Withheld' : String(count.value ?? 0));
export const pText = (p: number | null | undefined) =>
  p === null || p === undefined ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3);
export const pPhrase = (p: number | null | undefined) => {
  const text = pText(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
};
export const signed = (value: number, digits = 2) =>
  `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;
export const percent = (share: number) => `${Math.round(share * 100)}%`;
