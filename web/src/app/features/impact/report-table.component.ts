import { ChangeDetectionStrategy, Component, input, ViewEncapsulation } from '@angular/core';

/**
 * A report's data table in a box that scrolls sideways on its own on a phone, so the page never does (the global
 * `.nhsuk-table-container { position: relative }` keeps visually hidden text inside the box). The box is a
 * focusable region so keyboard users can scroll it too.
 */
@Component({
  selector: 'app-report-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The styles are for the projected table, which an emulated encapsulation would not reach.
  encapsulation: ViewEncapsulation.None,
  template: `
    <div
      class="nhsuk-table-container app-report-table"
      role="region"
      [attr.aria-label]="label()"
      tabindex="0"
    >
      <ng-content />
    </div>
  `,
  styles: `
    .app-report-table th,
    .app-report-table td {
      font-size: 16px;
    }
    .app-report-table th[scope='row'] {
      min-width: 10em;
    }
    .app-report-table .nhsuk-table__header,
    .app-report-table .nhsuk-table__cell {
      padding-right: 12px;
    }
    .app-report-table .nhsuk-table__cell--numeric {
      white-space: nowrap;
    }
  `,
})
export class ReportTableComponent {
  /** Names the scrolling region for screen readers. */
  readonly label = input.required<string>();
}
