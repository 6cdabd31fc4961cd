import { Injectable } from '@nestjs/common';
import {
  ORGANISATION_IMPORT_COLUMNS,
  OrganisationImportReport,
  OrganisationImportRow,
  OrganisationType,
} from '@upstand/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../common/domain-errors';
import { todayInLondon } from '../../common/london-date';
import { flattenValidationErrors } from '../../common/validation';
import { AuditService } from '../audit/audit.service';
import { CreateOrganisationDto } from './dto/organisation.dto';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationsRepository } from './organisations.repository';

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
 * transaction, ICBs before the organisations that belong to them.
 */
@Injectable()
export class OrganisationImportService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  async import(csv: string, dryRun: boolean, actorUserId: string): Promise<OrganisationImportReport> {
    const rows = await this.parseAndValidate(csv);
    await this.resolveAgainstDatabase(rows);
    const rejected = rows.filter((row) => row.report.errors.length > 0).length;
    const count = (action: OrganisationImportRow['action']) =>
      rows.filter((row) => row.report.action === action).length;
    const report: OrganisationImportReport = {
      dryRun,
      applied: false,
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      rejected,
      rows: rows.map((row) => row.report),
    };
    if (dryRun || rejected > 0) return report;
    await this.apply(rows, actorUserId);
    return { ...report, applied: true };
  }

  private async parseAndValidate(csv: string): Promise<ParsedRow[]> {
    let records: Record<string, string>[];
    try {
      records = parse(csv, {
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        bom: true,
        trim: true,
        skip_empty_lines: true,
        relax_column_count: false,
      });
    } catch (error) {
      throw InvalidInputError.field('file', `The file is not valid CSV: ${(error as Error).message}`);
    }
    if (records.length === 0)
      throw InvalidInputError.field(
        'file',
        `The file has no rows. Expected columns: ${ORGANISATION_IMPORT_COLUMNS.join(', ')}`,
      );
    if (records.length > MAX_ROWS)
      throw InvalidInputError.field(
        'file',
        `The file has ${records.length} rows; the most one import takes is ${MAX_ROWS}`,
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

    const seen = new Map<string, number>();
    return Promise.all(
      records.map(async (record, index) => {
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
        return {
          report: { line, odsCode, action: 'create', errors },
          dto,
          systemOdsCode,
          regionOdsCode,
        } satisfies ParsedRow;
      }),
    );
  }

  /** Works out create/update/unchanged and resolves system and region codes against the database and the file. */
  private async resolveAgainstDatabase(rows: ParsedRow[]): Promise<void> {
    const codes = [
      ...new Set(
        rows.flatMap((row) => [row.dto.odsCode, row.systemOdsCode].filter((code): code is string => !!code)),
      ),
    ];
    const existing = new Map(
      (await this.repository.findByOdsCodes(codes)).map((organisation) => [
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
    const icbsInFile = new Set(rows.filter((row) => row.dto.type === 'icb').map((row) => row.dto.odsCode));

    for (const row of rows) {
      const { dto, report } = row;
      if (row.regionOdsCode && !regions.has(row.regionOdsCode))
        report.errors.push(`region_ods_code ${row.regionOdsCode} is not a known region`);
      if (row.systemOdsCode) {
        const system = existing.get(row.systemOdsCode);
        const isIcb =
          icbsInFile.has(row.systemOdsCode) ||
          (system?.type === 'icb' && !rows.some((other) => other.dto.odsCode === row.systemOdsCode));
        if (!isIcb)
          report.errors.push(`system_ods_code ${row.systemOdsCode} is not an integrated care board`);
      }
      const current = existing.get(dto.odsCode);
      if (
        current?.type === 'icb' &&
        dto.type !== 'icb' &&
        rows.some((other) => other.systemOdsCode === dto.odsCode)
      ) {
        report.errors.push(`${dto.odsCode} is the system of other rows, so it must stay an ICB`);
      }
      if (report.errors.length > 0) report.action = 'error';
      else if (!current) report.action = 'create';
      else {
        const systemId = row.systemOdsCode ? existing.get(row.systemOdsCode)?.id : null;
        const regionId = row.regionOdsCode ? regions.get(row.regionOdsCode)?.id : undefined;
        report.action = this.differs(current, row, systemId, regionId) ? 'update' : 'unchanged';
      }
    }
  }

  /** `systemId` undefined means the system is new in this file, so the row certainly changes. */
  private differs(
    current: OrganisationEntity,
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

  private async apply(rows: ParsedRow[], actorUserId: string): Promise<void> {
    const ordered = [
      ...rows.filter((row) => row.dto.type === 'icb'),
      ...rows.filter((row) => row.dto.type !== 'icb'),
    ];
    await this.repository.transaction(async (manager) => {
      for (const row of ordered) {
        if (row.report.action === 'unchanged') continue;
        const [current] = await this.repository.findByOdsCodes([row.dto.odsCode], manager);
        const [system] = row.systemOdsCode
          ? await this.repository.findByOdsCodes([row.systemOdsCode], manager)
          : [];
        const [region] = row.regionOdsCode
          ? await this.repository.findRegionsByOdsCodes([row.regionOdsCode])
          : [];
        const saved = await this.repository.save(
          {
            id: current?.id,
            odsCode: row.dto.odsCode,
            name: row.dto.name,
            type: row.dto.type,
            systemId: system?.id ?? null,
            regionId: region?.id ?? system?.regionId ?? current?.regionId,
            validFrom: row.dto.validFrom ?? current?.validFrom ?? todayInLondon(),
            validTo: row.dto.validTo ?? null,
          },
          manager,
        );
        await this.audit.record(
          {
            actorUserId,
            action: current ? 'organisation.updated' : 'organisation.created',
            entityType: 'organisation',
            entityId: saved.id,
            details: { source: 'csv-import', line: row.report.line },
          },
          manager,
        );
      }
    });
  }
}
