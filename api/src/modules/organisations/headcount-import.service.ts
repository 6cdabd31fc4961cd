import { Injectable } from '@nestjs/common';
import {
  HEADCOUNT_IMPORT_COLUMNS,
  HEADCOUNT_MAX,
  HEADCOUNT_MIN,
  HeadcountImportReport,
  ImportJob,
  ODS_CODE_HINT,
  ODS_CODE_PATTERN,
} from '@upstand/contracts';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import { isCalendarDate } from '../../common/is-calendar-date';
import { todayInLondon } from '../../common/london-date';
import { AuditRecord } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { columnPositions, ImportErrors } from '../imports/import-errors';
import { ImportJobsService } from '../imports/import-jobs.service';
import { forEachPaced, ImportProgress } from '../imports/import-progress';
import { readTable, TableRow, TableSource } from '../imports/table-reader';
import { normaliseImportDate } from './organisation-import.service';
import { HeadcountUpdate, OrganisationsRepository } from './organisations.repository';

interface HeadcountRow {
  row: number;
  odsCode: string;
  headcount: string;
  asOf: string;
}

/** "18,000" or "18000" → 18000; anything else (decimals, words, blanks) → null. */
export function parseHeadcount(text: string): number | null {
  const digits = text.replace(/\s/g, '');
  if (!/^\d+$/.test(digits) && !/^\d{1,3}(,\d{3})+$/.test(digits)) return null;
  return Number(digits.replace(/,/g, ''));
}

/**
 * An as-of date as a file writes it: YYYY-MM-DD, DD/MM/YYYY (UK spreadsheets) or a spreadsheet date cell
 * (read as midnight) → YYYY-MM-DD; null when it is not a real date.
 */
export function parseAsOf(text: string): string | null {
  const date = normaliseImportDate(text.replace(/T00:00(:00)?$/, ''));
  return isCalendarDate(date) ? date : null;
}

/**
 * CSV or XLSX import of staff headcounts (ods_code, headcount, as_of; columns in any order), for reach per
 * 1,000 staff. Every row is checked first — a known organisation, within the importer's grant, a whole number,
 * a real date not in the future — and only a file without a single problem is written, in one transaction,
 * each organisation's change audited like an edit.
 */
