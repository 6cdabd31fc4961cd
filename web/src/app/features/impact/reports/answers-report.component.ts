import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { GroupWithheldReason, LIKERT_5_LABELS } from '@upstand/contracts';
import { ChartComponent } from '../../../shared/charts/chart.component';
import { patternFill } from '../../../shared/charts/chart-setup';
import { CountComponent } from '../count.component';
import { divergingSummary, likertTableRows, withheldItemText } from '../diverging';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { divergingChartConfig } from '../impact-charts';
import { formatShare } from '../impact-format';
import { ReportFrameComponent } from '../report-frame.component';
import { ReportTableComponent } from '../report-table.component';
import { ConstructsTableComponent } from './constructs-table.component';
import { ItemsTableComponent } from './items-table.component';

/**
 * How answers changed: agreement before and after as diverging bars (each 100% of the people paired, a withheld
 * one shown as withheld), then the results for each statement and each theme.
 */
@Component({
  selector: 'app-answers-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ChartComponent,
    ConstructsTableComponent,
    CountComponent,
    ItemsTableComponent,
    ReportFrameComponent,
    ReportTableComponent,
  ],
  templateUrl: './answers-report.component.html',
})
export class AnswersReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.items));
  protected readonly report = computed(() => loaded(this.data.items));
  protected readonly downloads = computed(() => this.data.downloads('items'));
  protected readonly likertLabels = LIKERT_5_LABELS;
  protected readonly formatShare = formatShare;

  private readonly items = computed(() => this.report()?.items ?? []);
  private readonly threshold = computed(() => this.report()?.threshold ?? 10);
  /** Table rows; `noShares` when nothing of the row can be shown, so one cell says why. */
  protected readonly rows = computed(() =>
    likertTableRows(this.items()).map((row) => ({
      ...row,
      noShares: row.shares.every((share) => share === null),
    })),
  );
  /** On a phone the statements wrap narrower, so the bars keep most of the width and the labels are not cut off. */
  private readonly narrow =
    typeof window !== 'undefined' && !!window.matchMedia?.('(max-width: 640px)').matches;
  protected readonly chartConfig = computed(() =>
    divergingChartConfig(this.items(), patternFill, this.threshold(), this.narrow ? 18 : 40),
  );
  protected readonly chartLabel = computed(() => divergingSummary(this.items(), this.threshold()));
  protected readonly chartHeight = computed(() => 140 + this.rows().length * (this.narrow ? 56 : 36));
  protected readonly withheldText = (reason: GroupWithheldReason | null) =>
    `Withheld: ${withheldItemText(this.threshold(), reason)}`;
}
