import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import {
  AnalyticsFilterOptions,
  AnalyticsOverview,
  Breakdown,
  CommentsReport,
  CumulativeReport,
  FunnelReport,
  ItemAnalyticsReport,
  ReachReport,
  ResponseRateReport,
} from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DownloadAudit } from '../audit/download-audit';
import { AnalyticsExportService } from './analytics-export.service';
import { BoardReportService } from './board-report.service';
import { AnalyticsScope } from './analytics-scope';
import { AnalyticsScopeResolver } from './analytics-scope.resolver';
import { AnalyticsService } from './analytics.service';
import { toCsv, toXlsx } from '../../common/export-formats';
import { InvalidInputError } from '../../common/domain-errors';
import {
  AnalyticsQueryDto,
  BreakdownQueryDto,
  CommentsQueryDto,
  FilterOptionsQueryDto,
  EXPORT_TABLE_PATTERN,
  ExportQueryDto,
  ItemsQueryDto,
  ResponseRatesQueryDto,
} from './dto/analytics-query.dto';
import { AnalyticsExportTable } from '@upstand/contracts';

const filtersOf = ({
  programmeId,
  startFrom,
  startTo,
  group,
  systemId,
  organisationId,
  cohortId,
}: AnalyticsQueryDto) => ({
  programmeId,
  startFrom,
  startTo,
  group,
  systemId,
  organisationId,
  cohortId,
});

/**
 * Impact figures. Leads see everything; the steering group and sponsors (their own organisation only) see
 * aggregates with small numbers withheld.
 */
@ApiTags('analytics')
@Roles('programme-lead', 'steering', 'sponsor')
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly scopes: AnalyticsScopeResolver,
    private readonly exports: AnalyticsExportService,
    private readonly boardReports: BoardReportService,
    private readonly downloads: DownloadAudit,
  ) {}

  /**
   * A lead's tables and board report are the person-level view (nothing withheld, so small counts can point at
   * people): each download is audited like any other person-level data. Steering and sponsor downloads carry
   * only protected aggregates and are not.
   */
  private async auditPersonLevel(
    user: AuthenticatedUser,
    scope: AnalyticsScope,
    what: string,
    request: Request,
  ): Promise<void> {
    if (!scope.personLevel) return;
    await this.downloads.record({
      actorUserId: user.id,
      what,
      entityType: 'programme',
      entityId: scope.programmeId,
      // The names the caller sent (not the DTO, whose defaults would read as filters asked for).
      filters: Object.keys(request.query),
      extra: { systemIds: scope.systemIds ?? 'all' },
    });
  }

  @Get('filter-options')
  filterOptions(
    @Query() query: FilterOptionsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AnalyticsFilterOptions> {
    return this.analytics.filterOptions(user, query.programmeId);
  }

  @Get('overview')
  async overview(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AnalyticsOverview> {
    return this.analytics.overview(await this.scopes.resolve(user, filtersOf(query)));
  }

  @Get('items')
  async items(
    @Query() query: ItemsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ItemAnalyticsReport> {
    this.analytics.assertDifferentStages(query.from, query.to);
    return this.analytics.items(await this.scopes.resolve(user, filtersOf(query)), query.from, query.to);
  }

  @Get('breakdowns')
  async breakdown(
    @Query() query: BreakdownQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Breakdown> {
    return this.analytics.breakdown(await this.scopes.resolve(user, filtersOf(query)), query.dimension, {
      page: query.page,
      pageSize: query.pageSize,
    });
  }

  @Get('funnel')
  async funnel(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FunnelReport> {
    return this.analytics.funnel(await this.scopes.resolve(user, filtersOf(query)));
  }

  @Get('reach')
  async reach(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReachReport> {
    return this.analytics.reach(await this.scopes.resolve(user, filtersOf(query)));
  }

  @Get('cumulative')
  async cumulative(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CumulativeReport> {
    return this.analytics.cumulative(await this.scopes.resolve(user, filtersOf(query)));
  }

  @Get('response-rates')
  async responseRates(
    @Query() query: ResponseRatesQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ResponseRateReport> {
    return this.analytics.responseRates(await this.scopes.resolve(user, filtersOf(query)), {
      page: query.page,
      pageSize: query.pageSize,
    });
  }

  /** A dashboard table as CSV or XLSX, e.g. /api/analytics/export/funnel.csv, protected like the dashboard. */
  @Get('export/:file')
  async exportTable(
    @Param('file') file: string,
    @Query() query: ExportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const match = EXPORT_TABLE_PATTERN.exec(file);
    if (!match)
      throw InvalidInputError.field(
        'file',
        'Ask for items, breakdown, funnel, reach, cumulative or response-rates as .csv or .xlsx',
      );
    const [, table, format] = match as unknown as [string, AnalyticsExportTable, 'csv' | 'xlsx'];
    const options = { from: query.from, to: query.to, dimension: query.dimension };
    this.exports.checkTableOptions(table, options);
    const scope = await this.scopes.resolve(user, filtersOf(query));
    const data = await this.exports.table(scope, table, options);
    await this.auditPersonLevel(user, scope, `impact-${table}-table`, request);
    const name = `upstand-${table}${query.dimension ? `-${query.dimension}` : ''}.${format}`;
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.send(toCsv(data));
    } else {
      response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      response.send(await toXlsx(data));
    }
  }

  /** The board report as a PDF. */
  @Get('board-report.pdf')
  async boardReport(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const scope = await this.scopes.resolve(user, filtersOf(query));
    const pdf = await this.boardReports.render(scope);
    await this.auditPersonLevel(user, scope, 'board-report', request);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Disposition', 'attachment; filename="upstand-board-report.pdf"');
    response.send(pdf);
  }

  /**
   * Leads only: one row per respondent with every stage's answers side by side, and a codebook sheet; a lead of
   * one system gets that system's respondents only. Audited before the first byte leaves.
   */
  @Roles('programme-lead')
  @Get('matched-export.xlsx')
  async matchedExport(
    @Query() query: FilterOptionsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    if (!query.programmeId) throw InvalidInputError.field('programmeId', 'programmeId is required');
    const { systemIds } = this.scopes.viewer(user);
    await this.exports.assertProgramme(query.programmeId);
    await this.downloads.record({
      actorUserId: user.id,
      what: 'matched-export',
      entityType: 'programme',
      entityId: query.programmeId,
      filters: ['programmeId'],
      extra: { systemIds: systemIds ?? 'all' },
    });
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Disposition', 'attachment; filename="upstand-matched-responses.xlsx"');
    await this.exports.matchedExport(query.programmeId, systemIds, response);
  }

  @Get('comments')
  async comments(
    @Query() query: CommentsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CommentsReport> {
    return this.analytics.comments(await this.scopes.resolve(user, filtersOf(query)), query.stage, {
      page: query.page,
      pageSize: query.pageSize,
    });
  }
}
