import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AdminUser, ErasureRequestSummary, Paged, USER_STATUS_LABELS } from '@upstand/contracts';
import { switchMap } from 'rxjs';
import { ErasureApiService } from '../../core/api/erasure-api.service';
import { UsersApiService } from '../../core/api/users-api.service';
import { FlashService } from '../../core/flash.service';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';
import { LoadedTableComponent } from '../../shared/loaded-table.component';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { PageLinksComponent } from '../../shared/pagination.component';
import { formatLondonInstant, GrantTagsComponent, USER_STATUS_TAGS } from './admin-shared';

/** The people a lead administers (their region or system), with their roles and last sign-in. */
@Component({
  selector: 'app-users-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    SuccessBannerComponent,
    LinkButtonDirective,
    LoadedTableComponent,
    GrantTagsComponent,
    PageLinksComponent,
  ],
  template: `
    <app-success-banner [message]="flash" />
    <h1>Users</h1>
    <p>People in your area, with their roles. Invite someone to give them an account and a role.</p>
    @if (openErasures(); as count) {
      <div class="nhsuk-inset-text" data-testid="erasure-requests-inset">
        <span class="nhsuk-u-visually-hidden">Information: </span>
        <p>
          {{ count === 1 ? '1 person has' : count + ' people have' }} asked for their data to be deleted.
          <a routerLink="/admin/erasure-requests">Requests to delete data ({{ count }})</a>
        </p>
      </div>
    }
    <a class="nhsuk-button" appLinkButton routerLink="/admin/users/new">Invite a user</a>
    <ul class="nhsuk-list" data-testid="admin-links">
      <li><a routerLink="/admin/erasure-requests">Requests to delete data</a></li>
      <li><a routerLink="/admin/audit">Audit log</a>: who changed what, and when</li>
    </ul>

    <form class="nhsuk-u-margin-bottom-5" role="search" (ngSubmit)="search()">
      <div class="nhsuk-form-group">
        <label class="nhsuk-label" for="q">Search by name or email address</label>
        <div class="app-search-row">
          <input
            class="nhsuk-input nhsuk-u-width-two-thirds"
            id="q"
            name="q"
            type="search"
            autocomplete="off"
            spellcheck="false"
            maxlength="200"
            [ngModel]="query()"
            (ngModelChange)="query.set($event)"
          />
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
            Search
          </button>
        </div>
      </div>
    </form>

    @if (result(); as paged) {
      <p role="status" data-testid="users-count">
        {{ paged.total }} {{ paged.total === 1 ? 'person' : 'people'
        }}{{ q() ? ' matching “' + q() + '”' : '' }}
      </p>
    }

    <app-loaded-table
      [state]="rows()"
      caption="Users"
      testId="users-table"
      [responsive]="true"
      loadingText="Loading users…"
      failedHeading="Users could not be loaded"
      [emptyText]="q() ? 'Nobody matches your search.' : 'There is nobody in your area yet.'"
    >
      <thead class="nhsuk-table__head" role="rowgroup">
        <tr class="nhsuk-table__row" role="row">
          <th class="nhsuk-table__header" scope="col" role="columnheader">Name</th>
          <th class="nhsuk-table__header" scope="col" role="columnheader">Roles</th>
          <th class="nhsuk-table__header" scope="col" role="columnheader">Last signed in</th>
          <th class="nhsuk-table__header" scope="col" role="columnheader">Status</th>
        </tr>
      </thead>
      <tbody class="nhsuk-table__body">
        @for (user of users(); track user.id) {
          <tr class="nhsuk-table__row" role="row">
            <th class="nhsuk-table__header" scope="row" role="rowheader">
              <span class="nhsuk-table-responsive__heading" aria-hidden="true">Name </span>
              <span>
                <a [routerLink]="['/admin/users', user.id]">{{ user.fullName }}</a>
                <span class="nhsuk-body-s app-secondary-line app-break-anywhere">{{ user.email }}</span>
              </span>
            </th>
            <td class="nhsuk-table__cell" role="cell">
              <span class="nhsuk-table-responsive__heading" aria-hidden="true">Roles </span>
              <span><app-grant-tags [grants]="user.grants" /></span>
            </td>
            <td class="nhsuk-table__cell" role="cell">
              <span class="nhsuk-table-responsive__heading" aria-hidden="true">Last signed in </span>
              {{ user.lastSignInAt ? instant(user.lastSignInAt) : 'Never' }}
            </td>
            <td class="nhsuk-table__cell" role="cell">
              <span class="nhsuk-table-responsive__heading" aria-hidden="true">Status </span>
              <strong class="nhsuk-tag" [class]="statusTags[user.status]">{{
                statusLabels[user.status]
              }}</strong>
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
        label="Pages of users"
      />
    }
  `,
  styles: `
    .app-search-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: flex-start;
    }
    .app-break-anywhere {
      overflow-wrap: anywhere;
    }
  `,
})
export class UsersListPage {
  private readonly api = inject(UsersApiService);
  private readonly router = inject(Router);

  /** Query parameters: the search and the page. */
  readonly q = input<string>();
  readonly page = input<string>();

  protected readonly flash = inject(FlashService).take();
  protected readonly statusLabels = USER_STATUS_LABELS;
  protected readonly statusTags = USER_STATUS_TAGS;
  protected readonly instant = formatLondonInstant;
  protected readonly query = linkedSignal(() => this.q() ?? '');

  private readonly request = computed(() => ({
    q: this.q() ?? '',
    page: Math.max(1, Number.parseInt(this.page() ?? '1', 10) || 1),
  }));

  private readonly state = toSignal(
    toObservable(this.request).pipe(switchMap((request) => loadState(this.api.list(request)))),
    { initialValue: LOADING as LoadState<Paged<AdminUser>> },
  );
  protected readonly result = computed(() => loadedValue(this.state()));
  protected readonly rows = computed<LoadState<AdminUser[]>>(() => {
    const state = this.state();
    return state.status === 'loaded' ? { status: 'loaded', value: state.value.items } : state;
  });
  protected readonly users = computed(() => this.result()?.items ?? []);
  /**
   * How many people in the lead's area asked for their data to be deleted. The requests page is otherwise reached
   * only from the email each request sends, so it is signposted here; a failed count just leaves the inset out.
   */
  private readonly erasureState = toSignal(loadState(inject(ErasureApiService).openRequests()), {
    initialValue: LOADING as LoadState<ErasureRequestSummary[]>,
  });
  protected readonly openErasures = computed(() => loadedValue(this.erasureState())?.length ?? 0);

  protected search(): void {
    void this.router.navigate([], { queryParams: { q: this.query().trim() || null, page: null } });
  }
}
