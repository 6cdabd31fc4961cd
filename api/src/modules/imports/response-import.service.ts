import { Injectable } from '@nestjs/common';
import {
  IMPORT_STAGES,
  ImportDateFormat,
  ImportReport,
  ImportStage,
  InstrumentItem,
  RESPONSE_IMPORT_COLUMNS,
  WideImportMapping,
  WidePreview,
} from '@upstand/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { coversSystem } from '../../common/auth/access-scope';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/domain-errors';
import { programmeVisibleTo } from '../programmes/programmes.service';
import { flattenValidationErrors } from '../../common/validation';
import { AuditService } from '../audit/audit.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { WideImportMappingDto } from './dto/import.dto';
import { columnPositions, ImportErrors, uniqueHeadings } from './import-errors';
import { isEmailAddress, parseAnswer, parseSubmittedAt } from './import-values';
import { forEachPaced, ImportProgress } from './import-progress';
import { ImportsRepository, NewAnswer, NewResponse } from './imports.repository';
import { readTable, TableRow, TableSource } from './table-reader';
import { suggestEmailColumn, suggestMapping, suggestSubmittedAtColumn } from './wide-format';

export interface ImportOptions {
  dryRun: boolean;
  dateFormat: ImportDateFormat;
}

/** One answer of a source row, with the columns to blame when it is wrong. */
interface SourceAnswer {
  itemCode: string;
  value: string;
  itemField: string;
  valueField: string;
}

/** One row of the file: a long row carries one answer, a wide (form export) row all of a response's. */
export interface SourceRow {
  row: number;
  email: string;
  stage: string;
  submittedAt: string;
  answers: SourceAnswer[];
  fields: { email: string; stage: string; submittedAt: string };
  /** A problem found while reading the row (too many cells, no answers) */
  problem?: { field: string; message: string };
}

interface CheckedRow {
  row: number;
  email: string;
  stage: ImportStage;
  instrumentId: string;
  submittedAt: Date;
  answers: { itemCode: string; value: number | string; itemField: string }[];
  emailField: string;
}

interface PendingResponse extends NewResponse {
  firstRow: number;
  answerRows: Map<string, number>;
  answers: { itemCode: string; value: number | string }[];
}

const LONG_FIELDS = { email: 'delegate_email', stage: 'stage', submittedAt: 'submitted_at' };
const SAMPLE_ROWS = 5;

/**
 * Imports historical questionnaire answers. Every row is checked first (value against its item's type, the
 * delegate and their enrolment, duplicates); only a file without errors is written, in one transaction.
 * Rows of one delegate and stage make one response, replacing any they already had.
 */
@Injectable()
export class ResponseImportService {
  constructor(
    private readonly repository: ImportsRepository,
    private readonly evaluations: EvaluationsService,
    private readonly audit: AuditService,
  ) {}

  /** Canonical long format: delegate_email, stage, item_code, value, submitted_at. */
  async importLong(
    programmeId: string,
    source: TableSource,
    options: ImportOptions,
    actor: AuthenticatedUser,
    progress: ImportProgress = new ImportProgress(),
  ): Promise<ImportReport> {
    await this.programme(programmeId, actor);
    await progress.phase('reading', null);
    const rows = readTable(source);
    const header = await rows.next();
    const at = columnPositions(header.done ? undefined : header.value, RESPONSE_IMPORT_COLUMNS);
    const width = (header.value as TableRow).cells.length;
    const sourceRows: SourceRow[] = [];
    for await (const { row, cells } of rows) {
      const extra = cells.slice(width).some((cell) => cell !== '');
      sourceRows.push({
        row,
        email: cells[at.delegate_email] ?? '',
        stage: cells[at.stage] ?? '',
        submittedAt: cells[at.submitted_at] ?? '',
        answers: [
          {
            itemCode: cells[at.item_code] ?? '',
            value: cells[at.value] ?? '',
            itemField: 'item_code',
            valueField: 'value',
          },
        ],
        fields: LONG_FIELDS,
        problem: extra
          ? {
              field: 'row',
              message: `The row has more cells than the header has columns: put quotes around values with commas`,
            }
          : undefined,
      });
      await progress.pace(sourceRows.length);
    }
    return this.importRows(programmeId, sourceRows, options, actor, 'long', progress);
  }

