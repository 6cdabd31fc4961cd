import { Injectable } from '@nestjs/common';
import {
  FACILITATOR_FEEDBACK_THRESHOLD,
  SessionFeedbackResult,
  SessionFeedbackResults,
  SessionFeedbackResultsQuery,
} from '@upstand/contracts';
import { AuthenticatedUser, hasRole } from '../../common/auth/authenticated-user';
import { ForbiddenError, InvalidInputError } from '../../common/domain-errors';
import { visibleSystemIds } from '../../common/auth/access-scope';
import { likePattern, paged, pageWindow } from '../../common/paging';
import { ProgrammesService } from '../programmes/programmes.service';
import { AnalyticsRepository } from './analytics.repository';
import { redactor } from './analytics.service';
import { SessionFeedbackRepository, SessionFeedbackRow } from './session-feedback.repository';

/**
 * Session feedback for the people who run sessions. Programme leads see every session with every score and
 * comment. Facilitators see only sessions they staff; one answered by fewer than FACILITATOR_FEEDBACK_THRESHOLD
 * people shows its count but not its scores or comments, and comments they see have delegates' names taken out.
 */
@Injectable()
export class SessionFeedbackService {
  constructor(
    private readonly repository: SessionFeedbackRepository,
    private readonly analytics: AnalyticsRepository,
    private readonly programmes: ProgrammesService,
  ) {}

  async results(
    user: AuthenticatedUser,
    query: SessionFeedbackResultsQuery,
  ): Promise<SessionFeedbackResults> {
    if (query.startFrom && query.startTo && query.startFrom > query.startTo)
      throw InvalidInputError.field('startTo', 'startTo must be on or after startFrom');
    const lead = hasRole(user, 'programme-lead');
    if (!lead && !hasRole(user, 'facilitator'))
      throw new ForbiddenError('Session feedback is for programme leads and facilitators');
    await this.programmes.requireVisible(query.programmeId, user);

    const selection = {
      programmeId: query.programmeId,
      startFrom: query.startFrom ?? null,
      startTo: query.startTo ?? null,
      cohortId: query.cohortId ?? null,
      kind: query.kind ?? null,
      facilitatorUserId: lead ? null : user.id,
      // Only sessions of cohorts the grant reaches (a facilitator's own sessions, within their grant too).
      systemIds: visibleSystemIds(user, lead ? ['programme-lead'] : ['facilitator']),
    };
    const minimum = lead ? 0 : FACILITATOR_FEEDBACK_THRESHOLD;
    const window = pageWindow(query);
    const [{ rows, total }, byKind] = await Promise.all([
      this.repository.sessions(selection, window.q ? likePattern(window.q) : null, window.take, window.skip),
      this.repository.byKind(selection, minimum),
    ]);
    const withheld = (row: SessionFeedbackRow) => row.responses > 0 && row.responses < minimum;
    const answered = rows.filter((row) => row.responses > 0 && !withheld(row));
    const [comments, redact] = await Promise.all([
      this.repository.comments(
        query.programmeId,
        answered.map((row) => row.sessionId),
      ),
      lead ? null : this.analytics.delegateNames(query.programmeId).then(redactor),
    ]);

    return {
      threshold: FACILITATOR_FEEDBACK_THRESHOLD,
      suppressionApplied: !lead,
      sessions: paged(
        rows.map((row) => {
          const text = comments.get(row.sessionId) ?? [];
          return toResult(row, withheld(row), redact ? text.map(redact) : text);
        }),
        total,
        window,
      ),
      byKind,
    };
  }
}

function toResult(row: SessionFeedbackRow, withheld: boolean, comments: string[]): SessionFeedbackResult {
  const scored = !withheld && row.usefulAnswers > 0;
  return {
    sessionId: row.sessionId,
    cohortName: row.cohortName,
    kind: row.kind,
    title: row.title,
    startsAt: new Date(row.startsAt).toISOString(),
    responses: row.responses,
    attended: row.attended,
    withheld,
    meanUseful: scored ? row.meanUseful : null,
    distribution: scored ? row.distribution : null,
    comments,
  };
}
