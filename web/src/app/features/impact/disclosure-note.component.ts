import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Disclosure } from '@upstand/contracts';

/** Said above a table whose small numbers are withheld. */
@Component({
  selector: 'app-disclosure-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (disclosure()?.suppressionApplied) {
      <p class="nhsuk-body-s app-secondary-line" data-testid="suppression-note">
        To protect people's privacy, counts of fewer than {{ disclosure()?.threshold }} people are shown as
        "Withheld", and so are figures that would let a withheld count be worked out.
      </p>
    }
  `,
})
export class DisclosureNoteComponent {
  readonly disclosure = input.required<Disclosure | undefined>();
}