  /** The columns of a form export, a few rows, and which item each column seems to answer. */
  async previewWide(
    programmeId: string,
    stage: ImportStage,
    source: TableSource,
    viewer: AuthenticatedUser,
  ): Promise<WidePreview> {
    await this.programme(programmeId, viewer);
    const items = (await this.evaluations.instrument(programmeId, stage)).items;
    const rows = readTable(source);
    const header = await rows.next();
    if (header.done) throw InvalidInputError.field('file', 'The file is empty');
    const columns = uniqueHeadings(header.value.cells);
    const sampleRows: string[][] = [];
    for await (const { cells } of rows) {
      sampleRows.push(columns.map((_, index) => cells[index] ?? ''));
      if (sampleRows.length >= SAMPLE_ROWS) break;
    }
    return {
      columns,
      sampleRows,
      suggestedMapping: suggestMapping(columns, items),
      suggestedEmailColumn: suggestEmailColumn(columns),
      suggestedSubmittedAtColumn: suggestSubmittedAtColumn(columns),
      items: items.map((item) => ({ code: item.code, wording: item.wording })),
    };
  }

  /** A form export (one row per response) turned into long rows by the mapping, then imported as those. */
  async importWide(
    programmeId: string,
    stage: ImportStage,
    source: TableSource,
    mappingJson: unknown,
    options: ImportOptions,
    actor: AuthenticatedUser,
    progress: ImportProgress = new ImportProgress(),
  ): Promise<ImportReport> {
    await this.programme(programmeId, actor);
    await progress.phase('reading', null);
    const mapping = await parseMapping(mappingJson);
    const items = (await this.evaluations.instrument(programmeId, stage)).items;
    const rows = readTable(source);
    const header = await rows.next();
    if (header.done) throw InvalidInputError.field('file', 'The file is empty');
    const columns = uniqueHeadings(header.value.cells);
    const position = checkMapping(mapping, columns, items);
    const sourceRows: SourceRow[] = [];
    for await (const { row, cells } of rows) {
      const answers = mapping.items
        .map((entry) => ({
          itemCode: entry.itemCode,
          value: cells[position(entry.column)] ?? '',
          itemField: entry.column,
          valueField: entry.column,
        }))
        .filter((answer) => answer.value !== '');
      sourceRows.push({
        row,
        email: cells[position(mapping.emailColumn)] ?? '',
        stage,
        submittedAt: cells[position(mapping.submittedAtColumn)] ?? '',
        answers,
        fields: { email: mapping.emailColumn, stage: 'stage', submittedAt: mapping.submittedAtColumn },
        problem:
          answers.length === 0
            ? { field: 'row', message: 'The row has no answers in the columns mapped to questions' }
            : undefined,
      });
      await progress.pace(sourceRows.length);
    }
    return this.importRows(programmeId, sourceRows, options, actor, 'wide', progress);
  }

  /**
   * 404 for a missing programme and for another system's (as for a missing one); 409 for an anonymous one. The
   * controller asks before starting a job, so the refusal is the upload's answer, not a failed job's.
   */
  async programme(programmeId: string, viewer: AuthenticatedUser): Promise<void> {
    const programme = await this.repository.programme(programmeId);
    if (!programme || !programmeVisibleTo(viewer, programme))
      throw new NotFoundError('Programme', programmeId);
    if (programme.anonymousEvaluation)
      throw new ConflictError(
        'This programme evaluates anonymously, so answers that name delegates cannot be imported into it',
        'programmeId',
      );
  }

