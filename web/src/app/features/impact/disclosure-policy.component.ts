import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * The disclosure policy in a few sentences. `{threshold}` in a sentence becomes the threshold in force. The full
 * policy is docs/disclosure-policy.md in the repository.
 */
export const DISCLOSURE_SUMMARY_SENTENCES: readonly string[] = [
  'Survey results are shown only for groups of {threshold} or more people, and then in full, so percentages add up to 100%.',
  'Counts of people by organisation, cohort or characteristic below {threshold} are withheld, with other counts withheld where needed so they cannot be worked out.',
  'A group is also withheld when it could be worked out by comparing two views you can request.',
  'Programme leads see unprotected figures because they already see the people involved.',
];

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
  /** Sentences of the policy's summary, with `{threshold}` where the threshold goes. */
  readonly sentences = input<readonly string[]>(DISCLOSURE_SUMMARY_SENTENCES);
  readonly threshold = input(10);

  protected readonly shown = computed(() =>
    this.sentences().map((sentence) => sentence.replaceAll('{threshold}', String(this.threshold()))),
  );
}
