import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ENROLMENT_STATUSES } from '@upstand/contracts';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { SessionService } from '../../core/auth/session.service';
import {
  choiceParam,
  ListFilter,
  ListSearchComponent,
  pagedList,
  pageSizeParam,
} from '../../shared/list-search.component';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { PageLinksComponent, pageParam, PageSummaryComponent } from '../../shared/pagination.component';
import { ENROLMENT_STATUS_TAGS, enrolmentStatusLabel } from '../../shared/status-tags';

/** A sponsor's view of their own organisation's delegates: names and progress, never equality data. */
@Component({
  selector: 'app-sponsor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadedTableComponent, ListSearchComponent, PageSummaryComponent, PageLinksComponent],
  template: `
    <h1>
      @if (organisation(); as organisation) {
        <span class="nhsuk-caption-l">{{ organisation }}</span>
      }
      Our delegates
    </h1>
    <p>Staff from your organisation on the Active Bystander Programme, and how far they have got.</p>

    <app-list-search
      id="delegate-search"
      label="Search delegates"
      searchLabel="Search by name or cohort"
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
          noun="places"
        />
      }
    }

    <app-loaded-table
      [state]="rows()"
      caption="Delegates from your organisation"
      label="Our delegates"
      testId="sponsor-table"
      loadingText="Loading delegates…"
      failedHeading="Delegates could not be loaded"
      [emptyText]="
        filtered() ? 'Nobody matches your search.' : 'Nobody from your organisation has signed up yet.'
      "
    >
      <thead class="nhsuk-table__head">
        <tr class="nhsuk-table__row">
          <th class="nhsuk-table__header" scope="col">Name</th>
          <th class="nhsuk-table__header" scope="col">Job title</th>
          <th class="nhsuk-table__header" scope="col">Cohort</th>
          <th class="nhsuk-table__header" scope="col">Status</th>
          <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Sessions attended</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (delegate of delegates(); track $index) {
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
              {{ delegate.fullName }}
            </th>
            <td class="nhsuk-table__cell">{{ delegate.jobTitle ?? 'Not given' }}</td>
            <td class="nhsuk-table__cell">{{ delegate.cohortName }}</td>
            <td class="nhsuk-table__cell">
              <strong class="nhsuk-tag" [class]="statusTags[delegate.status]">{{
                statusLabel(delegate.status)
              }}</strong>
            </td>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
              {{ delegate.sessionsAttended }} of {{ delegate.sessionsHeld }}
            </td>
          </tr>
        }
      </tbody>
    </app-loaded-table>

    @if (result(); as paged) {
      <app-page-links
        [page]="paged.page"
        [total]="paged.total"
        [pageSize]="paged.pageSize"
        label="Pages of delegates"
      />
    }
  `,
})
export class SponsorPage {
  private readonly session = inject(SessionService);

  protected readonly statusTags = ENROLMENT_STATUS_TAGS;
  protected readonly statusLabel = enrolmentStatusLabel;
  protected readonly organisation = computed(
    () => this.session.user()?.roles.find((grant) => grant.role === 'sponsor')?.organisationName ?? null,
  );

  private readonly api = inject(EnrolmentsApiService);

  /** Query parameters: the search, the status, the page and the page size. */
  readonly q = input<string>();
  readonly status = input<string>();
  readonly page = input<string>();
  readonly pageSize = input<string>();

  protected readonly request = computed(() => ({
    q: this.q()?.trim() ?? '',
    status: choiceParam(this.status(), ENROLMENT_STATUSES),
    page: pageParam(this.page()),
    pageSize: pageSizeParam(this.pageSize()),
  }));
  protected readonly filtered = computed(() => !!(this.request().q || this.request().status));
  protected readonly filters = computed<ListFilter[]>(() => [
    {
      name: 'status',
      label: 'Status',
      anyLabel: 'Any status',
      options: ENROLMENT_STATUSES.map((value) => ({ value, label: enrolmentStatusLabel(value) })),
      value: this.request().status ?? '',
    },
  ]);
  private readonly list = pagedList(this.request, (request) => this.api.sponsorDelegates(request));
  protected readonly rows = this.list.rows;
  protected readonly result = this.list.result;
  protected readonly delegates = this.list.items;
}
