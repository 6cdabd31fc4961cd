import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { GroupWithheldReason, ItemAnalytics, ItemAnalyticsReport } from '@upstand/contracts';
import { CountComponent } from '../count.component';
import { withheldItemText } from '../diverging';
import {
  effectSizeWords,
  formatChange,
  formatCi,
  formatMean,
  formatNumber,
  formatP,
  formatShare,
} from '../impact-format';
import { ReportTableComponent } from '../report-table.component';

/** Items whose answers are numbers (free text and single choice have no mean or change). */
const NUMERIC_TYPES = new Set(['likert-5', 'scale-0-10', 'yes-no']);

/** Results for each statement: means, change, improved/same/worse, the paired test and effect size. */
@Component({
  selector: 'app-items-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CountComponent, ReportTableComponent],
  templateUrl: './items-table.component.html',
})
export class ItemsTableComponent {
  readonly report = input.required<ItemAnalyticsReport>();
  protected readonly withheldText = (reason: GroupWithheldReason | null) =>
    withheldItemText(this.report().threshold, reason);

  protected readonly items = computed(() =>
    this.report().items.filter((item) => NUMERIC_TYPES.has(item.type)),
  );
  protected readonly format = {
    change: formatChange,
    ciText: (ci: readonly [number, number]) => `95% CI ${formatCi(ci)}`,
    effectSizeWords,
    mean: formatMean,
    number: formatNumber,
    share: formatShare,
  };

  /** The paired test of an item: Wilcoxon for scales, McNemar for yes/no. */
  protected itemP(item: ItemAnalytics): string {
    if (item.wilcoxon) return formatP(item.wilcoxon.pValue);
    if (item.mcnemar) return `${formatP(item.mcnemar.pValue)} (McNemar)`;
    return formatP(null);
  }

  protected itemHolm(item: ItemAnalytics): string {
    return formatP(item.wilcoxon?.pValueHolm ?? null);
  }
}
