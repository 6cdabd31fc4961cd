import { createRequire } from 'module';
import PDFDocument from 'pdfkit';

/**
 * What every Upstand PDF shares: a Unicode font, NHS colours, the service owner's branding, tagging for screen
 * readers and page numbers. The board report and the certificate are built on it.
 */

export const PDF_COLOURS = {
  nhsBlue: '#005EB8',
  text: '#212B32',
  secondary: '#4C6272',
  border: '#D8DDE0',
  pale: '#AEB7BD',
  white: '#FFFFFF',
} as const;

/**
 * DejaVu Sans, from the dejavu-fonts-ttf package: one complete TTF per style covering Latin (incl. Vietnamese),
 * Greek and Cyrillic. pdfkit does not fall back between fonts, so a font split by script would drop letters of
 * names such as Łukasz or Nguyễn. Resolved through the package so the built API finds it in node_modules too.
 */
export const PDF_FONTS = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
  boldOblique: 'DejaVuSans-BoldOblique',
} as const;

// Resolved at run time from the running file (src under test, dist/api when built): the bundler must not try to
// bundle the fonts, which a plain require.resolve with a template would ask it to.
const runtimeRequire = createRequire(__filename);
const fontPath = (style: string) => runtimeRequire.resolve(`dejavu-fonts-ttf/ttf/${style}.ttf`);

/** Whose PDF it is: the organisation's name and logo (PNG or JPEG), or null for the NHS lozenge. */
export interface PdfBranding {
  organisationName: string;
  logo: Buffer | null;
}

export interface TaggedPdfOptions {
  title: string;
  subject: string;
  author: string;
  layout?: 'portrait' | 'landscape';
  margin?: number;
}

type StructureOptions = PDFKit.Mixins.StructureElementOptions;

export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  /** Adds a structure element (H1, P, Figure …) to the document holding what `draw` puts on the page. */
  block(type: string, draw: () => void, options?: StructureOptions): void;
  /**
   * Adds a table as Table > TR > TH/TD elements, row −1 being the header: `beforeRow` and `afterRow` run outside
   * the cells (to start a page, draw a rule), `cell` draws one cell's content.
   */
  table(
    rows: number,
    columns: number,
    draw: {
      beforeRow(row: number): void;
      cell(row: number, column: number): void;
      afterRow(row: number): void;
    },
  ): void;
  /** Draws something that is not content (rules, frames) as an artifact screen readers skip. */
  artifact(draw: () => void): void;
  /** Numbers the pages ("Page 2 of 6", with `footer` on the left) when asked, and returns the PDF. */
  finish(options?: { footer?: string }): Promise<Buffer>;
}

/** An A4 PDF/UA-style document: tagged, English (UK), titled, with DejaVu Sans registered and selected. */
export function createTaggedPdf(options: TaggedPdfOptions): TaggedPdf {
  const margin = options.margin ?? 50;
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margin,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    font: fontPath(PDF_FONTS.regular),
    info: { Title: options.title, Author: options.author, Subject: options.subject },
  });
  for (const style of Object.values(PDF_FONTS)) doc.registerFont(style, fontPath(style));
  doc.font(PDF_FONTS.regular).fillColor(PDF_COLOURS.text);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);

  const block = (type: string, draw: () => void, structOptions: StructureOptions = {}) => {
    const element = doc.struct(type, structOptions);
    root.add(element);
    element.add(draw);
    element.end();
  };

  return {
    doc,
    block,
    table(rows, columns, draw) {
      const table = doc.struct('Table');
      root.add(table);
      for (let row = -1; row < rows; row++) {
        draw.beforeRow(row);
        const tr = doc.struct('TR');
        table.add(tr);
        for (let column = 0; column < columns; column++) {
          const cell = doc.struct(row === -1 ? 'TH' : 'TD');
          tr.add(cell);
          cell.add(() => draw.cell(row, column));
          cell.end();
        }
        tr.end();
        draw.afterRow(row);
      }
      table.end();
    },
    artifact(draw) {
      doc.markContent('Artifact', { type: 'Layout' });
      draw();
      doc.endMarkedContent();
    },
    finish(finishOptions = {}) {
      root.end();
      const { start, count } = doc.bufferedPageRange();
      if (finishOptions.footer !== undefined)
        for (let i = start; i < start + count; i++) {
          doc.switchToPage(i);
          // Writing below the bottom margin would start a new page: the footer sits in the margin.
          const bottom = doc.page.margins.bottom;
          doc.page.margins.bottom = 0;
          const y = doc.page.height - margin / 2 - 8;
          const width = doc.page.width - 2 * margin;
          doc.markContent('Artifact', { type: 'Pagination' });
          doc.font(PDF_FONTS.regular).fontSize(8).fillColor(PDF_COLOURS.secondary);
          doc.text(finishOptions.footer, margin, y, { width: width * 0.75, lineBreak: false });
          doc.text(`Page ${i - start + 1} of ${count}`, margin, y, {
            width,
            align: 'right',
            lineBreak: false,
          });
          doc.endMarkedContent();
          doc.page.margins.bottom = bottom;
        }
      doc.end();
      return done;
    },
  };
}

/**
 * The organisation's logo, or the NHS identity by default: the NHS lozenge (white "NHS" on NHS blue), drawn
 * here rather than copied from artwork. Tagged as a Figure with its name as alt text.
 */
export function drawBrandMark(
  pdf: TaggedPdf,
  branding: PdfBranding,
  at: { x: number; y: number; height: number; maxWidth: number; align?: 'left' | 'right' | 'center' },
): void {
  const { doc } = pdf;
  const place = (width: number) =>
    at.align === 'right'
      ? at.x + at.maxWidth - width
      : at.align === 'center'
        ? at.x + (at.maxWidth - width) / 2
        : at.x;
  if (branding.logo) {
    const logo = branding.logo;
    // Scaled to fit the box, keeping its proportions, aligned as asked.
    pdf.block(
      'Figure',
      () =>
        doc.image(logo, at.x, at.y, {
          fit: [at.maxWidth, at.height],
          ...(at.align && at.align !== 'left' ? { align: at.align } : {}),
          valign: 'center',
        }),
      { alt: `${branding.organisationName} logo` },
    );
    return;
  }
  const width = Math.min(at.height * 2.45, at.maxWidth);
  const x = place(width);
  pdf.block(
    'Figure',
    () => {
      doc.save().rect(x, at.y, width, at.height).fill(PDF_COLOURS.nhsBlue).restore();
      doc
        .font(PDF_FONTS.boldOblique)
        .fontSize(at.height * 0.78)
        .fillColor(PDF_COLOURS.white)
        .text('NHS', x, at.y + at.height * 0.06, { width, align: 'center', lineBreak: false });
      doc.font(PDF_FONTS.regular).fillColor(PDF_COLOURS.text);
    },
    { alt: 'NHS' },
  );
}
