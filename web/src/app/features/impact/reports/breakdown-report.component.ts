import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router } from '@angular/router';
import {
  BREAKDOWN_DIMENSION_LABELS,
  BREAKDOWN_DIMENSION_NOUNS,
  BREAKDOWN_DIMENSIONS,
  BreakdownDimension,
} from '@upstand/contracts';
import { PageLinksComponent, PageSummaryComponent } from '../../../shared/pagination.component';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { filtersToParams, isDimension } from '../impact-filters';
import { formatChange, formatShare, WITHHELD } from '../impact-format';
import { ReportFrameComponent } from '../report-frame.component';
import { ReportTableComponent } from '../report-table.component';

/**
 * People trained and paired, and the headline change, by a dimension the reader chooses (kept in the address), a
 * page of categories at a time (by cohort there can be thousands).
 */
@Component({
  selector: 'app-breakdown-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CountComponent,
    PageLinksComponent,
    PageSummaryComponent,
    ReportFrameComponent,
    ReportTableComponent,
  ],
  templateUrl: './breakdown-report.component.html',
})
export class BreakdownReportComponent {
  protected readonly data = inject(ImpactData);
  private readonly router = inject(Router);
  protected readonly state = computed(() => reportState(this.data.breakdown));
  protected readonly breakdown = computed(() => loaded(this.data.breakdown));
  protected readonly downloads = computed(() => this.data.downloads('breakdown'));
  protected readonly dimensions = BREAKDOWN_DIMENSIONS;
  protected readonly labels = BREAKDOWN_DIMENSION_LABELS;
  protected readonly nouns = BREAKDOWN_DIMENSION_NOUNS;
  protected readonly format = { change: formatChange, share: formatShare };
  /** A row's survey results withheld as a group (its own base, `headlineWithheld`) say so, never "Not available". */
  protected readonly withheld = WITHHELD;
  protected readonly downloadName = computed(
    () =>
      `the breakdown by ${this.labels[this.breakdown()?.dimension ?? this.data.dimension()].toLowerCase()}`,
  );

  protected showBreakdown(event: Event): void {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get('dimension');
    const dimension: BreakdownDimension = isDimension(value) ? value : this.data.dimension();
    void this.router.navigate(['/impact'], { queryParams: filtersToParams(this.data.filters(), dimension) });
  }
}
