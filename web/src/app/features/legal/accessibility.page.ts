import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FeaturesService } from '../../core/features.service';

@Component({
  selector: 'app-accessibility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <h1>Accessibility statement</h1>
        <p>
          This statement applies to Upstand, the NHS Active Bystander Programme service run by
          {{ owner() }}.
        </p>
        <p>We want as many people as possible to be able to use Upstand. You should be able to:</p>
        <ul>
          <li>change colours, contrast and fonts using your browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>use the whole service with a keyboard alone</li>
          <li>use the service with a screen reader</li>
        </ul>

        <h2>How accessible this service is</h2>
        <p>
          We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Upstand is
          built with the NHS design system, whose components are tested with disabled users.
        </p>

        <h2>How we test it</h2>
        <ul>
          <li>every page is checked with the axe accessibility checker in automated browser tests</li>
          <li>forms and navigation are tested with the keyboard alone, including the skip link</li>
          <li>pages are checked on small and large screens</li>
        </ul>

        <h2>Known issues</h2>
        <p>
          We have not yet had the service audited by an independent accessibility specialist. Some content may
          still not be fully accessible, for example calendar files downloaded into other applications.
        </p>

        <h2>Reporting problems</h2>
        <p>
          If you find a problem, or need information in a different format, email
          <a [href]="'mailto:' + contact()">{{ contact() }}</a>. We will reply within 5 working days.
        </p>

        <h2>Enforcement procedure</h2>
        <p>
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility
          regulations. If you are not happy with how we respond to your complaint, contact the
          <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>.
        </p>
      </div>
    </div>
  `,
})
export class AccessibilityPage {
  private readonly features = inject(FeaturesService);
  protected readonly owner = this.features.serviceOwnerName;
  protected readonly contact = this.features.serviceOwnerContact;
}
