import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Count, ResponseRateRow } from '@upstand/contracts';
import { NhsDatePipe } from '../../../shared/nhs-date.pipe';
import { PageLinksComponent, PageSummaryComponent } from '../../../shared/pagination.component';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { formatShare } from '../impact-format';
import { ReportFrameComponent } from '../report-frame.component';
import { ReportTableComponent } from '../report-table.component';

/** A figure column of the table: a count of people (which may be withheld) or text such as a rate. */
interface Column {
  heading: string;
  count?: (row: ResponseRateRow) => Count;
  text?: (row: ResponseRateRow) => string;
}

/**
 * Questionnaires answered before and after for each cohort, out of the people asked: a page of cohorts at a time
 * (a national programme runs thousands), latest start first, so the cohorts still collecting answers come first.
 */
@Component({
  selector: 'app-response-rates-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CountComponent,
    NhsDatePipe,
    PageLinksComponent,
    PageSummaryComponent,
    ReportFrameComponent,
    ReportTableComponent,
  ],
  template: `
    <app-report-frame
      heading="Response rates"
      headingId="response-rates-heading"
      what="the response rates"
      [state]="state()"
      [disclosure]="rates()"
      [downloads]="downloads()"
      (retry)="data.responseRates.reload()"
    >
      @if (rates(); as rates) {
        <app-page-summary
          [page]="rates.cohorts.page"
          [total]="rates.cohorts.total"
          [pageSize]="rates.cohorts.pageSize"
          noun="cohorts"
        />
        <app-report-table label="Questionnaires answered for each cohort">
          <table class="nhsuk-table" data-testid="response-rates-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">
              Questionnaires answered before and after, for each cohort, latest start first
            </caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">Cohort</th>
                <th class="nhsuk-table__header" scope="col">Starts</th>
                @for (column of columns; track column.heading) {
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    {{ column.heading }}
                  </th>
                }
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              @for (row of rates.cohorts.items; track row.cohortId) {
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                    {{ row.cohortName }}
                  </th>
                  <td class="nhsuk-table__cell app-nowrap">{{ row.startDate | nhsDate }}</td>
                  @for (column of columns; track column.heading) {
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                      @if (column.count) {
                        <app-count [count]="column.count(row)" [threshold]="rates.threshold" />
                      } @else if (column.text) {
                        {{ column.text(row) }}
                      }
                    </td>
                  }
                </tr>
              } @empty {
                <tr class="nhsuk-table__row">
                  <td class="nhsuk-table__cell" [attr.colspan]="columns.length + 2">No cohorts to show.</td>
                </tr>
              }
            </tbody>
          </table>
        </app-report-table>
        <app-page-links
          [page]="rates.cohorts.page"
          [total]="rates.cohorts.total"
          [pageSize]="rates.cohorts.pageSize"
          label="Pages of response rates"
          param="ratesPage"
          fragment="response-rates-heading"
        />
        <p class="nhsuk-body-s">
          Each rate is the people who answered out of the people asked at that stage. The download has every
          cohort.
        </p>
      }
    </app-report-frame>
  `,
})
export class ResponseRatesReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.responseRates));
  protected readonly rates = computed(() => loaded(this.data.responseRates));
  protected readonly downloads = computed(() => this.data.downloads('response-rates'));
  /** The table's figure columns, in order: one line per column. */
  protected readonly columns: Column[] = [
    { heading: 'Asked before', count: (row) => row.preAsked },
    { heading: 'Answered before', count: (row) => row.pre },
    { heading: 'Rate before', text: (row) => formatShare(row.preRate) },
    { heading: 'Asked after', count: (row) => row.postAsked },
    { heading: 'Answered after', count: (row) => row.post },
    { heading: 'Rate after', text: (row) => formatShare(row.postRate) },
  ];
}
