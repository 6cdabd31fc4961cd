import { ChangeDetectionStrategy, Component, computed, inject, Signal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  AnalyticsFilters,
  BREAKDOWN_DIMENSION_LABELS,
  BREAKDOWN_DIMENSIONS,
  BreakdownDimension,
  FreeTextComment,
  FUNNEL_STAGE_LABELS,
  ItemAnalytics,
  LIKERT_5_LABELS,
} from '@upstand/contracts';
import { Observable, of, switchMap } from 'rxjs';
import { ErrorItem } from '../../core/api-error';
import { AnalyticsApiService } from '../../core/api/analytics-api.service';
import { SessionService } from '../../core/auth/session.service';
import { ChartComponent } from '../../shared/charts/chart.component';
import { patternFill } from '../../shared/charts/chart-setup';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadedValue, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { CountComponent } from './count.component';
import { likertTableRows, divergingSummary } from './diverging';
import { DisclosureNoteComponent } from './disclosure-note.component';
import { ExportLinksComponent } from './export-links.component';
import {
  cumulativeChartConfig,
  cumulativeSummary,
  divergingChartConfig,
  funnelChartConfig,
  funnelSummary,
} from './impact-charts';
import {
  dimensionFromParams,
  filterErrors,
  filtersFromForm,
  filtersFromParams,
  filtersToParams,
  hasNarrowingFilters,
  isDimension,
  sameFilters,
  toAnalyticsFilters,
} from './impact-filters';
import {
  effectSizeWords,
  formatChange,
  formatCi,
  formatMean,
  formatPeriod,
  formatNumber,
  formatP,
  formatPInText,
  formatRate,
  formatShare,
  headlineSentence,
  isQuarter,
  widenedDatesSentence,
} from './impact-format';

const COMMENTS_SHOWN = 10;

/** Items whose answers are numbers (free text and single choice have no mean or change). */
const NUMERIC_TYPES = new Set(['likert-5', 'scale-0-10', 'yes-no']);

