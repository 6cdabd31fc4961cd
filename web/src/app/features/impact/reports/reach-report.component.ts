import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ReachSystemRow } from '@upstand/contracts';
import { formatNhsDate, NhsDatePipe } from '../../../shared/nhs-date.pipe';
import { CountComponent } from '../count.component';
import { ImpactData, loaded, reportState } from '../impact-data.service';
import { formatRate } from '../impact-format';
import { ReportFrameComponent } from '../report-frame.component';
import { ReportTableComponent } from '../report-table.component';

const STAFF = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/**
 * Reach: certified Active Bystanders for every 1,000 staff, for each integrated care system and each organisation,
 * with the date each headcount was taken (a rate is only as current as its headcount).
 */
@Component({
  selector: 'app-reach-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CountComponent, NhsDatePipe, ReportFrameComponent, ReportTableComponent],
  template: `
    <app-report-frame
      heading="Reach against staff headcount"
      headingId="reach-heading"
      what="the reach"
      [state]="state()"
      [disclosure]="reach()"
      [downloads]="downloads()"
      (retry)="data.reach.reload()"
    >
      @if (reach(); as reach) {
        @if (reach.systems.length > 0) {
          <app-report-table label="Active Bystanders for every 1,000 staff in each system">
            <table class="nhsuk-table" data-testid="reach-system-table">
              <caption class="nhsuk-table__caption nhsuk-table__caption--s">
                Active Bystanders for every 1,000 staff, by integrated care system
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">System</th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Trained</th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Staff headcount
                  </th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Per 1,000 staff
                  </th>
                </tr>
              </thead>
              <tbody class="nhsuk-table__body">
                @for (row of reach.systems; track row.systemId) {
                  <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">{{ row.name }}</th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                      <app-count [count]="row.trained" [threshold]="reach.threshold" />
                    </td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                      {{ row.headcount === null ? 'Not known' : staff(row.headcount) }}
                      <span class="app-secondary-line">{{ systemNote(row) }}</span>
                    </td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                      {{ row.trained.suppressed ? 'Withheld' : rate(row.perThousandStaff) }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </app-report-table>
        }
        <app-report-table label="Active Bystanders for every 1,000 staff in each organisation">
          <table class="nhsuk-table" data-testid="reach-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">
              Active Bystanders for every 1,000 staff, by organisation
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
                    {{ row.headcount === null ? 'Not known' : staff(row.headcount) }}
                    @if (row.headcountAsOf) {
                      <span class="app-secondary-line">counted {{ row.headcountAsOf | nhsDate }}</span>
                    }
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
        <p class="nhsuk-body-s">
          Trained means certified Active Bystanders employed there. A system's headcount is the sum of the
          headcounts its organisations have entered; a rate is only as current as the date its staff were
          counted.
        </p>
      }
    </app-report-frame>
  `,
})
export class ReachReportComponent {
  protected readonly data = inject(ImpactData);
  protected readonly state = computed(() => reportState(this.data.reach));
  protected readonly reach = computed(() => loaded(this.data.reach));
  protected readonly downloads = computed(() => this.data.downloads('reach'));
  protected readonly rate = formatRate;
  protected readonly staff = (headcount: number) => STAFF.format(headcount);
  /** How complete a system's headcount is, e.g. "2 of 3 organisations, oldest counted 31 March 2025". */
  protected systemNote(row: ReachSystemRow): string {
    const counted = `${row.organisationsWithHeadcount} of ${row.organisations} organisations`;
    return row.headcountAsOf ? `${counted}, oldest counted ${formatNhsDate(row.headcountAsOf)}` : counted;
  }
}
