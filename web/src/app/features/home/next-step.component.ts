import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { NextStep } from './home.model';

/** The one thing to do next, as a feature card with a button: the first thing on a role's home. */
@Component({
  selector: 'app-next-step',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LinkButtonDirective],
  template: `
    @let next = step();
    <div class="nhsuk-card nhsuk-card--feature" data-testid="next-step" [attr.data-kind]="next.kind">
      <div class="nhsuk-card__content nhsuk-card__content--feature">
        <h2 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">{{ label() }}</h2>
        <h3 class="nhsuk-heading-s nhsuk-u-margin-bottom-2" data-testid="next-step-heading">
          {{ next.heading }}
        </h3>
        @if (next.detail) {
          <p class="nhsuk-u-font-weight-bold nhsuk-u-margin-bottom-2" data-testid="next-step-detail">
            {{ next.detail }}
          </p>
        }
        <p class="nhsuk-card__description">{{ next.text }}</p>
        @if (next.link.startsWith('/api/')) {
          <a class="nhsuk-button nhsuk-u-margin-bottom-0" appLinkButton [href]="next.link">{{
            next.linkText
          }}</a>
        } @else {
          <a class="nhsuk-button nhsuk-u-margin-bottom-0" appLinkButton [routerLink]="next.link">{{
            next.linkText
          }}</a>
        }
      </div>
    </div>
  `,
})
export class NextStepComponent {
  readonly step = input.required<NextStep>();
  /** The card's heading, naming the role when someone has more than one: "Next for your team". */
  readonly label = input('What to do next');
}
