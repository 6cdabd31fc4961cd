import { Injectable } from '@nestjs/common';
import { CommentsReport } from '@upstand/contracts';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, toCount, usable, viewCounts } from '../view-counts';
import { AnalyticsRepository } from '../analytics.repository';
import { redactor } from '../redactor';
import { CommentsRepository } from './comments.repository';
import { Stage } from './items.service';

/** What people wrote in the questionnaires' free-text answers. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly repository: CommentsRepository,
    private readonly cells: AnalyticsRepository,
  ) {}

  /**
   * Free-text answers. Leads see them all with the cohort; others only when at least the threshold of people
   * commented, without the cohort and with delegates' names and email addresses taken out.
   */
  async comments(scope: AnalyticsScope, stage: Stage): Promise<CommentsReport> {
    const { counts } = viewCounts(scope, await this.repository.counts(scope, stage), ['comments']);
    const total = toCount(counts.get('comments'));
    if (!scope.personLevel && usable(scope, counts.get('comments')) === null)
      return { ...disclosure(scope), withheld: true, total, comments: [] };
    const comments = await this.repository.comments(scope, stage);
    const redact = scope.personLevel ? null : redactor(await this.cells.delegateNames(scope.programmeId));
    return {
      ...disclosure(scope),
      withheld: false,
      total,
      comments: comments.map((comment) => ({
        itemCode: comment.itemCode,
        stage,
        text: redact ? redact(comment.text) : comment.text,
        cohortName: scope.personLevel ? comment.cohortName : null,
      })),
    };
  }
}
