import { Count, GroupWithheldReason, ItemAnalytics, LIKERT_5_LABELS } from '@upstand/contracts';

/**
 * Diverging stacked bars for likert-5 items: disagreement to the left of zero, agreement to the right, and
 * "neither" split half each side so it sits in the centre. chart.js stacks negative values leftwards and positive
 * values rightwards in dataset order, so the datasets run from the centre outwards.
 */
export type DivergingSegment =
  'neutral-left' | 'neutral-right' | 'disagree' | 'agree' | 'strongly-disagree' | 'strongly-agree';

/** Centre outwards; each segment's likert level (1–5) and the side it is drawn on. */
export const DIVERGING_SEGMENTS: readonly {
  key: DivergingSegment;
  level: number;
  side: -1 | 1;
  half: boolean;
}[] = [
  { key: 'neutral-left', level: 3, side: -1, half: true },
  { key: 'neutral-right', level: 3, side: 1, half: true },
  { key: 'disagree', level: 2, side: -1, half: false },
  { key: 'agree', level: 4, side: 1, half: false },
  { key: 'strongly-disagree', level: 1, side: -1, half: false },
  { key: 'strongly-agree', level: 5, side: 1, half: false },
];

export interface DivergingDataset {
  key: DivergingSegment;
  /** The likert answer, e.g. "Strongly disagree" (both neutral halves carry "Neither agree nor disagree"). */
  label: string;
  /** Percentages of the group, negative on the disagree side; null on a withheld bar (every segment of it). */
  data: (number | null)[];
}

export interface DivergingBar {
  itemCode: string;
  wording: string;
  stage: 'Before' | 'After';
  /** Nothing of this bar is drawn: the group, or one of its answers, is withheld. */
  withheld: boolean;
  /** The people the shares are of (paired respondents). */
  base: Count;
}

export interface DivergingData {
  /** One bar per item and stage: the wording (wrapped) over "Before", then "After"; ": withheld" when withheld. */
  labels: string[][];
  /** What each bar is, in the order of `labels`. */
  bars: DivergingBar[];
  datasets: DivergingDataset[];
}

export interface LikertTableRow {
  itemCode: string;
  wording: string;
  stage: 'Before' | 'After';
  /** Drawn as withheld in the chart (the table still gives any shares that were published). */
  withheld: boolean;
  base: Count;
  /** Why the row's group is withheld (null when it is shown). */
  reason: GroupWithheldReason | null;
  /** Shares (0–1) of levels 1 … 5; null where withheld. */
  shares: (number | null)[];
}

const NO_SHARES: (number | null)[] = [null, null, null, null, null];

/**
 * Likert-5 items to chart: those with both distributions, and withheld ones, which are shown as withheld rather
 * than left out, so a reader can see that a statement is missing and why.
 */
export function chartableLikertItems(items: readonly ItemAnalytics[]): ItemAnalytics[] {
  return items.filter(
    (item) =>
      item.type === 'likert-5' &&
      (item.withheld || (item.distributionFrom?.length === 5 && item.distributionTo?.length === 5)),
  );
}

/** Splits text into lines of at most `width` characters at spaces (a long word keeps its own line). */
export function wrapWords(text: string, width = 40): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A bar can be drawn only when every answer's share is known: drawing the rest would make the bar shorter on one
 * side and misstate the balance of opinion, so a bar missing any share is withheld as a whole.
 */
function wholeDistribution(item: ItemAnalytics, shares: readonly (number | null)[] | null): number[] | null {
  if (item.withheld || !shares || shares.length !== 5) return null;
  if (shares.some((share) => share === null)) return null;
  const known = shares as number[];
  const total = known.reduce((sum, share) => sum + share, 0);
  return total > 0 ? known.map((share) => share / total) : null;
}

/** Rounded well below what anyone reads, so the segments still add up to 100. */
function percent(share: number): number {
  return Math.round(share * 1e8) / 1e6;
}

