import { Directive } from '@angular/core';

/**
 * A link that looks like an NHS button (`<a class="nhsuk-button" appLinkButton>`): gets role="button" and, like a
 * button, responds to the space bar.
 */
@Directive({
  selector: 'a[appLinkButton]',
  host: { role: 'button', draggable: 'false', '(keydown.space)': 'press($event)' },
})
export class LinkButtonDirective {
  protected press(event: Event): void {
    event.preventDefault();
    (event.target as HTMLElement).click();
  }
}
