import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * NHS success notification banner for a message carried from the previous page (FlashService). It takes focus
 * after navigation (`data-autofocus`), so screen readers announce it.
 */
@Component({
  selector: 'app-success-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (message(); as message) {
      <div
        class="nhsuk-notification-banner nhsuk-notification-banner--success"
        role="alert"
        aria-labelledby="notification-banner-title"
        tabindex="-1"
        data-autofocus
        data-testid="success-banner"
      >
        <div class="nhsuk-notification-banner__header">
          <h2 class="nhsuk-notification-banner__title" id="notification-banner-title">Success</h2>
        </div>
        <div class="nhsuk-notification-banner__content">
          <p class="nhsuk-notification-banner__heading">{{ message }}</p>
        </div>
      </div>
    }
  `,
})
export class SuccessBannerComponent {
  readonly message = input<string | null>(null);
}
