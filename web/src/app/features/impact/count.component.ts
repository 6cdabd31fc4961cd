import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Count } from '@upstand/contracts';
import { countText, WITHHELD, withheldReason } from './impact-format';

/** A count of people, or "Withheld" with the reason for screen readers (and on hover). Never 0 for withheld. */
@Component({
  selector: 'app-count',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (withheld()) {
      <span class="app-withheld" [attr.title]="reason()"
        >{{ withheldText }}<span class="nhsuk-u-visually-hidden"> ({{ reason() }})</span></span
      >
    } @else {
      {{ text() }}
    }
  `,
})
export class CountComponent {
  readonly count = input.required<Count>();
  readonly threshold = input.required<number>();

  protected readonly withheldText = WITHHELD;
  protected readonly text = computed(() => countText(this.count()));
  protected readonly withheld = computed(() => this.text() === WITHHELD);
  protected readonly reason = computed(() => withheldReason(this.count(), this.threshold()));
}
