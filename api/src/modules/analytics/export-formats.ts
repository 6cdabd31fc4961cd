import ExcelJS from 'exceljs';
import { Writable } from 'stream';

export type Cell = string | number | null;

export interface ExportTable {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Shown under the table: filters, threshold, what "withheld" means. */
  notes: string[];
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  // Quote fields with separators, quotes or line breaks; neutralise leading = + - @ so spreadsheets never run them.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a byte-order mark so Excel reads UTF-8 (e.g. "Māori", "—") correctly. */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Upstand';
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((value) => value ?? ''));
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(10, (table.columns[i]?.length ?? 10) + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const about = workbook.addWorksheet('About');
  about.addRow([table.title]).font = { bold: true };
  for (const note of table.notes) about.addRow([note]);
  about.getColumn(1).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A streamed workbook for large exports: rows are written and flushed one by one (constant memory). */
export function streamingWorkbook(stream: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
}
