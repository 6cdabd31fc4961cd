import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  viewChild,
} from '@angular/core';
import { ErrorItem } from '../core/api-error';
import { focusElement } from './focus';

/**
 * NHS error summary. Shown when there are errors and focused every time a new list of errors arrives, so
 * screen readers announce it. Each error links to its field; the link moves focus to the input.
 */
@Component({
  selector: 'app-error-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (errors().length) {
      <div #summary class="nhsuk-error-summary" tabindex="-1">
        <div role="alert">
          <h2 class="nhsuk-error-summary__heading" id="error-summary-title">{{ heading() }}</h2>
          <div class="nhsuk-error-summary__body">
            <ul class="nhsuk-list nhsuk-error-summary__list">
              @for (error of errors(); track $index) {
                <li>
                  @if (error.field) {
                    <a [attr.href]="'#' + error.field" (click)="goTo($event, error.field)">{{
                      error.text
                    }}</a>
                  } @else {
                    {{ error.text }}
                  }
                </li>
              }
            </ul>
          </div>
        </div>
      </div>
    }
  `,
})
export class ErrorSummaryComponent {
  readonly errors = input.required<readonly ErrorItem[]>();
  readonly heading = input('There is a problem');

  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');

  constructor() {
    afterRenderEffect(() => {
      // Re-runs whenever a new list of errors is set (even an equal one, after another failed submit).
      const errors = this.errors();
      const element = this.summary()?.nativeElement;
      if (errors.length && element) element.focus();
    });
  }

  goTo(event: Event, field: string): void {
    const target = document.getElementById(field);
    if (!target) return;
    event.preventDefault();
    focusElement(target);
  }
}
