import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Programme } from '@upstand/contracts';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadErrors, loadState, LoadState } from '../../shared/load-state';
import { checkSettings } from './programme.model';

/** Whether line managers approve places, and how long a waiting-list offer is held. */
@Component({
  selector: 'app-programme-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        @if (state().status === 'failed') {
          <app-error-summary heading="The programme could not be loaded" [errors]="loadFailures()" />
        } @else {
          <app-error-summary [errors]="errors.items()" />
        }
        <h1>
          @if (programme(); as programme) {
            <span class="nhsuk-caption-l">{{ programme.name }}</span>
          }
          Programme settings
        </h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading programme…</p>
          }
          @case ('failed') {
            <p><a routerLink="/programmes">Back to programmes</a></p>
          }
          @default {
            <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
              <div class="nhsuk-form-group">
                <fieldset class="nhsuk-fieldset" aria-describedby="requiresManagerApproval-hint">
                  <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Sign-ups</legend>
                  <div class="nhsuk-hint" id="requiresManagerApproval-hint">
                    A sign-up then waits for the line manager named in the delegate's profile to approve it
                    before it takes a place. They get an email with a link that works once.
                  </div>
                  <div class="nhsuk-checkboxes">
                    <div class="nhsuk-checkboxes__item">
                      <input
                        class="nhsuk-checkboxes__input"
                        id="requiresManagerApproval"
                        name="requiresManagerApproval"
                        type="checkbox"
                        formControlName="requiresManagerApproval"
                      />
                      <label class="nhsuk-label nhsuk-checkboxes__label" for="requiresManagerApproval"
                        >Line managers approve places</label
                      >
                    </div>
                  </div>
                </fieldset>
              </div>
              <app-field
                field="offerHoldHours"
                label="Offer hold hours"
                hint="When a place comes up, how many hours the next person on the waiting list has to accept it"
              >
                <input
                  class="nhsuk-input nhsuk-input--width-4"
                  appControl
                  type="text"
                  inputmode="numeric"
                  autocomplete="off"
                  formControlName="offerHoldHours"
                />
              </app-field>
              <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit">Save settings</button>
                <a class="nhsuk-link" routerLink="/programmes">Cancel</a>
              </div>
            </form>
          }
        }
      </div>
    </div>
  `,
})
export class ProgrammeSettingsPage implements OnInit {
  private readonly api = inject(ProgrammesApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly errors = new FormErrors(['requiresManagerApproval', 'offerHoldHours']);
  protected readonly saving = signal(false);
  protected readonly state = signal<LoadState<Programme>>(LOADING);
  protected readonly programme = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  protected readonly loadFailures = computed(() => loadErrors(this.state()));
  protected readonly form = inject(NonNullableFormBuilder).group({
    requiresManagerApproval: [false],
    offerHoldHours: [''],
  });

  ngOnInit(): void {
    loadState(this.api.get(this.id()), 'This programme does not exist.').subscribe((state) => {
      if (state.status === 'loaded') {
        this.form.setValue({
          requiresManagerApproval: state.value.requiresManagerApproval,
          offerHoldHours: String(state.value.offerHoldHours),
        });
      }
      this.state.set(state);
    });
  }

  protected submit(): void {
    if (this.saving()) return;
    const checked = checkSettings(this.form.getRawValue());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    this.saving.set(true);
    this.api.updateSettings(this.id(), checked.request).subscribe({
      next: (saved) => {
        this.errors.clear();
        this.flash.set(`Settings saved for ${saved.name}`);
        void this.router.navigate(['/programmes']);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
