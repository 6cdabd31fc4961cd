import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import {
  countText,
  formatChange,
  formatShare,
  headlineSentence,
  widenedDatesSentence,
} from '../impact-format';
import { ReportFrameComponent } from '../report-frame.component';

/** The headline tiles: people trained, from the scale-up systems, paired responses and the headline change. */
@Component({
  selector: 'app-headlines-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CountComponent, ReportFrameComponent],
  templateUrl: './headlines-report.component.html',
  styles: `
    .app-tile__value {
      font-size: 2.5rem;
      font-weight: 600;
      line-height: 1.2;
      margin-bottom: 8px;
    }
  `,
})
export class HeadlinesReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.overview));
  protected readonly overview = computed(() => loaded(this.data.overview));
  protected readonly headline = computed(() => this.overview()?.headline ?? null);
  protected readonly format = { change: formatChange, share: formatShare, count: countText };

  protected readonly headlineDescription = computed(() => {
    const headline = this.headline();
    return headline ? headlineSentence(headline) : '';
  });

  /** Said when the API widened the dates to whole financial years to protect people. */
  protected readonly widenedDates = computed(() => {
    const overview = this.overview();
    const filters = this.data.filters();
    if (!overview || !overview.suppressionApplied) return null;
    if (overview.startFrom === (filters.startFrom || null) && overview.startTo === (filters.startTo || null))
      return null;
    return widenedDatesSentence(overview.startFrom, overview.startTo);
  });
}
