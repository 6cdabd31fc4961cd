import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  SESSION_KINDS,
  SessionFeedbackResults,
  SessionFeedbackResultsQuery,
  SessionKind,
} from '@upstand/contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { IsCalendarDate } from '../../common/is-calendar-date';
import { PageQueryDto } from '../../common/paging';
import { SessionFeedbackService } from './session-feedback.service';

export class SessionFeedbackResultsQueryDto extends PageQueryDto implements SessionFeedbackResultsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId: string;

  @ApiPropertyOptional({ example: '2024-04-01', description: 'Sessions starting on or after (UK date)' })
  @IsOptional()
  @IsCalendarDate()
  startFrom?: string;

  @ApiPropertyOptional({ example: '2025-03-31', description: 'Sessions starting on or before (UK date)' })
  @IsOptional()
  @IsCalendarDate()
  startTo?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'cohortId must be a UUID' })
  cohortId?: string;

  @ApiPropertyOptional({ enum: SESSION_KINDS })
  @IsOptional()
  @IsIn(SESSION_KINDS, { message: `kind must be one of: ${SESSION_KINDS.join(', ')}` })
  kind?: SessionKind;
}

/** Feedback on sessions for the people who run them; facilitators see their own sessions only. */
@ApiTags('session-feedback')
@Roles('programme-lead', 'facilitator')
@Controller('session-feedback')
export class SessionFeedbackController {
  constructor(private readonly feedback: SessionFeedbackService) {}

  @Get('results')
  results(
    @Query() query: SessionFeedbackResultsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SessionFeedbackResults> {
    return this.feedback.results(user, {
      programmeId: query.programmeId,
      startFrom: query.startFrom,
      startTo: query.startTo,
      cohortId: query.cohortId,
      kind: query.kind,
      q: query.q,
      page: query.page,
      pageSize: query.pageSize,
    });
  }
}
