import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { SchedulingWarning } from '@upstand/contracts';
import { mapApiError } from '../../core/api-error';
import { DateInputComponent } from '../../shared/date-input.component';
import { EMPTY_DATE, isoToDateParts } from '../../shared/date-parts';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { SchedulingWarningsComponent } from '../../shared/scheduling-warnings.component';
import { londonDate, londonTime } from '../../shared/london-time';
import { CohortAndSession, describeSession } from './cohort-session';
import { SessionPageBase } from './session-page.base';
import { SessionPageFrameComponent } from './session-page-frame.component';
import { buildMoveRequest, MOVE_FIELD_FOR } from './session-move.model';

const FIELDS = ['date', 'startTime', 'endTime', 'reason'] as const;

/** Moves a session to another date or time, entered as London (UK) wall-clock time. */
@Component({
  selector: 'app-session-move-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    SessionPageFrameComponent,
    SchedulingWarningsComponent,
    DateInputComponent,
    ...FORM_FIELD,
  ],
  template: `
    <app-session-page-frame
      heading="Move a session"
      [cohortId]="cohortId()"
      [state]="state()"
      [loaded]="loaded()"
      [when]="when()"
      [errors]="errors.items()"
    >
      @if (warnings().length) {
        <div class="nhsuk-inset-text" role="status" data-testid="moved">
          <span class="nhsuk-u-visually-hidden">Information: </span>
          <p>{{ movedMessage() }}. Invitations are updated.</p>
        </div>
        <app-scheduling-warnings [warnings]="warnings()">
          <p>
            If that is not what you meant, <a href="#date" (click)="focusDate($event)">move it again</a>, or
            <a [routerLink]="['/cohorts', cohortId()]">go back to the cohort</a>.
          </p>
        </app-scheduling-warnings>
      }
      <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
        <app-date-input field="date" legend="New date" formControlName="date" />
        <app-field field="startTime" label="Start time" hint="UK time, for example 09:30">
          <input
            class="nhsuk-input nhsuk-input--width-5"
            appControl
            type="time"
            formControlName="startTime"
          />
        </app-field>
        <app-field field="endTime" label="End time" hint="UK time, for example 16:30">
          <input class="nhsuk-input nhsuk-input--width-5" appControl type="time" formControlName="endTime" />
        </app-field>
        <app-field field="reason" label="Reason (optional)" hint="Facilitators see this with the new time">
          <textarea class="nhsuk-textarea" appControl rows="3" formControlName="reason"></textarea>
        </app-field>
        <div class="nhsuk-button-group">
          <button class="nhsuk-button" type="submit">Move session</button>
          <a class="nhsuk-link" [routerLink]="['/cohorts', cohortId()]">Cancel</a>
        </div>
      </form>
    </app-session-page-frame>
  `,
})
export class SessionMovePage extends SessionPageBase {
  protected readonly errors = new FormErrors(FIELDS);
  protected readonly form = inject(NonNullableFormBuilder).group({
    date: [EMPTY_DATE],
    startTime: [''],
    endTime: [''],
    reason: [''],
  });

  /** Said after a move that was saved on an odd date; the form stays for moving it again. */
  protected readonly warnings = signal<readonly SchedulingWarning[]>([]);
  protected readonly movedMessage = signal('');

  protected override onLoaded({ session }: CohortAndSession): void {
    this.form.patchValue({
      date: isoToDateParts(londonDate(session.startsAt)),
      startTime: londonTime(session.startsAt),
      endTime: londonTime(session.endsAt),
    });
  }

  protected focusDate(event: Event): void {
    event.preventDefault();
    document.getElementById('date')?.focus();
  }

  protected submit(): void {
    const loaded = this.loaded();
    if (this.saving() || !loaded) return;
    const built = buildMoveRequest(this.form.getRawValue());
    if (!built.ok) {
      this.errors.set(built.errors);
      return;
    }
    this.saving.set(true);
    this.sessionsApi.move(loaded.session.id, built.request).subscribe({
      next: ({ warnings, ...moved }) => {
        const message = `Session moved: ${describeSession(moved)}`;
        if (!warnings?.length) {
          this.done(message);
          return;
        }
        this.movedMessage.set(message);
        // Saved, but odd: stay here so the lead sees why and can move it again at once.
        this.saving.set(false);
        this.errors.clear();
        this.state.set({ status: 'loaded', value: { ...loaded, session: moved } });
        this.warnings.set(warnings);
      },
      error: (error: unknown) => {
        this.failed();
        // The API names startsAt and endsAt: point those errors at the time inputs.
        const mapped = mapApiError(error, { fields: [...FIELDS, ...Object.keys(MOVE_FIELD_FOR)] });
        this.errors.set(
          mapped.errors.map((item) =>
            item.field && MOVE_FIELD_FOR[item.field] ? { ...item, field: MOVE_FIELD_FOR[item.field] } : item,
          ),
        );
      },
    });
  }
}
