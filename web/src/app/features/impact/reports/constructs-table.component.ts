import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { GroupWithheldReason, ItemAnalyticsReport } from '@upstand/contracts';
import { CountComponent } from '../count.component';
import { withheldItemText } from '../diverging';
import { formatChange, formatCi, formatMean, formatNumber, formatP } from '../impact-format';
import { ReportTableComponent } from '../report-table.component';

/** "confidence-to-intervene" → "Confidence to intervene" */
export function constructLabel(construct: string): string {
  const words = construct.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Results for each theme: the mean of a person's answers to the theme's statements, before and after. */
@Component({
  selector: 'app-constructs-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CountComponent, ReportTableComponent],
  templateUrl: './constructs-table.component.html',
})
export class ConstructsTableComponent {
  readonly report = input.required<ItemAnalyticsReport>();
  protected readonly withheldText = (reason: GroupWithheldReason | null) =>
    withheldItemText(this.report().threshold, reason);

  protected readonly format = {
    change: formatChange,
    ciText: (ci: readonly [number, number]) => `95% CI ${formatCi(ci)}`,
    construct: constructLabel,
    mean: formatMean,
    number: formatNumber,
    p: formatP,
  };
}
