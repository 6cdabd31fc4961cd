import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FreeTextComment } from '@upstand/contracts';
import { PageLinksComponent, PageSummaryComponent } from '../../../shared/pagination.component';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { ReportFrameComponent } from '../report-frame.component';

const COMMENTS_SHOWN = 10;

export interface CommentGroup {
  itemCode: string;
  question: string;
  shown: FreeTextComment[];
  more: FreeTextComment[];
}

/** Groups comments by the question they answer, in the order the questions first appear. */
export function groupComments(
  comments: readonly FreeTextComment[],
  questions: ReadonlyMap<string, string>,
  shown: number,
): CommentGroup[] {
  const groups = new Map<string, FreeTextComment[]>();
  for (const comment of comments)
    groups.set(comment.itemCode, [...(groups.get(comment.itemCode) ?? []), comment]);
  return [...groups.entries()].map(([itemCode, list]) => ({
    itemCode,
    question: questions.get(itemCode) ?? 'Other comments',
    shown: list.slice(0, shown),
    more: list.slice(shown),
  }));
}

/**
 * What people said afterwards, a page at a time (the API pages them, newest first), under the question they
 * answered; withheld when too few to stay anonymous.
 */
@Component({
  selector: 'app-comments-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CountComponent, PageLinksComponent, PageSummaryComponent, ReportFrameComponent],
  templateUrl: './comments-report.component.html',
  styles: `
    .app-comment {
      margin: 0 0 16px;
      padding-left: 16px;
      border-left: 4px solid #005eb8;
    }
    .app-comment p {
      margin-bottom: 4px;
      white-space: pre-line;
    }
  `,
})
export class CommentsReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.comments));
  protected readonly comments = computed(() => loaded(this.data.comments));

  /** This page's comments under the question they answer, the first few shown and the rest behind "Show more". */
  protected readonly groups = computed(() => {
    const items = loaded(this.data.items)?.items ?? [];
    const questions = new Map(items.map((item) => [item.itemCode, item.wording]));
    return groupComments(this.comments()?.comments.items ?? [], questions, COMMENTS_SHOWN);
  });
}
