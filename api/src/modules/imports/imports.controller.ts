import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EnrolmentImportReport, ImportJob, ImportReport, WidePreview } from '@upstand/contracts';
import { Request, Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import {
  ImportQueryDto,
  ResponseImportQueryDto,
  WideImportQueryDto,
  WidePreviewQueryDto,
} from './dto/import.dto';
import { EnrolmentImportService } from './enrolment-import.service';
import { ImportJobsService } from './import-jobs.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ResponseImportService } from './response-import.service';
import { ImportProgress } from './import-progress';
import { TableSource, tableSource, UploadedTable } from './table-reader';

const FILE_BODY = {
  schema: {
    type: 'object',
    properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx, at most 10 MB' } },
  },
};

/** The upload as a table: a multipart `file` (.csv or .xlsx) or a text/csv body. */
function uploadedTable(request: Request, file: UploadedTable | undefined): TableSource {
  if (file) return tableSource(file);
  if (typeof request.body === 'string' && request.body.trim() !== '')
    return { kind: 'csv', text: request.body };
  throw InvalidInputError.field(
    'file',
    'Choose a .csv or .xlsx file (multipart field "file"), or send CSV with Content-Type: text/csv',
  );
}

@ApiTags('imports')
@Controller('imports')
@UseInterceptors(ImportUploadInterceptor)
export class ImportsController {
  constructor(
    private readonly responses: ResponseImportService,
    private readonly enrolments: EnrolmentImportService,
    private readonly jobs: ImportJobsService,
  ) {}

  /**
   * A dry run answers 200 with its report; a real import answers 202 with a job whose result is that report
   * (GET /api/import-jobs/{id}). The upload is read before the job starts, so a missing file is still a 400.
   */
  private runOrStart<T>(
    dryRun: boolean,
    kind: ImportJob['kind'],
    actorUserId: string,
    response: Response,
    work: (progress?: ImportProgress) => Promise<T>,
  ): Promise<T | ImportJob<T>> {
    if (dryRun) return work();
    response.status(HttpStatus.ACCEPTED);
    return this.jobs.start(kind, actorUserId, work);
  }

  /** Long format: delegate_email, stage, item_code, value, submitted_at. Any error → nothing is saved. */
  @Roles('programme-lead')
  @Post('responses')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'A real (not dry-run) import: the job, started' })
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody(FILE_BODY)
  async importResponses(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Query() query: ResponseImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReport | ImportJob<ImportReport>> {
    const dryRun = query.dryRun ?? false;
    const table = uploadedTable(request, file);
    await this.responses.programme(query.programmeId, user);
    return this.runOrStart(dryRun, 'responses', user.id, response, (progress) =>
      this.responses.importLong(
        query.programmeId,
        table,
        { dryRun, dateFormat: query.dateFormat ?? 'uk' },
        user,
        progress,
      ),
    );
  }

  /** A form export's columns, sample rows and suggested column → item mapping for the stage. */
  @Roles('programme-lead')
  @Post('responses/wide/preview')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody(FILE_BODY)
  previewWide(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Query() query: WidePreviewQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WidePreview> {
    return this.responses.previewWide(query.programmeId, query.stage, uploadedTable(request, file), user);
  }

  /** A form export (one row per response) with the multipart field `mapping` (JSON WideImportMapping). */
  @Roles('programme-lead')
  @Post('responses/wide')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'A real (not dry-run) import: the job, started' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        ...FILE_BODY.schema.properties,
        mapping: {
          type: 'string',
          description: 'JSON: {emailColumn, submittedAtColumn, items: [{column, itemCode}]}',
        },
      },
    },
  })
  async importWide(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Body('mapping') mapping: unknown,
    @Query() query: WideImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReport | ImportJob<ImportReport>> {
    if (!file) throw InvalidInputError.field('file', 'Choose the .csv or .xlsx file exported from the form');
    if (mapping === undefined)
      throw InvalidInputError.field('mapping', 'Send the column mapping in the field "mapping"');
    const dryRun = query.dryRun ?? false;
    const table = uploadedTable(request, file);
    await this.responses.programme(query.programmeId, user);
    return this.runOrStart(dryRun, 'responses-wide', user.id, response, (progress) =>
      this.responses.importWide(
        query.programmeId,
        query.stage,
        table,
        mapping,
        { dryRun, dateFormat: query.dateFormat ?? 'uk' },
        user,
        progress,
      ),
    );
  }

  /** Delegates, enrolments and attendance: email, full_name, organisation_ods, cohort_name, status, attended_sessions. */
  @Roles('programme-lead')
  @Post('enrolments')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'A real (not dry-run) import: the job, started' })
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody(FILE_BODY)
  async importEnrolments(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Query() query: ImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnrolmentImportReport | ImportJob<EnrolmentImportReport>> {
    const dryRun = query.dryRun ?? false;
    const table = uploadedTable(request, file);
    await this.enrolments.requireProgramme(query.programmeId, user);
    return this.runOrStart(dryRun, 'enrolments', user.id, response, (progress) =>
      this.enrolments.import(query.programmeId, table, dryRun, user, progress),
    );
  }
}
