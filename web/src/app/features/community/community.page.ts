import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CommunitySettings } from '@upstand/contracts';
import { CommunityApiService } from '../../core/api/community-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { ListSearchComponent, pagedList, pageSizeParam } from '../../shared/list-search.component';
import { loadErrors } from '../../shared/load-state';
import { PageLinksComponent, pageParam, PageSummaryComponent } from '../../shared/pagination.component';
import { LondonDatePipe } from '../../shared/london-time';

/** The Community of Practice directory: certified Active Bystanders who chose to be listed. */
@Component({
  selector: 'app-community-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    LondonDatePipe,
    ListSearchComponent,
    PageSummaryComponent,
    PageLinksComponent,
  ],
  template: `
    <h1>Community of Practice</h1>
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <p>
          Everyone who completes the Active Bystander Programme joins the Community of Practice: monthly
          online catch-ups to share what happened when they spoke up, and an annual celebration event.
        </p>
        <p>This directory lists only the members who chose to be in it.</p>
        @if (settings(); as settings) {
          @if (settings.inDirectory) {
            <p data-testid="my-listing">
              You are listed in the directory. You can change this on
              <a routerLink="/journey">your journey page</a>.
            </p>
          } @else if (settings.member) {
            <p data-testid="my-listing">
              You are a member but not listed. You can choose to be listed on
              <a routerLink="/journey">your journey page</a>.
            </p>
          }
        }
      </div>
    </div>

    <app-list-search
      id="member-search"
      label="Search the directory"
      searchLabel="Search by name or organisation"
      [q]="request().q"
      [pageSize]="request().pageSize"
    />

    @if (result(); as paged) {
      <!-- An empty list says so in its own words below. -->
      @if (paged.total > 0) {
        <app-page-summary
          [page]="paged.page"
          [pageSize]="paged.pageSize"
          [total]="paged.total"
          noun="members"
        />
      }
    }

    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading the directory…</p>
      }
      @case ('failed') {
        <app-error-summary heading="The directory could not be loaded" [errors]="errors()" />
      }
      @default {
        @if (members().length) {
          <div class="nhsuk-table-container" role="region" aria-label="Community members" tabindex="0">
            <table class="nhsuk-table" data-testid="community-table">
              <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                Members of the Community of Practice
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">Name</th>
                  <th class="nhsuk-table__header" scope="col">Organisation</th>
                  <th class="nhsuk-table__header" scope="col">Member since</th>
                </tr>
              </thead>
              <tbody class="nhsuk-table__body">
                @for (member of members(); track $index) {
                  <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                      {{ member.fullName }}
                    </th>
                    <td class="nhsuk-table__cell">{{ member.organisationName ?? 'Not recorded' }}</td>
                    <td class="nhsuk-table__cell app-nowrap">{{ member.joinedAt | londonDate }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p>
            {{
              request().q
                ? 'Nobody in the directory matches your search.'
                : 'Nobody is listed in the directory yet.'
            }}
          </p>
        }
      }
    }

    @if (result(); as paged) {
      <app-page-links
        [page]="paged.page"
        [total]="paged.total"
        [pageSize]="paged.pageSize"
        label="Pages of members"
      />
    }
  `,
})
export class CommunityPage {
  private readonly api = inject(CommunityApiService);

  /** Query parameters: the search, the page and the page size. */
  readonly q = input<string>();
  readonly page = input<string>();
  readonly pageSize = input<string>();

  protected readonly request = computed(() => ({
    q: this.q()?.trim() ?? '',
    page: pageParam(this.page()),
    pageSize: pageSizeParam(this.pageSize()),
  }));
  private readonly list = pagedList(this.request, (request) => this.api.members(request));
  protected readonly state = this.list.state;
  protected readonly result = this.list.result;
  protected readonly members = this.list.items;
  protected readonly errors = computed(() => loadErrors(this.state()));
  protected readonly settings = signal<CommunitySettings | null>(null);

  constructor() {
    if (inject(SessionService).roles().has('delegate')) {
      this.api
        .settings()
        .subscribe({ next: (settings) => this.settings.set(settings), error: () => undefined });
    }
  }
}
