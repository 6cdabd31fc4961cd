import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { GovernanceApiService } from '../../core/api/governance-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { DateInputComponent } from '../../shared/date-input.component';
import { checkReview, reviewPageParams } from './governance.model';
import { EMPTY_DATE } from '../../shared/date-parts';

const FIELDS = ['label', 'periodStart', 'periodEnd'] as const;

/** Adds a review period (for example "2024 Q1") to a programme. */
@Component({
  selector: 'app-review-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, DateInputComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary [errors]="errors.items()" />
        <h1>Add a review period</h1>
        @if (!programmeId()) {
          <p>Choose a programme first. <a routerLink="/governance">Back to the programme review</a></p>
        } @else {
          <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
            <app-field
              field="label"
              label="Name"
              hint="For example, 2024 Q1. Each review period of a programme needs its own name."
            >
              <input
                class="nhsuk-input nhsuk-input--width-20"
                appControl
                type="text"
                autocomplete="off"
                formControlName="label"
              />
            </app-field>
            <app-date-input
              field="periodStart"
              legend="Start date"
              hint="For example, 1 4 2024"
              formControlName="periodStart"
            />
            <app-date-input
              field="periodEnd"
              legend="End date"
              hint="For example, 30 6 2024"
              formControlName="periodEnd"
            />
            <div class="nhsuk-button-group">
              <button class="nhsuk-button" type="submit" [disabled]="saving()">Add review period</button>
              <a class="nhsuk-link" routerLink="/governance" [queryParams]="{ programmeId: programmeId() }"
                >Cancel</a
              >
            </div>
          </form>
        }
      </div>
    </div>
  `,
})
export class ReviewFormPage {
  private readonly api = inject(GovernanceApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Query parameter. */
  readonly programmeId = input<string>();

  protected readonly errors = new FormErrors(FIELDS);
  protected readonly saving = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    label: [''],
    periodStart: [EMPTY_DATE],
    periodEnd: [EMPTY_DATE],
  });

  protected submit(): void {
    const programmeId = this.programmeId();
    if (this.saving() || !programmeId) return;
    const checked = checkReview(this.form.getRawValue());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    this.saving.set(true);
    this.api.createReview(programmeId, checked.request).subscribe({
      next: (review) => {
        this.errors.clear();
        this.flash.set(`Review period ${review.label} added`);
        void this.router.navigate(['/governance'], { queryParams: reviewPageParams(programmeId, review.id) });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
