/**
 * Paging for every list that can grow (cohorts, delegates, mailbox, community, session feedback, sponsor and
 * manager views, organisations, users, the audit log). The API pages in SQL and says how many there are in
 * all; pages show "Showing 1 to 25 of 297" and NHS.UK previous/next links. One shape and one set of limits, so
 * no list invents its own.
 */
export interface Paged<T> {
  items: T[];
  total: number;
  /** 1-based */
  page: number;
  pageSize: number;
}

/** What a paged list accepts in its query string. Lists add their own filters beside these. */
export interface PageQuery {
  /** Free-text search (part of a name, email address or code); each list says what it searches. */
  q?: string;
  /** 1-based; a page past the end returns no items and the true total. */
  page?: number;
  /** One of PAGE_SIZE_OPTIONS; DEFAULT_PAGE_SIZE when absent. */
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 25;
/** The page sizes a person may choose; the API refuses others, so nobody asks for a whole table at once. */
export const PAGE_SIZE_OPTIONS = [25, 50, 100] as const;
export const MAX_PAGE_SIZE = 100;
/** Longest search text a list accepts. */
export const SEARCH_MAX_LENGTH = 200;
/** Highest page number accepted (25 × 100,000 rows is more than any list here will hold). */
export const MAX_PAGE = 100_000;

/** Rows to skip for a page, for SQL OFFSET. */
export function pageOffset(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** How many pages a total fills (at least one, so "page 1 of 1" reads right for an empty list). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * "Showing 1 to 25 of 297 cohorts" (NHS.UK style says "to", not a dash). Empty lists and pages past the end
 * say so rather than "Showing 26 to 25".
 */
export function pageSummary(
  paged: Pick<Paged<unknown>, 'page' | 'pageSize' | 'total'>,
  noun: string,
): string {
  const { page, pageSize, total } = paged;
  // "9,876", as NHS.UK writes numbers of 1,000 and over.
  const n = (value: number) => value.toLocaleString('en-GB');
  if (total === 0) return `No ${noun}`;
  const first = pageOffset(page, pageSize) + 1;
  if (first > total) return `No ${noun} on this page (${n(total)} in all)`;
  const last = Math.min(total, page * pageSize);
  return `Showing ${n(first)} to ${n(last)} of ${n(total)} ${noun}`;
}
