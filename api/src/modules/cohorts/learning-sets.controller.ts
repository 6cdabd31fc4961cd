import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CohortLearningSets } from '@upstand/contracts';
import { DEFAULT_SET_SIZE } from '@upstand/schedule';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import { AllocateSetsDto, AssignSetFacilitatorDto, MoveSetMemberDto } from './dto/learning-set.dto';
import { LearningSetsService } from './learning-sets.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => InvalidInputError.field('id', 'id must be a UUID') });

@ApiTags('learning sets')
@Controller()
export class LearningSetsController {
  constructor(private readonly sets: LearningSetsService) {}

  @Roles('programme-lead', 'facilitator')
  @Get('cohorts/:id/sets')
  list(@Param('id', uuid) cohortId: string): Promise<CohortLearningSets> {
    return this.sets.list(cohortId);
  }

  @Roles('programme-lead')
  @Post('cohorts/:id/sets')
  @HttpCode(HttpStatus.CREATED)
  allocate(@Param('id', uuid) cohortId: string, @Body() body: AllocateSetsDto, @CurrentUser() user: AuthenticatedUser): Promise<CohortLearningSets> {
    return this.sets.allocate(cohortId, { min: body.minSize ?? DEFAULT_SET_SIZE.min, max: body.maxSize ?? DEFAULT_SET_SIZE.max }, user);
  }

  @Roles('programme-lead')
  @Put('sets/:id/facilitator')
  assignFacilitator(@Param('id', uuid) setId: string, @Body() body: AssignSetFacilitatorDto, @CurrentUser() user: AuthenticatedUser): Promise<CohortLearningSets> {
    return this.sets.assignFacilitator(setId, body.facilitatorId, user);
  }

  @Roles('programme-lead')
  @Post('sets/:id/members')
  @HttpCode(HttpStatus.OK)
  moveMember(@Param('id', uuid) setId: string, @Body() body: MoveSetMemberDto, @CurrentUser() user: AuthenticatedUser): Promise<CohortLearningSets> {
    return this.sets.moveMember(setId, body.enrolmentId, user);
  }
}
