import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { SchedulingWarning } from '@upstand/contracts';

/**
 * What the API said was odd about dates that were saved anyway (a bank holiday, a weekend, sets no longer
 * monthly, a split workshop): an NHS.UK warning callout, with the page's next step projected underneath.
 */
@Component({
  selector: 'app-scheduling-warnings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (warnings().length) {
      <div class="nhsuk-warning-callout" data-testid="scheduling-warnings">
        <h2 class="nhsuk-warning-callout__label">
          <span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>{{ heading() }}</span>
        </h2>
        <ul class="nhsuk-list nhsuk-list--bullet">
          @for (warning of warnings(); track $index) {
            <li [attr.data-code]="warning.code">{{ warning.message }}</li>
          }
        </ul>
        <ng-content />
      </div>
    }
  `,
})
export class SchedulingWarningsComponent {
  readonly warnings = input.required<readonly SchedulingWarning[]>();
  readonly heading = input('Check the new date');
}
