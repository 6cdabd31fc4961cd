import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Cohort, COHORT_CAPACITY_MAX, COHORT_NAME_MAX_LENGTH, UpdateCohortRequest } from '@upstand/contracts';
import { forkJoin } from 'rxjs';
import { CohortsApiService } from '../../core/api/cohorts-api.service';
import { EnrolmentsApiService } from '../../core/api/enrolments-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD, RadioOption } from '../../shared/form-field';
import { LOADING, loadedValue, loadState, LoadState } from '../../shared/load-state';

export const EDIT_COHORT_MESSAGES = {
  nameRequired: 'Enter a name for the cohort',
  nameTooLong: `The name must be ${COHORT_NAME_MAX_LENGTH} characters or fewer`,
  capacityWhole: 'Enter the number of places as a whole number, like 24',
  capacityRange: `The number of places must be between 1 and ${COHORT_CAPACITY_MAX}`,
  capacityBelowTaken: (taken: number) =>
    `The number of places must be ${taken} or more: ${taken} are already taken or offered`,
} as const;

interface EditView {
  cohort: Cohort;
  placesTaken: number;
}

/** Change a cohort's name, number of places and whether delegates can sign up (programme leads). */
@Component({
  selector: 'app-cohort-edit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The cohort could not be loaded"
          [errors]="errors.items()"
        />
        <h1>
          @if (view(); as view) {
            <span class="nhsuk-caption-l">{{ view.cohort.name }}</span>
          }
          Change cohort details
        </h1>
        @if (view(); as view) {
          <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit(view)" novalidate>
            <app-field field="name" label="Cohort name">
              <input class="nhsuk-input" appControl type="text" formControlName="name" autocomplete="off" />
            </app-field>
            <app-field field="capacity" label="Number of places" [hint]="capacityHint(view)">
              <input
                class="nhsuk-input nhsuk-input--width-4"
                appControl
                type="text"
                inputmode="numeric"
                formControlName="capacity"
              />
            </app-field>
            <app-radios
              field="signupsOpen"
              legend="Can delegates sign up?"
              [options]="signupOptions"
              formControlName="signupsOpen"
            />
            <div class="nhsuk-button-group">
              <button class="nhsuk-button" type="submit" [attr.aria-disabled]="saving() || null">
                Save changes
              </button>
              <a class="nhsuk-link" [routerLink]="['/cohorts', id()]">Back to the cohort</a>
            </div>
          </form>
        } @else if (state().status === 'failed') {
          <p><a routerLink="/cohorts">Back to cohorts</a></p>
        } @else {
          <p role="status">Loading cohort…</p>
        }
      </div>
    </div>
  `,
})
export class CohortEditPage implements OnInit {
  private readonly cohortsApi = inject(CohortsApiService);
  private readonly enrolmentsApi = inject(EnrolmentsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly signupOptions: RadioOption[] = [
    { value: 'open', label: 'Yes, sign-ups are open', hint: 'The cohort is listed on the open cohorts page' },
    {
      value: 'closed',
      label: 'No, sign-ups are closed',
      hint: 'It leaves the open cohorts page; programme leads can still add people',
    },
  ];
  protected readonly errors = new FormErrors(['name', 'capacity', 'signupsOpen']);
  protected readonly saving = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [''],
    capacity: [''],
    signupsOpen: ['open' as string | null],
  });
  protected readonly state = signal<LoadState<EditView>>(LOADING);
  protected readonly view = computed(() => loadedValue(this.state()));

  ngOnInit(): void {
    loadState(
      forkJoin({
        cohort: this.cohortsApi.get(this.id()),
        page: this.enrolmentsApi.forCohort(this.id(), { status: 'confirmed' }),
      }),
      'This cohort does not exist.',
    ).subscribe((state) => {
      if (state.status === 'loaded') {
        const { cohort, page } = state.value;
        this.form.setValue({
          name: cohort.name,
          capacity: String(cohort.capacity),
          signupsOpen: cohort.signupsOpen ? 'open' : 'closed',
        });
        this.state.set({ status: 'loaded', value: { cohort, placesTaken: page.placesTaken } });
      } else this.state.set(state);
    });
  }

  protected capacityHint(view: EditView): string {
    return view.placesTaken > 0
      ? `At least ${view.placesTaken}: that many places are taken or offered. New places are offered to the waiting list.`
      : 'New places are offered to the waiting list, in order.';
  }

  protected submit(view: EditView): void {
    if (this.saving()) return;
    const { name, capacity, signupsOpen } = this.form.getRawValue();
    const errors = [];
    const trimmed = name.trim();
    if (!trimmed) errors.push({ field: 'name', text: EDIT_COHORT_MESSAGES.nameRequired });
    else if (trimmed.length > COHORT_NAME_MAX_LENGTH)
      errors.push({ field: 'name', text: EDIT_COHORT_MESSAGES.nameTooLong });
    const places = Number(capacity.trim());
    if (!/^\d+$/.test(capacity.trim()))
      errors.push({ field: 'capacity', text: EDIT_COHORT_MESSAGES.capacityWhole });
    else if (places < 1 || places > COHORT_CAPACITY_MAX)
      errors.push({ field: 'capacity', text: EDIT_COHORT_MESSAGES.capacityRange });
    else if (places < view.placesTaken)
      errors.push({ field: 'capacity', text: EDIT_COHORT_MESSAGES.capacityBelowTaken(view.placesTaken) });
    this.errors.set(errors);
    if (errors.length > 0) return;
    const request: UpdateCohortRequest = {
      name: trimmed,
      capacity: places,
      signupsOpen: signupsOpen !== 'closed',
    };
    this.saving.set(true);
    this.cohortsApi.update(this.id(), request).subscribe({
      next: (cohort) => {
        const raised = cohort.capacity > view.cohort.capacity;
        this.flash.set(`Cohort details saved${raised ? ': new places are offered to the waiting list' : ''}`);
        void this.router.navigate(['/cohorts', this.id()]);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
