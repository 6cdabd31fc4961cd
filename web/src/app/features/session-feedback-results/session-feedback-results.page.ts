import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZE_OPTIONS,
  Programme,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  SessionFeedbackKindSummary,
  SessionFeedbackResult,
  SessionFeedbackResults,
} from '@upstand/contracts';
import { of, switchMap } from 'rxjs';
import { ErrorItem } from '../../core/api-error';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { SessionFeedbackResultsApiService } from '../../core/api/session-feedback-results-api.service';
import { SessionService } from '../../core/auth/session.service';
import { DateInputComponent } from '../../shared/date-input.component';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { pageSizeParam } from '../../shared/list-search.component';
import { PageLinksComponent, pageParam, PageSummaryComponent } from '../../shared/pagination.component';
import { LOADING, loadedValue, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { formatLongDate, londonDate } from '../../shared/london-time';
import { distributionText, formatMean } from './feedback-format';
import {
  filterErrors,
  DATE_FILTERS,
  filtersFromForm,
  filtersFromParams,
  filtersToParams,
  sameQuery,
  toQuery,
} from './feedback-filters';

/** One line of the per-session table, formatted. */
interface SessionLine {
  result: SessionFeedbackResult;
  date: string;
  kind: string;
  mean: string;
  distribution: string;
}

/** One line of the by-kind table, formatted. */
interface KindLine {
  summary: SessionFeedbackKindSummary;
  kind: string;
  mean: string;
}

/**
 * How useful delegates found each session, and what they said. Programme leads see every session; facilitators
 * see the sessions they ran, with scores and comments held back where fewer than the threshold answered (they
 * know who was in the room). Filters live in the address bar so a view can be shared.
 */
@Component({
  selector: 'app-session-feedback-results-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent, DateInputComponent, PageSummaryComponent, PageLinksComponent],
  templateUrl: './session-feedback-results.page.html',
  styles: `
    .app-feedback-table th,
    .app-feedback-table td {
      font-size: 16px;
    }
    .app-feedback-table .nhsuk-table__cell--numeric {
      white-space: nowrap;
    }
    .app-feedback-comments li {
      white-space: pre-line;
    }
  `,
})
export class SessionFeedbackResultsPage {
  private readonly api = inject(SessionFeedbackResultsApiService);
  private readonly programmesApi = inject(ProgrammesApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionService);

  protected readonly kinds = SESSION_KINDS;
  protected readonly dateFields = DATE_FILTERS;
  protected readonly kindLabels = SESSION_KIND_LABELS;
  protected readonly pageSizes = PAGE_SIZE_OPTIONS;

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly filters = computed(() => filtersFromParams(this.params()));
  /** The search and page of the session list, from the address. */
  protected readonly paging = computed(() => ({
    q: (this.params().get('q') ?? '').trim(),
    page: pageParam(this.params().get('page') ?? undefined),
    pageSize: pageSizeParam(this.params().get('pageSize') ?? undefined),
  }));
  /** Errors of the submitted form, or of dates in a shared address. */
  protected readonly formErrors = signal<ErrorItem[]>([]);
  protected readonly urlErrors = computed(() => filterErrors(this.filters()));
  protected readonly shownFormErrors = computed(() =>
    this.formErrors().length ? this.formErrors() : this.urlErrors(),
  );

  protected readonly programmesState = toSignal(loadState(this.programmesApi.list()), {
    initialValue: LOADING as LoadState<Programme[]>,
  });
  protected readonly programmes = computed(() => loadedValue(this.programmesState()) ?? []);
  protected readonly programmesErrors = computed(() => loadErrors(this.programmesState()));
  protected readonly noProgramme = computed(
    () => this.programmesState().status === 'loaded' && this.programmes().length === 0,
  );

  /** What the results are for; null until the programmes are known or while the dates are wrong. */
  protected readonly query = computed(
    () => {
      if (this.programmesState().status !== 'loaded' || this.urlErrors().length) return null;
      const query = toQuery(this.filters(), this.programmes()[0]?.id);
      if (!query) return null;
      const { q, page, pageSize } = this.paging();
      return {
        ...query,
        q: q || undefined,
        page: page > 1 ? page : undefined,
        pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize,
      };
    },
    { equal: sameQuery },
  );

  protected readonly resultsState = toSignal(
    toObservable(this.query).pipe(
      switchMap((query) => (query ? loadState(this.api.results(query)) : of(LOADING))),
    ),
    { initialValue: LOADING as LoadState<SessionFeedbackResults> },
  );
  protected readonly results = computed(() => loadedValue(this.resultsState()));
  protected readonly resultsErrors = computed(() => loadErrors(this.resultsState()));

  protected readonly sessionLines = computed<SessionLine[]>(() =>
    (this.results()?.sessions.items ?? []).map((result) => ({
      result,
      date: formatLongDate(londonDate(result.startsAt)),
      kind: SESSION_KIND_LABELS[result.kind] ?? result.kind,
      mean: formatMean(result.meanUseful),
      distribution: distributionText(result.distribution),
    })),
  );
  protected readonly kindLines = computed<KindLine[]>(() =>
    (this.results()?.byKind ?? []).map((summary) => ({
      summary,
      kind: SESSION_KIND_LABELS[summary.kind] ?? summary.kind,
      mean: formatMean(summary.meanUseful),
    })),
  );
  /** Sessions with something to say under Comments: their comments, or that they were withheld. */
  protected readonly commentLines = computed(() =>
    this.sessionLines().filter((line) => line.result.withheld || line.result.comments.length > 0),
  );

  /** The filter form is a plain GET form; with the app running its values become query parameters. */
  protected applyFilters(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { filters, errors: dateErrors } = filtersFromForm(form);
    const errors = [...dateErrors, ...filterErrors(filters)];
    this.formErrors.set(errors);
    if (errors.length) return;
    const data = new FormData(form);
    const q = String(data.get('q') ?? '').trim();
    const pageSize = pageSizeParam(String(data.get('pageSize') ?? ''));
    void this.router.navigate(['/session-feedback'], {
      queryParams: {
        ...filtersToParams(filters),
        ...(q ? { q } : {}),
        ...(pageSize === DEFAULT_PAGE_SIZE ? {} : { pageSize }),
      },
    });
  }

  protected fieldError(field: string): string | null {
    return this.shownFormErrors().find((error) => error.field === field)?.text ?? null;
  }

  protected plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
  }
}