function segmentValue(distribution: readonly number[] | null, segment: (typeof DIVERGING_SEGMENTS)[number]) {
  if (!distribution) return null;
  const share = distribution[segment.level - 1];
  const value = percent(segment.half ? share / 2 : share);
  return value === 0 ? 0 : segment.side * value;
}

function likertBars(items: readonly ItemAnalytics[]) {
  return chartableLikertItems(items).flatMap((item) =>
    (
      [
        ['Before', item.distributionFrom],
        ['After', item.distributionTo],
      ] as const
    ).map(([stage, shares]) => ({
      itemCode: item.itemCode,
      wording: item.wording,
      stage,
      base: item.nPaired,
      reason: item.withheldReason,
      shares: item.withheld ? NO_SHARES : (shares ?? NO_SHARES),
      whole: wholeDistribution(item, shares),
    })),
  );
}

export function divergingLikertData(items: readonly ItemAnalytics[], wrapWidth = 40): DivergingData {
  const bars = likertBars(items);
  return {
    labels: bars.map((bar) => {
      const stage = bar.whole ? bar.stage : `${bar.stage}: withheld`;
      return bar.stage === 'Before' ? [...wrapWords(bar.wording, wrapWidth), stage] : [stage];
    }),
    bars: bars.map((bar) => ({
      itemCode: bar.itemCode,
      wording: bar.wording,
      stage: bar.stage,
      withheld: !bar.whole,
      base: bar.base,
    })),
    datasets: DIVERGING_SEGMENTS.map((segment) => ({
      key: segment.key,
      label: LIKERT_5_LABELS[segment.level - 1],
      data: bars.map((bar) => segmentValue(bar.whole, segment)),
    })),
  };
}

/** The same figures as a table: one row per item and stage, a column per answer. */
export function likertTableRows(items: readonly ItemAnalytics[]): LikertTableRow[] {
  return likertBars(items).map((bar) => ({
    itemCode: bar.itemCode,
    wording: bar.wording,
    stage: bar.stage,
    withheld: !bar.whole,
    base: bar.base,
    reason: bar.whole ? null : (bar.reason ?? 'small'),
    shares: bar.shares,
  }));
}

/** Share who agreed or strongly agreed; null when either level is withheld. */
export function agreeShare(distribution: readonly (number | null)[] | null): number | null {
  const agree = distribution?.[3];
  const stronglyAgree = distribution?.[4];
  if (agree === null || agree === undefined || stronglyAgree === null || stronglyAgree === undefined)
    return null;
  return agree + stronglyAgree;
}

function percentText(share: number | null): string {
  return share === null ? 'withheld' : `${Math.round(share * 100)}%`;
}

/**
 * Why a statement's results are not shown, e.g. "fewer than 10 people answered before and after" (the disclosure
 * policy's `small`), or that they could be worked out by comparing views (`overlap`).
 */
export function withheldItemText(threshold: number, reason: GroupWithheldReason | null = 'small'): string {
  return reason === 'overlap'
    ? 'withheld so it cannot be worked out by comparing this view with another'
    : `fewer than ${threshold} people answered before and after`;
}

/** The chart in a sentence or two, for its accessible name. */
export function divergingSummary(items: readonly ItemAnalytics[], threshold = 10): string {
  const chartable = chartableLikertItems(items);
  if (!chartable.length)
    return 'Chart of answers before and after the programme: no statements can be shown.';
  const parts = chartable.map((item) =>
    item.withheld
      ? `“${item.wording}”: withheld (${withheldItemText(threshold, item.withheldReason)})`
      : `“${item.wording}”: ${percentText(agreeShare(item.distributionFrom))} before, ${percentText(
          agreeShare(item.distributionTo),
        )} after`,
  );
  return (
    `Diverging bar chart of answers to ${chartable.length} statement${chartable.length === 1 ? '' : 's'} ` +
    `before and after the programme, disagreement to the left and agreement to the right, each bar 100% of ` +
    `the people who answered both. Share agreeing or strongly agreeing: ${parts.join('; ')}. ` +
    `The table below has every figure.`
  );
}
