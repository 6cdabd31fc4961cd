import { Injectable } from '@nestjs/common';
import { IMPORT_TEMPLATE_KINDS } from '@upstand/contracts';
import { InvalidInputError } from '../../common/domain-errors';
import { toCsv, toXlsx } from '../../common/export-formats';
import { parseTemplateFile, templateTable } from './import-templates';

export interface TemplateFile {
  name: string;
  contentType: string;
  body: string | Buffer;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The template files of the imports: a header row exactly as each import checks it, and one example row. */
@Injectable()
export class ImportTemplatesService {
  async file(file: string): Promise<TemplateFile> {
    const parsed = parseTemplateFile(file);
    if (!parsed)
      throw InvalidInputError.field(
        'file',
        `Ask for the template of ${IMPORT_TEMPLATE_KINDS.join(', ')} as .csv or .xlsx, for example enrolments.csv`,
      );
    const table = templateTable(parsed.kind);
    const name = `upstand-${parsed.kind}-template.${parsed.format}`;
    return parsed.format === 'csv'
      ? { name, contentType: 'text/csv; charset=utf-8', body: toCsv(table) }
      : { name, contentType: XLSX_TYPE, body: await toXlsx(table) };
  }
}
