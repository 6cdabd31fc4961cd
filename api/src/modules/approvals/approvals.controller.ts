import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApprovalRequestView, BulkApprovalOutcome, Paged, TeamMemberProgress } from '@upstand/contracts';
import { CurrentUser, GuardsSecret, Public, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { AuditsDownload } from '../audit/download-audit';
import { PeopleProgressQueryDto } from '../enrolments/dto/people-progress-query.dto';
import { ApprovalsService } from './approvals.service';
import { ApprovalQueryDto, BulkApproveDto } from './dto/approval-query.dto';
import { uuidParam } from '../../common/params';

/** Wrong approval links one address may try in 15 minutes (a manager mistypes one, a guesser many). */
export const APPROVAL_LINK_GUESSES = 20;

@ApiTags('approvals')
@Controller()
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  /** Public: the emailed link is the credential (unguessable, single-use, expires after 7 days). */
  @Public()
  @GuardsSecret('token', APPROVAL_LINK_GUESSES)
  @Get('approvals/:token')
  view(@Param('token') token: string): Promise<ApprovalRequestView> {
    return this.approvals.viewByToken(token);
  }

  @Public()
  @GuardsSecret('token', APPROVAL_LINK_GUESSES)
  @Post('approvals/:token/approve')
  @HttpCode(HttpStatus.OK)
  approve(@Param('token') token: string): Promise<ApprovalRequestView> {
    return this.approvals.decideByToken(token, true);
  }

  @Public()
  @GuardsSecret('token', APPROVAL_LINK_GUESSES)
  @Post('approvals/:token/decline')
  @HttpCode(HttpStatus.OK)
  decline(@Param('token') token: string): Promise<ApprovalRequestView> {
    return this.approvals.decideByToken(token, false);
  }

  @Roles('line-manager')
  @Get('manager/approvals')
  pending(
    @Query() query: ApprovalQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Paged<ApprovalRequestView>> {
    return this.approvals.forManager(query, user);
  }

  /** Approves several waiting places; each is decided on its own and the answer says what became of each. */
  @Roles('line-manager')
  @Post('manager/approvals/approve')
  @HttpCode(HttpStatus.OK)
  approveMany(
    @Body() body: BulkApproveDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BulkApprovalOutcome[]> {
    return this.approvals.approveMany(body.ids, user);
  }

  @Roles('line-manager')
  @Post('manager/approvals/:id/approve')
  @HttpCode(HttpStatus.OK)
  approveAsManager(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ApprovalRequestView> {
    return this.approvals.decideAsManager(id, true, user);
  }

  @Roles('line-manager')
  @Post('manager/approvals/:id/decline')
  @HttpCode(HttpStatus.OK)
  declineAsManager(
    @Param('id', uuidParam) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ApprovalRequestView> {
    return this.approvals.decideAsManager(id, false, user);
  }

  @Roles('line-manager')
  @AuditsDownload('team-list', { rows: 'items' })
  @Get('manager/team')
  team(
    @Query() query: PeopleProgressQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Paged<TeamMemberProgress>> {
    return this.approvals.team(query, user);
  }
}
