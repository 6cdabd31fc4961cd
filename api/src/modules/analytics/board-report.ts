import {
  AnalyticsOverview,
  Breakdown,
  BREAKDOWN_DIMENSION_LABELS,
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
import { PdfLayout } from '../../common/pdf/pdf-layout';
import {
  createTaggedPdf,
  drawBrandMark,
  PDF_COLOURS,
  PDF_FONTS,
  PdfBranding,
  TaggedPdf,
} from '../../common/pdf/tagged-pdf';
import { cumulativeChart, improvedChart, ItemWording, scaleCharts } from './board-report-charts';
import { percent, pPhrase, pText, shown, signed } from './board-report-text';

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

const RAG_COLOURS: Record<string, string> = { red: '#D5281B', amber: '#FFB81C', green: '#007F3B' };
const ACTION_STATUS: Record<string, string> = { open: 'Open', 'in-progress': 'In progress' };
const CHARTED_TYPES: ItemType[] = ['likert-5', 'scale-0-10', 'yes-no'];

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

/** The report's sections in order, each written down the page through the shared layout. */
class BoardReportWriter implements ItemWording {
  private readonly layout: PdfLayout;
  private readonly doc: PDFKit.PDFDocument;
  private readonly margin: number;
  private readonly width: number;
  private readonly items: ItemAnalytics[];

  constructor(
    private readonly pdf: TaggedPdf,
    private readonly data: BoardReportData,
  ) {
    this.layout = new PdfLayout(pdf);
    this.doc = pdf.doc;
    this.margin = this.layout.margin;
    this.width = this.layout.width;
    this.items = data.items.items.filter((item) => CHARTED_TYPES.includes(item.type));
  }

  name(item: ItemAnalytics): string {
    return this.data.itemLabels[item.itemCode] ?? item.wording;
  }

  withheld(item: ItemAnalytics): string {
    return item.withheldReason === 'overlap'
      ? 'Withheld: could be worked out by comparing views'
      : `Withheld: fewer than ${this.data.threshold} people`;
  }

  titlePage(): void {
    const { doc, data } = this;
    drawBrandMark(this.pdf, data.branding, {
      x: this.margin,
      y: this.margin,
      height: 40,
      maxWidth: this.width,
      align: 'right',
    });
    this.pdf.block('P', () =>
      doc
        .font(PDF_FONTS.bold)
        .fontSize(11)
        .fillColor(PDF_COLOURS.secondary)
        .text(data.branding.organisationName, this.margin, this.margin + 4, { width: this.width * 0.6 }),
    );
    doc.y = 220;
    this.pdf.block('H1', () =>
      doc
        .font(PDF_FONTS.bold)
        .fontSize(28)
        .fillColor(PDF_COLOURS.nhsBlue)
        .text(data.programmeName, this.margin, doc.y, { width: this.width }),
    );
    doc.moveDown(0.3);
    this.layout.paragraph('Impact report for the ICB Board', { size: 16 });
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
        doc.font(PDF_FONTS.bold).fontSize(10).fillColor(PDF_COLOURS.secondary).text(name, this.margin, doc.y);
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
        .text('Summary', this.margin, this.doc.y);
    });
    this.layout.heading('Headline figures');
    const headlineLabel = headline ? this.name(headline) : 'the headline item';
    this.layout.table(
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
              ? this.withheld(headline)
              : 'No answers yet',
        ],
      ],
      [0.55, 0.45],
    );
  }

  improvedChart(): void {
    improvedChart(this.layout, this, this.items);
  }

  scaleCharts(): void {
    scaleCharts(this.layout, this, this.items);
  }

  cumulativeChart(): void {
    cumulativeChart(this.layout, this.data.cumulative.points);
  }

  itemTable(): void {
    const { items } = this;
    if (items.length === 0) return;
    this.layout.heading('Item results');
    const mean = (item: ItemAnalytics, value: number | null) =>
      value === null ? '–' : item.type === 'yes-no' ? `${percent(value)} yes` : value.toFixed(2);
    this.layout.table(
      ['Item', 'People (paired)', 'Before', 'After', 'Change (95% CI)', 'p (Holm)'],
      items.map((item) =>
        item.withheld
          ? [this.name(item), shown(item.nPaired), 'Withheld', 'Withheld', this.withheld(item), '']
          : [
              this.name(item),
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
    this.layout.paragraph(
      'Agreement and confidence items: Wilcoxon signed-rank test, p adjusted for the number of items (Holm). Yes or no items: McNemar test on the people whose answer changed.',
      { size: 8, colour: PDF_COLOURS.secondary },
    );
  }

  funnelAndReach(): void {
    const { data } = this;
    this.layout.heading('From sign-up to the Community of Practice');
    this.layout.table(
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
    this.layout.heading('Reach: Active Bystanders per 1,000 staff');
    const headcount = (value: number | null, asOf: string | null) =>
      value === null
        ? 'Not known'
        : `${value.toLocaleString('en-GB')}${asOf ? ` (${formatNhsDate(asOf)})` : ''}`;
    const perThousand = (value: number | null) => (value === null ? 'Not available' : value.toFixed(1));
    const columns = ['Active Bystanders', 'Staff (headcount, as of)', 'Per 1,000 staff'];
    if (data.reach.systems.length > 0)
      this.layout.table(
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
      this.layout.table(
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
    const headlineLabel = headline ? this.name(headline) : 'headline item';
    for (const breakdown of data.breakdowns) {
      const dimension = BREAKDOWN_DIMENSION_LABELS[breakdown.dimension];
      this.layout.heading(`By ${dimension.charAt(0).toLowerCase()}${dimension.slice(1)}`);
      this.layout.table(
        ['Group', 'Trained', 'Paired', `Change in "${headlineLabel}"`],
        [
          ...breakdown.rows.items.map((row) => [
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
    this.layout.heading('Protecting small numbers');
    if (data.personLevel) {
      this.layout.paragraph(
        'This is the programme team’s person-level view: nothing is withheld, so small numbers could identify people. Do not share it beyond the programme team. The steering group’s and sponsors’ copies follow the disclosure policy (docs/disclosure-policy.md).',
      );
      return;
    }
    // The same summary the Impact page shows, so the Board reads the policy in the words everyone else does.
    for (const sentence of disclosurePolicySummary(data.threshold)) this.layout.paragraph(sentence);
    this.layout.paragraph(
      'Withheld figures say “Withheld”; charts leave a labelled gap rather than a shorter bar.',
    );
    this.layout.paragraph(
      'This follows NHS practice (the GP Patient Survey does not report results from fewer than 10 respondents; NHS statistical publications suppress small counts). The full policy is in docs/disclosure-policy.md.',
      { size: 9, colour: PDF_COLOURS.secondary },
    );
  }

  framework(): void {
    const { doc, data } = this;
    this.layout.heading(data.review ? `Evaluation framework: ${data.review.label}` : 'Evaluation framework');
    if (!data.review || data.review.ratings.length === 0)
      return this.layout.paragraph('No ratings recorded yet.');
    for (const rating of data.review.ratings) {
      this.layout.ensureSpace(40);
      this.pdf.block('P', () => {
        const y = doc.y;
        doc.rect(this.margin, y + 1, 8, 8).fill(RAG_COLOURS[rating.rating] ?? PDF_COLOURS.secondary);
        doc
          .fillColor(PDF_COLOURS.text)
          .font(PDF_FONTS.bold)
          .fontSize(9)
          .text(
            `${rating.area}: ${rating.rating.charAt(0).toUpperCase()}${rating.rating.slice(1)}`,
            this.margin + 14,
            y,
            {
              width: this.width - 14,
            },
          );
        doc
          .font(PDF_FONTS.regular)
          .fontSize(8)
          .text(rating.evidence.slice(0, 600), this.margin + 14, doc.y, { width: this.width - 14 })
          .moveDown(0.4);
        doc.x = this.margin;
      });
    }
  }

  actions(): void {
    const { data } = this;
    this.layout.heading('Open actions');
    if (data.actions.length === 0) return this.layout.paragraph('No open actions.');
    this.layout.table(
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
