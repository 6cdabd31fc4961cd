import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { DisclosurePolicyComponent } from './disclosure-policy.component';
import { FiltersFormComponent } from './filters-form.component';
import { ImpactData, loaded } from './impact-data.service';
import { AnswersReportComponent } from './reports/answers-report.component';
import { BreakdownReportComponent } from './reports/breakdown-report.component';
import { CommentsReportComponent } from './reports/comments-report.component';
import { CumulativeReportComponent } from './reports/cumulative-report.component';
import { DownloadsComponent } from './reports/downloads.component';
import { FunnelReportComponent } from './reports/funnel-report.component';
import { HeadlinesReportComponent } from './reports/headlines-report.component';
import { ReachReportComponent } from './reports/reach-report.component';
import { ResponseRatesReportComponent } from './reports/response-rates-report.component';

/**
 * The steering group's impact dashboard: who has been trained, how answers changed from before to after the
 * programme, breakdowns, the funnel, reach, response rates and comments, with every chart also given as a table.
 * The page holds the filters (in the address bar, so a view can be shared) and composes one component per report;
 * the reports share their data through `ImpactData`.
 */
@Component({
  selector: 'app-impact-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ImpactData],
  imports: [
    AnswersReportComponent,
    BreakdownReportComponent,
    CommentsReportComponent,
    CumulativeReportComponent,
    DisclosurePolicyComponent,
    DownloadsComponent,
    FiltersFormComponent,
    FunnelReportComponent,
    HeadlinesReportComponent,
    ReachReportComponent,
    ResponseRatesReportComponent,
  ],
  template: `
    <h1>Impact</h1>
    <p class="nhsuk-lede-text">
      How many people the Active Bystander Programme has trained, and how their answers changed from before to
      after it.
    </p>
    <app-disclosure-policy [threshold]="threshold()" />
    <app-impact-filters-form />
    @if (data.noProgramme()) {
      <div class="nhsuk-inset-text">
        <span class="nhsuk-u-visually-hidden">Information: </span>
        <p>There are no programmes to report on yet.</p>
      </div>
    }
    @if (data.query()) {
      <app-headlines-report />
      <app-impact-downloads />
      <app-answers-report />
      <app-breakdown-report />
      <app-funnel-report />
      <app-cumulative-report />
      <app-reach-report />
      <app-response-rates-report />
      <app-comments-report />
    }
  `,
})
export class ImpactPage {
  protected readonly data = inject(ImpactData);
  /** The threshold in force, from the figures once they arrive (the policy's default until then). */
  protected readonly threshold = computed(() => loaded(this.data.overview)?.threshold ?? 10);
}
