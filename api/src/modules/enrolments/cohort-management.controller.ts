import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  BulkResult,
  Cohort,
  CohortEnrolment,
  CohortEnrolmentPage,
  DelegateCandidate,
  Enrolment,
  Paged,
} from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { uuidParam } from '../../common/params';
import { AuditsDownload } from '../audit/download-audit';
import { CohortManagementService } from './cohort-management.service';
import {
  AddDelegateDto,
  BulkTransferDto,
  BulkWithdrawDto,
  CohortEnrolmentQueryDto,
  PeopleQueryDto,
  UpdateCohortDto,
} from './dto/cohort-management.dto';

/** A programme lead running one cohort of their system (another system's cohort answers 404, as a missing one). */
@ApiTags('cohorts')
@Roles('programme-lead')
@Controller('cohorts/:id')
export class CohortManagementController {
  constructor(private readonly management: CohortManagementService) {}

  /** Name, capacity (not below the places taken: 409 on `capacity`) and whether sign-ups are open. */
  @Patch()
  update(
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateCohortDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Cohort> {
    return this.management.update(id, body, user);
  }

  /** The cohort's delegates, a page at a time: `q` (name or email), `status`, `page`, `pageSize`, `ids`. */
  @AuditsDownload('delegate-list', { entity: 'cohort', rows: 'items' })
  @Get('enrolments')
  list(
    @Param('id', uuidParam) id: string,
    @Query() query: CohortEnrolmentQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortEnrolmentPage> {
    return this.management.list(id, query, user);
  }

  @Get('enrolments/:enrolmentId')
  one(
    @Param('id', uuidParam) id: string,
    @Param('enrolmentId', uuidParam) enrolmentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CohortEnrolment> {
    return this.management.one(id, enrolmentId, user);
  }

  /** People the lead may add (within their systems), by part of a name or email address. */
  @Get('people')
  people(
    @Param('id', uuidParam) id: string,
    @Query() query: PeopleQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Paged<DelegateCandidate>> {
    return this.management.people(id, query, user);
  }

  /** Adds an existing account (`userId`) or invites a new person (`email`, `fullName`): confirmed, or waiting. */
  @Post('delegates')
  add(
    @Param('id', uuidParam) id: string,
    @Body() body: AddDelegateDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Enrolment> {
    return this.management.add(id, body, user);
  }

  @Post('bulk-withdraw')
  @HttpCode(HttpStatus.OK)
  bulkWithdraw(
    @Param('id', uuidParam) id: string,
    @Body() body: BulkWithdrawDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BulkResult> {
    return this.management.bulkWithdraw(id, body, user);
  }

  @Post('bulk-transfer')
  @HttpCode(HttpStatus.OK)
  bulkTransfer(
    @Param('id', uuidParam) id: string,
    @Body() body: BulkTransferDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BulkResult> {
    return this.management.bulkTransfer(id, body, user);
  }
}
