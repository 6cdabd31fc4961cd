import {
  AnalyticsOverview,
  Breakdown,
  BREAKDOWN_DIMENSION_LABELS,
  Count,
  CumulativeReport,
  disclosurePolicySummary,
  FUNNEL_STAGE_LABELS,
  FunnelReport,
  ItemAnalytics,
  ItemAnalyticsReport,
  ItemType,
  ReachReport,
} from '@upstand/contracts';
import { formatLondonDateTime, formatNhsDate } from '@upstand/schedule';
import {
  createTaggedPdf,
  drawBrandMark,
  PDF_COLOURS,
  PDF_FONTS,
  PdfBranding,
  TaggedPdf,
} from '../../common/pdf/tagged-pdf';

export interface BoardReportData {
  programmeName: string;
  branding: PdfBranding;
  generatedAt: Date;
  /** The cohort start dates covered (after any widening to financial years). */
  startFrom: string | null;
  startTo: string | null;
  /** The filters applied, in words: "Integrated care system: NHS Coventry and Warwickshire ICB". */
  filters: string[];
  /** Programme team's person-level view: nothing withheld. */
  personLevel: boolean;
  threshold: number;
  /** What each item is called: its short label, else its wording (never its code). */
  itemLabels: Record<string, string>;
  overview: AnalyticsOverview;
  items: ItemAnalyticsReport;
  funnel: FunnelReport;
  reach: ReachReport;
  cumulative: CumulativeReport;
  breakdowns: Breakdown[];
  review: { label: string; ratings: { area: string; rating: string; evidence: string }[] } | null;
  actions: { action: string; owner: string; dueDate: string; status: string }[];
}

const MARGIN = 50;
const RAG_COLOURS: Record<string, string> = { red: '#D5281B', amber: '#FFB81C', green: '#007F3B' };
const ACTION_STATUS: Record<string, string> = { open: 'Open', 'in-progress': 'In progress' };
const CHARTED_TYPES: ItemType[] = ['likert-5', 'scale-0-10', 'yes-no'];

const shown = (count: Count) => (count.suppressed ? 'Withheld' : String(count.value ?? 0));
const pText = (p: number | null | undefined) =>
  p === null || p === undefined ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3);
