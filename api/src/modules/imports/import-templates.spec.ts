import {
  ENROLMENT_IMPORT_OPTIONAL_COLUMNS,
  ENROLMENT_IMPORT_REQUIRED_COLUMNS,
  HEADCOUNT_IMPORT_COLUMNS,
  IMPORT_TEMPLATE_KINDS,
  ImportTemplateKind,
  RESPONSE_IMPORT_COLUMNS,
} from '@upstand/contracts';
import { InvalidInputError } from '../../common/domain-errors';
import { columnPositions } from './import-errors';
import { IMPORT_TEMPLATES, parseTemplateFile } from './import-templates';
import { ImportTemplatesService } from './import-templates.service';
import { readTable, TableRow, tableSource } from './table-reader';

/** The header check each importer runs on a file's first row (see the import services). */
const IMPORTER_HEADERS: Record<ImportTemplateKind, [readonly string[], readonly string[]]> = {
  responses: [RESPONSE_IMPORT_COLUMNS, []],
  enrolments: [ENROLMENT_IMPORT_REQUIRED_COLUMNS, ENROLMENT_IMPORT_OPTIONAL_COLUMNS],
  headcounts: [HEADCOUNT_IMPORT_COLUMNS, []],
};

async function rowsOf(body: string | Buffer, name: string): Promise<TableRow[]> {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const rows: TableRow[] = [];
  for await (const row of readTable(tableSource({ buffer, originalname: name }))) rows.push(row);
  return rows;
}

describe('import templates', () => {
  const service = new ImportTemplatesService();

  for (const kind of IMPORT_TEMPLATE_KINDS) {
    for (const format of ['csv', 'xlsx'] as const) {
      it(`${kind}.${format} passes its importer's header check, with one example row under every column`, async () => {
        const file = await service.file(`${kind}.${format}`);
        expect(file.name).toBe(`upstand-${kind}-template.${format}`);
        const [header, ...data] = await rowsOf(file.body, file.name);
        const [required, optional] = IMPORTER_HEADERS[kind];
        const positions = columnPositions(header, required, optional);
        // Every column the importer reads, optional ones too, is in the template.
        expect(Object.values(positions).every((position) => position >= 0)).toBe(true);
        expect(header?.cells).toEqual([...IMPORT_TEMPLATES[kind].columns]);
        expect(data).toHaveLength(1);
        expect(data[0]?.cells.every((cell) => cell !== '')).toBe(true);
      });
    }
  }

  it('knows only the templates there are', async () => {
    expect(parseTemplateFile('enrolments.xlsx')).toEqual({ kind: 'enrolments', format: 'xlsx' });
    expect(parseTemplateFile('wide.csv')).toBeNull();
    expect(parseTemplateFile('responses.pdf')).toBeNull();
    await expect(service.file('responses.pdf')).rejects.toBeInstanceOf(InvalidInputError);
  });
});
