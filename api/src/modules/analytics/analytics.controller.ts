import { Controller, Get, Query } from '@nestjs/common';
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
import { AnalyticsService } from './analytics.service';
import {
  AnalyticsQueryDto,
  BreakdownQueryDto,
  CommentsQueryDto,
  FilterOptionsQueryDto,
  ItemsQueryDto,
} from './dto/analytics-query.dto';

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
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('filter-options')
  filterOptions(
    @Query() query: FilterOptionsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AnalyticsFilterOptions> {
    return this.analytics.filterOptions(user, query.programmeId);
  }

  @Get('overview')
  overview(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AnalyticsOverview> {
    return this.analytics.overview(user, filtersOf(query));
  }

  @Get('items')
  items(@Query() query: ItemsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ItemAnalyticsReport> {
    return this.analytics.items(user, filtersOf(query), query.from, query.to);
  }

  @Get('breakdowns')
  breakdown(@Query() query: BreakdownQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Breakdown> {
    return this.analytics.breakdown(user, filtersOf(query), query.dimension);
  }

  @Get('funnel')
  funnel(@Query() query: AnalyticsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<FunnelReport> {
    return this.analytics.funnel(user, filtersOf(query));
  }

  @Get('reach')
  reach(@Query() query: AnalyticsQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<ReachReport> {
    return this.analytics.reach(user, filtersOf(query));
  }

  @Get('cumulative')
  cumulative(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CumulativeReport> {
    return this.analytics.cumulative(user, filtersOf(query));
  }

  @Get('response-rates')
  responseRates(
    @Query() query: AnalyticsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ResponseRateReport> {
    return this.analytics.responseRates(user, filtersOf(query));
  }

  @Get('comments')
  comments(
    @Query() query: CommentsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CommentsReport> {
    return this.analytics.comments(user, filtersOf(query), query.stage);
  }
}

export { filtersOf };
