import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CheckInResult,
  CommunityMember,
  CommunitySettings,
  Paged,
  SessionRegister,
} from '@upstand/contracts';
import { Response } from 'express';
import { Authenticated, CurrentUser, GuardsSecret, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { ExportTable, toCsv, toXlsx } from '../../common/export-formats';
import { AuditsDownload, DownloadAudit } from '../audit/download-audit';
import { InvalidInputError } from '../../common/domain-errors';
import { AttendanceService } from './attendance.service';
import { CheckInDto, DirectoryConsentDto, RecordAttendanceDto } from './dto/attendance.dto';
import { uuidParam } from '../../common/params';
import { CommunityMemberQueryDto } from './dto/community-member-query.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Wrong check-in codes one delegate may try in 15 minutes: codes are short, so guessing must stay slow. */
export const CHECK_IN_GUESSES = 10;

const enrolmentIdParam = new ParseUUIDPipe({
  exceptionFactory: () => InvalidInputError.field('enrolmentId', 'enrolmentId must be a UUID'),
});

@ApiTags('attendance')
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly downloads: DownloadAudit,
  ) {}

  /** Leads, and facilitators assigned to the session. */
  @Roles('programme-lead', 'facilitator')
  @AuditsDownload('session-register', { entity: 'session', rows: 'entries' })
  @Get('sessions/:id/register')
  register(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SessionRegister> {
    return this.attendance.register(id, user);
  }

  /** The register as a spreadsheet (names): audited as a download like the register itself. */
  @Roles('programme-lead', 'facilitator')
  @Get('sessions/:id/register.csv')
  @ApiProduces('text/csv')
  async registerCsv(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const table = await this.exportRegister(id, user, 'csv', response);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.send(toCsv(table));
  }

  @Roles('programme-lead', 'facilitator')
  @Get('sessions/:id/register.xlsx')
  @ApiProduces(XLSX)
  async registerXlsx(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const table = await this.exportRegister(id, user, 'xlsx', response);
    response.setHeader('Content-Type', XLSX);
    response.send(await toXlsx(table));
  }

  @Roles('programme-lead', 'facilitator')
  @Get('sessions/:id/check-in.svg')
  @ApiProduces('image/svg+xml')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'private, no-store')
  checkInQr(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<string> {
    return this.attendance.checkInQrSvg(id, user);
  }

  @Roles('programme-lead', 'facilitator')
  @Put('sessions/:id/attendance')
  record(
    @Param('id', uuidParam) id: string,
    @Body() body: RecordAttendanceDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SessionRegister> {
    return this.attendance.record(id, body, user);
  }

  /** Back to not yet recorded; for those who can take the register. */
  @Roles('programme-lead', 'facilitator')
  @Delete('sessions/:id/attendance/:enrolmentId')
  clear(
    @Param('id', uuidParam) id: string,
    @Param('enrolmentId', enrolmentIdParam) enrolmentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SessionRegister> {
    return this.attendance.clear(id, enrolmentId, user);
  }

  @Roles('programme-lead', 'facilitator')
  @Post('sessions/:id/attendance/all-present')
  @HttpCode(HttpStatus.OK)
  allPresent(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SessionRegister> {
    return this.attendance.allPresent(id, user);
  }

  @Roles('delegate')
  @GuardsSecret('code', CHECK_IN_GUESSES)
  @Post('check-in')
  @HttpCode(HttpStatus.OK)
  checkIn(@Body() body: CheckInDto, @CurrentUser() user: AuthenticatedUser): Promise<CheckInResult> {
    return this.attendance.checkIn(body.code, user);
  }

  @Roles('delegate', 'programme-lead')
  @Get('enrolments/:id/certificate.pdf')
  @ApiProduces('application/pdf')
  async certificate(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const { filename, pdf } = await this.attendance.certificate(id, user);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    response.send(pdf);
  }

  @Authenticated()
  @Get('me/community')
  community(@CurrentUser() user: AuthenticatedUser): Promise<CommunitySettings> {
    return this.attendance.communitySettings(user.id);
  }

  @Authenticated()
  @Put('me/community')
  setConsent(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: DirectoryConsentDto,
  ): Promise<CommunitySettings> {
    return this.attendance.setDirectoryConsent(user.id, body.inDirectory);
  }

  /**
   * Shared by both formats: the answer is written by hand (@Res), so the download is audited here rather than by
   * @AuditsDownload's interceptor, and before anything is sent.
   */
  private async exportRegister(
    id: string,
    user: AuthenticatedUser,
    format: 'csv' | 'xlsx',
    response: Response,
  ): Promise<ExportTable> {
    const { table, filename } = await this.attendance.registerTable(id, user);
    await this.downloads.record({
      actorUserId: user.id,
      what: 'session-register',
      entityType: 'session',
      entityId: id,
      filters: [],
      rows: table.rows.length,
      extra: { format },
    });
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}.${format}"`);
    return table;
  }

  /** Members who chose to be listed (and only them). */
  @Roles('delegate', 'facilitator', 'programme-lead')
  @AuditsDownload('community-members', { rows: 'items' })
  @Get('community/members')
  members(
    @Query() query: CommunityMemberQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Paged<CommunityMember>> {
    return this.attendance.directory(query, user);
  }
}
