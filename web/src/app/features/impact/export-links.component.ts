import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Download links for a table: CSV and Excel, with the table named for screen readers. */
@Component({
  selector: 'app-export-links',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="nhsuk-body-s">
      Download this table:
      <a [href]="csv()" download
        >CSV<span class="nhsuk-u-visually-hidden"> of {{ name() }}</span></a
      >,
      <a [href]="xlsx()" download
        >XLSX<span class="nhsuk-u-visually-hidden"> (Excel) of {{ name() }}</span></a
      >
    </p>
  `,
})
export class ExportLinksComponent {
  readonly csv = input.required<string>();
  readonly xlsx = input.required<string>();
  /** e.g. "the item results" */
  readonly name = input.required<string>();
}
