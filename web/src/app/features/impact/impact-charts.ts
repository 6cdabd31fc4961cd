import { CumulativeReport, FUNNEL_STAGE_LABELS, FunnelReport, ItemAnalytics } from '@upstand/contracts';
import type { ChartConfiguration, ChartType, Plugin, TooltipItem } from 'chart.js';
import { FillMaker, NHS_COLOURS, PatternKind } from '../../shared/charts/chart-setup';
import { DivergingSegment, divergingLikertData, withheldItemText, wrapWords } from './diverging';
import { countSpoken, formatPeriod, isQuarter } from './impact-format';

const SEGMENT_STYLE: Record<DivergingSegment, { colour: string; pattern: PatternKind }> = {
  'strongly-disagree': { colour: NHS_COLOURS.darkPink, pattern: 'cross' },
  disagree: { colour: NHS_COLOURS.orange, pattern: 'solid' },
  'neutral-left': { colour: NHS_COLOURS.paleGrey, pattern: 'dots' },
  'neutral-right': { colour: NHS_COLOURS.paleGrey, pattern: 'dots' },
  agree: { colour: NHS_COLOURS.lightBlue, pattern: 'solid' },
  'strongly-agree': { colour: NHS_COLOURS.darkBlue, pattern: 'diagonal' },
};

/** Legend order, left to right as the bars read. */
const LEGEND_ORDER: DivergingSegment[] = [
  'strongly-disagree',
  'disagree',
  'neutral-left',
  'agree',
  'strongly-agree',
];

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

const FONT = { family: 'Frutiger W01, Arial, sans-serif' };

/**
 * Writes a note such as "Withheld: fewer than 10 people" where a withheld bar would be, so a gap in a chart is
 * read as withheld and never as nothing or as a short bar. `notes[index]` belongs to the index-th category.
 */
export function withheldNotesPlugin<T extends ChartType>(
  notes: readonly (string | null)[],
  horizontal: boolean,
): Plugin<T> {
  return {
    id: 'withheldNotes',
    afterDatasetsDraw: (chart) => {
      const { ctx, scales, chartArea } = chart;
      const category = horizontal ? scales['y'] : scales['x'];
      const value = horizontal ? scales['x'] : scales['y'];
      if (!category || !value) return;
      ctx.save();
      ctx.fillStyle = NHS_COLOURS.black;
      ctx.font = `italic 14px ${FONT.family}`;
      ctx.textBaseline = 'middle';
      notes.forEach((note, index) => {
        if (!note) return;
        const at = category.getPixelForValue(index);
        if (horizontal) {
          ctx.textAlign = 'center';
          // On a phone the full note would be squashed unreadably: "Withheld" alone still says what the gap is.
          const fits = ctx.measureText(note).width <= chartArea.width - 8;
          ctx.fillText(fits ? note : 'Withheld', value.getPixelForValue(0), at, chartArea.width - 8);
        } else {
          // Upright in the gap, reading upwards from the axis, so long notes fit a narrow column.
          ctx.translate(at, chartArea.bottom - 8);
          ctx.rotate(-Math.PI / 2);
          ctx.textAlign = 'left';
          ctx.fillText(note, 0, 0, chartArea.height - 16);
          ctx.setTransform(1, 0, 0, 1, 0, 0);
        }
      });
      ctx.restore();
    },
  };
}

export function divergingChartConfig(
  items: readonly ItemAnalytics[],
  fill: FillMaker,
  threshold = 10,
  wrapWidth = 40,
): ChartConfiguration<'bar'> {
  const data = divergingLikertData(items, wrapWidth);
  const notes = data.bars.map((bar) =>
    bar.withheld
      ? `Withheld: ${withheldItemText(threshold, items.find((item) => item.itemCode === bar.itemCode)?.withheldReason)}`
      : null,
  );
  const datasets = data.datasets.map((dataset) => {
    const style = SEGMENT_STYLE[dataset.key];
    return {
      label: dataset.label,
      data: dataset.data,
      // Drawn patterns are made on first use by chart.js, not when the configuration is built.
      backgroundColor: once(() => fill(style.colour, style.pattern)),
      borderColor: '#ffffff',
      borderWidth: 1,
      stack: 'answers',
      barPercentage: 0.9,
      categoryPercentage: 0.9,
    };
  });
  return {
    type: 'bar',
    data: { labels: data.labels, datasets },
    plugins: [withheldNotesPlugin<'bar'>(notes, true)],
    options: {
      indexAxis: 'y',
      scales: {
        x: {
          stacked: true,
          min: -100,
          max: 100,
          ticks: { callback: (value) => `${Math.abs(Number(value))}%`, stepSize: 25, font: FONT },
          title: {
            display: true,
            text: '← Disagree     Share of the people who answered both (%)     Agree →',
            font: FONT,
          },
        },
        y: {
          stacked: true,
          ticks: { autoSkip: false, font: FONT },
          title: { display: true, text: 'Statement, before and after', font: FONT },
        },
      },
      plugins: {
        legend: {
          position: 'top',
          labels: {
            font: FONT,
            sort: (a, b) =>
              LEGEND_ORDER.indexOf(data.datasets[a.datasetIndex ?? 0].key) -
              LEGEND_ORDER.indexOf(data.datasets[b.datasetIndex ?? 0].key),
            filter: (item) => data.datasets[item.datasetIndex ?? 0].key !== 'neutral-right',
          },
          // One legend entry stands for both halves of "neither", so clicking it must not hide only one.
          onClick: () => undefined,
        },
        tooltip: {
          callbacks: {
            title: (tooltipItems: TooltipItem<'bar'>[]) => {
              const bar = data.bars[tooltipItems[0]?.dataIndex ?? 0];
              return bar ? `${bar.wording} (${bar.stage.toLowerCase()})` : '';
            },
            label: (context: TooltipItem<'bar'>) => {
              const key = data.datasets[context.datasetIndex].key;
              const raw = Math.abs(Number(context.raw));
              const value = key.startsWith('neutral') ? raw * 2 : raw;
              return `${context.dataset.label}: ${Math.round(value * 10) / 10}%`;
            },
          },
        },
      },
    },
  };
}

