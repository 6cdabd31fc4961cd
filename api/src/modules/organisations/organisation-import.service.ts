import { Injectable } from '@nestjs/common';
import {
  ImportJob,
  ORGANISATION_IMPORT_COLUMNS,
  OrganisationImportReport,
  OrganisationImportRow,
  OrganisationType,
} from '@upstand/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse';
import { Readable } from 'stream';
import { InvalidInputError } from '../../common/domain-errors';
import { todayInLondon } from '../../common/london-date';
import { flattenValidationErrors } from '../../common/validation';
import { AuditRecord } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { ImportJobsService } from '../imports/import-jobs.service';
import { batches, forEachPaced, ImportProgress } from '../imports/import-progress';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { textChunks } from '../imports/table-reader';
import { CreateOrganisationDto } from './dto/organisation.dto';
import {
  ImportedOrganisation,
  ImportTarget,
  OrganisationsRepository,
  SavedOrganisation,
} from './organisations.repository';

const MAX_ROWS = 20_000;
const REQUIRED_COLUMNS = ['ods_code', 'name', 'type'] as const;

interface ParsedRow {
  report: OrganisationImportRow;
  dto: CreateOrganisationDto;
  systemOdsCode: string | null;
  regionOdsCode: string | null;
}

/** DD/MM/YYYY (as UK spreadsheets write it) or YYYY-MM-DD → YYYY-MM-DD; anything else is returned as is to fail validation. */
export function normaliseImportDate(value: string): string {
  const [, day, month, year] = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value) ?? [];
  return day && month && year ? `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : value;
}

/**
 * CSV import of organisations. Every row is checked first; only a file with no errors is written, in one
 * transaction, ICBs before the organisations that belong to them. The file is parsed, checked and written in
 * batches (multi-row statements) with a yield to the event loop after each, so a 20,000-row file never holds
 * up other requests; `progress` reports how far it has got (a job's page shows it).
 */
@Injectable()
export class OrganisationImportService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly jobs: ImportJobsService,
  ) {}

  /** Starts a real (not dry-run) import as a background job; see ImportJobsService for why. */
  start(csv: string, actor: AuthenticatedUser): Promise<ImportJob<OrganisationImportReport>> {
    return this.jobs.start('organisations', actor.id, (progress) => this.import(csv, false, actor, progress));
  }

  async import(
    csv: string,
    dryRun: boolean,
    actor: AuthenticatedUser,
    progress: ImportProgress = new ImportProgress(),
  ): Promise<OrganisationImportReport> {
    const actorUserId = actor.id;
    const rows = await this.parseAndValidate(csv, progress);
    await this.resolveAgainstDatabase(rows, progress, visibleSystemIds(actor, ['programme-lead']));
    const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
    for (const row of rows) counts[row.report.action] += 1;
    const report: OrganisationImportReport = {
      dryRun,
      applied: false,
      created: counts.create,
      updated: counts.update,
      unchanged: counts.unchanged,
      rejected: counts.error,
      rows: rows.map((row) => row.report),
    };
    if (dryRun || counts.error > 0) return report;
    await this.apply(rows, actorUserId, progress);
    return { ...report, applied: true };
  }

  /** Reads the CSV in slices, yielding between them, and stops as soon as it has too many rows. */
  private async readRecords(csv: string, progress: ImportProgress): Promise<Record<string, string>[]> {
    const parser = Readable.from(textChunks(csv)).pipe(
      parse({
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        bom: true,
        trim: true,
        skip_empty_lines: true,
        relax_column_count: false,
      }),
    );
    const records: Record<string, string>[] = [];
    try {
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        records.push(record);
        if (records.length > MAX_ROWS) break;
        await progress.pace(records.length);
      }
    } catch (error) {
      throw InvalidInputError.field('file', `The file is not valid CSV: ${(error as Error).message}`);
    } finally {
      parser.destroy();
    }
    return records;
  }

  private async parseAndValidate(csv: string, progress: ImportProgress): Promise<ParsedRow[]> {
    await progress.phase('reading', null);
    const records = await this.readRecords(csv, progress);
    if (records.length === 0)
      throw InvalidInputError.field(
        'file',
        `The file has no rows. Expected columns: ${ORGANISATION_IMPORT_COLUMNS.join(', ')}`,
      );
    if (records.length > MAX_ROWS)
      throw InvalidInputError.field(
        'file',
        `The file has more than ${MAX_ROWS} rows; the most one import takes is ${MAX_ROWS}`,
      );
    const header = Object.keys(records[0] ?? {});
    const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
    const unknown = header.filter(
      (column) => !(ORGANISATION_IMPORT_COLUMNS as readonly string[]).includes(column),
    );
    if (missing.length > 0 || unknown.length > 0) {
      const problems = [
        missing.length ? `missing column(s): ${missing.join(', ')}` : '',
        unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
      ].filter(Boolean);
      throw InvalidInputError.field(
        'file',
        `The header row is wrong (${problems.join('; ')}). Expected columns: ${ORGANISATION_IMPORT_COLUMNS.join(', ')}`,
      );
    }

    await progress.phase('checking', records.length);
    const seen = new Map<string, number>();
    const rows: ParsedRow[] = [];
    // One row at a time, yielding every batch: class-validator on 20,000 rows at once held the server for seconds.
    await forEachPaced(records, progress, async (record, index) => {
      const line = index + 2;
      const odsCode = (record['ods_code'] ?? '').toUpperCase();
      const dto = plainToInstance(CreateOrganisationDto, {
        odsCode,
        name: record['name'] ?? '',
        type: (record['type'] ?? '') as OrganisationType,
        validFrom: record['valid_from'] ? normaliseImportDate(record['valid_from']) : undefined,
        validTo: record['valid_to'] ? normaliseImportDate(record['valid_to']) : null,
      });
      const errors = flattenValidationErrors(await validate(dto)).map((error) =>
        error.message
          .replace(/^odsCode/, 'ods_code')
          .replace(/^validFrom/, 'valid_from')
          .replace(/^validTo/, 'valid_to'),
      );
      const systemOdsCode = record['system_ods_code']?.toUpperCase() || null;
      const regionOdsCode = record['region_ods_code']?.toUpperCase() || null;
      if (dto.type === 'icb' && !regionOdsCode) errors.push('region_ods_code is required for an ICB');
      if (dto.type && dto.type !== 'icb' && !systemOdsCode)
        errors.push('system_ods_code is required unless type is icb');
      if (dto.type === 'icb' && systemOdsCode) errors.push('an ICB has no system_ods_code');
      const validFrom = dto.validFrom ?? todayInLondon();
      if (dto.validTo && dto.validTo < validFrom) errors.push('valid_to must be on or after valid_from');
      const firstLine = seen.get(odsCode);
      if (odsCode && firstLine !== undefined)
        errors.push(`ods_code ${odsCode} also appears on line ${firstLine}`);
      else if (odsCode) seen.set(odsCode, line);
      rows.push({ report: { line, odsCode, action: 'create', errors }, dto, systemOdsCode, regionOdsCode });
    });
    return rows;
  }

  /** Works out create/update/unchanged and resolves system and region codes against the database and the file. */
  /**
   * `systems` are the systems a system lead's grants reach (null for a regional lead): such a lead may add and
   * change only organisations within those systems, never an ICB itself, so other rows are refused.
   */
  private async resolveAgainstDatabase(
    rows: ParsedRow[],
    progress: ImportProgress,
    systems: string[] | null,
  ): Promise<void> {
    const codes = [
      ...new Set(
        rows.flatMap((row) => [row.dto.odsCode, row.systemOdsCode].filter((code): code is string => !!code)),
      ),
    ];
    const existing = new Map(
      (await this.repository.findForImport(codes)).map((organisation) => [
        organisation.odsCode,
        organisation,
      ]),
    );
    const regionCodes = [
      ...new Set(rows.map((row) => row.regionOdsCode).filter((code): code is string => !!code)),
    ];
    const regions = new Map(
      (await this.repository.findRegionsByOdsCodes(regionCodes)).map((region) => [region.odsCode, region]),
    );
    // Sets, not a scan of every row for every row: that was 400 million comparisons for 20,000 rows.
    const icbsInFile = new Set(rows.filter((row) => row.dto.type === 'icb').map((row) => row.dto.odsCode));
    const codesInFile = new Set(rows.map((row) => row.dto.odsCode));
    const systemsInFile = new Set(rows.map((row) => row.systemOdsCode).filter(Boolean));

    await forEachPaced(rows, progress, (row) => {
      const { dto, report } = row;
      if (row.regionOdsCode && !regions.has(row.regionOdsCode))
        report.errors.push(`region_ods_code ${row.regionOdsCode} is not a known region`);
      if (row.systemOdsCode) {
        const system = existing.get(row.systemOdsCode);
        const isIcb =
          icbsInFile.has(row.systemOdsCode) ||
          (system?.type === 'icb' && !codesInFile.has(row.systemOdsCode));
        if (!isIcb)
          report.errors.push(`system_ods_code ${row.systemOdsCode} is not an integrated care board`);
      }
      const current = existing.get(dto.odsCode);
      if (current?.type === 'icb' && dto.type !== 'icb' && systemsInFile.has(dto.odsCode)) {
        report.errors.push(`${dto.odsCode} is the system of other rows, so it must stay an ICB`);
      }
      if (systems !== null) {
        const within = (systemId: string | null | undefined) => !!systemId && systems.includes(systemId);
        if (dto.type === 'icb' || current?.type === 'icb')
          report.errors.push(
            `${dto.odsCode}: only a regional lead can add or change an integrated care board`,
          );
        else if (current && !within(current.systemId))
          report.errors.push(`${dto.odsCode} belongs to another system, outside your grant`);
        if (row.systemOdsCode && !within(existing.get(row.systemOdsCode)?.id))
          report.errors.push(
            `system_ods_code ${row.systemOdsCode} is outside your grant: you can import organisations of your own system only`,
          );
      }
      if (report.errors.length > 0) report.action = 'error';
      else if (!current) report.action = 'create';
      else {
        const systemId = row.systemOdsCode ? existing.get(row.systemOdsCode)?.id : null;
        const regionId = row.regionOdsCode ? regions.get(row.regionOdsCode)?.id : undefined;
        report.action = this.differs(current, row, systemId, regionId) ? 'update' : 'unchanged';
      }
    });
  }

  /** `systemId` undefined means the system is new in this file, so the row certainly changes. */
  private differs(
    current: ImportTarget,
    row: ParsedRow,
    systemId: string | null | undefined,
    regionId: string | undefined,
  ): boolean {
    return (
      current.name !== row.dto.name ||
      current.type !== row.dto.type ||
      (row.dto.validFrom !== undefined && current.validFrom !== row.dto.validFrom) ||
      current.validTo !== (row.dto.validTo ?? null) ||
      systemId === undefined ||
      current.systemId !== systemId ||
      (regionId !== undefined && current.regionId !== regionId)
    );
  }

  /**
   * Writes the changed rows in one transaction: ICBs first (so members can point at them), each batch one
   * multi-row upsert plus one multi-row audit insert, yielding between batches.
   */
  private async apply(rows: ParsedRow[], actorUserId: string, progress: ImportProgress): Promise<void> {
    const changed = rows.filter((row) => row.report.action !== 'unchanged');
    const icbs = changed.filter((row) => row.dto.type === 'icb');
    const members = changed.filter((row) => row.dto.type !== 'icb');
    const ordered = [...icbs, ...members];
    const today = todayInLondon();
    await progress.phase('saving', ordered.length);
    await this.repository.transaction(async (manager) => {
      // Read again inside the transaction: what is there now decides create or update and kept values.
      const codes = [
        ...new Set(ordered.flatMap((row) => [row.dto.odsCode, row.systemOdsCode ?? ''].filter(Boolean))),
      ];
      const current = new Map<string, SavedOrganisation>(
        (await this.repository.findForImport(codes, manager)).map((org) => [org.odsCode, org]),
      );
      const regionCodes = [...new Set(ordered.map((row) => row.regionOdsCode).filter(Boolean))] as string[];
      const regions = new Map(
        (await this.repository.findRegionsByOdsCodes(regionCodes, manager)).map((region) => [
          region.odsCode,
          region.id,
        ]),
      );
      let done = 0;
      // No batch mixes ICBs and members: a member's ICB must be written (and its id known) first.
      for (const batch of [...batches(icbs), ...batches(members)]) {
        const values: ImportedOrganisation[] = batch.map((row) => {
          const before = current.get(row.dto.odsCode);
          const system = row.systemOdsCode ? current.get(row.systemOdsCode) : undefined;
          const regionId =
            (row.regionOdsCode ? regions.get(row.regionOdsCode) : undefined) ??
            system?.regionId ??
            before?.regionId;
          return {
            odsCode: row.dto.odsCode,
            name: row.dto.name,
            type: row.dto.type,
            systemId: system?.id ?? null,
            regionId: regionId as string,
            validFrom: row.dto.validFrom ?? before?.validFrom ?? today,
            validTo: row.dto.validTo ?? null,
          };
        });
        const saved = await this.repository.upsertMany(values, manager);
        const created = new Set(saved.filter((org) => org.created).map((org) => org.odsCode));
        // Later batches find this batch's ICBs as systems.
        for (const organisation of saved) current.set(organisation.odsCode, organisation);
        await this.audit.recordMany(
          batch.map((row): AuditRecord => ({
            actorUserId,
            action: created.has(row.dto.odsCode) ? 'organisation.created' : 'organisation.updated',
            entityType: 'organisation',
            entityId: current.get(row.dto.odsCode)?.id ?? null,
            details: { source: 'csv-import', line: row.report.line },
          })),
          manager,
        );
        done += batch.length;
        await progress.advance(done);
      }
    });
  }
}
