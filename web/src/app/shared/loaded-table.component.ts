import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ErrorSummaryComponent } from './error-summary.component';
import { loadErrors, LoadState } from './load-state';

/**
 * A table of rows that come from one request: "Loading…" (role=status) while it runs, an error summary when it
 * failed, a line of text when there are no rows, and otherwise the NHS table in a scrollable, focusable region.
 * The page projects the table's `<thead>` and `<tbody>`:
 *
 * ```html
 * <app-loaded-table [state]="state()" caption="Venues" testId="venues-table" loadingText="Loading venues…"
 *   failedHeading="Venues could not be loaded" emptyText="There are no venues yet.">
 *   <thead class="nhsuk-table__head">…</thead>
 *   <tbody class="nhsuk-table__body">@for (venue of venues(); track venue.id) { … }</tbody>
 * </app-loaded-table>
 * ```
 */
@Component({
  selector: 'app-loaded-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent],
  template: `
    @switch (state().status) {
      @case ('loading') {
        <p role="status">{{ loadingText() }}</p>
      }
      @case ('failed') {
        <app-error-summary [heading]="failedHeading()" [errors]="errors()" />
      }
      @default {
        @if (hasRows()) {
          <div
            class="nhsuk-table-container"
            role="region"
            [attr.aria-label]="labelledBy() ? null : (label() ?? caption())"
            [attr.aria-labelledby]="labelledBy() ?? null"
            tabindex="0"
          >
            <table
              [class]="responsive() ? 'nhsuk-table-responsive' : 'nhsuk-table'"
              [attr.role]="responsive() ? 'table' : null"
              [attr.data-testid]="testId()"
            >
              <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                {{
                  caption()
                }}
              </caption>
              <ng-content />
            </table>
          </div>
        } @else {
          <p>{{ emptyText() }}</p>
        }
      }
    }
  `,
})
export class LoadedTableComponent {
  readonly state = input.required<LoadState<readonly unknown[]>>();
  /** The table's (visually hidden) caption. */
  readonly caption = input.required<string>();
  /** Name of the scrollable region; the caption when not given. */
  readonly label = input<string>();
  /** Id of a heading that names the scrollable region instead of `label`. */
  readonly labelledBy = input<string>();
  readonly testId = input.required<string>();
  /**
   * The NHS responsive table: on a phone each row becomes a card. The page then gives its rows and cells ARIA
   * roles (display: block drops their table semantics) and each cell a `nhsuk-table-responsive__heading` label.
   */
  readonly responsive = input(false);
  readonly loadingText = input.required<string>();
  readonly failedHeading = input.required<string>();
  readonly emptyText = input.required<string>();

  protected readonly errors = computed(() => loadErrors(this.state()));
  protected readonly hasRows = computed(() => {
    const state = this.state();
    return state.status === 'loaded' && state.value.length > 0;
  });
}
