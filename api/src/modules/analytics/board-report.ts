import {
  AnalyticsOverview,
  Breakdown,
  Count,
  CumulativeReport,
  FUNNEL_STAGE_LABELS,
  FunnelReport,
  ItemAnalyticsReport,
} from '@upstand/contracts';
import PDFDocument from 'pdfkit';

export interface BoardReportData {
  programmeName: string;
  notes: string[];
  overview: AnalyticsOverview;
  items: ItemAnalyticsReport;
  funnel: FunnelReport;
  cumulative: CumulativeReport;
  breakdowns: Breakdown[];
  review: { label: string; ratings: { area: string; rating: string; evidence: string }[] } | null;
  actions: { action: string; owner: string; dueDate: string; status: string }[];
}

const NHS_BLUE = '#005eb8';
const GREY = '#4c6272';
const PALE = '#aeb7bd';
const RAG_COLOURS: Record<string, string> = { red: '#d5281b', amber: '#ffb81c', green: '#007f3b' };

const shown = (count: Count) => (count.suppressed ? 'withheld' : String(count.value ?? 0));
const pText = (p: number | null | undefined) =>
  p === null || p === undefined ? '–' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;

/** The PDF for the ICB Board: headline figures, charts, protected breakdowns, framework ratings and open actions. */
export function renderBoardReport(data: BoardReportData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${data.programmeName}: impact report` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 100;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).fillColor(NHS_BLUE).font('Helvetica-Bold').fontSize(14).text(text).moveDown(0.3);
    doc.fillColor('black').font('Helvetica').fontSize(10);
  };
  const table = (columns: string[], rows: string[][], widths: number[]) => {
    const drawRow = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - 80) doc.addPage();
      const y = doc.y;
      let x = 50;
      let height = 0;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      cells.forEach((cell, i) => {
        const w = (widths[i] ?? 0.2) * width;
        doc.text(cell, x, y, { width: w - 6 });
        height = Math.max(height, doc.heightOfString(cell, { width: w - 6 }));
        x += w;
      });
      doc.y = y + height + 4;
      doc
        .moveTo(50, doc.y - 2)
        .lineTo(50 + width, doc.y - 2)
        .strokeColor(PALE)
        .lineWidth(0.5)
        .stroke();
    };
    drawRow(columns, true);
    rows.forEach((row) => drawRow(row, false));
    doc.x = 50;
  };

  doc.fillColor(NHS_BLUE).font('Helvetica-Bold').fontSize(20).text(data.programmeName);
  doc.fillColor('black').fontSize(13).text('Impact report for the ICB Board').moveDown(0.5);
  doc.font('Helvetica').fontSize(9).fillColor(GREY);
  data.notes.forEach((note) => doc.text(note));
  doc.fillColor('black');

  heading('Headline figures');
  const o = data.overview;
  const headline = o.headline;
  table(
    ['Measure', 'Value'],
    [
      ['Active Bystanders trained (certified)', shown(o.trained)],
      ['From the home system', shown(o.trainedHome)],
      [
        'From Midlands scale-up systems',
        `${shown(o.trainedScaleUp)}${o.scaleUpShare !== null ? ` (${(o.scaleUpShare * 100).toFixed(0)}%)` : ''}`,
      ],
      ['People with paired pre and post responses', shown(o.pairedPrePost)],
      [
        'Change in confidence to intervene and de-escalate when safe (1–5 scale)',
        headline && !headline.withheld && headline.meanChange !== null
          ? `${headline.meanChange >= 0 ? '+' : ''}${headline.meanChange.toFixed(2)}` +
            (headline.ci95
              ? ` (95% CI ${headline.ci95[0].toFixed(2)} to ${headline.ci95[1].toFixed(2)})`
              : '') +
            `, Wilcoxon ${pText(headline.wilcoxon?.pValue)}, r = ${headline.effectSizeR?.toFixed(2) ?? '–'}`
          : 'withheld (too few paired responses)',
      ],
    ],
    [0.55, 0.45],
  );

  heading('Pre and post: mean answer per item (paired respondents)');
  const shownItems = data.items.items.filter((item) => !item.withheld && item.meanFrom !== null);
  if (shownItems.length === 0) doc.text('Withheld: too few paired responses.');
  else {
    const labelWidth = 170;
    const chartWidth = width - labelWidth - 40;
    for (const item of shownItems) {
      if (doc.y > doc.page.height - 90) doc.addPage();
      const max = item.type === 'scale-0-10' ? 10 : item.type === 'yes-no' ? 1 : 5;
      const y = doc.y;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor('black')
        .text(item.itemCode.replace(/_/g, ' '), 50, y, { width: labelWidth - 8 });
      const x0 = 50 + labelWidth;
      doc.rect(x0, y, (chartWidth * (item.meanFrom ?? 0)) / max, 7).fill(PALE);
      doc.rect(x0, y + 8, (chartWidth * (item.meanTo ?? 0)) / max, 7).fill(NHS_BLUE);
      doc
        .fillColor('black')
        .fontSize(7)
        .text(
          `${item.meanFrom?.toFixed(2)} to ${item.meanTo?.toFixed(2)} (of ${max})`,
          x0 + chartWidth + 4,
          y + 3,
          { width: 60 },
        );
      doc.y = y + 22;
    }
    doc.x = 50;
    doc
      .fontSize(8)
      .fillColor(GREY)
      .text('Grey: before the programme; blue: after. Scales differ by item type (0–10, 1–5, yes = 1).');
    doc.fillColor('black');
  }

  heading('Cumulative Active Bystanders trained');
  const points = data.cumulative.points.filter((point) => point.total.value !== null);
  if (points.length < 2) doc.text('Not enough published points to draw a line.');
  else {
    const top = doc.y;
    const height = 110;
    const maxValue = Math.max(...points.map((point) => point.total.value ?? 0));
    const step = width / (points.length - 1);
    doc
      .moveTo(50, top + height)
      .lineTo(50 + width, top + height)
      .strokeColor(GREY)
      .stroke();
    points.forEach((point, i) => {
      const x = 50 + i * step;
      const y = top + height - ((point.total.value ?? 0) / maxValue) * height;
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    doc.strokeColor(NHS_BLUE).lineWidth(2).stroke().lineWidth(1);
    doc.fontSize(7).fillColor(GREY);
    points.forEach((point, i) => {
      if (i % Math.ceil(points.length / 8) === 0 || i === points.length - 1)
        doc.text(`${point.month}: ${point.total.value}`, 50 + i * step - 20, top + height + 4, { width: 60 });
    });
    doc.fillColor('black');
    doc.y = top + height + 20;
    doc.x = 50;
  }

  heading('Funnel');
  table(
    ['Stage', 'People'],
    data.funnel.stages.map((stage, i) => [
      FUNNEL_STAGE_LABELS[stage],
      shown(data.funnel.overall[i] as Count),
    ]),
    [0.6, 0.4],
  );

  for (const breakdown of data.breakdowns) {
    heading(`By ${breakdown.dimension.replace('-', ' ')}`);
    table(
      ['Group', 'Trained', 'Paired', 'Headline change'],
      [
        ...breakdown.rows.map((row) => [
          row.label,
          shown(row.trained),
          shown(row.paired),
          row.headlineMeanChange === null ? '–' : row.headlineMeanChange.toFixed(2),
        ]),
        ['Total', shown(breakdown.totalTrained), shown(breakdown.totalPaired), ''],
      ],
      [0.4, 0.2, 0.2, 0.2],
    );
  }

  heading(data.review ? `Evaluation framework: ${data.review.label}` : 'Evaluation framework');
  if (!data.review || data.review.ratings.length === 0) doc.text('No ratings recorded yet.');
  else
    for (const rating of data.review.ratings) {
      if (doc.y > doc.page.height - 80) doc.addPage();
      const y = doc.y;
      doc.rect(50, y + 1, 8, 8).fill(RAG_COLOURS[rating.rating] ?? GREY);
      doc
        .fillColor('black')
        .font('Helvetica-Bold')
        .fontSize(9)
        .text(`${rating.area}: ${rating.rating.toUpperCase()}`, 64, y);
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(rating.evidence.slice(0, 600), 64, doc.y, { width: width - 14 })
        .moveDown(0.3);
      doc.x = 50;
    }

  heading('Open actions');
  if (data.actions.length === 0) doc.text('No open actions.');
  else
    table(
      ['Action', 'Owner', 'Due', 'Status'],
      data.actions.map((action) => [action.action, action.owner, action.dueDate, action.status]),
      [0.5, 0.2, 0.15, 0.15],
    );

  doc.end();
  return done;
}
