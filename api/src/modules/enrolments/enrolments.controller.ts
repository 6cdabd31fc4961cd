import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { Enrolment, Journey, OpenCohort, Paged, SponsorDelegate, TransferOffer } from '@upstand/contracts';
import { CurrentUser, Public, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { AuditsDownload } from '../audit/download-audit';
import { OpenCohortQueryDto, TransferDto } from './dto/enrolment.dto';
import { PeopleProgressQueryDto } from './dto/people-progress-query.dto';
import { WithdrawDto } from './dto/cohort-management.dto';
import { EnrolmentsService } from './enrolments.service';
import { TransferOffersService } from './transfer-offers.service';
import { uuidParam } from '../../common/params';

@ApiTags('enrolments')
@Controller()
export class EnrolmentsController {
  constructor(
    private readonly enrolments: EnrolmentsService,
    private readonly transfers: TransferOffersService,
  ) {}

  /**
   * Public: anyone may see which cohorts are open, how many places are left, and where and when each session
   * happens (never who facilitates it). Paged.
   */
  @Public()
  @Get('open-cohorts')
  openCohorts(@Query() query: OpenCohortQueryDto): Promise<Paged<OpenCohort>> {
    return this.enrolments.openCohorts(query);
  }

  @Roles('delegate')
  @Post('cohorts/:id/enrolments')
  signUp(
    @Param('id', uuidParam) cohortId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Enrolment> {
    return this.enrolments.signUp(cohortId, user);
  }

  @Roles('delegate')
  @Get('me/enrolments')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<Enrolment[]> {
    return this.enrolments.mine(user.id);
  }

  @Roles('delegate', 'programme-lead')
  @Post('enrolments/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  withdraw(
    @Param('id', uuidParam) id: string,
    @Body() body: WithdrawDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Enrolment> {
    return this.enrolments.withdraw(id, user, body.reason);
  }

  /** A lead offers a free place to someone on the waiting list, out of turn (409 on `capacity` when none is free). */
  @Roles('programme-lead')
  @Post('enrolments/:id/offer')
  @HttpCode(HttpStatus.OK)
  offer(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Enrolment> {
    return this.enrolments.offerByHand(id, user);
  }

  @Roles('delegate')
  @Post('enrolments/:id/accept')
  @HttpCode(HttpStatus.OK)
  accept(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Enrolment> {
    return this.enrolments.acceptOffer(id, user);
  }

  @Roles('delegate')
  @Post('enrolments/:id/decline')
  @HttpCode(HttpStatus.OK)
  decline(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Enrolment> {
    return this.enrolments.declineOffer(id, user);
  }

  /**
   * 200 with the delegate's new enrolment when the lead's grant reaches both cohorts; 202 with the offer when it
   * reaches only the delegate's cohort (the receiving system's leads then accept or decline it).
   */
  @Roles('programme-lead')
  @Post('enrolments/:id/transfer')
  @HttpCode(HttpStatus.OK)
  async transfer(
    @Param('id', uuidParam) id: string,
    @Body() body: TransferDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Enrolment | TransferOffer> {
    const outcome = await this.transfers.transfer(id, body.cohortId, user);
    if (outcome.kind === 'moved') return outcome.enrolment;
    response.status(HttpStatus.ACCEPTED);
    return outcome.offer;
  }

  @Roles('delegate')
  @Get('me/journey')
  journey(@CurrentUser() user: AuthenticatedUser): Promise<Journey> {
    return this.enrolments.journey(user.id);
  }

  /** A sponsor's own organisation only: names and progress, never equality data. */
  @Roles('sponsor')
  @AuditsDownload('sponsor-delegate-list', { rows: 'items' })
  @Get('sponsor/delegates')
  sponsorDelegates(
    @Query() query: PeopleProgressQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Paged<SponsorDelegate>> {
    return this.enrolments.sponsorView(query, user);
  }
}
