import { CumulativePoint, ItemAnalytics, ItemType } from '@upstand/contracts';
import { PdfLayout } from '../../common/pdf/pdf-layout';
import { PDF_COLOURS, PDF_FONTS } from '../../common/pdf/tagged-pdf';
import { percent, shown } from './board-report-text';

/**
 * The board report's charts: every item on one scale per chart, withheld items as labelled gaps (never shorter
 * bars), both axes drawn and titled, and alt text that says what the chart shows.
 */

const ROW_HEIGHT = 18;
const LABEL_WIDTH = 170;
/** Room to the right of the plot for each row's figure. */
const FIGURE_WIDTH = 80;

/** How the report names an item (its short label or wording, never its code) and says why it is withheld. */
export interface ItemWording {
  name(item: ItemAnalytics): string;
  withheld(item: ItemAnalytics): string;
}

/** "% improved" for every item on one 0–100% scale; withheld items are labelled gaps, never short bars. */
export function improvedChart(layout: PdfLayout, words: ItemWording, items: ItemAnalytics[]): void {
  layout.heading('How many people improved, item by item', 80 + items.length * ROW_HEIGHT);
  if (items.length === 0) return layout.paragraph('No questionnaire answers yet.');
  layout.paragraph(
    'The share of paired people (those who answered both before and after the programme) whose answer went up. Every item is on the same scale, 0% to 100%; n is the number of people each bar rests on.',
    { size: 9, colour: PDF_COLOURS.secondary },
  );
  const { doc } = layout;
  itemRowChart(layout, words, {
    items,
    alt: 'Bar chart, % of paired people whose answer improved',
    value: (item) => (item.withheld || item.improvedShare === null ? null : item.improvedShare),
    describe: percent,
    domain: [0, 1],
    ticks: [0, 0.25, 0.5, 0.75, 1],
    format: percent,
    axisTitle: 'People whose answer went up (% of paired people)',
    mark: (share, item, { x0, y, plotWidth }) => {
      doc.rect(x0, y, Math.max(share * plotWidth, 0.5), 11).fill(PDF_COLOURS.nhsBlue);
      return `${percent(share)} (n = ${shown(item.nPaired)})`;
    },
  });
}

interface Scale {
  type: ItemType;
  title: string;
  min: number;
  max: number;
  ticks: number[];
  value: (mean: number) => number;
  format: (value: number) => string;
  describe: (value: number) => string;
  axis: string;
}

/** Scales plotted as the average answer, in whole numbers on the axis and to one decimal place beside it. */
const AVERAGE_ANSWER: Pick<Scale, 'value' | 'format' | 'describe'> = {
  value: (mean) => mean,
  format: (value) => value.toFixed(0),
  describe: (value) => value.toFixed(1),
};

const SCALES: Scale[] = [
  {
    type: 'likert-5',
    title: 'Agreement (1 = strongly disagree, 5 = strongly agree)',
    min: 1,
    max: 5,
    ticks: [1, 2, 3, 4, 5],
    ...AVERAGE_ANSWER,
    axis: 'Average answer, 1 to 5',
  },
  {
    type: 'scale-0-10',
    title: 'Confidence (0 = not at all, 10 = completely)',
    min: 0,
    max: 10,
    ticks: [0, 2, 4, 6, 8, 10],
    ...AVERAGE_ANSWER,
    axis: 'Average answer, 0 to 10',
  },
  {
    type: 'yes-no',
    title: 'Yes or no',
    min: 0,
    max: 100,
    ticks: [0, 25, 50, 75, 100],
    value: (mean) => mean * 100,
    format: (value) => `${value.toFixed(0)}%`,
    describe: (value) => `${value.toFixed(0)}%`,
    axis: 'People answering yes (%)',
  },
];

/** Before and after means, one chart per scale (1–5 agreement, 0–10 confidence, yes/no as % yes). */
export function scaleCharts(layout: PdfLayout, words: ItemWording, items: ItemAnalytics[]): void {
  if (items.length === 0) return;
  layout.heading('Before and after, by kind of question', 200);
  layout.paragraph(
    'Average answers of the people who answered both before (grey) and after (blue) the programme. Each chart has its own scale, so questions on different scales are never compared on one axis.',
    { size: 9, colour: PDF_COLOURS.secondary },
  );
  for (const scale of SCALES) {
    const members = items.filter((item) => item.type === scale.type);
    if (members.length === 0) continue;
    dumbbellChart(layout, words, scale, members);
  }
}

