import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Programme } from '@upstand/contracts';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { breaksPairing, checkSettings, responsesText } from './programme.model';

/**
 * Whether line managers approve places, how long a waiting-list offer is held, and whether questionnaires are
 * answered anonymously (switching that once there are responses needs a confirmation), with a link to the
 * programme's questionnaires.
 */
@Component({
  selector: 'app-programme-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The programme could not be loaded"
          [errors]="errors.items()"
        />
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
              <app-checkbox
                field="requiresManagerApproval"
                legend="Sign-ups"
                hint="A sign-up then waits for the line manager named in the delegate's profile to approve it before it takes a place. They get an email with a link that works once."
                label="Line managers approve places"
                formControlName="requiresManagerApproval"
              />
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
              <app-checkbox
                field="anonymousEvaluation"
                legend="Evaluation"
                hint="Delegates make up a code from details only they know. Their answers before and after the programme are paired through the code, not their name, and leads can no longer see who answered."
                label="Anonymous evaluation"
                formControlName="anonymousEvaluation"
              />
              @if (pairingWarning(); as warning) {
                <div class="nhsuk-warning-callout" data-testid="pairing-warning">
                  <h2 class="nhsuk-warning-callout__label">
                    <span role="text"
                      ><span class="nhsuk-u-visually-hidden">Important: </span>Answers will not be
                      paired</span
                    >
                  </h2>
                  <p>
                    This programme already has {{ warning.responses }}. If you switch anonymous evaluation
                    {{ warning.on ? 'on' : 'off' }} now, answers given after the change cannot be paired with
                    those given before it, so delegates who answered before will not be counted in the
                    before-and-after results.
                  </p>
                  <app-checkbox
                    class="nhsuk-u-margin-bottom-0"
                    field="confirmPairingBreak"
                    [label]="
                      'I understand that answers given after this change will not be paired with the ' +
                      warning.responses +
                      ' already given'
                    "
                    formControlName="confirmPairingBreak"
                  />
                </div>
              }
              <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit">Save settings</button>
                <a class="nhsuk-link" routerLink="/programmes">Cancel</a>
              </div>
            </form>
            <h2 class="nhsuk-heading-m">Questionnaires</h2>
            <p>
              <a [routerLink]="['/programmes', id(), 'questionnaires']">Questionnaires</a>: the questions
              delegates answer before the workshop, after the fifth learning set, 3 months later and after
              each session.
            </p>
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

  protected readonly errors = new FormErrors([
    'requiresManagerApproval',
    'offerHoldHours',
    'anonymousEvaluation',
    'confirmPairingBreak',
  ]);
  protected readonly saving = signal(false);
  protected readonly state = signal<LoadState<Programme>>(LOADING);
  protected readonly programme = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  protected readonly form = inject(NonNullableFormBuilder).group({
    requiresManagerApproval: [false],
    offerHoldHours: [''],
    anonymousEvaluation: [false],
    confirmPairingBreak: [false],
  });
  private readonly anonymousEvaluation = toSignal(this.form.controls.anonymousEvaluation.valueChanges, {
    initialValue: false,
  });
  /** Shown while the box differs from the saved setting and the programme has questionnaire responses. */
  protected readonly pairingWarning = computed(() => {
    const programme = this.programme();
    const on = this.anonymousEvaluation();
    if (!programme || !breaksPairing(programme, on)) return null;
    return { on, responses: responsesText(programme.evaluationResponseCount ?? 0) };
  });

  ngOnInit(): void {
    loadState(this.api.get(this.id()), 'This programme does not exist.').subscribe((state) => {
      if (state.status === 'loaded') {
        this.form.setValue({
          requiresManagerApproval: state.value.requiresManagerApproval,
          offerHoldHours: String(state.value.offerHoldHours),
          anonymousEvaluation: state.value.anonymousEvaluation,
          confirmPairingBreak: false,
        });
      }
      this.state.set(state);
    });
  }

  protected submit(): void {
    const programme = this.programme();
    if (this.saving() || !programme) return;
    const checked = checkSettings(this.form.getRawValue(), programme);
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
        // 409: responses arrived since the page loaded; fetch the count so the warning and confirmation show.
        if (this.errors.fromApi(error) === 409) this.refreshResponseCount();
      },
    });
  }

  private refreshResponseCount(): void {
    this.api.get(this.id()).subscribe({
      next: (programme) => this.state.set({ status: 'loaded', value: programme }),
      error: () => undefined,
    });
  }
}
