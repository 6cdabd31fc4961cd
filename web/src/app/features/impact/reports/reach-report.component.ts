import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { formatNumber, formatRate } from '../impact-format';
import { ReportFrameComponent } from '../report-frame.component';
import { ReportTableComponent } from '../report-table.component';

/** Reach: Active Bystanders trained for every 1,000 staff in each organisation. */
@Component({
  selector: 'app-reach-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CountComponent, ReportFrameComponent, ReportTableComponent],
  template: `
    <app-report-frame
      heading="Reach in each organisation"
      headingId="reach-heading"
      what="the reach"
      [state]="state()"
      [disclosure]="reach()"
      [downloads]="downloads()"
      (retry)="data.reach.reload()"
    >
      @if (reach(); as reach) {
        <app-report-table label="Active Bystanders for every 1,000 staff">
          <table class="nhsuk-table" data-testid="reach-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">
              Active Bystanders trained for every 1,000 staff
            </caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">Organisation</th>
                <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Trained</th>
                <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Staff headcount</th>
                <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Per 1,000 staff</th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              @for (row of reach.rows; track row.organisationId) {
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                    {{ row.name }} <span class="app-secondary-line">{{ row.odsCode }}</span>
                  </th>
                  <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                    <app-count [count]="row.trained" [threshold]="reach.threshold" />
                  </td>
                  <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                    {{ row.headcount === null ? 'Not known' : number(row.headcount, 0) }}
                  </td>
                  <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                    {{ row.trained.suppressed ? 'Withheld' : rate(row.perThousandStaff) }}
                  </td>
                </tr>
              } @empty {
                <tr class="nhsuk-table__row">
                  <td class="nhsuk-table__cell" colspan="4">Nobody has been trained yet.</td>
                </tr>
              }
            </tbody>
          </table>
        </app-report-table>
      }
    </app-report-frame>
  `,
})
export class ReachReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.reach));
  protected readonly reach = computed(() => loaded(this.data.reach));
  protected readonly downloads = computed(() => this.data.downloads('reach'));
  protected readonly number = formatNumber;
  protected readonly rate = formatRate;
}