  private async importRows(
    programmeId: string,
    sourceRows: SourceRow[],
    options: ImportOptions,
    actor: AuthenticatedUser,
    format: 'long' | 'wide',
    progress: ImportProgress,
  ): Promise<ImportReport> {
    const actorUserId = actor.id;
    if (sourceRows.length === 0)
      throw InvalidInputError.field('file', 'The file has a header row but no data');
    const errors = new ImportErrors();
    const instruments = new Map(
      await Promise.all(
        IMPORT_STAGES.map(async (stage) => {
          const instrument = await this.evaluations.instrument(programmeId, stage);
          return [
            stage,
            { id: instrument.id, items: new Map(instrument.items.map((i) => [i.code, i])) },
          ] as const;
        }),
      ),
    );

    const checked: CheckedRow[] = [];
    const now = new Date();
    await progress.phase('checking', sourceRows.length);
    await forEachPaced(sourceRows, progress, (source) => {
      const fail = (field: string, message: string) => errors.add(source.row, field, message);
      if (source.problem) fail(source.problem.field, source.problem.message);
      const email = source.email.trim().toLowerCase();
      if (!email) fail(source.fields.email, 'The email address is empty');
      else if (!isEmailAddress(email)) fail(source.fields.email, `"${source.email}" is not an email address`);
      const stage = source.stage.trim().toLowerCase() as ImportStage;
      const instrument = instruments.get(stage);
      if (!instrument)
        fail(source.fields.stage, `"${source.stage}" is not a stage: use pre, post or follow-up`);
      const submittedAt = parseSubmittedAt(source.submittedAt, options.dateFormat, now);
      if (!submittedAt.ok) fail(source.fields.submittedAt, submittedAt.message);
      const answers: CheckedRow['answers'] = [];
      for (const answer of source.answers) {
        const code = answer.itemCode.trim();
        const item = instrument?.items.get(code);
        if (!instrument) continue;
        if (!code) {
          fail(answer.itemField, 'The item code is empty');
          continue;
        }
        if (!item) {
          fail(answer.itemField, `${code} is not a question in the current ${stage} questionnaire`);
          continue;
        }
        const value = parseAnswer(item, answer.value);
        if (value.ok) answers.push({ itemCode: code, value: value.value, itemField: answer.itemField });
        else fail(answer.valueField, value.message);
      }
      if (instrument && submittedAt.ok && email)
        checked.push({
          row: source.row,
          email,
          stage,
          instrumentId: instrument.id,
          submittedAt: submittedAt.value,
          answers,
          emailField: source.fields.email,
        });
    });

    const delegates = new Map(
      (
        await this.repository.delegateEnrolments(programmeId, [
          ...new Set(checked.map((row) => row.email).filter(isEmailAddress)),
        ])
      ).map((delegate) => [delegate.email, delegate]),
    );
    const responses = new Map<string, PendingResponse>();
    await forEachPaced(checked, progress, (row) => {
      const delegate = delegates.get(row.email);
      if (!isEmailAddress(row.email)) return;
      if (!delegate) {
        errors.add(row.row, row.emailField, `No one has an account with the email ${row.email}`);
        return;
      }
      // A place on another system's cohort reads as no place at all: the lead's grant does not reach it.
      if (
        !delegate.enrolmentId ||
        !delegate.cohortId ||
        !delegate.cohortSystemId ||
        !coversSystem(actor, ['programme-lead'], delegate.cohortSystemId)
      ) {
        errors.add(row.row, row.emailField, `${row.email} has no place on this programme`);
        return;
      }
      const key = `${delegate.userId}|${row.stage}`;
      let response = responses.get(key);
      if (!response) {
        response = {
          cohortId: delegate.cohortId,
          enrolmentId: delegate.enrolmentId,
          delegateUserId: delegate.userId,
          stage: row.stage,
          instrumentId: row.instrumentId,
          submittedAt: row.submittedAt,
          firstRow: row.row,
          answerRows: new Map(),
          answers: [],
        };
        responses.set(key, response);
      }
      if (format === 'wide' && response.firstRow !== row.row) {
        // A form export has one row per response: a second one is a resubmission to remove, not more answers.
        errors.add(
          row.row,
          row.emailField,
          `${row.email} already has a ${row.stage} response on row ${response.firstRow}: keep one of the two`,
        );
        return;
      }
      if (row.submittedAt > response.submittedAt) response.submittedAt = row.submittedAt;
      for (const answer of row.answers) {
        const earlier = response.answerRows.get(answer.itemCode);
        if (earlier !== undefined) {
          errors.add(
            row.row,
            answer.itemField,
            `${answer.itemCode} is already answered for ${row.email} (${row.stage}) on row ${earlier}`,
          );
          continue;
        }
        response.answerRows.set(answer.itemCode, row.row);
        response.answers.push({ itemCode: answer.itemCode, value: answer.value });
      }
    });

    const pending = [...responses.values()];
    const existing = await this.repository.existingResponses(
      programmeId,
      pending.map((response) => ({ pairingKey: response.delegateUserId, stage: response.stage })),
    );
    const replaced = pending.filter((response) =>
      existing.has(`${response.delegateUserId}|${response.stage}`),
    ).length;
    const report: ImportReport = {
      dryRun: options.dryRun,
      rowsRead: sourceRows.length,
      rowsAccepted: sourceRows.length - errors.rejectedRows.size,
      rowsRejected: errors.rejectedRows.size,
      responsesCreated: pending.length - replaced,
      responsesReplaced: replaced,
      ...errors.report(),
    };
    if (options.dryRun || errors.any || pending.length === 0) return report;

    const answers: NewAnswer[] = pending.flatMap((response, responseIndex) =>
      response.answers.map((answer) => ({ responseIndex, ...answer })),
    );
    await progress.phase('saving', pending.length);
    const saved = await this.repository.transaction(async (manager) => {
      const counts = await this.repository.saveResponses(programmeId, pending, answers, manager, progress);
      await this.audit.record(
        {
          actorUserId,
          action: 'evaluation.imported',
          entityType: 'programme',
          entityId: programmeId,
          details: {
            format,
            rows: sourceRows.length,
            responsesCreated: counts.created,
            responsesReplaced: counts.replaced,
            fields: ['answers', 'submittedAt'],
          },
        },
        manager,
      );
      return counts;
    });
    return { ...report, responsesCreated: saved.created, responsesReplaced: saved.replaced };
  }
}