export function funnelChartConfig(funnel: FunnelReport): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    plugins: [
      withheldNotesPlugin<'bar'>(
        funnel.overall.map((count) => (count.suppressed ? 'Withheld' : null)),
        false,
      ),
    ],
    data: {
      // A withheld stage has no bar, so its label says why.
      labels: funnel.stages.map((stage, index) =>
        wrapWords(
          `${FUNNEL_STAGE_LABELS[stage]}${funnel.overall[index]?.suppressed ? ' (withheld)' : ''}`,
          16,
        ),
      ),
      datasets: [
        {
          label: 'People',
          data: funnel.overall.map((count) => (count.suppressed ? null : count.value)),
          backgroundColor: NHS_COLOURS.blue,
        },
      ],
    },
    options: {
      scales: {
        y: {
          beginAtZero: true,
          ticks: { precision: 0, font: FONT },
          title: { display: true, text: 'People', font: FONT },
        },
        x: {
          ticks: { font: FONT, maxRotation: 0, autoSkip: false },
          title: { display: true, text: 'Stage of the programme', font: FONT },
        },
      },
      plugins: { legend: { display: false } },
    },
  };
}

export function funnelSummary(funnel: FunnelReport): string {
  const parts = funnel.stages.map(
    (stage, index) =>
      `${FUNNEL_STAGE_LABELS[stage]} ${countSpoken(funnel.overall[index] ?? { value: null, suppressed: true }, funnel.threshold)}`,
  );
  return `Bar chart of people at each stage of the programme: ${parts.join(', ')}.`;
}

const LINE_STYLES = [
  { key: 'home', label: 'Home system', colour: NHS_COLOURS.blue, dash: [], point: 'circle' },
  { key: 'scaleUp', label: 'Midlands scale-up', colour: NHS_COLOURS.orange, dash: [8, 4], point: 'triangle' },
  { key: 'total', label: 'All systems', colour: NHS_COLOURS.black, dash: [2, 3], point: 'rect' },
] as const;

export function cumulativeChartConfig(report: CumulativeReport): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: {
      labels: report.points.map((point) => wrapWords(formatPeriod(point.month), 14)),
      datasets: LINE_STYLES.map((style) => ({
        label: style.label,
        data: report.points.map((point) => (point[style.key].suppressed ? null : point[style.key].value)),
        borderColor: style.colour,
        backgroundColor: style.colour,
        borderDash: [...style.dash],
        pointStyle: style.point,
        pointRadius: 4,
        borderWidth: 2,
        spanGaps: false,
      })),
    },
    options: {
      scales: {
        y: {
          beginAtZero: true,
          ticks: { precision: 0, font: FONT },
          title: { display: true, text: 'Certified Active Bystanders (cumulative)', font: FONT },
        },
        x: {
          ticks: { font: FONT, maxRotation: 0 },
          title: {
            display: true,
            text: report.points.some((point) => isQuarter(point.month))
              ? 'Quarter of certification'
              : 'Month of certification',
            font: FONT,
          },
        },
      },
      plugins: { legend: { position: 'top', labels: { usePointStyle: true, font: FONT } } },
    },
  };
}

export function cumulativeSummary(report: CumulativeReport): string {
  const last = report.points.at(-1);
  if (!last) return 'Line chart of certified Active Bystanders over time: nobody has been certified yet.';
  return (
    `Line chart of certified Active Bystanders over time, home system, Midlands scale-up and all systems, ` +
    `from ${formatPeriod(report.points[0].month)} to ${formatPeriod(last.month)}. Latest (${formatPeriod(last.month)}): ` +
    `home system ${countSpoken(last.home, report.threshold)}, Midlands scale-up ${countSpoken(last.scaleUp, report.threshold)}, ` +
    `all systems ${countSpoken(last.total, report.threshold)}.` +
    (cumulativeHasGaps(report) ? ' Gaps in a line are withheld figures, not zero.' : '')
  );
}

/** Whether any point of the chart is withheld (drawn as a gap in its line). */
export function cumulativeHasGaps(report: CumulativeReport): boolean {
  return report.points.some(
    (point) => point.home.suppressed || point.scaleUp.suppressed || point.total.suppressed,
  );
}