const pPhrase = (p: number | null | undefined) => {
  const text = pText(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
};
const signed = (value: number, digits = 2) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "Cohorts starting 1 April 2026 to 31 March 2027", or "All cohorts to date". */
export function describePeriod(startFrom: string | null, startTo: string | null): string {
  if (startFrom && startTo)
    return `Cohorts starting ${formatNhsDate(startFrom)} to ${formatNhsDate(startTo)}`;
  if (startFrom) return `Cohorts starting on or after ${formatNhsDate(startFrom)}`;
  if (startTo) return `Cohorts starting on or before ${formatNhsDate(startTo)}`;
  return 'All cohorts to date';
}

/**
 * The PDF for the ICB Board: a title page in the service owner's branding, headline figures, charts on one scale
 * each, protected breakdowns, the disclosure note, framework ratings and open actions, with page numbers. Items
 * are called by their short label or wording, never their code; dates are London's, written the NHS way.
 */
export function renderBoardReport(data: BoardReportData): Promise<Buffer> {
  const pdf = createTaggedPdf({
    title: `${data.programmeName}: impact report for the ICB Board`,
    author: data.branding.organisationName,
    subject: `${describePeriod(data.startFrom, data.startTo)}. Generated ${formatLondonDateTime(data.generatedAt)}.`,
  });
  const report = new BoardReportWriter(pdf, data);
  report.titlePage();
  report.headline();
  report.improvedChart();
  report.scaleCharts();
  report.itemTable();
  report.cumulativeChart();
  report.funnelAndReach();
  report.breakdownTables();
  report.disclosureNote();
  report.framework();
  report.actions();
  return pdf.finish({ footer: `${data.programmeName}: impact report for the ICB Board` });
}

class BoardReportWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly width: number;

  constructor(
    private readonly pdf: TaggedPdf,
    private readonly data: BoardReportData,
  ) {
    this.doc = pdf.doc;
    this.width = this.doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private label(code: string, fallback: string): string {
    return this.data.itemLabels[code] ?? fallback;
  }

  private withheldText(item: ItemAnalytics): string {
    return item.withheldReason === 'overlap'
      ? 'Withheld: could be worked out by comparing views'
      : `Withheld: fewer than ${this.data.threshold} people`;
  }

  /** A withheld item's row in a chart: a labelled, outlined gap across the plot, never a shorter bar. */
  private withheldGap(item: ItemAnalytics, x0: number, y: number, plotWidth: number): void {
    const { doc } = this;
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
      .text(this.withheldText(item), x0 + 4, y + 1, { width: plotWidth - 8, lineBreak: false });
    doc.fillColor(PDF_COLOURS.text);
  }

  private heading(text: string, spaceNeeded = 120): void {
    this.ensureSpace(spaceNeeded);
    const { doc } = this;
    this.pdf.block('H2', () => {
      doc.moveDown(0.8);
      doc.font(PDF_FONTS.bold).fontSize(15).fillColor(PDF_COLOURS.nhsBlue);
      doc.text(text, MARGIN, doc.y, { width: this.width });
      doc.moveDown(0.3);
    });
    doc.font(PDF_FONTS.regular).fontSize(10).fillColor(PDF_COLOURS.text);
  }

  private paragraph(text: string, options: { size?: number; colour?: string; bold?: boolean } = {}): void {
    const { doc } = this;
    this.pdf.block('P', () => {
      doc
        .font(options.bold ? PDF_FONTS.bold : PDF_FONTS.regular)
        .fontSize(options.size ?? 10)
        .fillColor(options.colour ?? PDF_COLOURS.text)
        .text(text, MARGIN, doc.y, { width: this.width });
      doc.moveDown(0.3);
    });
    doc.font(PDF_FONTS.regular).fontSize(10).fillColor(PDF_COLOURS.text);
  }

  /** A table with a header row; widths are shares of the page width. */
  private table(columns: string[], rows: string[][], widths: number[]): void {
    const { doc } = this;
    const cellWidth = (column: number) => (widths[column] ?? 0.2) * this.width;
    const cellX = (column: number) =>
      MARGIN + widths.slice(0, column).reduce((sum, w) => sum + w * this.width, 0);
    const cells = (row: number) => (row === -1 ? columns : (rows[row] ?? []));
    const fontFor = (row: number) => (row === -1 ? PDF_FONTS.bold : PDF_FONTS.regular);
    const rowHeight = (row: number) => {
      doc.font(fontFor(row)).fontSize(9);
      return Math.max(
        ...cells(row).map((cell, column) => doc.heightOfString(cell, { width: cellWidth(column) - 6 })),
      );
    };
    let top = 0;
    let height = 0;
    this.pdf.table(rows.length, columns.length, {
      beforeRow: (row) => {
        height = rowHeight(row);
        if (doc.y + height + 6 > this.bottom) doc.addPage();
        top = doc.y;
      },
      cell: (row, column) => {
        doc
          .font(fontFor(row))
          .fontSize(9)
          .fillColor(PDF_COLOURS.text)
          .text(cells(row)[column] ?? '', cellX(column), top, { width: cellWidth(column) - 6 });
      },
      afterRow: () => {
        doc.y = top + height + 4;
        const y = doc.y - 2;
        this.pdf.artifact(() =>
          doc
            .moveTo(MARGIN, y)
            .lineTo(MARGIN + this.width, y)
            .lineWidth(0.5)
            .strokeColor(PDF_COLOURS.pale)
            .stroke(),
        );
      },
    });
    doc.x = MARGIN;
    doc.moveDown(0.4);
  }

  titlePage(): void {
    const { doc, data } = this;
    drawBrandMark(this.pdf, data.branding, {
      x: MARGIN,
      y: MARGIN,
      height: 40,
      maxWidth: this.width,
      align: 'right',
    });
    this.pdf.block('P', () =>
      doc
        .font(PDF_FONTS.bold)
        .fontSize(11)
        .fillColor(PDF_COLOURS.secondary)
        .text(data.branding.organisationName, MARGIN, MARGIN + 4, { width: this.width * 0.6 }),
    );
    doc.y = 220;
    this.pdf.block('H1', () =>
      doc
        .font(PDF_FONTS.bold)
        .fontSize(28)
        .fillColor(PDF_COLOURS.nhsBlue)
        .text(data.programmeName, MARGIN, doc.y, { width: this.width }),
    );
    doc.moveDown(0.3);
    this.paragraph('Impact report for the ICB Board', { size: 16 });
    doc.moveDown(1.5);
    const facts: [string, string][] = [
      ['Reporting period', describePeriod(data.startFrom, data.startTo)],
      [
        'Filters applied',
        data.filters.length ? data.filters.join('; ') : 'None: the whole programme, every system',
      ],
      ['Prepared by', data.branding.organisationName],
      ['Generated', formatLondonDateTime(data.generatedAt)],
      [
        'Who may see it',
        data.personLevel
          ? 'The programme team only: person-level figures, nothing withheld'
          : `The steering group and sponsors: groups of fewer than ${data.threshold} people are withheld (see "Protecting small numbers")`,
      ],
    ];
    for (const [name, value] of facts)
      this.pdf.block('P', () => {
        doc.font(PDF_FONTS.bold).fontSize(10).fillColor(PDF_COLOURS.secondary).text(name, MARGIN, doc.y);
        doc
          .font(PDF_FONTS.regular)
          .fontSize(12)
          .fillColor(PDF_COLOURS.text)
          .text(value, { width: this.width });
        doc.moveDown(0.6);
      });
    doc.addPage();
  }

  headline(): void {
    const { data } = this;
    const o = data.overview;
    const headline = o.headline;
    this.pdf.block('H1', () => {
      this.doc
        .font(PDF_FONTS.bold)
        .fontSize(20)
        .fillColor(PDF_COLOURS.nhsBlue)
        .text('Summary', MARGIN, this.doc.y);
    });
    this.heading('Headline figures');
    const headlineLabel = headline ? this.label(headline.itemCode, headline.wording) : 'the headline item';
    this.table(
      ['Measure', 'Value'],
      [
        ['Active Bystanders trained (certified)', shown(o.trained)],
        ['From the home system', shown(o.trainedHome)],
        [
          'From Midlands scale-up systems',
          `${shown(o.trainedScaleUp)}${o.scaleUpShare !== null ? ` (${percent(o.scaleUpShare)})` : ''}`,
        ],
        ['People who answered before and after (paired)', shown(o.pairedPrePost)],
        [
          `Change in "${headlineLabel}" (1 to 5 scale, paired people)`,
          headline && !headline.withheld && headline.meanChange !== null
            ? `${signed(headline.meanChange)}` +
              (headline.ci95
                ? ` (95% CI ${headline.ci95[0].toFixed(2)} to ${headline.ci95[1].toFixed(2)})`
                : '') +
              `; Wilcoxon ${pPhrase(headline.wilcoxon?.pValue)}; ` +
              `effect size r = ${headline.effectSizeR?.toFixed(2) ?? '–'}; n = ${shown(headline.nPaired)}`
            : headline
              ? this.withheldText(headline)
              : 'No answers yet',
        ],
      ],
      [0.55, 0.45],
    );
  }

  private chartedItems(): ItemAnalytics[] {
    return this.data.items.items.filter((item) => CHARTED_TYPES.includes(item.type));
  }

  /** Light grid lines and tick labels under a horizontal plot, with the axis title below. */
  private horizontalAxis(
    x0: number,
    plotWidth: number,
    top: number,
    bottom: number,
    ticks: number[],
    position: (value: number) => number,
    format: (value: number) => string,
    title: string,
  ): void {
    const { doc } = this;
    doc.lineWidth(0.5).strokeColor(PDF_COLOURS.border);
    for (const tick of ticks) doc.moveTo(position(tick), top).lineTo(position(tick), bottom).stroke();
    doc
      .strokeColor(PDF_COLOURS.secondary)
      .moveTo(x0, bottom)
      .lineTo(x0 + plotWidth, bottom)
      .stroke();
    doc.font(PDF_FONTS.regular).fontSize(7).fillColor(PDF_COLOURS.secondary);
    for (const tick of ticks) {
      doc
        .moveTo(position(tick), bottom)
        .lineTo(position(tick), bottom + 3)
        .stroke();
      doc.text(format(tick), position(tick) - 20, bottom + 5, {
        width: 40,
        align: 'center',
        lineBreak: false,
      });
    }
    doc.fontSize(8).text(title, x0, bottom + 16, { width: plotWidth, align: 'center' });
    doc.fillColor(PDF_COLOURS.text);
  }

  /** "% improved" for every item on one 0–100% scale; withheld items are labelled gaps, never short bars. */
  improvedChart(): void {
    const items = this.chartedItems();
    this.heading('How many people improved, item by item', 80 + items.length * 18);
    if (items.length === 0) return this.paragraph('No questionnaire answers yet.');
    this.paragraph(
      'The share of paired people (those who answered both before and after the programme) whose answer went up. Every item is on the same scale, 0% to 100%; n is the number of people each bar rests on.',
      { size: 9, colour: PDF_COLOURS.secondary },
    );
    const { doc } = this;
    const labelWidth = 170;
    const x0 = MARGIN + labelWidth;
    const plotWidth = this.width - labelWidth - 80;
    const rowHeight = 18;
    const top = doc.y + 4;
    const position = (share: number) => x0 + share * plotWidth;
    const alt =
      'Bar chart, % of paired people whose answer improved: ' +
      items
        .map(
          (item) =>
            `${this.label(item.itemCode, item.wording)}: ${
              item.withheld || item.improvedShare === null ? 'withheld' : percent(item.improvedShare)
            }`,
        )
        .join('; ');
    this.pdf.block(
      'Figure',
      () => {
        const bottom = top + items.length * rowHeight + 4;
        this.horizontalAxis(
          x0,
          plotWidth,
          top,
          bottom,
          [0, 0.25, 0.5, 0.75, 1],
          position,
          percent,
          'People whose answer went up (% of paired people)',
        );
        items.forEach((item, i) => {
          const y = top + 4 + i * rowHeight;
          doc
            .font(PDF_FONTS.regular)
            .fontSize(8)
            .fillColor(PDF_COLOURS.text)
            .text(this.label(item.itemCode, item.wording), MARGIN, y + 1, {
              width: labelWidth - 8,
              height: rowHeight - 2,
              ellipsis: true,
            });
          if (item.withheld || item.improvedShare === null) {
            this.withheldGap(item, x0, y, plotWidth);
            return;
          }
          doc.rect(x0, y, Math.max(item.improvedShare * plotWidth, 0.5), 11).fill(PDF_COLOURS.nhsBlue);
          doc
            .fillColor(PDF_COLOURS.text)
            .fontSize(8)
            .text(`${percent(item.improvedShare)} (n = ${shown(item.nPaired)})`, x0 + plotWidth + 6, y + 1, {
              width: 74,
              lineBreak: false,
            });
        });
        doc.y = bottom + 30;
        doc.x = MARGIN;
      },
      { alt },
    );
  }

  /** Before and after means, one chart per scale (1–5 agreement, 0–10 confidence, yes/no as % yes). */
  scaleCharts(): void {
    const items = this.chartedItems();
    if (items.length === 0) return;
    this.heading('Before and after, by kind of question', 200);
    this.paragraph(
      'Average answers of the people who answered both before (grey) and after (blue) the programme. Each chart has its own scale, so questions on different scales are never compared on one axis.',
      { size: 9, colour: PDF_COLOURS.secondary },
    );
    const groups: {
      type: ItemType;
      title: string;
      min: number;
      max: number;
      ticks: number[];
      value: (mean: number) => number;
      format: (value: number) => string;
      describe: (value: number) => string;
      axis: string;
    }[] = [
      {
        type: 'likert-5',
        title: 'Agreement (1 = strongly disagree, 5 = strongly agree)',
        min: 1,
        max: 5,
        ticks: [1, 2, 3, 4, 5],
        value: (mean) => mean,
        format: (value) => value.toFixed(0),
        describe: (value) => value.toFixed(1),
        axis: 'Average answer, 1 to 5',
      },
      {
        type: 'scale-0-10',
        title: 'Confidence (0 = not at all, 10 = completely)',
        min: 0,
        max: 10,
        ticks: [0, 2, 4, 6, 8, 10],
        value: (mean) => mean,
        format: (value) => value.toFixed(0),
        describe: (value) => value.toFixed(1),
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
    for (const group of groups) {
      const members = items.filter((item) => item.type === group.type);
      if (members.length === 0) continue;
      this.dumbbellChart(group, members);
    }
  }

  private dumbbellChart(
    group: {
      title: string;
      min: number;
      max: number;
      ticks: number[];
      value: (mean: number) => number;
      format: (value: number) => string;
      describe: (value: number) => string;
      axis: string;
    },
    items: ItemAnalytics[],
  ): void {
    const { doc } = this;
    const rowHeight = 18;
    this.ensureSpace(items.length * rowHeight + 110);
    this.pdf.block('H3', () => {
      doc.moveDown(0.4);
      doc.font(PDF_FONTS.bold).fontSize(11).fillColor(PDF_COLOURS.text).text(group.title, MARGIN, doc.y);
      doc.moveDown(0.2);
    });
    const labelWidth = 170;
    const x0 = MARGIN + labelWidth;
    const plotWidth = this.width - labelWidth - 80;
    const position = (value: number) => x0 + ((value - group.min) / (group.max - group.min)) * plotWidth;
    const top = doc.y + 4;
    const bottom = top + items.length * rowHeight + 4;
    const describe = (mean: number | null) => (mean === null ? '–' : group.describe(group.value(mean)));
    const alt =
      `Chart, ${group.title}, before and after: ` +
      items
        .map((item) =>
          item.withheld || item.meanFrom === null || item.meanTo === null
            ? `${this.label(item.itemCode, item.wording)}: withheld`
            : `${this.label(item.itemCode, item.wording)}: ${describe(item.meanFrom)} before, ${describe(item.meanTo)} after`,
        )
        .join('; ');
    this.pdf.block(
      'Figure',
      () => {
        this.horizontalAxis(x0, plotWidth, top, bottom, group.ticks, position, group.format, group.axis);
        items.forEach((item, i) => {
          const y = top + 4 + i * rowHeight;
          doc
            .font(PDF_FONTS.regular)
            .fontSize(8)
            .fillColor(PDF_COLOURS.text)
            .text(this.label(item.itemCode, item.wording), MARGIN, y + 1, {
              width: labelWidth - 8,
              height: rowHeight - 2,
              ellipsis: true,
            });
          if (item.withheld || item.meanFrom === null || item.meanTo === null) {
            this.withheldGap(item, x0, y, plotWidth);
            return;
          }
          const from = position(group.value(item.meanFrom));
          const to = position(group.value(item.meanTo));
          const middle = y + 5.5;
          doc.moveTo(from, middle).lineTo(to, middle).lineWidth(2).strokeColor(PDF_COLOURS.pale).stroke();
          doc.circle(from, middle, 4).fill(PDF_COLOURS.secondary);
          doc.circle(to, middle, 4).fill(PDF_COLOURS.nhsBlue);
          doc
            .fillColor(PDF_COLOURS.text)
            .fontSize(8)
            .text(`${describe(item.meanFrom)} to ${describe(item.meanTo)}`, x0 + plotWidth + 6, y + 1, {
              width: 74,
              lineBreak: false,
            });
        });
        // Legend
        const legendY = bottom + 30;
        doc.circle(x0 + 4, legendY + 4, 4).fill(PDF_COLOURS.secondary);
        doc
          .fillColor(PDF_COLOURS.text)
          .fontSize(8)
          .text('Before', x0 + 12, legendY, { lineBreak: false });
        doc.circle(x0 + 64, legendY + 4, 4).fill(PDF_COLOURS.nhsBlue);
        doc.fillColor(PDF_COLOURS.text).text('After', x0 + 72, legendY, { lineBreak: false });
        doc.y = legendY + 16;
        doc.x = MARGIN;
      },
      { alt },
    );
  }

  itemTable(): void {
    const items = this.chartedItems();
    if (items.length === 0) return;
    this.heading('Item results');
    const mean = (item: ItemAnalytics, value: number | null) =>
      value === null ? '–' : item.type === 'yes-no' ? `${percent(value)} yes` : value.toFixed(2);
    this.table(
      ['Item', 'People (paired)', 'Before', 'After', 'Change (95% CI)', 'p (Holm)'],
      items.map((item) =>
        item.withheld
          ? [
              this.label(item.itemCode, item.wording),
              shown(item.nPaired),
              'Withheld',
              'Withheld',
              this.withheldText(item),
              '',
            ]
          : [
              this.label(item.itemCode, item.wording),
              shown(item.nPaired),
              mean(item, item.meanFrom),
              mean(item, item.meanTo),
              item.type === 'yes-no'
                ? item.meanFrom !== null && item.meanTo !== null
                  ? `${signed((item.meanTo - item.meanFrom) * 100, 0)} points`
                  : '–'
                : item.meanChange === null
                  ? '–'
                  : `${signed(item.meanChange)}${item.ci95 ? ` (${item.ci95[0].toFixed(2)} to ${item.ci95[1].toFixed(2)})` : ''}`,
              pText(
                item.type === 'yes-no'
                  ? item.mcnemar?.pValue
                  : (item.wilcoxon?.pValueHolm ?? item.wilcoxon?.pValue),
              ),
            ],
      ),
      [0.3, 0.12, 0.12, 0.12, 0.22, 0.12],
    );
    this.paragraph(
      'Agreement and confidence items: Wilcoxon signed-rank test, p adjusted for the number of items (Holm). Yes or no items: McNemar test on the people whose answer changed.',
      { size: 8, colour: PDF_COLOURS.secondary },
    );
  }

  /** Certified Active Bystanders over time, with both axes; withheld quarters are gaps, named below. */
  cumulativeChart(): void {
    const { doc } = this;
    const points = this.data.cumulative.points;
    this.heading('Active Bystanders trained over time', 240);
    const published = points.filter((point) => point.total.value !== null);
    if (published.length < 2) return this.paragraph('Not enough published quarters to draw a line yet.');
    const yAxisWidth = 40;
    const x0 = MARGIN + yAxisWidth;
    const plotWidth = this.width - yAxisWidth - 10;
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
    const withheld = points
      .filter((point) => point.total.value === null)
      .map((point) => quarter(point.month));
    const alt = `Line chart of certified Active Bystanders, cumulative, by quarter: ${published
      .map((point) => `${quarter(point.month)} ${point.total.value}`)
      .join(', ')}${withheld.length ? `; withheld: ${withheld.join(', ')}` : ''}.`;
    this.pdf.block(
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
          doc.fillColor(PDF_COLOURS.secondary).text(value.toLocaleString('en-GB'), MARGIN, yOf(value) - 4, {
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
        doc.save().rotate(-90, { origin: [MARGIN - 14, bottom] });
        doc.text('Certified, running total', MARGIN - 14, bottom, {
          width: plotHeight,
          align: 'center',
          lineBreak: false,
        });
        doc.restore();
        doc.fillColor(PDF_COLOURS.text);
        doc.y = bottom + 32;
        doc.x = MARGIN;
      },
      { alt },
    );
    const last = published[published.length - 1];
    this.paragraph(
      (last
        ? `${last.total.value?.toLocaleString('en-GB')} certified by the end of ${quarter(last.month)}.`
        : '') +
        (withheld.length
          ? ` Withheld to protect small numbers (gaps in the line): ${withheld.join(', ')}.`
          : ''),
      { size: 9, colour: PDF_COLOURS.secondary },
    );
  }

  funnelAndReach(): void {
    const { data } = this;
    this.heading('From sign-up to the Community of Practice');
    this.table(
      ['Stage', 'People'],
      data.funnel.stages.map((stage, i) => [
        FUNNEL_STAGE_LABELS[stage],
        shown(data.funnel.overall[i] ?? { value: null, suppressed: true }),
      ]),
      [0.6, 0.4],
    );
    // Organisations with nobody trained and no headcount say nothing to a Board.
    const reach = data.reach.rows.filter((row) => row.trained.value !== 0 || row.headcount !== null);
    if (reach.length === 0 && data.reach.systems.length === 0) return;
    this.heading('Reach: Active Bystanders per 1,000 staff');
    const headcount = (value: number | null, asOf: string | null) =>
      value === null
        ? 'Not known'
        : `${value.toLocaleString('en-GB')}${asOf ? ` (${formatNhsDate(asOf)})` : ''}`;
    const perThousand = (value: number | null) => (value === null ? 'Not available' : value.toFixed(1));
    const columns = ['Active Bystanders', 'Staff (headcount, as of)', 'Per 1,000 staff'];
    if (data.reach.systems.length > 0)
      this.table(
        ['Integrated care system', ...columns],
        data.reach.systems.map((row) => [
          row.organisationsWithHeadcount < row.organisations
            ? `${row.name} (headcount for ${row.organisationsWithHeadcount} of ${row.organisations} organisations)`
            : row.name,
          shown(row.trained),
          headcount(row.headcount, row.headcountAsOf),
          perThousand(row.perThousandStaff),
        ]),
        [0.4, 0.16, 0.28, 0.16],
      );
    if (reach.length > 0)
      this.table(
        ['Organisation', ...columns],
        reach.map((row) => [
          row.name,
          shown(row.trained),
          headcount(row.headcount, row.headcountAsOf),
          perThousand(row.perThousandStaff),
        ]),
        [0.4, 0.16, 0.28, 0.16],
      );
  }

  breakdownTables(): void {
    const { data } = this;
    const headline = data.overview.headline;
    const headlineLabel = headline ? this.label(headline.itemCode, headline.wording) : 'headline item';
    for (const breakdown of data.breakdowns) {
      const dimension = BREAKDOWN_DIMENSION_LABELS[breakdown.dimension];
      this.heading(`By ${dimension.charAt(0).toLowerCase()}${dimension.slice(1)}`);
      this.table(
        ['Group', 'Trained', 'Paired', `Change in "${headlineLabel}"`],
        [
          ...breakdown.rows.map((row) => [
            row.label,
            shown(row.trained),
            shown(row.paired),
            row.headlineWithheld
              ? 'Withheld'
              : row.headlineMeanChange === null
                ? '–'
                : signed(row.headlineMeanChange),
          ]),
          ['Total', shown(breakdown.totalTrained), shown(breakdown.totalPaired), ''],
        ],
        [0.4, 0.15, 0.15, 0.3],
      );
    }
  }

  disclosureNote(): void {
    const { data } = this;
    this.heading('Protecting small numbers');
    if (data.personLevel) {
      this.paragraph(
        'This is the programme team’s person-level view: nothing is withheld, so small numbers could identify people. Do not share it beyond the programme team. The steering group’s and sponsors’ copies follow the disclosure policy (docs/disclosure-policy.md).',
      );
      return;
    }
    // The same summary the Impact page shows, so the Board reads the policy in the words everyone else does.
    for (const sentence of disclosurePolicySummary(data.threshold)) this.paragraph(sentence);
    this.paragraph('Withheld figures say “Withheld”; charts leave a labelled gap rather than a shorter bar.');
    this.paragraph(
      'This follows NHS practice (the GP Patient Survey does not report results from fewer than 10 respondents; NHS statistical publications suppress small counts). The full policy is in docs/disclosure-policy.md.',
      { size: 9, colour: PDF_COLOURS.secondary },
    );
  }

  framework(): void {
    const { doc, data } = this;
    this.heading(data.review ? `Evaluation framework: ${data.review.label}` : 'Evaluation framework');
    if (!data.review || data.review.ratings.length === 0) return this.paragraph('No ratings recorded yet.');
    for (const rating of data.review.ratings) {
      this.ensureSpace(40);
      this.pdf.block('P', () => {
        const y = doc.y;
        doc.rect(MARGIN, y + 1, 8, 8).fill(RAG_COLOURS[rating.rating] ?? PDF_COLOURS.secondary);
        doc
          .fillColor(PDF_COLOURS.text)
          .font(PDF_FONTS.bold)
          .fontSize(9)
          .text(
            `${rating.area}: ${rating.rating.charAt(0).toUpperCase()}${rating.rating.slice(1)}`,
            MARGIN + 14,
            y,
            {
              width: this.width - 14,
            },
          );
        doc
          .font(PDF_FONTS.regular)
          .fontSize(8)
          .text(rating.evidence.slice(0, 600), MARGIN + 14, doc.y, { width: this.width - 14 })
          .moveDown(0.4);
        doc.x = MARGIN;
      });
    }
  }

  actions(): void {
    const { data } = this;
    this.heading('Open actions');
    if (data.actions.length === 0) return this.paragraph('No open actions.');
    this.table(
      ['Action', 'Owner', 'Due', 'Status'],
      data.actions.map((action) => [
        action.action,
        action.owner,
        formatNhsDate(action.dueDate),
        ACTION_STATUS[action.status] ?? action.status,
      ]),
      [0.48, 0.2, 0.17, 0.15],
    );
  }
}

/** 1, 2 or 5 times a power of ten, at least `rough`: tick steps people read easily. */
function niceStep(rough: number): number {
  if (rough <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough);
  return step ?? 10 * power;
}
