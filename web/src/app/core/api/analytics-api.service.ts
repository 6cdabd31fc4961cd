import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AnalyticsExportTable,
  AnalyticsFilterOptions,
  AnalyticsFilters,
  AnalyticsOverview,
  Breakdown,
  BreakdownDimension,
  CommentsReport,
  CumulativeReport,
  FunnelReport,
  ItemAnalyticsReport,
  ReachReport,
  ResponseRateReport,
} from '@upstand/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/analytics';

/** Filters as query parameters, leaving out the ones not set. */
export function analyticsQuery(
  filters: AnalyticsFilters,
  extra: Record<string, string> = {},
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (typeof value === 'string' && value !== '') query[key] = value;
  }
  return query;
}

function queryString(query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
}

/** The steering group's impact figures. Every count may be withheld (see `Count`). */
@Injectable({ providedIn: 'root' })
export class AnalyticsApiService {
  private readonly http = inject(HttpClient);

  private get<T>(path: string, filters: AnalyticsFilters, extra: Record<string, string> = {}): Observable<T> {
    return this.http.get<T>(`${BASE}/${path}`, {
      params: new HttpParams({ fromObject: analyticsQuery(filters, extra) }),
    });
  }

  /** Without a programme the API reports on the first programme the viewer may see. */
  filterOptions(programmeId?: string): Observable<AnalyticsFilterOptions> {
    return this.http.get<AnalyticsFilterOptions>(`${BASE}/filter-options`, {
      params: new HttpParams({ fromObject: programmeId ? { programmeId } : {} }),
    });
  }

  overview(filters: AnalyticsFilters): Observable<AnalyticsOverview> {
    return this.get('overview', filters);
  }

  /** Pre vs post for every item and construct. */
  items(filters: AnalyticsFilters): Observable<ItemAnalyticsReport> {
    return this.get('items', filters, { from: 'pre', to: 'post' });
  }

  /** One page of a breakdown's categories (the first when `page` is left out). */
  breakdown(filters: AnalyticsFilters, dimension: BreakdownDimension, page = 1): Observable<Breakdown> {
    return this.get('breakdowns', filters, { dimension, ...(page > 1 ? { page: String(page) } : {}) });
  }

  funnel(filters: AnalyticsFilters): Observable<FunnelReport> {
    return this.get('funnel', filters);
  }

  reach(filters: AnalyticsFilters): Observable<ReachReport> {
    return this.get('reach', filters);
  }

  cumulative(filters: AnalyticsFilters): Observable<CumulativeReport> {
    return this.get('cumulative', filters);
  }

  /** One page of the cohorts' response rates, latest start first (the first when `page` is left out). */
  responseRates(filters: AnalyticsFilters, page = 1): Observable<ResponseRateReport> {
    return this.get('response-rates', filters, page > 1 ? { page: String(page) } : {});
  }

  /** One page of the free-text comments given after the programme (the first when `page` is left out). */
  comments(filters: AnalyticsFilters, page = 1): Observable<CommentsReport> {
    return this.get('comments', filters, { stage: 'post', ...(page > 1 ? { page: String(page) } : {}) });
  }

  /** A download link (not a request): the table as CSV or XLSX with the same filters. */
  exportUrl(
    table: AnalyticsExportTable,
    format: 'csv' | 'xlsx',
    filters: AnalyticsFilters,
    dimension?: BreakdownDimension,
  ): string {
    const query = analyticsQuery(filters, table === 'breakdown' && dimension ? { dimension } : {});
    return `${BASE}/export/${table}.${format}${queryString(query)}`;
  }

  /** Person-level matched pre/post responses (programme leads only). */
  matchedExportUrl(programmeId: string): string {
    return `${BASE}/matched-export.xlsx${queryString({ programmeId })}`;
  }

  boardReportUrl(filters: AnalyticsFilters): string {
    return `${BASE}/board-report.pdf${queryString(analyticsQuery(filters))}`;
  }
}
