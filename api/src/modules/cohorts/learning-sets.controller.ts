import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CohortLearningSets } from '@upstand/contracts';
import { DEFAULT_SET_SIZE } from '@upstand/schedule';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { AllocateSetsDto, AssignSetFacilitatorDto, MoveSetMemberDto } from './dto/learning-set.dto';
import { LearningSetsService } from './learning-sets.service';
import { uuidParam } from '../../common/params';

@ApiTags('learning sets')
@Controller()
export class LearningSetsController {
  constructor(private readonly sets: LearningSetsService) {}

  /** Leads see every set; a facilitator only the sets they facilitate (404 if none in this cohort). */
  @Roles('programme-lead', 'facilitator')
  @Get('cohorts/:id/sets')
  list(
    @Param('id', uuidParam) cohortId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    return this.sets.list(cohortId, DEFAULT_SET_SIZE, user);
  }

  @Roles('programme-lead')
  @Post('cohorts/:id/sets')
  @HttpCode(HttpStatus.CREATED)
  allocate(
    @Param('id', uuidParam) cohortId: string,
    @Body() body: AllocateSetsDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    return this.sets.allocate(
      cohortId,
      { min: body.minSize ?? DEFAULT_SET_SIZE.min, max: body.maxSize ?? DEFAULT_SET_SIZE.max },
      user,
    );
  }

  @Roles('programme-lead')
  @Put('sets/:id/facilitator')
  assignFacilitator(
    @Param('id', uuidParam) setId: string,
    @Body() body: AssignSetFacilitatorDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    return this.sets.assignFacilitator(setId, body.facilitatorId, user);
  }

  @Roles('programme-lead')
  @Post('sets/:id/members')
  @HttpCode(HttpStatus.OK)
  moveMember(
    @Param('id', uuidParam) setId: string,
    @Body() body: MoveSetMemberDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortLearningSets> {
    return this.sets.moveMember(setId, body.enrolmentId, user);
  }
}
