import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { pageCount, pageSummary } from '@upstand/contracts';

/**
 * "Showing 1 to 25 of 297 delegates" above a list. Its own component so the count sits where a screen reader
 * user meets it, before the table, and every list words it the same way.
 */
@Component({
  selector: 'app-page-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p class="nhsuk-body-s app-page-summary" role="status">{{ summary() }}</p>`,
})
export class PageSummaryComponent {
  readonly page = input.required<number>();
  readonly total = input.required<number>();
  readonly pageSize = input.required<number>();
  /** Plural noun: "delegates", "cohorts". */
  readonly noun = input.required<string>();
  protected readonly summary = computed(() =>
    pageSummary({ page: this.page(), pageSize: this.pageSize(), total: this.total() }, this.noun()),
  );
}

/**
 * Previous and next page links (NHS.UK pagination), keeping the page's other query parameters (search,
 * filters, page size), so a list's state lives in its address and the back button works. A page with two lists
 * gives each its own `param`, and a `fragment` (the list's heading id) so the next page opens at the list
 * rather than at the top of the page.
 */
@Component({
  selector: 'app-page-links',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    @if (pages() > 1) {
      <nav class="nhsuk-pagination" role="navigation" [attr.aria-label]="label()">
        <ul class="nhsuk-list nhsuk-pagination__list">
          @if (page() > 1) {
            <li class="nhsuk-pagination-item--previous">
              <a
                class="nhsuk-pagination__link nhsuk-pagination__link--prev"
                [routerLink]="[]"
                [queryParams]="pageQuery(page() - 1)"
                queryParamsHandling="merge"
                [fragment]="fragment()"
                rel="prev"
              >
                <span class="nhsuk-pagination__title">Previous</span>
                <span class="nhsuk-u-visually-hidden">:</span>
                <span class="nhsuk-pagination__page">Page {{ page() - 1 }} of {{ pages() }}</span>
              </a>
            </li>
          }
          @if (page() < pages()) {
            <li class="nhsuk-pagination-item--next">
              <a
                class="nhsuk-pagination__link nhsuk-pagination__link--next"
                [routerLink]="[]"
                [queryParams]="pageQuery(page() + 1)"
                queryParamsHandling="merge"
                [fragment]="fragment()"
                rel="next"
              >
                <span class="nhsuk-pagination__title">Next</span>
                <span class="nhsuk-u-visually-hidden">:</span>
                <span class="nhsuk-pagination__page">Page {{ page() + 1 }} of {{ pages() }}</span>
              </a>
            </li>
          }
        </ul>
      </nav>
    }
  `,
})
export class PageLinksComponent {
  readonly page = input.required<number>();
  readonly total = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly label = input('Pages');
  /** The query parameter holding this list's page number. */
  readonly param = input('page');
  /** Where the linked page opens: the id of the list's heading, or the top of the page when left out. */
  readonly fragment = input<string | undefined>(undefined);
  protected readonly pages = computed(() => pageCount(this.total(), this.pageSize()));
  protected pageQuery(page: number): Record<string, number> {
    return { [this.param()]: page };
  }
}

/** A page number from the address bar: a positive whole number, else 1. */
export function pageParam(value: string | undefined): number {
  const page = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(page) && page >= 1 ? page : 1;
}