/** One scale's items as dumbbells: a grey dot before, a blue dot after, joined by a line. */
function dumbbellChart(layout: PdfLayout, words: ItemWording, scale: Scale, items: ItemAnalytics[]): void {
  const { doc, margin } = layout;
  layout.ensureSpace(items.length * ROW_HEIGHT + 110);
  layout.pdf.block('H3', () => {
    doc.moveDown(0.4);
    doc.font(PDF_FONTS.bold).fontSize(11).fillColor(PDF_COLOURS.text).text(scale.title, margin, doc.y);
    doc.moveDown(0.2);
  });
  const describe = (mean: number) => scale.describe(scale.value(mean));
  itemRowChart(layout, words, {
    items,
    alt: `Chart, ${scale.title}, before and after`,
    value: (item) =>
      item.withheld || item.meanFrom === null || item.meanTo === null
        ? null
        : { from: item.meanFrom, to: item.meanTo },
    describe: ({ from, to }) => `${describe(from)} before, ${describe(to)} after`,
    domain: [scale.min, scale.max],
    ticks: scale.ticks,
    format: scale.format,
    axisTitle: scale.axis,
    mark: ({ from, to }, _item, { y, position }) => {
      const fromX = position(scale.value(from));
      const toX = position(scale.value(to));
      const middle = y + 5.5;
      doc.moveTo(fromX, middle).lineTo(toX, middle).lineWidth(2).strokeColor(PDF_COLOURS.pale).stroke();
      doc.circle(fromX, middle, 4).fill(PDF_COLOURS.secondary);
      doc.circle(toX, middle, 4).fill(PDF_COLOURS.nhsBlue);
      return `${describe(from)} to ${describe(to)}`;
    },
    legend: (x0, bottom) => {
      const legendY = bottom + 30;
      doc.circle(x0 + 4, legendY + 4, 4).fill(PDF_COLOURS.secondary);
      doc
        .fillColor(PDF_COLOURS.text)
        .fontSize(8)
        .text('Before', x0 + 12, legendY, { lineBreak: false });
      doc.circle(x0 + 64, legendY + 4, 4).fill(PDF_COLOURS.nhsBlue);
      doc.fillColor(PDF_COLOURS.text).text('After', x0 + 72, legendY, { lineBreak: false });
      return legendY + 16;
    },
  });
}

interface ItemRowChart<V> {
  items: ItemAnalytics[];
  /** What the chart is; the alt text goes on with each item's name and value. */
  alt: string;
  /** The item's value to plot, or null when it is withheld. */
  value(item: ItemAnalytics): V | null;
  /** A value in the alt text. */
  describe(value: V): string;
  /** The values at the left and right ends of the plot. */
  domain: [number, number];
  ticks: number[];
  format(tick: number): string;
  axisTitle: string;
  /** Draws an item's mark in its row and returns the figure written to the right of the plot. */
  mark(
    value: V,
    item: ItemAnalytics,
    row: { y: number; x0: number; plotWidth: number; position(value: number): number },
  ): string;
  /** Draws a legend under the axis title and returns where the text goes on. */
  legend?(x0: number, bottom: number): number;
}

