import type { Response } from 'superagent';

/**
 * A supertest parser that keeps the response body as a Buffer (`.buffer(true).parse(binaryBody)`): for XLSX and PDF
 * downloads, which supertest would otherwise try to read as text.
 */
export function binaryBody(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
