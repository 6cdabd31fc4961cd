import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { COHORT_TIMING_LABELS, COHORT_TIMINGS } from '@upstand/contracts';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import {
  choiceParam,
  ListFilter,
  ListSearchComponent,
  pagedList,
  pageSizeParam,
} from '../../shared/list-search.component';
import { loadErrors } from '../../shared/load-state';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { PageLinksComponent, pageParam, PageSummaryComponent } from '../../shared/pagination.component';
import { TransferOffersComponent } from './transfer-offers.component';

@Component({
  selector: 'app-cohorts-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    NhsDatePipe,
    LinkButtonDirective,
    TransferOffersComponent,
    ListSearchComponent,
    PageSummaryComponent,
    PageLinksComponent,
  ],
  template: `
    <h1>Cohorts</h1>

    @if (session.isProgrammeLead()) {
      <a class="nhsuk-button" appLinkButton routerLink="/cohorts/new">Create cohort</a>
      <app-transfer-offers />
    }

    <app-list-search
      id="cohort-search"
      label="Search cohorts"
      searchLabel="Search by cohort name, venue or system (name or code)"
      [q]="request().q"
      [pageSize]="request().pageSize"
      [filters]="filters()"
    />

    @if (result(); as paged) {
      <!-- An empty list says so in its own words below. -->
      @if (paged.total > 0) {
        <app-page-summary
          [page]="paged.page"
          [pageSize]="paged.pageSize"
          [total]="paged.total"
          noun="cohorts"
        />
      }
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
          <p>{{ filtered() ? 'No cohorts match your search.' : 'There are no cohorts yet.' }}</p>
        }
      }
    }

    @if (result(); as paged) {
      <app-page-links
        [page]="paged.page"
        [total]="paged.total"
        [pageSize]="paged.pageSize"
        label="Pages of cohorts"
      />
    }
  `,
})
export class CohortsListPage {
  protected readonly session = inject(SessionService);
  private readonly api = inject(CohortsApiService);

  /** Query parameters: the search, when the cohorts run, the page and the page size. */
  readonly q = input<string>();
  readonly when = input<string>();
  readonly page = input<string>();
  readonly pageSize = input<string>();

  protected readonly request = computed(() => ({
    q: this.q()?.trim() ?? '',
    when: choiceParam(this.when(), COHORT_TIMINGS),
    page: pageParam(this.page()),
    pageSize: pageSizeParam(this.pageSize()),
  }));
  protected readonly filtered = computed(() => !!(this.request().q || this.request().when));
  protected readonly filters = computed<ListFilter[]>(() => [
    {
      name: 'when',
      label: 'When',
      anyLabel: 'Any time',
      options: COHORT_TIMINGS.map((value) => ({ value, label: COHORT_TIMING_LABELS[value] })),
      value: this.request().when ?? '',
    },
  ]);
  private readonly list = pagedList(this.request, (request) => this.api.list(request));
  protected readonly state = this.list.state;
  protected readonly result = this.list.result;
  protected readonly cohorts = this.list.items;
  protected readonly errors = computed(() => loadErrors(this.state()));
}
