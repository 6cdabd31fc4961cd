import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  Facilitator,
  FACILITATOR_LEVEL_LABELS,
  FACILITATOR_LEVELS,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
} from '@upstand/contracts';
import { Observable } from 'rxjs';
import { FacilitatorsApiService } from '../../core/api/facilitators-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { CheckboxOption, FORM_FIELD } from '../../shared/form-field';
import { findById, LoadState, loadState } from '../../shared/load-state';
import { SaveAndReturn } from '../../shared/save-and-return';
import { checkFacilitatorChanges, checkNewFacilitator } from './facilitator-form.model';

const FIELDS = ['email', 'level', 'sessionKinds', 'active', 'unavailableDates'] as const;

/** Adds someone to the facilitator pool (by the email of their account) or changes what they may run. */
@Component({
  selector: 'app-facilitator-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="loaded()"
          loadHeading="The facilitator could not be loaded"
          [errors]="errors.items()"
        />

        <h1>
          @if (original(); as facilitator) {
            <span class="nhsuk-caption-l">{{ facilitator.email }}</span> Edit {{ facilitator.fullName }}
          } @else if (id()) {
            Edit facilitator
          } @else {
            Add a facilitator
          }
        </h1>

        @switch (loaded().status) {
          @case ('loading') {
            <p role="status">Loading facilitator…</p>
          }
          @case ('failed') {
            <p><a routerLink="/facilitators">Back to facilitators</a></p>
          }
          @default {
            <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
              @if (!id()) {
                <app-field
                  field="email"
                  label="Email address"
                  hint="They need an Upstand account first. Adding them gives the account the facilitator role."
                >
                  <input
                    class="nhsuk-input"
                    appControl
                    type="email"
                    autocomplete="off"
                    spellcheck="false"
                    formControlName="email"
                  />
                </app-field>
              }

              <app-field field="level" label="Level">
                <select class="nhsuk-select" appControl formControlName="level">
                  <option value="">Select a level</option>
                  @for (level of levels; track level) {
                    <option [value]="level">{{ levelLabels[level] }}</option>
                  }
                </select>
              </app-field>

              <app-checkboxes
                field="sessionKinds"
                legend="Sessions they can run"
                hint="Select all that apply"
                [options]="kindOptions"
                formControlName="sessionKinds"
              />

              @if (id()) {
                <app-checkbox
                  field="active"
                  label="Active"
                  hint="Only active facilitators can be given new sessions"
                  formControlName="active"
                />

                <app-field
                  field="unavailableDates"
                  label="Days they cannot facilitate (optional)"
                  hint="One date a line, like 2027-03-25"
                >
                  <textarea
                    class="nhsuk-textarea nhsuk-u-width-one-half"
                    appControl
                    rows="5"
                    spellcheck="false"
                    formControlName="unavailableDates"
                  ></textarea>
                </app-field>
              }

              <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit">
                  {{ id() ? 'Save facilitator' : 'Add facilitator' }}
                </button>
                <a class="nhsuk-link" routerLink="/facilitators">Cancel</a>
              </div>
            </form>
          }
        }
      </div>
    </div>
  `,
})
export class FacilitatorFormPage implements OnInit {
  private readonly api = inject(FacilitatorsApiService);

  /** Route parameter `:id`; absent when adding. */
  readonly id = input<string>();

  protected readonly levels = FACILITATOR_LEVELS;
  protected readonly levelLabels = FACILITATOR_LEVEL_LABELS;
  protected readonly kindOptions: CheckboxOption[] = SESSION_KINDS.map((kind) => ({
    value: kind,
    label: SESSION_KIND_LABELS[kind],
  }));
  protected readonly errors = new FormErrors(FIELDS);
  private readonly save = new SaveAndReturn(this.errors);
  protected readonly loaded = signal<LoadState<Facilitator | null>>({ status: 'loaded', value: null });
  protected readonly original = computed(() => {
    const state = this.loaded();
    return state.status === 'loaded' ? state.value : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [''],
    level: [''],
    sessionKinds: [[] as string[]],
    active: [true],
    unavailableDates: [''],
  });

  ngOnInit(): void {
    const id = this.id();
    if (!id) return;
    loadState(findById(this.api.list(), id), 'This facilitator does not exist.').subscribe((state) => {
      if (state.status === 'loaded') {
        const facilitator = state.value;
        this.form.setValue({
          email: facilitator.email,
          level: facilitator.level,
          sessionKinds: [...facilitator.sessionKinds],
          active: facilitator.active,
          unavailableDates: facilitator.unavailableDates.join('\n'),
        });
      }
      this.loaded.set(state);
    });
  }

  /** The API call for the form's values, or null after showing what is wrong. */
  private request(): Observable<Facilitator> | null {
    const id = this.id();
    const value = this.form.getRawValue();
    if (id) {
      const checked = checkFacilitatorChanges(value);
      if (checked.ok) return this.api.update(id, checked.request);
      this.errors.set(checked.errors);
    } else {
      const checked = checkNewFacilitator(value);
      if (checked.ok) return this.api.create(checked.request);
      this.errors.set(checked.errors);
    }
    return null;
  }

  protected submit(): void {
    const editing = Boolean(this.id());
    this.save.submit(() => this.request(), {
      message: (saved) => (editing ? `${saved.fullName} saved` : `${saved.fullName} added as a facilitator`),
      back: ['/facilitators'],
    });
  }
}