@Injectable()
export class HeadcountImportService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly jobs: ImportJobsService,
  ) {}

  /** Starts a real (not dry-run) import as a background job, as the other imports do. */
  start(source: TableSource, actor: AuthenticatedUser): Promise<ImportJob<HeadcountImportReport>> {
    return this.jobs.start('headcounts', actor.id, (progress) => this.import(source, false, actor, progress));
  }

  async import(
    source: TableSource,
    dryRun: boolean,
    actor: AuthenticatedUser,
    progress: ImportProgress = new ImportProgress(),
  ): Promise<HeadcountImportReport> {
    await progress.phase('reading', null);
    const rows = await this.read(source, progress);
    if (rows.length === 0) throw InvalidInputError.field('file', 'The file has a header row but no data');
    await progress.phase('checking', rows.length);
    const errors = new ImportErrors();
    const updates = await this.check(rows, errors, visibleSystemIds(actor, ['programme-lead']), progress);
    const changed = updates.filter((update) => update.changed);
    const report: HeadcountImportReport = {
      dryRun,
      rowsRead: rows.length,
      rowsAccepted: rows.length - errors.rejectedRows.size,
      rowsRejected: errors.rejectedRows.size,
      responsesCreated: 0,
      responsesReplaced: 0,
      organisationsUpdated: changed.length,
      organisationsUnchanged: updates.length - changed.length,
      ...errors.report(),
    };
    if (dryRun || errors.any) return report;
    await progress.phase('saving', changed.length);
    await this.repository.transaction(async (manager) => {
      await this.repository.setHeadcounts(changed, manager);
      await this.audit.recordMany(
        changed.map((update): AuditRecord => ({
          actorUserId: actor.id,
          action: 'organisation.updated',
          entityType: 'organisation',
          entityId: update.id,
          details: { source: 'headcount-import', row: update.row, fields: update.fields },
        })),
        manager,
      );
    });
    await progress.advance(changed.length);
    return report;
  }

  private async read(source: TableSource, progress: ImportProgress): Promise<HeadcountRow[]> {
    const table = readTable(source);
    const header = await table.next();
    const at = columnPositions(header.done ? undefined : header.value, HEADCOUNT_IMPORT_COLUMNS);
    const rows: HeadcountRow[] = [];
    for await (const { row, cells } of table as AsyncIterable<TableRow>) {
      rows.push({
        row,
        odsCode: (cells[at.ods_code] ?? '').toUpperCase(),
        headcount: cells[at.headcount] ?? '',
        asOf: cells[at.as_of] ?? '',
      });
      await progress.pace(rows.length);
    }
    return rows;
  }

  /**
   * Each row's problems, by row and column, and the updates of the rows without any. `systems` are the
   * systems a system lead's grants reach (null for a regional lead): as when editing an organisation, such a
   * lead changes organisations of those systems only, never an integrated care board itself.
   */
  private async check(
    rows: HeadcountRow[],
    errors: ImportErrors,
    systems: string[] | null,
    progress: ImportProgress,
  ): Promise<(HeadcountUpdate & { row: number; changed: boolean; fields: string[] })[]> {
    const known = new Map(
      (await this.repository.findHeadcounts([...new Set(rows.map((row) => row.odsCode))])).map(
        (organisation) => [organisation.odsCode, organisation],
      ),
    );
    const today = todayInLondon();
    const firstRow = new Map<string, number>();
    const updates: (HeadcountUpdate & { row: number; changed: boolean; fields: string[] })[] = [];
    await forEachPaced(rows, progress, (row) => {
      const before = errors.rejectedRows.size;
      const organisation = known.get(row.odsCode);
      if (!row.odsCode)
        errors.add(row.row, 'ods_code', 'ods_code is empty: give the organisation’s ODS code');
      else if (!ODS_CODE_PATTERN.test(row.odsCode))
        errors.add(row.row, 'ods_code', `ods_code ${row.odsCode} is not an ODS code (${ODS_CODE_HINT})`);
      else if (firstRow.has(row.odsCode))
        errors.add(
          row.row,
          'ods_code',
          `ods_code ${row.odsCode} is also on row ${firstRow.get(row.odsCode)}`,
        );
      else if (!organisation)
        errors.add(row.row, 'ods_code', `ods_code ${row.odsCode} is not an organisation Upstand knows`);
      else if (systems !== null && organisation.type === 'icb')
        errors.add(
          row.row,
          'ods_code',
          `${row.odsCode} is an integrated care board: only a regional lead can change its headcount`,
        );
      else if (systems !== null && !systems.includes(organisation.systemId ?? ''))
        errors.add(
          row.row,
          'ods_code',
          `${row.odsCode} belongs to another system: you can change organisations of your own system only`,
        );
      if (row.odsCode && !firstRow.has(row.odsCode)) firstRow.set(row.odsCode, row.row);

      const headcount = parseHeadcount(row.headcount);
      if (headcount === null || headcount < HEADCOUNT_MIN || headcount > HEADCOUNT_MAX)
        errors.add(
          row.row,
          'headcount',
          `headcount ${row.headcount ? `"${row.headcount}" ` : ''}must be a whole number from 1 to 2,000,000`,
        );
      const asOf = parseAsOf(row.asOf);
      if (asOf === null)
        errors.add(
          row.row,
          'as_of',
          `as_of ${row.asOf ? `"${row.asOf}" ` : ''}must be a date written YYYY-MM-DD or DD/MM/YYYY`,
        );
      else if (asOf > today) errors.add(row.row, 'as_of', `as_of ${asOf} is in the future`);

      if (errors.rejectedRows.size > before || !organisation || headcount === null || asOf === null) return;
      const fields = [
        ...(organisation.headcount !== headcount ? ['headcount'] : []),
        ...(organisation.headcountAsOf !== asOf ? ['headcountAsOf'] : []),
      ];
      updates.push({
        id: organisation.id,
        headcount,
        headcountAsOf: asOf,
        row: row.row,
        changed: fields.length > 0,
        fields,
      });
    });
    return updates;
  }
}