/** A Figure with a row per item: its name on the left, its mark on a shared horizontal scale, its figure right. */
function itemRowChart<V>(layout: PdfLayout, words: ItemWording, chart: ItemRowChart<V>): void {
  const { doc, margin } = layout;
  const { items } = chart;
  const x0 = margin + LABEL_WIDTH;
  const plotWidth = layout.width - LABEL_WIDTH - FIGURE_WIDTH;
  const [min, max] = chart.domain;
  const position = (value: number) => x0 + ((value - min) / (max - min)) * plotWidth;
  const top = doc.y + 4;
  const bottom = top + items.length * ROW_HEIGHT + 4;
  const alt =
    `${chart.alt}: ` +
    items
      .map((item) => {
        const value = chart.value(item);
        return `${words.name(item)}: ${value === null ? 'withheld' : chart.describe(value)}`;
      })
      .join('; ');
  layout.pdf.block(
    'Figure',
    () => {
      horizontalAxis(layout, { x0, plotWidth, top, bottom, position }, chart);
      items.forEach((item, i) => {
        const y = top + 4 + i * ROW_HEIGHT;
        doc
          .font(PDF_FONTS.regular)
          .fontSize(8)
          .fillColor(PDF_COLOURS.text)
          .text(words.name(item), margin, y + 1, {
            width: LABEL_WIDTH - 8,
            height: ROW_HEIGHT - 2,
            ellipsis: true,
          });
        const value = chart.value(item);
        if (value === null) return withheldGap(layout, words.withheld(item), x0, y, plotWidth);
        const figure = chart.mark(value, item, { y, x0, plotWidth, position });
        doc
          .fillColor(PDF_COLOURS.text)
          .fontSize(8)
          .text(figure, x0 + plotWidth + 6, y + 1, { width: FIGURE_WIDTH - 6, lineBreak: false });
      });
      doc.y = chart.legend ? chart.legend(x0, bottom) : bottom + 30;
      doc.x = margin;
    },
    { alt },
  );
}

/** Light grid lines and tick labels under a horizontal plot, with the axis title below. */
function horizontalAxis(
  layout: PdfLayout,
  plot: { x0: number; plotWidth: number; top: number; bottom: number; position(value: number): number },
  axis: { ticks: number[]; format(tick: number): string; axisTitle: string },
): void {
  const { doc } = layout;
  const { x0, plotWidth, top, bottom, position } = plot;
  doc.lineWidth(0.5).strokeColor(PDF_COLOURS.border);
  for (const tick of axis.ticks) doc.moveTo(position(tick), top).lineTo(position(tick), bottom).stroke();
  doc
    .strokeColor(PDF_COLOURS.secondary)
    .moveTo(x0, bottom)
    .lineTo(x0 + plotWidth, bottom)
    .stroke();
  doc.font(PDF_FONTS.regular).fontSize(7).fillColor(PDF_COLOURS.secondary);
  for (const tick of axis.ticks) {
    doc
      .moveTo(position(tick), bottom)
      .lineTo(position(tick), bottom + 3)
      .stroke();
    doc.text(axis.format(tick), position(tick) - 20, bottom + 5, {
      width: 40,
      align: 'center',
      lineBreak: false,
    });
  }
  doc.fontSize(8).text(axis.axisTitle, x0, bottom + 16, { width: plotWidth, align: 'center' });
  doc.fillColor(PDF_COLOURS.text);
}

/** A withheld item's row in a chart: a labelled, outlined gap across the plot, never a shorter bar. */
function withheldGap(layout: PdfLayout, text: string, x0: number, y: number, plotWidth: number): void {
  const { doc } = layout;
  doc
    .save()
    .rect(x0, y - 1, plotWidth, 13)
    .dash(2, { space: 2 })
    .lineWidth(0.5)
    .fillAndStroke(PDF_COLOURS.white, PDF_COLOURS.pale)
    .restore();
  doc
    .font(PDF_FONTS.regular)
    .fontSize(8)
    .fillColor(PDF_COLOURS.secondary)
    .text(text, x0 + 4, y + 1, { width: plotWidth - 8, lineBreak: false });
  doc.fillColor(PDF_COLOURS.text);
}

