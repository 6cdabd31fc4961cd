import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseEnumPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  FRAMEWORK_AREA_KEYS,
  FrameworkArea,
  ProgrammeAction,
  ProgrammeFramework,
  ProgrammeReview,
} from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import {
  ActionsQueryDto,
  CreateActionDto,
  CreateReviewDto,
  RateAreaDto,
  UpdateActionDto,
} from './dto/governance.dto';
import { GovernanceService } from './governance.service';

/** A malformed id is a 400 naming the parameter. */
const uuid = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => InvalidInputError.field(field, `${field} must be a UUID`) });

const frameworkArea = new ParseEnumPipe(Object.fromEntries(FRAMEWORK_AREA_KEYS.map((area) => [area, area])), {
  exceptionFactory: () => InvalidInputError.field('area', 'area must be one of the 16 framework areas'),
});

/**
 * The steering group and programme leads review programmes; nobody else sees these pages. Reviews and actions
 * belong to a programme: readable wherever the programme is visible, written on a regional programme by regional
 * grants only and on a system's programme by grants covering that system (GovernanceService).
 */
@ApiTags('governance')
@Controller()
export class GovernanceController {
  constructor(private readonly governance: GovernanceService) {}

  @Roles('steering', 'programme-lead')
  @Get('programmes/:programmeId/reviews')
  reviews(
    @Param('programmeId', uuid('programmeId')) programmeId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeReview[]> {
    return this.governance.reviews(programmeId, user);
  }

  @Roles('steering', 'programme-lead')
  @Post('programmes/:programmeId/reviews')
  createReview(
    @Param('programmeId', uuid('programmeId')) programmeId: string,
    @Body() body: CreateReviewDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeReview> {
    return this.governance.createReview(programmeId, body, user);
  }

  @Roles('steering', 'programme-lead')
  @Get('programmes/:programmeId/framework')
  framework(
    @Param('programmeId', uuid('programmeId')) programmeId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeFramework> {
    return this.governance.framework(programmeId, user);
  }

  @Roles('steering', 'programme-lead')
  @Get('reviews/:reviewId')
  review(
    @Param('reviewId', uuid('reviewId')) reviewId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeReview> {
    return this.governance.review(reviewId, user);
  }

  /** Rates an area, or replaces its rating; 409 once the review is closed. */
  @Roles('steering', 'programme-lead')
  @Put('reviews/:reviewId/ratings/:area')
  rate(
    @Param('reviewId', uuid('reviewId')) reviewId: string,
    @Param('area', frameworkArea) area: FrameworkArea,
    @Body() body: RateAreaDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeReview> {
    return this.governance.rate(reviewId, area, body, user);
  }

  @Roles('steering', 'programme-lead')
  @Post('reviews/:reviewId/close')
  @HttpCode(200)
  close(
    @Param('reviewId', uuid('reviewId')) reviewId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeReview> {
    return this.governance.close(reviewId, user);
  }

  @Roles('steering', 'programme-lead')
  @Get('programmes/:programmeId/actions')
  actions(
    @Param('programmeId', uuid('programmeId')) programmeId: string,
    @Query() query: ActionsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeAction[]> {
    return this.governance.actions(programmeId, user, query.status);
  }

  @Roles('steering', 'programme-lead')
  @Post('programmes/:programmeId/actions')
  createAction(
    @Param('programmeId', uuid('programmeId')) programmeId: string,
    @Body() body: CreateActionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeAction> {
    return this.governance.createAction(programmeId, body, user);
  }

  @Roles('steering', 'programme-lead')
  @Get('actions/:actionId')
  action(
    @Param('actionId', uuid('actionId')) actionId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeAction> {
    return this.governance.action(actionId, user);
  }

  @Roles('steering', 'programme-lead')
  @Patch('actions/:actionId')
  updateAction(
    @Param('actionId', uuid('actionId')) actionId: string,
    @Body() body: UpdateActionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProgrammeAction> {
    return this.governance.updateAction(actionId, body, user);
  }
}
