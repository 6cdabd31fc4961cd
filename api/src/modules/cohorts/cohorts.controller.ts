import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Cohort, CohortSession, MovedSession, Paged, SchedulePreview, Series } from '@upstand/contracts';
import { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CohortsService } from './cohorts.service';
import {
  AssignFacilitatorsDto,
  CancelSessionDto,
  CohortScheduleDto,
  CreateCohortDto,
  MoveSessionDto,
  UpdateSessionPlaceDto,
} from './dto/cohort.dto';
import { CohortQueryDto } from './dto/cohort-query.dto';
import { CreateSeriesDto } from './dto/series.dto';
import { SeriesService } from './series.service';
import { SessionsService } from './sessions.service';
import { uuidParam } from '../../common/params';

@ApiTags('cohorts')
@Controller()
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly sessions: SessionsService,
    private readonly series: SeriesService,
  ) {}

  @Roles('programme-lead')
  @Post('cohorts/preview')
  @HttpCode(HttpStatus.OK)
  preview(@Body() body: CohortScheduleDto, @CurrentUser() user: AuthenticatedUser): Promise<SchedulePreview> {
    return this.cohorts.preview(body, user);
  }

  @Roles('programme-lead')
  @Post('cohorts')
  create(@Body() body: CreateCohortDto, @CurrentUser() user: AuthenticatedUser): Promise<Cohort> {
    return this.cohorts.create(body, user);
  }

  /** One page of the cohorts the caller may see, searched and filtered in SQL. */
  @Roles('programme-lead', 'facilitator')
  @Get('cohorts')
  list(@Query() query: CohortQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Paged<Cohort>> {
    return this.cohorts.page(query, user);
  }

  /** Every cohort the caller may see, by name, unpaged: for pickers such as the calendar's cohort filter. */
  @Roles('programme-lead', 'facilitator')
  @Get('cohorts/options')
  options(@CurrentUser() user: AuthenticatedUser): Promise<Cohort[]> {
    return this.cohorts.options(user);
  }

  @Roles('programme-lead', 'facilitator')
  @Get('cohorts/:id')
  get(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Cohort> {
    return this.cohorts.get(id, user);
  }

  @Roles('programme-lead', 'facilitator')
  @Get('cohorts/:id/sessions')
  listSessions(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortSession[]> {
    return this.cohorts.sessions(id, user);
  }

  @Roles('programme-lead', 'facilitator')
  @Get('series')
  listSeries(@CurrentUser() user: AuthenticatedUser): Promise<Series[]> {
    return this.series.list(user);
  }

  /** A recurring series of stand-alone sessions (catch-ups, webinars, sponsor meetings). */
  @Roles('programme-lead')
  @Post('series')
  createSeries(@Body() body: CreateSeriesDto, @CurrentUser() user: AuthenticatedUser): Promise<Series> {
    return this.series.create(body, user);
  }

  @Roles('programme-lead')
  @Patch('sessions/:id')
  move(
    @Param('id', uuidParam) id: string,
    @Body() body: MoveSessionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MovedSession> {
    return this.sessions.move(id, body, user);
  }

  @Roles('programme-lead')
  @Put('sessions/:id/facilitators')
  assignFacilitators(
    @Param('id', uuidParam) id: string,
    @Body() body: AssignFacilitatorsDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortSession> {
    return this.sessions.assignFacilitators(id, body, user);
  }

  @Roles('programme-lead')
  @Patch('sessions/:id/place')
  updatePlace(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateSessionPlaceDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortSession> {
    return this.sessions.updatePlace(id, body, user);
  }

  @Roles('programme-lead')
  @Post('sessions/:id/cancel')
  @HttpCode(HttpStatus.OK)
  cancel(
    @Param('id', uuidParam) id: string,
    @Body() body: CancelSessionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortSession> {
    return this.sessions.cancel(id, body, user);
  }

  @Roles('programme-lead', 'facilitator')
  @Get('sessions/:id/ics')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  async ics(
    @Param('id', uuidParam) id: string,
    @Res({ passthrough: true }) response: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<string> {
    const { filename, body } = await this.sessions.ics(id, user);
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }
}