/** Certified Active Bystanders over time, with both axes; withheld quarters are gaps, named below. */
export function cumulativeChart(layout: PdfLayout, points: CumulativePoint[]): void {
  const { doc, margin } = layout;
  layout.heading('Active Bystanders trained over time', 240);
  const published = points.filter((point) => point.total.value !== null);
  if (published.length < 2) return layout.paragraph('Not enough published quarters to draw a line yet.');
  const yAxisWidth = 40;
  const x0 = margin + yAxisWidth;
  const plotWidth = layout.width - yAxisWidth - 10;
  const plotHeight = 140;
  const top = doc.y + 6;
  const bottom = top + plotHeight;
  const maxValue = Math.max(...published.map((point) => point.total.value ?? 0));
  const step = niceStep(maxValue / 5);
  const yMax = Math.max(step, Math.ceil(maxValue / step) * step);
  const xStep = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const xOf = (i: number) => x0 + i * xStep;
  const yOf = (value: number) => bottom - (value / yMax) * plotHeight;
  const quarter = (month: string) => month.replace('-', ' ');
  const withheld = points.filter((point) => point.total.value === null).map((point) => quarter(point.month));
  const alt = `Line chart of certified Active Bystanders, cumulative, by quarter: ${published
    .map((point) => `${quarter(point.month)} ${point.total.value}`)
    .join(', ')}${withheld.length ? `; withheld: ${withheld.join(', ')}` : ''}.`;
  layout.pdf.block(
    'Figure',
    () => {
      doc.lineWidth(0.5);
      doc.font(PDF_FONTS.regular).fontSize(7);
      for (let value = 0; value <= yMax; value += step) {
        doc
          .strokeColor(PDF_COLOURS.border)
          .moveTo(x0, yOf(value))
          .lineTo(x0 + plotWidth, yOf(value))
          .stroke();
        doc.fillColor(PDF_COLOURS.secondary).text(value.toLocaleString('en-GB'), margin, yOf(value) - 4, {
          width: yAxisWidth - 6,
          align: 'right',
          lineBreak: false,
        });
      }
      doc
        .strokeColor(PDF_COLOURS.secondary)
        .moveTo(x0, top)
        .lineTo(x0, bottom)
        .lineTo(x0 + plotWidth, bottom)
        .stroke();
      // The line joins published neighbours only: a withheld quarter leaves a gap.
      doc.lineWidth(2).strokeColor(PDF_COLOURS.nhsBlue);
      points.forEach((point, i) => {
        const next = points[i + 1];
        if (point.total.value !== null && next && next.total.value !== null)
          doc
            .moveTo(xOf(i), yOf(point.total.value))
            .lineTo(xOf(i + 1), yOf(next.total.value))
            .stroke();
        if (point.total.value !== null)
          doc.circle(xOf(i), yOf(point.total.value), 2).fill(PDF_COLOURS.nhsBlue);
        else
          doc
            .font(PDF_FONTS.regular)
            .fontSize(7)
            .fillColor(PDF_COLOURS.secondary)
            .text('Withheld', xOf(i) - 25, bottom - 12, { width: 50, align: 'center', lineBreak: false });
      });
      doc.lineWidth(0.5).strokeColor(PDF_COLOURS.secondary);
      const every = Math.ceil(points.length / 8);
      points.forEach((point, i) => {
        if (i % every !== 0 && i !== points.length - 1) return;
        doc
          .moveTo(xOf(i), bottom)
          .lineTo(xOf(i), bottom + 3)
          .stroke();
        doc
          .fillColor(PDF_COLOURS.secondary)
          .fontSize(7)
          .text(quarter(point.month), xOf(i) - 25, bottom + 5, {
            width: 50,
            align: 'center',
            lineBreak: false,
          });
      });
      doc
        .fontSize(8)
        .text('Quarter of certification', x0, bottom + 17, { width: plotWidth, align: 'center' });
      doc.save().rotate(-90, { origin: [margin - 14, bottom] });
      doc.text('Certified, running total', margin - 14, bottom, {
        width: plotHeight,
        align: 'center',
        lineBreak: false,
      });
      doc.restore();
      doc.fillColor(PDF_COLOURS.text);
      doc.y = bottom + 32;
      doc.x = margin;
    },
    { alt },
  );
  const last = published[published.length - 1];
  layout.paragraph(
    (last
      ? `${last.total.value?.toLocaleString('en-GB')} certified by the end of ${quarter(last.month)}.`
      : '') +
      (withheld.length
        ? ` Withheld to protect small numbers (gaps in the line): ${withheld.join(', ')}.`
        : ''),
    { size: 9, colour: PDF_COLOURS.secondary },
  );
}

/** 1, 2 or 5 times a power of ten, at least `rough`: tick steps people read easily. */
function niceStep(rough: number): number {
  if (rough <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough);
  return step ?? 10 * power;
}
