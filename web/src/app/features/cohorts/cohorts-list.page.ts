import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Cohort } from '@upstand/contracts';
import { map } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { TransferOffersComponent } from './transfer-offers.component';

const newestFirst = (a: Cohort, b: Cohort) =>
  b.startDate.localeCompare(a.startDate) || a.name.localeCompare(b.name);

@Component({
  selector: 'app-cohorts-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent, NhsDatePipe, LinkButtonDirective, TransferOffersComponent],
  template: `
    <h1>Cohorts</h1>

    @if (session.isProgrammeLead()) {
      <a class="nhsuk-button" appLinkButton routerLink="/cohorts/new">Create cohort</a>
      <app-transfer-offers />
    }

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading cohorts…</p>
      }
      @case ('failed') {
        <app-error-summary heading="Cohorts could not be loaded" [errors]="errors()" />
      }
      @default {
        @if (cohorts().length) {
          <div class="nhsuk-table-container" role="region" aria-label="Cohorts" tabindex="0">
            <table class="nhsuk-table" data-testid="cohorts-table">
              <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                Cohorts
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">Name</th>
                  <th class="nhsuk-table__header" scope="col">Home system</th>
                  <th class="nhsuk-table__header" scope="col">First workshop</th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Capacity</th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    Template version
                  </th>
                </tr>
              </thead>
              <tbody class="nhsuk-table__body">
                @for (cohort of cohorts(); track cohort.id) {
                  <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="row">
                      <a [routerLink]="['/cohorts', cohort.id]">{{ cohort.name }}</a>
                    </th>
                    <td class="nhsuk-table__cell">{{ cohort.system.name }} ({{ cohort.system.odsCode }})</td>
                    <td class="nhsuk-table__cell app-nowrap">{{ cohort.startDate | nhsDate }}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{{ cohort.capacity }}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{{ cohort.templateVersion }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p>There are no cohorts yet.</p>
        }
      }
    }
  `,
})
export class CohortsListPage {
  protected readonly session = inject(SessionService);

  protected readonly state = toSignal(
    loadState(
      inject(CohortsApiService)
        .list()
        .pipe(map((cohorts) => [...cohorts].sort(newestFirst))),
    ),
    { initialValue: LOADING as LoadState<Cohort[]> },
  );
  protected readonly cohorts = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : [];
  });
  protected readonly errors = computed(() => loadErrors(this.state()));
}
