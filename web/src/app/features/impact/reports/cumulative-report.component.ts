import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ChartComponent } from '../../../shared/charts/chart.component';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { cumulativeChartConfig, cumulativeHasGaps, cumulativeSummary } from '../impact-charts';
import { formatPeriod, isQuarter } from '../impact-format';
import { ReportFrameComponent } from '../report-frame.component';
import { ReportTableComponent } from '../report-table.component';

/** Certified Active Bystanders so far, over time: withheld points are gaps in the lines, never zeros. */
@Component({
  selector: 'app-cumulative-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartComponent, CountComponent, ReportFrameComponent, ReportTableComponent],
  templateUrl: './cumulative-report.component.html',
})
export class CumulativeReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.cumulative));
  protected readonly cumulative = computed(() => loaded(this.data.cumulative));
  protected readonly downloads = computed(() => this.data.downloads('cumulative'));
  protected readonly period = formatPeriod;

  protected readonly chartConfig = computed(() => {
    const cumulative = this.cumulative();
    return cumulative ? cumulativeChartConfig(cumulative) : null;
  });
  protected readonly chartLabel = computed(() => {
    const cumulative = this.cumulative();
    return cumulative ? cumulativeSummary(cumulative) : '';
  });
  protected readonly byQuarter = computed(() =>
    (this.cumulative()?.points ?? []).some((point) => isQuarter(point.month)),
  );
  protected readonly hasGaps = computed(() => {
    const cumulative = this.cumulative();
    return !!cumulative && cumulativeHasGaps(cumulative);
  });
}
