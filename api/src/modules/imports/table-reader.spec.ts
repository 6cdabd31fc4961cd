import ExcelJS from 'exceljs';
import { InvalidInputError } from '../../common/domain-errors';
import { readTable, TableRow, tableSource } from './table-reader';

async function rows(file: { buffer: Buffer; originalname: string }): Promise<TableRow[]> {
  const result: TableRow[] = [];
  for await (const row of readTable(tableSource(file))) result.push(row);
  return result;
}

describe('table reader', () => {
  it('reads CSV with a byte-order mark, quoted commas, CRLF and blank lines, numbering rows as a spreadsheet', async () => {
    const text = '\uFEFFa,b\r\n"x, y",2\r\n\r\n"multi\r\nline",3\r\n\r\n\r\n';
    expect(await rows({ buffer: Buffer.from(text, 'utf8'), originalname: 'data.csv' })).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, y', '2'] },
      { row: 4, cells: ['multi\r\nline', '3'] },
    ]);
  });

  it('falls back to Windows-1252 for CSV that is not UTF-8', async () => {
    const buffer = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x53, 0x69, 0xe2, 0x6e, 0x0a]); // "Siân"
    expect((await rows({ buffer, originalname: 'names.csv' }))[1]?.cells).toEqual(['Siân']);
  });

  it('reads the first sheet of an xlsx, dates as London wall-clock text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Responses');
    sheet.addRow(['Email', 'Completion time', 'Score']);
    sheet.addRow(['a@nhs.net', new Date(Date.UTC(2023, 6, 1, 9, 41, 22)), 5]);
    sheet.getCell('B2').numFmt = 'dd/mm/yyyy hh:mm:ss';
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await rows({ buffer, originalname: 'export.xlsx' })).toEqual([
      { row: 1, cells: ['Email', 'Completion time', 'Score'] },
      { row: 2, cells: ['a@nhs.net', '2023-07-01T09:41:22', '5'] },
    ]);
  });

  it('refuses files that are neither CSV nor XLSX', () => {
    expect(() => tableSource({ buffer: Buffer.from('%PDF-1.7'), originalname: 'report.pdf' })).toThrow(
      InvalidInputError,
    );
    expect(() => tableSource({ buffer: Buffer.from([0x00, 0x01, 0x02]), originalname: 'data.csv' })).toThrow(
      'The file must be a .csv or .xlsx file',
    );
  });
});
