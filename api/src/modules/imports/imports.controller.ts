import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { EnrolmentImportReport, ImportReport, WidePreview } from '@upstand/contracts';
import { Request } from 'express';
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
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ResponseImportService } from './response-import.service';
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
  ) {}

  /** Long format: delegate_email, stage, item_code, value, submitted_at. Any error → nothing is saved. */
  @Roles('programme-lead')
  @Post('responses')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody(FILE_BODY)
  importResponses(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Query() query: ResponseImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImportReport> {
    return this.responses.importLong(
      query.programmeId,
      uploadedTable(request, file),
      { dryRun: query.dryRun ?? false, dateFormat: query.dateFormat ?? 'uk' },
      user.id,
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
  ): Promise<WidePreview> {
    return this.responses.previewWide(query.programmeId, query.stage, uploadedTable(request, file));
  }

  /** A form export (one row per response) with the multipart field `mapping` (JSON WideImportMapping). */
  @Roles('programme-lead')
  @Post('responses/wide')
  @HttpCode(HttpStatus.OK)
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
  importWide(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Body('mapping') mapping: unknown,
    @Query() query: WideImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImportReport> {
    if (!file) throw InvalidInputError.field('file', 'Choose the .csv or .xlsx file exported from the form');
    if (mapping === undefined)
      throw InvalidInputError.field('mapping', 'Send the column mapping in the field "mapping"');
    return this.responses.importWide(
      query.programmeId,
      query.stage,
      uploadedTable(request, file),
      mapping,
      { dryRun: query.dryRun ?? false, dateFormat: query.dateFormat ?? 'uk' },
      user.id,
    );
  }

  /** Delegates, enrolments and attendance: email, full_name, organisation_ods, cohort_name, status, attended_sessions. */
  @Roles('programme-lead')
  @Post('enrolments')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody(FILE_BODY)
  importEnrolments(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Query() query: ImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EnrolmentImportReport> {
    return this.enrolments.import(
      query.programmeId,
      uploadedTable(request, file),
      query.dryRun ?? false,
      user.id,
    );
  }
}
