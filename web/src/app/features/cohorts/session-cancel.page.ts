import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { describeSession } from './cohort-session';
import { SessionPageBase } from './session-page.base';
import { SessionPageFrameComponent } from './session-page-frame.component';

export const CANCEL_MESSAGES = {
  reasonRequired: 'Enter why the session is cancelled',
  reasonTooLong: 'The reason must be 500 characters or fewer',
} as const;

/** Cancels a session; its facilitators' calendars get the cancellation. */
@Component({
  selector: 'app-session-cancel-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, SessionPageFrameComponent, ...FORM_FIELD],
  template: `
    <app-session-page-frame
      heading="Cancel a session"
      [cohortId]="cohortId()"
      [state]="state()"
      [loaded]="loaded()"
      [when]="when()"
      [errors]="errors.items()"
    >
      @if (loaded()?.session?.status === 'cancelled') {
        <p>This session is already cancelled.</p>
        <p><a [routerLink]="['/cohorts', cohortId()]">Back to the cohort</a></p>
      } @else {
        <div class="nhsuk-card nhsuk-card--warning">
          <div class="nhsuk-card__content">
            <h2 class="nhsuk-card__heading">Important</h2>
            <p class="nhsuk-card__description">
              A cancelled session cannot be brought back. To change its date or time, move it instead.
            </p>
          </div>
        </div>
        <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
          <app-field field="reason" label="Why is the session cancelled?" hint="Facilitators see this reason">
            <textarea class="nhsuk-textarea" appControl rows="3" formControlName="reason"></textarea>
          </app-field>
          <div class="nhsuk-button-group">
            <button class="nhsuk-button nhsuk-button--warning" type="submit">Cancel session</button>
            <a class="nhsuk-link" [routerLink]="['/cohorts', cohortId()]">Keep the session</a>
          </div>
        </form>
      }
    </app-session-page-frame>
  `,
})
export class SessionCancelPage extends SessionPageBase {
  protected readonly errors = new FormErrors(['reason']);
  protected readonly form = inject(NonNullableFormBuilder).group({ reason: [''] });

  protected submit(): void {
    const loaded = this.loaded();
    if (this.saving() || !loaded) return;
    const reason = this.form.controls.reason.value.trim();
    if (!reason) return this.errors.set([{ field: 'reason', text: CANCEL_MESSAGES.reasonRequired }]);
    if (reason.length > 500)
      return this.errors.set([{ field: 'reason', text: CANCEL_MESSAGES.reasonTooLong }]);
    this.saving.set(true);
    this.sessionsApi.cancel(loaded.session.id, { reason }).subscribe({
      next: (cancelled) => this.done(`Session cancelled: ${describeSession(cancelled)}`),
      error: (error: unknown) => {
        this.failed();
        this.errors.fromApi(error);
      },
    });
  }
}