/** The `mapping` field: JSON text (multipart) or an object, checked like a request body. */
async function parseMapping(raw: unknown): Promise<WideImportMapping> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw InvalidInputError.field(
        'mapping',
        'mapping must be JSON: {emailColumn, submittedAtColumn, items}',
      );
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw InvalidInputError.field(
      'mapping',
      'Send the field mapping as JSON: {emailColumn, submittedAtColumn, items: [{column, itemCode}]}',
    );
  const dto = plainToInstance(WideImportMappingDto, value);
  const problems = flattenValidationErrors(
    await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
  ).map((error) => ({ field: `mapping.${error.field}`, message: error.message }));
  if (problems.length > 0) throw new InvalidInputError(problems);
  return dto;
}

/** Every mapped column must be in the file and every item in the stage's questionnaire, each item once. */
function checkMapping(
  mapping: WideImportMapping,
  columns: string[],
  items: InstrumentItem[],
): (column: string) => number {
  const problems: { field: string; message: string }[] = [];
  const known = new Set(columns);
  const codes = new Set(items.map((item) => item.code));
  if (!known.has(mapping.emailColumn))
    problems.push({
      field: 'mapping.emailColumn',
      message: `The file has no column "${mapping.emailColumn}"`,
    });
  if (!known.has(mapping.submittedAtColumn))
    problems.push({
      field: 'mapping.submittedAtColumn',
      message: `The file has no column "${mapping.submittedAtColumn}"`,
    });
  const seen = new Set<string>();
  mapping.items.forEach((entry, index) => {
    if (!known.has(entry.column))
      problems.push({
        field: `mapping.items.${index}.column`,
        message: `The file has no column "${entry.column}"`,
      });
    if (!codes.has(entry.itemCode))
      problems.push({
        field: `mapping.items.${index}.itemCode`,
        message: `${entry.itemCode} is not a question in this questionnaire`,
      });
    else if (seen.has(entry.itemCode))
      problems.push({
        field: `mapping.items.${index}.itemCode`,
        message: `${entry.itemCode} is mapped to more than one column`,
      });
    seen.add(entry.itemCode);
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  const positions = new Map(columns.map((column, index) => [column, index]));
  return (column) => positions.get(column) ?? -1;
}
