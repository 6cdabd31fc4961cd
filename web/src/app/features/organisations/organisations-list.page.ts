import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  Organisation,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  PAGE_SIZE_OPTIONS,
  Paged,
} from '@upstand/contracts';
import { catchError, map, Observable, of, startWith, switchMap } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { OrganisationsApiService } from '../../core/api/organisations-api.service';
import { SessionService } from '../../core/auth/session.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { PageLinksComponent, PageSummaryComponent } from '../../shared/pagination.component';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import {
  filtersFromForm,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  hasFilters,
} from './organisation-query';

type ListState =
  | { status: 'loading' }
  | { status: 'loaded'; organisations: Organisation[]; paged: Paged<Organisation> }
  | { status: 'failed'; errors: ErrorItem[] };

function isClosed(organisation: Organisation, today: string): boolean {
  return organisation.validTo !== null && organisation.validTo < today;
}

@Component({
  selector: 'app-organisations-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    NhsDatePipe,
    LinkButtonDirective,
    SuccessBannerComponent,
    PageSummaryComponent,
    PageLinksComponent,
  ],
  templateUrl: './organisations-list.page.html',
})
export class OrganisationsListPage {
  private readonly api = inject(OrganisationsApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionService);

  protected readonly flash = inject(FlashService).take();
  protected readonly types = ORGANISATION_TYPES;
  protected readonly typeLabels = ORGANISATION_TYPE_LABELS;
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;
  protected readonly today = new Date().toISOString().slice(0, 10);

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersFromParams)), {
    requireSync: true,
  });
  protected readonly filtered = computed(() => hasFilters(this.filters()));

  protected readonly state = toSignal(
    this.route.queryParamMap.pipe(
      map(filtersFromParams),
      switchMap((filters) => this.load(this.api.paged(filtersToQuery(filters)))),
    ),
    { initialValue: { status: 'loading' } as ListState },
  );

  /** Integrated care boards for the system filter, including closed ones so old bookmarks still work. */
  protected readonly systems = toSignal(
    this.api.list({ type: 'icb', includeClosed: true }).pipe(
      map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))),
      catchError(() => of([] as Organisation[])),
    ),
    { initialValue: [] as Organisation[] },
  );

  protected readonly organisations = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.organisations : [];
  });

  protected readonly result = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.paged : null;
  });

  protected readonly loadErrors = computed(() => {
    const state = this.state();
    return state.status === 'failed' ? state.errors : [];
  });

  private load(request: Observable<Paged<Organisation>>): Observable<ListState> {
    return request.pipe(
      map((paged): ListState => ({ status: 'loaded', organisations: paged.items, paged })),
      catchError((error: unknown) => of<ListState>({ status: 'failed', errors: mapApiError(error).errors })),
      startWith<ListState>({ status: 'loading' }),
    );
  }

  protected closed(organisation: Organisation): boolean {
    return isClosed(organisation, this.today);
  }

  /** The filter form is a plain GET form; with the app running, its values become query parameters. */
  protected applyFilters(event: Event): void {
    event.preventDefault();
    const params = filtersToParams(filtersFromForm(event.target as HTMLFormElement));
    void this.router.navigate(['/organisations'], { queryParams: params });
  }
}
