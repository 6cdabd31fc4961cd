import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { grantLabel, RoleGrant, UserStatus } from '@upstand/contracts';
import { formatNhsDate } from '../../shared/nhs-date.pipe';
import { formatClockTime, londonDate, londonTime } from '../../shared/london-time';

/** "6 December 2026, 3:40pm", London time, whatever the browser's time zone. */
export function formatLondonInstant(instant: string): string {
  return `${formatNhsDate(londonDate(instant))}, ${formatClockTime(londonTime(instant))}`;
}

export const USER_STATUS_TAGS: Record<UserStatus, string> = {
  active: 'nhsuk-tag--green',
  invited: 'nhsuk-tag--blue',
  deactivated: 'nhsuk-tag--grey',
};

/** A user's grants as NHS tags: "Programme lead, QWU". */
@Component({
  selector: 'app-grant-tags',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (grant of grants(); track $index) {
      <strong class="nhsuk-tag nhsuk-tag--white app-grant-tag" [attr.title]="grant.scope?.name ?? null">{{
        label(grant)
      }}</strong>
    } @empty {
      <span class="nhsuk-body-s">No roles</span>
    }
  `,
  styles: `
    .app-grant-tag {
      margin: 0 4px 4px 0;
    }
  `,
})
export class GrantTagsComponent {
  readonly grants = input.required<readonly RoleGrant[]>();
  protected readonly label = grantLabel;
}

/** Previous and next page links (NHS pagination), keeping the page's other query parameters. */
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
                [queryParams]="{ page: page() - 1 }"
                queryParamsHandling="merge"
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
                [queryParams]="{ page: page() + 1 }"
                queryParamsHandling="merge"
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
  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.total() / this.pageSize())));
}
