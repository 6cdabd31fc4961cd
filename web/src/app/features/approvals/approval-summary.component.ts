import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ApprovalRequestView } from '@upstand/contracts';
import { LondonRangePipe } from '../../shared/london-time';

/** What a line manager is asked to approve: who, which cohort, and the dates of its whole-cohort sessions. */
@Component({
  selector: 'app-approval-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LondonRangePipe],
  template: `
    <dl class="nhsuk-summary-list" data-testid="approval-summary">
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Delegate</dt>
        <dd class="nhsuk-summary-list__value">{{ request().delegateName }}</dd>
      </div>
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Job title</dt>
        <dd class="nhsuk-summary-list__value">{{ request().delegateJobTitle ?? 'Not given' }}</dd>
      </div>
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Organisation</dt>
        <dd class="nhsuk-summary-list__value">{{ request().organisationName ?? 'Not given' }}</dd>
      </div>
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Cohort</dt>
        <dd class="nhsuk-summary-list__value">{{ request().cohortName }} ({{ request().programmeName }})</dd>
      </div>
      <div class="nhsuk-summary-list__row">
        <dt class="nhsuk-summary-list__key">Dates</dt>
        <dd class="nhsuk-summary-list__value" data-testid="approval-dates">
          @for (session of request().sessions; track $index) {
            <span class="app-secondary-line app-first-date">
              <span class="nhsuk-u-font-weight-bold">{{ session.title }}</span>
              {{ session.startsAt | londonRange: session.endsAt }}
              ({{ session.mode === 'virtual' ? 'online' : 'in person' }})
            </span>
          } @empty {
            To be confirmed
          }
        </dd>
      </div>
    </dl>
  `,
})
export class ApprovalSummaryComponent {
  readonly request = input.required<ApprovalRequestView>();
}
