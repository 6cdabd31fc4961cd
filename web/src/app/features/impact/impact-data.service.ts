import { computed, inject, Injectable, Resource, ResourceRef } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { AnalyticsExportTable, AnalyticsFilters } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { mapApiError } from '../../core/api-error';
import { AnalyticsApiService } from '../../core/api/analytics-api.service';
import { SessionService } from '../../core/auth/session.service';
import {
  dimensionFromParams,
  filterErrors,
  filtersFromParams,
  hasNarrowingFilters,
  sameFilters,
  toAnalyticsFilters,
} from './impact-filters';
import { pageParam } from '../../shared/pagination.component';
import { ReportState } from './report-frame.component';

/** A resource's value, or undefined while it loads or after it failed (when `value()` would throw). */
export function loaded<T>(resource: Resource<T | undefined>): T | undefined {
  return resource.hasValue() ? resource.value() : undefined;
}

/** A report's state as its frame shows it: loading, failed (with why) or loaded. */
export function reportState(resource: ResourceRef<unknown>): ReportState {
  switch (resource.status()) {
    case 'error': {
      const error = resource.error() as (Error & { cause?: unknown }) | undefined;
      const mapped = mapApiError(error?.cause ?? error);
      return { status: 'failed', message: mapped.errors[0]?.text ?? '' };
    }
    case 'resolved':
    case 'local':
      return { status: 'loaded' };
    default:
      return { status: 'loading' };
  }
}

/**
 * The Impact page's data, shared by its reports: the filters in the address (so a view can be shared), what the
 * filters can be set to, one resource per report (loaded once for everyone who shows it) and the download links.
 * Provided by the page, so each visit starts afresh.
 */
@Injectable()
export class ImpactData {
  private readonly api = inject(AnalyticsApiService);
  private readonly session = inject(SessionService);
  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });

  readonly filters = computed(() => filtersFromParams(this.params()));
  readonly dimension = computed(() => dimensionFromParams(this.params()));
  readonly filtered = computed(() => hasNarrowingFilters(this.filters()));
  /** Programme leads see every figure; everyone else's are protected, so they narrow by one thing at a time. */
  readonly protectedViewer = computed(() => !this.session.isProgrammeLead());
  readonly isLead = computed(() => this.session.isProgrammeLead());
  /** Problems with dates or filters in a shared address. */
  readonly urlErrors = computed(() => filterErrors(this.filters(), this.protectedViewer()));

  private readonly programmeId = computed(() => this.filters().programmeId);
  readonly options = rxResource({
    params: () => ({ programmeId: this.programmeId() }),
    stream: ({ params }) => this.api.filterOptions(params.programmeId || undefined),
  });
  readonly noProgramme = computed(() => loaded(this.options)?.programmes.length === 0);

  /** What the reports are for; null until the options are known or while the filters are wrong. */
  readonly query = computed<AnalyticsFilters | null>(
    () => {
      const options = loaded(this.options);
      if (!options || this.urlErrors().length) return null;
      return toAnalyticsFilters(this.filters(), options.programmes[0]?.id);
    },
    { equal: sameFilters },
  );

  readonly overview = this.report((query) => this.api.overview(query));
  readonly items = this.report((query) => this.api.items(query));
  readonly funnel = this.report((query) => this.api.funnel(query));
  readonly reach = this.report((query) => this.api.reach(query));
  readonly cumulative = this.report((query) => this.api.cumulative(query));
  /** A page of the cohorts' response rates: the page in the address (`ratesPage`). */
  readonly responseRates = this.pagedReport('ratesPage', (query, page) =>
    this.api.responseRates(query, page),
  );
  /** A page of the comments: the page in the address (`page`). */
  readonly comments = this.pagedReport('page', (query, page) => this.api.comments(query, page));
  /** A page of the breakdown's categories (by cohort there are thousands): the page in the address (`breakdownPage`). */
  readonly breakdown = this.pagedReport(
    'breakdownPage',
    (query, page, dimension) => this.api.breakdown(query, dimension, page),
    this.dimension,
  );

  /** CSV and XLSX links for a table, with the same filters as the page; null until there is a query. */
  downloads(table: AnalyticsExportTable): { csv: string; xlsx: string } | null {
    const query = this.query();
    if (!query) return null;
    return {
      csv: this.api.exportUrl(table, 'csv', query, this.dimension()),
      xlsx: this.api.exportUrl(table, 'xlsx', query, this.dimension()),
    };
  }

  readonly boardReportUrl = computed(() => {
    const query = this.query();
    return query ? this.api.boardReportUrl(query) : null;
  });
  readonly matchedExportUrl = computed(() => {
    const query = this.query();
    return query ? this.api.matchedExportUrl(query.programmeId) : null;
  });

  private report<T>(load: (query: AnalyticsFilters) => Observable<T>): ResourceRef<T | undefined> {
    return rxResource({ params: () => this.query() ?? undefined, stream: ({ params }) => load(params) });
  }

  /**
   * A report shown a page at a time, its page number in the address under `param` (one per list, so paging one
   * leaves the others where they are); the filters form drops it, so new filters start at the first page.
   * `choice` is anything else the report depends on (the breakdown's dimension).
   */
  private pagedReport<T, C = undefined>(
    param: string,
    load: (query: AnalyticsFilters, page: number, choice: C) => Observable<T>,
    choice: () => C = () => undefined as C,
  ): ResourceRef<T | undefined> {
    const page = computed(() => pageParam(this.params().get(param) ?? undefined));
    const params = computed(() => {
      const query = this.query();
      return query ? { query, page: page(), choice: choice() } : undefined;
    });
    return rxResource({ params, stream: ({ params }) => load(params.query, params.page, params.choice) });
  }
}
