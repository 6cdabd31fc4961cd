import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Venue } from '@upstand/contracts';
import { catchError, map, of } from 'rxjs';
import { VenuesApiService } from '../../core/api/venues-api.service';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { webAddress } from '../../shared/validation';
import { CohortAndSession } from './cohort-session';
import { SessionPageBase } from './session-page.base';
import { SessionPageFrameComponent } from './session-page-frame.component';

/** Sets a session's venue (in person) or join link (virtual). */
@Component({
  selector: 'app-session-place-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, SessionPageFrameComponent, ...FORM_FIELD],
  template: `
    <app-session-page-frame
      heading="Change where a session happens"
      [cohortId]="cohortId()"
      [state]="state()"
      [loaded]="loaded()"
      [when]="when()"
      [errors]="errors.items()"
    >
      <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
        <app-field
          field="venueId"
          label="Venue"
          [hint]="venues() === null ? 'The list of venues could not be loaded' : null"
        >
          <select class="nhsuk-select" appControl formControlName="venueId">
            <option value="">No venue</option>
            @for (venue of venues() ?? []; track venue.id) {
              <option [value]="venue.id">{{ venue.name }} ({{ venue.capacity }} places)</option>
            }
          </select>
        </app-field>
        <app-field
          field="joinUrl"
          label="Join link"
          hint="The Microsoft Teams or Zoom link, for a virtual session"
        >
          <input
            class="nhsuk-input"
            appControl
            type="url"
            autocomplete="off"
            spellcheck="false"
            formControlName="joinUrl"
          />
        </app-field>
        <div class="nhsuk-button-group">
          <button class="nhsuk-button" type="submit">Save place</button>
          <a class="nhsuk-link" [routerLink]="['/cohorts', cohortId()]">Cancel</a>
        </div>
      </form>
    </app-session-page-frame>
  `,
})
export class SessionPlacePage extends SessionPageBase {
  protected readonly errors = new FormErrors(['venueId', 'joinUrl']);
  protected readonly form = inject(NonNullableFormBuilder).group({ venueId: [''], joinUrl: [''] });
  protected readonly venues = toSignal(
    inject(VenuesApiService)
      .list()
      .pipe(
        map((list) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))),
        catchError(() => of(null)),
      ),
    { initialValue: [] as Venue[] },
  );

  protected override onLoaded({ session }: CohortAndSession): void {
    this.form.setValue({ venueId: session.venueId ?? '', joinUrl: session.joinUrl ?? '' });
  }

  protected submit(): void {
    const loaded = this.loaded();
    if (this.saving() || !loaded) return;
    const { venueId, joinUrl } = this.form.getRawValue();
    const link = joinUrl.trim();
    if (link && !webAddress(link)) {
      this.errors.set([
        { field: 'joinUrl', text: 'Enter the join link as a web address starting with https://' },
      ]);
      return;
    }
    this.saving.set(true);
    this.sessionsApi
      .updatePlace(loaded.session.id, { venueId: venueId || null, joinUrl: link || null })
      .subscribe({
        next: (saved) => this.done(`Place saved for ${saved.title}`),
        error: (error: unknown) => {
          this.failed();
          this.errors.fromApi(error);
        },
      });
  }
}
