import { PDF_COLOURS, PDF_FONTS, TaggedPdf } from './tagged-pdf';

/**
 * Flowing layout on a tagged PDF: headings, paragraphs and tables written down the page between the margins,
 * starting a new page when the next piece would not fit. Each piece is tagged (H2, P, Table) so a screen reader
 * reads it in order, and leaves the body font (10 pt regular, text colour) selected for the next.
 */
export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  /** The left (and right) margin, as the document was created with. */
  readonly margin: number;
  /** The width between the margins. */
  readonly width: number;

  constructor(readonly pdf: TaggedPdf) {
    this.doc = pdf.doc;
    this.margin = this.doc.page.margins.left;
    this.width = this.doc.page.width - 2 * this.margin;
  }

  /** Where writing has to stop on this page. */
  get bottom(): number {
    return this.doc.page.height - this.margin;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** A section heading (H2), on a new page unless `spaceNeeded` points fit under it. */
  heading(text: string, spaceNeeded = 120): void {
    this.ensureSpace(spaceNeeded);
    const { doc } = this;
    this.pdf.block('H2', () => {
      doc.moveDown(0.8);
      doc.font(PDF_FONTS.bold).fontSize(15).fillColor(PDF_COLOURS.nhsBlue);
      doc.text(text, this.margin, doc.y, { width: this.width });
      doc.moveDown(0.3);
    });
    this.bodyFont();
  }

  paragraph(text: string, options: { size?: number; colour?: string; bold?: boolean } = {}): void {
    const { doc } = this;
    this.pdf.block('P', () => {
      doc
        .font(options.bold ? PDF_FONTS.bold : PDF_FONTS.regular)
        .fontSize(options.size ?? 10)
        .fillColor(options.colour ?? PDF_COLOURS.text)
        .text(text, this.margin, doc.y, { width: this.width });
      doc.moveDown(0.3);
    });
    this.bodyFont();
  }

  /** A table with a header row; widths are shares of the page width. Rows do not split across pages. */
  table(columns: string[], rows: string[][], widths: number[]): void {
    const { doc, margin } = this;
    const cellWidth = (column: number) => (widths[column] ?? 0.2) * this.width;
    const cellX = (column: number) =>
      margin + widths.slice(0, column).reduce((sum, w) => sum + w * this.width, 0);
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
            .moveTo(margin, y)
            .lineTo(margin + this.width, y)
            .lineWidth(0.5)
            .strokeColor(PDF_COLOURS.pale)
            .stroke(),
        );
      },
    });
    doc.x = margin;
    doc.moveDown(0.4);
  }

  private bodyFont(): void {
    this.doc.font(PDF_FONTS.regular).fontSize(10).fillColor(PDF_COLOURS.text);
  }
}
