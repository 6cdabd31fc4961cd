import { Body, Controller, Get, Param, ParseEnumPipe, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  EVALUATION_STAGES,
  EvaluationDue,
  EvaluationForm,
  EvaluationStage,
  Instrument,
  SessionFeedbackDue,
  SessionFeedbackForm,
} from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { InvalidInputError } from '../../common/domain-errors';
import { PublishInstrumentDto, SubmitEvaluationDto, SubmitSessionFeedbackDto } from './dto/evaluation.dto';
import { EvaluationsService } from './evaluations.service';
import { uuidParam } from '../../common/params';

const anyStage = new ParseEnumPipe(Object.fromEntries(EVALUATION_STAGES.map((stage) => [stage, stage])), {
  exceptionFactory: () =>
    InvalidInputError.field('stage', `stage must be one of: ${EVALUATION_STAGES.join(', ')}`),
});
const journeyStage = new ParseEnumPipe(
  { pre: 'pre', post: 'post', 'follow-up': 'follow-up' },
  {
    exceptionFactory: () => InvalidInputError.field('stage', 'stage must be pre, post or follow-up'),
  },
);

const sessionIdParam = new ParseUUIDPipe({
  exceptionFactory: () => InvalidInputError.field('sessionId', 'sessionId must be a UUID'),
});

@ApiTags('evaluations')
@Controller()
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Roles('programme-lead')
  @Get('programmes/:id/instruments')
  instruments(
    @Param('id', uuidParam) programmeId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Instrument[]> {
    return this.evaluations.instruments(programmeId, user);
  }

  /** Publishes the next version of a stage's questionnaire; answers already given keep the version they used. */
  @Roles('programme-lead')
  @Put('programmes/:id/instruments/:stage')
  publish(
    @Param('id', uuidParam) programmeId: string,
    @Param('stage', anyStage) stage: EvaluationStage,
    @Body() body: PublishInstrumentDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Instrument> {
    return this.evaluations.publish(programmeId, stage, body.title, body.items, user);
  }

  @Roles('delegate')
  @Get('me/evaluations')
  due(@CurrentUser() user: AuthenticatedUser): Promise<EvaluationDue[]> {
    return this.evaluations.due(user.id);
  }

  @Roles('delegate')
  @Get('me/evaluations/:stage')
  form(
    @Param('stage', journeyStage) stage: 'pre' | 'post' | 'follow-up',
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EvaluationForm> {
    return this.evaluations.form(user.id, stage);
  }

  @Roles('delegate')
  @Put('me/evaluations/:stage')
  submit(
    @Param('stage', journeyStage) stage: 'pre' | 'post' | 'follow-up',
    @Body() body: SubmitEvaluationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EvaluationForm> {
    return this.evaluations.submit(user.id, stage, body);
  }

  /** Sessions the delegate attended, each open for feedback for 14 days after it ends. */
  @Roles('delegate')
  @Get('me/session-feedback')
  sessionFeedback(@CurrentUser() user: AuthenticatedUser): Promise<SessionFeedbackDue[]> {
    return this.evaluations.sessionFeedbackDue(user.id);
  }

  @Roles('delegate')
  @Get('me/session-feedback/:sessionId')
  sessionFeedbackForm(
    @Param('sessionId', sessionIdParam) sessionId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SessionFeedbackForm> {
    return this.evaluations.sessionFeedbackForm(user.id, sessionId);
  }

  @Roles('delegate')
  @Put('me/session-feedback/:sessionId')
  submitSessionFeedback(
    @Param('sessionId', sessionIdParam) sessionId: string,
    @Body() body: SubmitSessionFeedbackDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<SessionFeedbackForm> {
    return this.evaluations.submitSessionFeedback(user.id, sessionId, body);
  }
}
