import { InstrumentItem, WideColumnSuggestion } from '@upstand/contracts';

/** Lower case, curly quotes straightened, punctuation dropped, spaces collapsed: how headings are compared. */
export function normaliseWording(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const words = (text: string) => new Set(normaliseWording(text).split(' ').filter(Boolean));

/** How well a column heading matches an item: 1 exact wording or code, down to 0. */
export function matchScore(column: string, item: InstrumentItem): number {
  const heading = normaliseWording(column);
  const wording = normaliseWording(item.wording);
  if (!heading) return 0;
  if (heading === wording || heading === normaliseWording(item.code) || column.trim() === item.code) return 1;
  // Form tools shorten long questions or add a number in front ("3. I feel safe to speak up at work").
  if (heading.length >= 15 && (wording.includes(heading) || heading.includes(wording))) return 0.9;
  const a = words(column);
  const b = words(item.wording);
  const shared = [...a].filter((word) => b.has(word)).length;
  return shared / new Set([...a, ...b]).size;
}

const MIN_SCORE = 0.6;

/** For each column, the item its heading matches best; an item is suggested for one column at most. */
export function suggestMapping(columns: string[], items: InstrumentItem[]): WideColumnSuggestion[] {
  const candidates = columns
    .flatMap((column, index) => items.map((item) => ({ index, item, score: matchScore(column, item) })))
    .filter((candidate) => candidate.score >= MIN_SCORE)
    .sort((x, y) => y.score - x.score || x.index - y.index);
  const chosen = new Map<number, string>();
  const used = new Set<string>();
  for (const candidate of candidates) {
    if (chosen.has(candidate.index) || used.has(candidate.item.code)) continue;
    chosen.set(candidate.index, candidate.item.code);
    used.add(candidate.item.code);
  }
  return columns.map((column, index) => ({ column, itemCode: chosen.get(index) ?? null }));
}

const EMAIL_HEADINGS = ['email', 'email address', 'e mail', 'delegate email', 'respondent email'];
const SUBMITTED_HEADINGS = [
  'completion time',
  'submitted at',
  'submitted',
  'submission time',
  'submitted on',
  'timestamp',
  'end time',
  'date submitted',
];

/** The column holding the respondent's email (Microsoft Forms: "Email"). */
export function suggestEmailColumn(columns: string[]): string | null {
  return columns.find((column) => EMAIL_HEADINGS.includes(normaliseWording(column))) ?? null;
}

/** The column holding when the form was submitted (Microsoft Forms: "Completion time"). */
export function suggestSubmittedAtColumn(columns: string[]): string | null {
  for (const heading of SUBMITTED_HEADINGS) {
    const found = columns.find((column) => normaliseWording(column) === heading);
    if (found) return found;
  }
  return null;
}
