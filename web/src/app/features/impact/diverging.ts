import { ItemAnalytics, LIKERT_5_LABELS } from '@upstand/contracts';

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
  /** Percentages, negative on the disagree side; null where the share is withheld. */
  data: (number | null)[];
}

export interface DivergingData {
  /** One bar per item and stage: the wording (wrapped) over "Before", then "After". */
  labels: string[][];
  /** What each bar is, in the order of `labels`. */
  bars: { wording: string; stage: 'Before' | 'After' }[];
  datasets: DivergingDataset[];
}

export interface LikertTableRow {
  itemCode: string;
  wording: string;
  stage: 'Before' | 'After';
  /** Shares (0–1) of levels 1 … 5; null where withheld. */
  shares: (number | null)[];
}

/** Likert-5 items whose pre and post answer distributions can be shown. */
export function chartableLikertItems(items: readonly ItemAnalytics[]): ItemAnalytics[] {
  return items.filter(
    (item) =>
      item.type === 'likert-5' &&
      !item.withheld &&
      item.distributionFrom?.length === 5 &&
      item.distributionTo?.length === 5,
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

function percent(share: number): number {
  return Math.round(share * 1000) / 10;
}

function segmentValue(
  distribution: readonly (number | null)[],
  segment: (typeof DIVERGING_SEGMENTS)[number],
) {
  const share = distribution[segment.level - 1];
  if (share === null || share === undefined) return null;
  const value = percent(segment.half ? share / 2 : share);
  return value === 0 ? 0 : segment.side * value;
}

export function divergingLikertData(items: readonly ItemAnalytics[], wrapWidth = 40): DivergingData {
  const chartable = chartableLikertItems(items);
  const bars = chartable.flatMap((item) => [
    {
      label: [...wrapWords(item.wording, wrapWidth), 'Before'],
      wording: item.wording,
      stage: 'Before' as const,
      distribution: item.distributionFrom ?? [],
    },
    {
      label: ['After'],
      wording: item.wording,
      stage: 'After' as const,
      distribution: item.distributionTo ?? [],
    },
  ]);
  return {
    labels: bars.map((bar) => bar.label),
    bars: bars.map((bar) => ({ wording: bar.wording, stage: bar.stage })),
    datasets: DIVERGING_SEGMENTS.map((segment) => ({
      key: segment.key,
      label: LIKERT_5_LABELS[segment.level - 1],
      data: bars.map((bar) => segmentValue(bar.distribution, segment)),
    })),
  };
}

/** The same figures as a table: one row per item and stage, a column per answer. */
export function likertTableRows(items: readonly ItemAnalytics[]): LikertTableRow[] {
  return chartableLikertItems(items).flatMap((item) => [
    {
      itemCode: item.itemCode,
      wording: item.wording,
      stage: 'Before' as const,
      shares: item.distributionFrom ?? [],
    },
    {
      itemCode: item.itemCode,
      wording: item.wording,
      stage: 'After' as const,
      shares: item.distributionTo ?? [],
    },
  ]);
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

/** The chart in a sentence or two, for its accessible name. */
export function divergingSummary(items: readonly ItemAnalytics[]): string {
  const chartable = chartableLikertItems(items);
  if (!chartable.length)
    return 'Chart of answers before and after the programme: no statements can be shown.';
  const parts = chartable.map(
    (item) =>
      `“${item.wording}”: ${percentText(agreeShare(item.distributionFrom))} before, ${percentText(
        agreeShare(item.distributionTo),
      )} after`,
  );
  return (
    `Diverging bar chart of answers to ${chartable.length} statement${chartable.length === 1 ? '' : 's'} ` +
    `before and after the programme, disagreement to the left and agreement to the right. ` +
    `Share agreeing or strongly agreeing: ${parts.join('; ')}. The table below has every figure.`
  );
}
