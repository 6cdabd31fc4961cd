import PDFDocument from 'pdfkit';

export interface CertificateDetails {
  fullName: string;
  programmeName: string;
  cohortName: string;
  /** "25 March 2027 to 23 August 2027" */
  dates: string;
  issuedOn: string;
}

const NHS_BLUE = '#005EB8';

/** An A4 landscape certificate as a PDF buffer. */
export function renderCertificate(details: CertificateDetails): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 60,
      info: { Title: `Certificate: ${details.fullName}`, Author: 'Upstand', Subject: details.programmeName },
    });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    const { width, height } = document.page;
    document
      .rect(20, 20, width - 40, height - 40)
      .lineWidth(6)
      .stroke(NHS_BLUE);
    document
      .moveDown(2)
      .fillColor(NHS_BLUE)
      .font('Helvetica-Bold')
      .fontSize(34)
      .text('Certificate of completion', { align: 'center' });
    document
      .moveDown(1.2)
      .fillColor('#212B32')
      .font('Helvetica')
      .fontSize(16)
      .text('This is to certify that', { align: 'center' });
    document.moveDown(0.6).font('Helvetica-Bold').fontSize(30).text(details.fullName, { align: 'center' });
    document.moveDown(0.6).font('Helvetica').fontSize(16).text('has completed the', { align: 'center' });
    document
      .moveDown(0.4)
      .font('Helvetica-Bold')
      .fontSize(22)
      .text(details.programmeName, { align: 'center' });
    document
      .moveDown(0.4)
      .font('Helvetica')
      .fontSize(14)
      .text(`${details.cohortName}, ${details.dates}`, { align: 'center' });
    document.moveDown(1).fontSize(16).text('and is a certified Active Bystander.', { align: 'center' });
    document
      .fontSize(11)
      .fillColor('#4C6272')
      .text(`Issued ${details.issuedOn} by Upstand`, 60, height - 90, {
        align: 'center',
        width: width - 120,
      });
    document.end();
  });
}
