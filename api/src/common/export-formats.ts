import ExcelJS from 'exceljs';
import { Writable } from 'stream';

export type Cell = string | number | null;

/**
 * How a column's numbers are shown in a spreadsheet. Only the display differs: every format stores the full
 * double, and CSV writes it in JavaScript's shortest round-trip form (e.g. `3.83e-14`), so an analyst gets the
 * value the API computed, never one rounded to a few decimals.
 */
export type ColumnFormat = 'text' | 'date' | 'count' | 'decimal' | 'share' | 'p-value';

export interface ExportColumn {
  /** snake_case, stable: scripts read exports by column name. Each is described in the README. */
  name: string;
  format: ColumnFormat;
}

export interface ExportTable {
  title: string;
  columns: readonly ExportColumn[];
  rows: Cell[][];
  /** Shown under the table: filters, threshold, what "withheld" means. */
  notes: string[];
}

/** What a cell reads when the disclosure policy withholds it (an empty cell means "does not apply"). */
export const WITHHELD = 'withheld';

const XLSX_NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  date: undefined,
  count: '0',
  decimal: '0.000',
  share: '0.0%',
  // Scientific below 0.001, where a fixed number of decimals would show 0.
  'p-value': '[<0.001]0.00E+00;0.0000',
};

/** A row in column order from values named by column, so a table cannot put a figure under the wrong heading. */
export function exportRow<C extends readonly ExportColumn[]>(
  columns: C,
  values: Record<C[number]['name'], Cell>,
): Cell[] {
  return columns.map((column) => values[column.name as C[number]['name']]);
}

function csvField(value: Cell): string {
  if (value === null) return '';
  // Non-finite numbers have no meaning in a spreadsheet; String(x) is the shortest text that reads back as x.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // Neutralise leading = + - @ tab CR so spreadsheets never run a text cell as a formula (numbers never need it).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with a byte-order mark so Excel reads UTF-8 (e.g. "Māori", "—") correctly. */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((column) => column.name), ...table.rows].map((row) =>
    row.map(csvField).join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Upstand';
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(table.columns.map((column) => column.name)).font = { bold: true };
  for (const values of table.rows) {
    // A blank cell, not an empty string, so a spreadsheet treats "does not apply" as empty.
    const row = sheet.addRow(
      values.map((value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value)),
    );
    // Per cell, not per column: a withheld cell in a numeric column is text and keeps the default format.
    values.forEach((value, i) => {
      const format = XLSX_NUMBER_FORMATS[table.columns[i]?.format ?? 'text'];
      if (format && typeof value === 'number') row.getCell(i + 1).numFmt = format;
    });
  }
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(10, (table.columns[i]?.name.length ?? 10) + 2));
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
