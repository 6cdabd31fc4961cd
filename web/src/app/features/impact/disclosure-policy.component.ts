import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { disclosurePolicySummary } from '@upstand/contracts';

/** Until the first report says which threshold is in force, the policy's default. */
const DEFAULT_THRESHOLD = 10;

/** "How we protect small numbers": the policy's summary behind an NHS.UK details element. */
@Component({
  selector: 'app-disclosure-policy',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details class="nhsuk-details" data-testid="disclosure-policy">
      <summary class="nhsuk-details__summary">
        <span class="nhsuk-details__summary-text">How we protect small numbers</span>
      </summary>
      <div class="nhsuk-details__text">
        <ul class="nhsuk-list nhsuk-list--bullet">
          @for (sentence of shown(); track $index) {
            <li>{{ sentence }}</li>
          }
        </ul>
        <p>
          The disclosure policy, in the project's documentation (docs/disclosure-policy.md), sets out the
          rules in full and the NHS practice they follow.
        </p>
      </div>
    </details>
  `,
})
export class DisclosurePolicyComponent {
  readonly threshold = input(DEFAULT_THRESHOLD);

  /** The summary in libs/contracts, which docs/disclosure-policy.md sets out in full. */
  protected readonly shown = computed(() => disclosurePolicySummary(this.threshold()));
}
