import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  viewChild,
} from '@angular/core';
import { ErrorItem } from '../core/api-error';
import { focusElement } from './focus';
import { LoadState } from './load-state';

/**
 * NHS error summary. Shown when there are errors and focused every time a new list of errors arrives, so
 * screen readers announce it. Each error links to its field; the link moves focus to the input.
 *
 * Given the page's `loadState`, it shows why loading failed under `loadHeading` while the state is failed, and
 * the form's `errors` otherwise:
 *
 * ```html
 * <app-error-summary [loadState]="state()" loadHeading="The venue could not be loaded" [errors]="errors.items()" />
 * ```
 */
@Component({
  selector: 'app-error-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (shown().length) {
      <div #summary class="nhsuk-error-summary" tabindex="-1">
        <div role="alert">
          <h2 class="nhsuk-error-summary__heading" id="error-summary-title">{{ title() }}</h2>
          <div class="nhsuk-error-summary__body">
            <ul class="nhsuk-list nhsuk-error-summary__list">
              @for (error of shown(); track $index) {
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
  /** The page's load state; when it failed, its errors are shown under `loadHeading` instead of `errors`. */
  readonly loadState = input<LoadState<unknown>>();
  readonly loadHeading = input('There is a problem');

  private readonly loadFailure = computed(() => {
    const state = this.loadState();
    return state?.status === 'failed' ? state : null;
  });
  protected readonly shown = computed(() => this.loadFailure()?.errors ?? this.errors());
  protected readonly title = computed(() => (this.loadFailure() ? this.loadHeading() : this.heading()));

  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');

  constructor() {
    afterRenderEffect(() => {
      // Re-runs whenever a new list of errors is set (even an equal one, after another failed submit).
      const errors = this.shown();
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
