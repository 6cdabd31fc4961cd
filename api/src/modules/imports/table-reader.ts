import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Readable } from 'stream';
import { InvalidInputError } from '../../common/domain-errors';

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedTable {
  buffer: Buffer;
  originalname?: string;
  mimetype?: string;
}

/** One row of a sheet: `row` is its number as a spreadsheet shows it (the header is row 1). */
export interface TableRow {
  row: number;
  cells: string[];
}

export type TableSource = { kind: 'csv'; text: string } | { kind: 'xlsx'; buffer: Buffer };

/** Bounds what a small upload can unpack to (a 10 MB .xlsx can hold far more than 10 MB of cells). */
export const MAX_TABLE_ROWS = 250_000;
export const MAX_TABLE_COLUMNS = 500;

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

/** Works out whether an upload is CSV or XLSX from its content, name and type; anything else is a 400. */
export function tableSource(file: UploadedTable): TableSource {
  const name = (file.originalname ?? '').toLowerCase();
  const type = (file.mimetype ?? '').toLowerCase();
  if (file.buffer.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    if (name.endsWith('.csv')) throw notATable('The file is named .csv but is not a CSV file');
    return { kind: 'xlsx', buffer: file.buffer };
  }
  const looksLikeCsv = name.endsWith('.csv') || (!name.includes('.') && CSV_TYPES.includes(type));
  if (!looksLikeCsv || file.buffer.includes(0)) throw notATable('The file must be a .csv or .xlsx file');
  return { kind: 'csv', text: decodeText(file.buffer) };
}

function notATable(message: string): InvalidInputError {
  return InvalidInputError.field('file', message);
}

/** UTF-8 (with or without a byte-order mark); Excel's older "CSV" files are Windows-1252, so fall back to it. */
export function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/**
 * Streams the rows of a CSV text or the first sheet of an XLSX workbook, header first. Cells are trimmed text;
 * blank rows are skipped but still counted, so row numbers match what a spreadsheet shows.
 */
export async function* readTable(source: TableSource): AsyncGenerator<TableRow> {
  let count = 0;
  for await (const row of source.kind === 'csv' ? readCsv(source.text) : readXlsx(source.buffer)) {
    count += 1;
    if (count > MAX_TABLE_ROWS)
      throw notATable(
        `The file has more than ${MAX_TABLE_ROWS.toLocaleString('en-GB')} rows: split it into several files`,
      );
    if (row.cells.length > MAX_TABLE_COLUMNS)
      throw notATable(`Row ${row.row} has more than ${MAX_TABLE_COLUMNS} columns`);
    yield row;
  }
}

/**
 * A text in slices of about `size` characters, each ending at a line break, so that a parser fed with them
 * works (and lets other requests in) one slice at a time rather than taking 10 MB in one go. Cutting only after
 * a line break never splits a character written as two UTF-16 code units.
 */
export function* textChunks(text: string, size = 16 * 1024): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start + size);
    const end = newline < 0 ? text.length : newline + 1;
    yield text.slice(start, end);
    start = end;
  }
}

async function* readCsv(text: string): AsyncGenerator<TableRow> {
  const parser = Readable.from(textChunks(text)).pipe(
    parse({ bom: true, trim: true, relax_column_count: true, skip_empty_lines: false }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (record.every((cell) => cell === '')) continue;
      yield { row, cells: record };
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw notATable(`The file is not valid CSV (near row ${row + 1}): ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
}

async function* readXlsx(buffer: Buffer): AsyncGenerator<TableRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((cell) => cell === '')) continue;
        yield { row: row.number, cells: values };
      }
      return; // only the first sheet
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw notATable(`The file is not a readable .xlsx workbook: ${(error as Error).message}`);
  }
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A cell as text. Excel stores date-times without a zone and exceljs reads them as if UTC, so they come back
 * as a wall-clock ISO string (no offset), which the date parser reads as London time.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return (
      `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` +
      `T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`
    );
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(cell.richText))
      return cell.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('result' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    return '';
  }
  return String(value).trim();
}

/** Header names compared loosely: "Delegate Email " matches delegate_email. */
export function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
