import { spawnSync } from 'node:child_process';

/**
 * The text of a PDF as a reader would get it, by poppler's `pdftotext` (Debian's poppler-utils, installed by
 * .ci/run). pdf-parse 1.x, used before, bundles a 2018 pdf.js that refuses every pdfkit 0.20 file on Node 20.20
 * ("bad XRef entry") although poppler, Chromium and Acrobat open them: a test reading our PDFs must use a
 * maintained reader.
 */
export function pdfText(pdf: Buffer): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error)
    throw new Error(`pdftotext could not run (apt-get install -y poppler-utils): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`pdftotext refused the PDF: ${result.stderr.toString()}`);
  return result.stdout.toString('utf8');
}

/** poppler's `pdfinfo` of a PDF: "Title: …", "Tagged: yes", "Pages: 6", one per line. */
export function pdfInfo(pdf: Buffer): string {
  const result = spawnSync('pdfinfo', ['-enc', 'UTF-8', '-'], { input: pdf, maxBuffer: 16 * 1024 * 1024 });
  if (result.error)
    throw new Error(`pdfinfo could not run (apt-get install -y poppler-utils): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`pdfinfo refused the PDF: ${result.stderr.toString()}`);
  return result.stdout.toString('utf8');
}
