import { PdfLayout } from '../../common/pdf/pdf-layout';
import {
  createTaggedPdf,
  drawBrandMark,
  PDF_COLOURS,
  PDF_FONTS,
  PdfBranding,
} from '../../common/pdf/tagged-pdf';

export interface CertificateDetails {
  fullName: string;
  programmeName: string;
  cohortName: string;
  /** "25 March 2027 to 23 August 2027" */
  dates: string;
  issuedOn: string;
}

/**
 * An A4 landscape certificate as a tagged PDF, in the service owner's branding (the NHS lozenge by default) and a
 * font that draws any name (Łukasz, Nguyễn, Şahin …).
 */
export function renderCertificate(details: CertificateDetails, branding: PdfBranding): Promise<Buffer> {
  const pdf = createTaggedPdf({
    title: `Certificate of completion: ${details.fullName}`,
    author: branding.organisationName,
    subject: details.programmeName,
    layout: 'landscape',
    margin: 60,
  });
  const { doc } = pdf;
  const { width, height } = doc.page;
  // Everything but the frame sits between the margins the document was created with.
  const { margin, width: inner } = new PdfLayout(pdf);
  pdf.artifact(() =>
    doc
      .rect(20, 20, width - 40, height - 40)
      .lineWidth(6)
      .stroke(PDF_COLOURS.nhsBlue),
  );
  drawBrandMark(pdf, branding, { x: margin, y: 44, height: 36, maxWidth: inner, align: 'right' });

  const centred = (type: string, font: string, size: number, text: string, gapBefore: number) =>
    pdf.block(type, () => {
      doc
        .moveDown(gapBefore)
        .font(font)
        .fontSize(size)
        .text(text, margin, doc.y, { align: 'center', width: inner });
    });
  doc.y = 125;
  doc.fillColor(PDF_COLOURS.nhsBlue);
  centred('H1', PDF_FONTS.bold, 32, 'Certificate of completion', 0);
  doc.fillColor(PDF_COLOURS.text);
  centred('P', PDF_FONTS.regular, 16, 'This is to certify that', 1.2);
  centred('P', PDF_FONTS.bold, 28, details.fullName, 0.6);
  centred('P', PDF_FONTS.regular, 16, 'has completed the', 0.6);
  centred('P', PDF_FONTS.bold, 20, details.programmeName, 0.5);
  centred('P', PDF_FONTS.regular, 13, `${details.cohortName}, ${details.dates}`, 0.5);
  centred('P', PDF_FONTS.regular, 16, 'and is a certified Active Bystander.', 1.4);
  pdf.block('P', () =>
    doc
      .font(PDF_FONTS.regular)
      .fontSize(11)
      .fillColor(PDF_COLOURS.secondary)
      .text(`Issued ${details.issuedOn} by ${branding.organisationName}`, margin, height - 90, {
        align: 'center',
        width: inner,
      }),
  );
  return pdf.finish();
}
