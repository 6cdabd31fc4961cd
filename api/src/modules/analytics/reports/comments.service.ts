import { Injectable } from '@nestjs/common';
import { CommentsReport, PageQuery } from '@upstand/contracts';
import { paged, pageWindow } from '../../../common/paging';
import { AnalyticsScope } from '../analytics-scope';
import { disclosure, toCount, usable, viewCounts } from '../view-counts';
import { redactor } from '../redactor';
import { CommentsRepository } from './comments.repository';
import { Stage } from './items.service';

/** What people wrote in the questionnaires' free-text answers, a page at a time. */
@Injectable()
export class CommentsService {
  constructor(private readonly repository: CommentsRepository) {}

  /**
   * Free-text answers. Leads see them all with the cohort; others only when at least the threshold of people
   * commented, without the cohort and with delegates' names and email addresses taken out.
   */
  async comments(scope: AnalyticsScope, stage: Stage, query: PageQuery = {}): Promise<CommentsReport> {
    const window = pageWindow(query);
    const { counts } = viewCounts(scope, await this.repository.counts(scope, stage), ['comments']);
    const total = toCount(counts.get('comments'));
    if (!scope.personLevel && usable(scope, counts.get('comments')) === null)
      return { ...disclosure(scope), withheld: true, total, comments: paged([], 0, window) };
    const [page, names] = await Promise.all([
      this.repository.page(scope, stage, window),
      scope.personLevel ? null : this.repository.delegateNames(scope.programmeId),
    ]);
    const redact = names ? redactor(names) : null;
    return {
      ...disclosure(scope),
      withheld: false,
      total,
      comments: paged(
        page.rows.map((comment) => ({
          itemCode: comment.itemCode,
          stage,
          text: redact ? redact(comment.text) : comment.text,
          cohortName: scope.personLevel ? comment.cohortName : null,
        })),
        page.total,
        window,
      ),
    };
  }
}
