import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FUNNEL_STAGE_LABELS } from '@upstand/contracts';
import { ChartComponent } from '../../../shared/charts/chart.component';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { funnelChartConfig, funnelSummary } from '../impact-charts';
import { ReportFrameComponent } from '../report-frame.component';
import { ReportTableComponent } from '../report-table.component';

/** From sign-up to the Community of Practice: people at each stage, overall, by system and by organisation. */
@Component({
  selector: 'app-funnel-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartComponent, CountComponent, ReportFrameComponent, ReportTableComponent],
  templateUrl: './funnel-report.component.html',
})
export class FunnelReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.funnel));
  protected readonly funnel = computed(() => loaded(this.data.funnel));
  protected readonly downloads = computed(() => this.data.downloads('funnel'));
  protected readonly stageLabels = FUNNEL_STAGE_LABELS;

  protected readonly chartConfig = computed(() => {
    const funnel = this.funnel();
    return funnel ? funnelChartConfig(funnel) : null;
  });
  protected readonly chartLabel = computed(() => {
    const funnel = this.funnel();
    return funnel ? funnelSummary(funnel) : '';
  });
  protected readonly anyWithheld = computed(() => this.funnel()?.overall.some((count) => count.suppressed));

  /** The same stages by system and by organisation. */
  protected readonly tables = computed(() => {
    const funnel = this.funnel();
    if (!funnel) return [];
    return [
      { title: 'By integrated care system', column: 'Integrated care system', rows: funnel.bySystem },
      { title: 'By organisation', column: 'Organisation', rows: funnel.byOrganisation },
    ].map((table, index) => ({
      ...table,
      testId: index === 0 ? 'funnel-system-table' : 'funnel-organisation-table',
    }));
  });
}
