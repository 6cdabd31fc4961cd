import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HEADCOUNT_IMPORT_COLUMNS,
  HeadcountImportReport,
  ImportJob,
  Organisation,
  OrganisationImportReport,
  Paged,
  Region,
} from '@upstand/contracts';
import { Request, Response } from 'express';
import { CurrentUser, Public, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import {
  CreateOrganisationDto,
  ImportQueryDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationPageQueryDto } from './dto/organisation-page-query.dto';
import { ImportUploadInterceptor } from '../imports/import-upload.interceptor';
import { tableSource, TableSource, UploadedTable } from '../imports/table-reader';
import { HeadcountImportService } from './headcount-import.service';
import { OrganisationImportService } from './organisation-import.service';
import { OrganisationsService } from './organisations.service';
import { uuidParam } from '../../common/params';

@ApiTags('organisations')
@Controller()
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly importer: OrganisationImportService,
    private readonly headcounts: HeadcountImportService,
  ) {}

  /** Public: the sign-up form needs the list before anyone has an account. */
  @Public()
  @Get('organisations')
  search(@Query() query: OrganisationQueryDto): Promise<Organisation[]> {
    return this.organisations.search(query);
  }

  /** One page of the organisations list, with the same filters; declared before `organisations/:id`. */
  @Public()
  @Get('organisations/paged')
  page(@Query() query: OrganisationPageQueryDto): Promise<Paged<Organisation>> {
    return this.organisations.page(query);
  }

  @Public()
  @Get('organisations/:id')
  get(@Param('id', uuidParam) id: string): Promise<Organisation> {
    return this.organisations.get(id);
  }

  @Public()
  @Get('regions')
  regions(): Promise<Region[]> {
    return this.organisations.listRegions();
  }

  /** A system lead adds organisations within their own system only; a regional lead any (and ICBs). */
  @Roles('programme-lead')
  @Post('organisations')
  create(@Body() body: CreateOrganisationDto, @CurrentUser() user: AuthenticatedUser): Promise<Organisation> {
    return this.organisations.create(body, user);
  }

  @Roles('programme-lead')
  @Patch('organisations/:id')
  update(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateOrganisationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Organisation> {
    return this.organisations.update(id, body, user);
  }

  /**
   * A dry run answers 200 with the report. A real import answers 202 with a job to poll at
   * GET /api/import-jobs/{id}; its result is the same report.
   */
  @Roles('programme-lead')
  @Post('organisations/import')
  @HttpCode(HttpStatus.OK)
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'The import job, started' })
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'CSV with columns ods_code,name,type,system_ods_code,region_ods_code,valid_from,valid_to',
    schema: { type: 'string' },
  })
  import(
    @Req() request: Request,
    @Query() query: ImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganisationImportReport | ImportJob<OrganisationImportReport>> {
    if (typeof request.body !== 'string' || request.body.trim() === '') {
      throw InvalidInputError.field(
        'file',
        'Send the CSV file as the request body with Content-Type: text/csv',
      );
    }
    if (query.dryRun) return this.importer.import(request.body, true, user);
    response.status(HttpStatus.ACCEPTED);
    return this.importer.start(request.body, user);
  }

  /**
   * Staff headcounts (ods_code, headcount, as_of) as a multipart `file` (.csv or .xlsx) or a text/csv body. A dry
   * run answers 200 with the report; a real import 202 with a job (GET /api/import-jobs/{id}). Any row in error
   * means nothing is saved.
   */
  @Roles('programme-lead')
  @Post('organisations/headcounts/import')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'The import job, started' })
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody({
    description: `CSV or XLSX with the columns ${HEADCOUNT_IMPORT_COLUMNS.join(', ')}, in any order`,
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx, at most 10 MB' } },
    },
  })
  importHeadcounts(
    @Req() request: Request,
    @UploadedFile() file: UploadedTable | undefined,
    @Query() query: ImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HeadcountImportReport | ImportJob<HeadcountImportReport>> {
    const source = headcountFile(request, file);
    if (query.dryRun) return this.headcounts.import(source, true, user);
    response.status(HttpStatus.ACCEPTED);
    return this.headcounts.start(source, user);
  }
}

function headcountFile(request: Request, file: UploadedTable | undefined): TableSource {
  if (file) return tableSource(file);
  if (typeof request.body === 'string' && request.body.trim() !== '')
    return { kind: 'csv', text: request.body };
  throw InvalidInputError.field(
    'file',
    'Choose a .csv or .xlsx file (multipart field "file"), or send CSV with Content-Type: text/csv',
  );
}