/** "confidence-to-intervene" → "Confidence to intervene" */
export function constructLabel(construct: string): string {
  const words = construct.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface CommentGroup {
  itemCode: string;
  question: string;
  shown: FreeTextComment[];
  more: FreeTextComment[];
}

/** Groups comments by the question they answer, in the order the questions first appear. */
export function groupComments(
  comments: readonly FreeTextComment[],
  questions: ReadonlyMap<string, string>,
  shown: number,
): CommentGroup[] {
  const groups = new Map<string, FreeTextComment[]>();
  for (const comment of comments)
    groups.set(comment.itemCode, [...(groups.get(comment.itemCode) ?? []), comment]);
  return [...groups.entries()].map(([itemCode, list]) => ({
    itemCode,
    question: questions.get(itemCode) ?? 'Other comments',
    shown: list.slice(0, shown),
    more: list.slice(shown),
  }));
}

/**
 * The steering group's impact dashboard: who has been trained, how answers changed from before to after the
 * programme, breakdowns, the funnel, reach, response rates and comments, with every chart also given as a table.
 * Filters live in the address bar so a view can be shared.
 */
@Component({
  selector: 'app-impact-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ChartComponent,
    CountComponent,
    DisclosureNoteComponent,
    ErrorSummaryComponent,
    ExportLinksComponent,
    NhsDatePipe,
  ],
  templateUrl: './impact.page.html',
  styles: `
    .app-tile__value {
      font-size: 2.5rem;
      font-weight: 600;
      line-height: 1.2;
      margin-bottom: 8px;
    }
    .app-comment {
      margin: 0 0 16px;
      padding-left: 16px;
      border-left: 4px solid #005eb8;
    }
    .app-comment p {
      margin-bottom: 4px;
      white-space: pre-line;
    }
    .app-impact-table th,
    .app-impact-table td {
      font-size: 16px;
    }
    .app-impact-table th[scope='row'] {
      min-width: 10em;
    }
    .app-impact-table .nhsuk-table__header,
    .app-impact-table .nhsuk-table__cell {
      padding-right: 12px;
    }
    .app-impact-table .nhsuk-table__cell--numeric {
      white-space: nowrap;
    }
    .app-impact-section {
      margin-top: 48px;
    }
  `,
})
export class ImpactPage {
  private readonly api = inject(AnalyticsApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(SessionService);

  protected readonly dimensions = BREAKDOWN_DIMENSIONS;
  protected readonly dimensionLabels = BREAKDOWN_DIMENSION_LABELS;
  protected readonly stageLabels = FUNNEL_STAGE_LABELS;
  protected readonly likertLabels = LIKERT_5_LABELS;
  protected readonly format = {
    change: formatChange,
    ciText: (ci: readonly [number, number]) => `95% CI ${formatCi(ci)}`,
    effectSizeWords,
    mean: formatMean,
    period: formatPeriod,
    number: formatNumber,
    p: formatP,
    pInText: formatPInText,
    rate: formatRate,
    share: formatShare,
    construct: constructLabel,
  };

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly filters = computed(() => filtersFromParams(this.params()));
  protected readonly dimension = computed(() => dimensionFromParams(this.params()));
  protected readonly filtered = computed(() => hasNarrowingFilters(this.filters()));
  /** Errors of the submitted form, or of dates in a shared address. */
  protected readonly formErrors = signal<ErrorItem[]>([]);
  /** Programme leads see every figure; everyone else's are protected, so they narrow by one thing at a time. */
  protected readonly protectedViewer = computed(() => !this.session.isProgrammeLead());
  protected readonly urlErrors = computed(() => filterErrors(this.filters(), this.protectedViewer()));
  protected readonly shownFormErrors = computed(() =>
    this.formErrors().length ? this.formErrors() : this.urlErrors(),
  );

  protected readonly optionsState = toSignal(
    toObservable(computed(() => this.filters().programmeId)).pipe(
      switchMap((programmeId) => loadState(this.api.filterOptions(programmeId || undefined))),
    ),
    { initialValue: LOADING },
  );
  protected readonly options = computed(() => loadedValue(this.optionsState()));
  protected readonly optionsErrors = computed(() => loadErrors(this.optionsState()));

  /** What the reports are for; null until the options are known or while the dates are wrong. */
  protected readonly query = computed<AnalyticsFilters | null>(
    () => {
      const options = this.options();
      if (!options || this.urlErrors().length) return null;
      return toAnalyticsFilters(this.filters(), options.programmes[0]?.id);
    },
    { equal: sameFilters },
  );
  protected readonly noProgramme = computed(() => {
    const options = this.options();
    return !!options && options.programmes.length === 0;
  });

  protected readonly sortedOrganisations = computed(() => {
    const options = this.options();
    if (!options) return [];
    const systemName = new Map(options.systems.map((system) => [system.id, system.name]));
    const groups = new Map<string, { id: string; name: string }[]>();
    for (const organisation of [...options.organisations].sort((a, b) =>
      a.name.localeCompare(b.name, 'en-GB'),
    )) {
      const label = (organisation.systemId && systemName.get(organisation.systemId)) || 'Other organisations';
      groups.set(label, [...(groups.get(label) ?? []), organisation]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
      .map(([label, organisations]) => ({ label, organisations }));
  });

  protected readonly overviewState = this.report((query) => this.api.overview(query));
  protected readonly itemsState = this.report((query) => this.api.items(query));
  protected readonly funnelState = this.report((query) => this.api.funnel(query));
  protected readonly reachState = this.report((query) => this.api.reach(query));
  protected readonly cumulativeState = this.report((query) => this.api.cumulative(query));
  protected readonly responseRatesState = this.report((query) => this.api.responseRates(query));
  protected readonly commentsState = this.report((query) => this.api.comments(query));
  protected readonly breakdownState = toSignal(
    toObservable(
      computed(() => ({ query: this.query(), dimension: this.dimension() }), {
        equal: (a, b) => a.dimension === b.dimension && sameFilters(a.query, b.query),
      }),
    ).pipe(
      switchMap(({ query, dimension }) =>
        query ? loadState(this.api.breakdown(query, dimension)) : of(LOADING),
      ),
    ),
    { initialValue: LOADING },
  );

  protected readonly overview = computed(() => loadedValue(this.overviewState()));
  protected readonly overviewErrors = computed(() => loadErrors(this.overviewState()));
  protected readonly itemsReport = computed(() => loadedValue(this.itemsState()));
  protected readonly funnel = computed(() => loadedValue(this.funnelState()));
  protected readonly reach = computed(() => loadedValue(this.reachState()));
  protected readonly cumulative = computed(() => loadedValue(this.cumulativeState()));
  protected readonly responseRates = computed(() => loadedValue(this.responseRatesState()));
  protected readonly comments = computed(() => loadedValue(this.commentsState()));
  protected readonly breakdown = computed(() => loadedValue(this.breakdownState()));

  protected readonly numericItems = computed(
    () => this.itemsReport()?.items.filter((item) => NUMERIC_TYPES.has(item.type)) ?? [],
  );
  protected readonly likertRows = computed(() => likertTableRows(this.itemsReport()?.items ?? []));
  protected readonly divergingConfig = computed(() =>
    divergingChartConfig(this.itemsReport()?.items ?? [], patternFill),
  );
  protected readonly divergingLabel = computed(() => divergingSummary(this.itemsReport()?.items ?? []));
  protected readonly divergingHeight = computed(() => 120 + this.likertRows().length * 36);
  protected readonly funnelConfig = computed(() => {
    const funnel = this.funnel();
    return funnel ? funnelChartConfig(funnel) : null;
  });
  protected readonly funnelLabel = computed(() => {
    const funnel = this.funnel();
    return funnel ? funnelSummary(funnel) : '';
  });
  protected readonly cumulativeConfig = computed(() => {
    const cumulative = this.cumulative();
    return cumulative ? cumulativeChartConfig(cumulative) : null;
  });
  protected readonly cumulativeByQuarter = computed(() =>
    (this.cumulative()?.points ?? []).some((point) => isQuarter(point.month)),
  );
  protected readonly cumulativeLabel = computed(() => {
    const cumulative = this.cumulative();
    return cumulative ? cumulativeSummary(cumulative) : '';
  });

  protected readonly headline = computed(() => this.overview()?.headline ?? null);

  /** Comments under the question they answer, the first few shown and the rest behind "Show more". */
  protected readonly commentGroups = computed(() => {
    const questions = new Map((this.itemsReport()?.items ?? []).map((item) => [item.itemCode, item.wording]));
    return groupComments(this.comments()?.comments ?? [], questions, COMMENTS_SHOWN);
  });
  /** Said when the API widened the dates to whole financial years to protect people. */
  protected readonly widenedDates = computed(() => {
    const overview = this.overview();
    const filters = this.filters();
    if (!overview || !overview.suppressionApplied) return null;
    if (overview.startFrom === (filters.startFrom || null) && overview.startTo === (filters.startTo || null))
      return null;
    return widenedDatesSentence(overview.startFrom, overview.startTo);
  });
  protected readonly headlineDescription = computed(() => {
    const headline = this.headline();
    return headline ? headlineSentence(headline) : '';
  });

  protected readonly funnelTables = computed(() => {
    const funnel = this.funnel();
    if (!funnel) return [];
    return [
      {
        title: 'By integrated care system',
        column: 'Integrated care system',
        rows: funnel.bySystem,
        testId: 'funnel-system-table',
      },
      {
        title: 'By organisation',
        column: 'Organisation',
        rows: funnel.byOrganisation,
        testId: 'funnel-organisation-table',
      },
    ];
  });

  protected readonly exports = computed(() => {
    const query = this.query();
    if (!query) return null;
    const both = (table: Parameters<AnalyticsApiService['exportUrl']>[0]) => ({
      csv: this.api.exportUrl(table, 'csv', query, this.dimension()),
      xlsx: this.api.exportUrl(table, 'xlsx', query, this.dimension()),
    });
    return {
      items: both('items'),
      breakdown: both('breakdown'),
      funnel: both('funnel'),
      reach: both('reach'),
      cumulative: both('cumulative'),
      responseRates: both('response-rates'),
      boardReport: this.api.boardReportUrl(query),
      matched: this.api.matchedExportUrl(query.programmeId),
    };
  });

  private report<T>(fetch: (query: AnalyticsFilters) => Observable<T>): Signal<LoadState<T>> {
    return toSignal(
      toObservable(this.query).pipe(switchMap((query) => (query ? loadState(fetch(query)) : of(LOADING)))),
      { initialValue: LOADING as LoadState<T> },
    );
  }

  protected failure(state: LoadState<unknown>): string {
    return loadErrors(state)[0]?.text ?? '';
  }

  /** The paired test of an item: Wilcoxon for scales, McNemar for yes/no. */
  protected itemP(item: ItemAnalytics): string {
    if (item.wilcoxon) return formatP(item.wilcoxon.pValue);
    if (item.mcnemar) return `${formatP(item.mcnemar.pValue)} (McNemar)`;
    return formatP(null);
  }

  protected itemHolm(item: ItemAnalytics): string {
    return formatP(item.wilcoxon?.pValueHolm ?? null);
  }

  /** The filter form is a plain GET form; with the app running its values become query parameters. */
  protected applyFilters(event: Event): void {
    event.preventDefault();
    const filters = filtersFromForm(event.target as HTMLFormElement);
    const errors = filterErrors(filters, this.protectedViewer());
    this.formErrors.set(errors);
    if (errors.length) return;
    void this.router.navigate(['/impact'], { queryParams: filtersToParams(filters, this.dimension()) });
  }

  protected showBreakdown(event: Event): void {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get('dimension');
    const dimension: BreakdownDimension = isDimension(value) ? value : this.dimension();
    void this.router.navigate(['/impact'], { queryParams: filtersToParams(this.filters(), dimension) });
  }

  protected clearParams(): Record<string, string> {
    const programmeId = this.filters().programmeId;
    return programmeId ? { programmeId } : {};
  }

  protected fieldError(field: string): string | null {
    return this.shownFormErrors().find((error) => error.field === field)?.text ?? null;
  }
}
