import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ErrorItem } from '../../core/api-error';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LoadState } from '../../shared/load-state';
import { CohortAndSession } from './cohort-session';

/**
 * The frame of a page that changes one session: error summary, heading (with the cohort as caption), the session
 * and its time, and the projected form once loaded.
 */
@Component({
  selector: 'app-session-page-frame',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ErrorSummaryComponent],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The session could not be loaded"
          [errors]="errors()"
        />

        <h1>
          @if (loaded(); as loaded) {
            <span class="nhsuk-caption-l">{{ loaded.cohort.name }}</span>
          }
          {{ heading() }}
        </h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading session…</p>
          }
          @case ('failed') {
            <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
          }
          @default {
            @if (loaded(); as loaded) {
              <dl class="nhsuk-summary-list">
                <div class="nhsuk-summary-list__row">
                  <dt class="nhsuk-summary-list__key">Session</dt>
                  <dd class="nhsuk-summary-list__value">{{ loaded.session.title }}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                  <dt class="nhsuk-summary-list__key">When</dt>
                  <dd class="nhsuk-summary-list__value" data-testid="current-time">{{ when() }}</dd>
                </div>
              </dl>
              <ng-content />
            }
          }
        }
      </div>
    </div>
  `,
})
export class SessionPageFrameComponent {
  readonly heading = input.required<string>();
  readonly cohortId = input.required<string>();
  readonly state = input.required<LoadState<CohortAndSession>>();
  readonly loaded = input<CohortAndSession | null>(null);
  readonly when = input('');
  readonly errors = input<readonly ErrorItem[]>([]);
}
