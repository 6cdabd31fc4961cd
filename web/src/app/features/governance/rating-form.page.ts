import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { EVIDENCE_MAX_LENGTH, ProgrammeReview, RAG_LABELS } from '@upstand/contracts';
import { GovernanceApiService } from '../../core/api/governance-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadState, LoadState, loadedValue } from '../../shared/load-state';
import {
  areaLabel,
  checkRating,
  formatPeriod,
  isFrameworkArea,
  RAG_OPTIONS,
  reviewPageParams,
} from './governance.model';

const FIELDS = ['rating', 'evidence'] as const;

/** Rates one area of the framework red, amber or green in a review period, with the evidence for it. */
@Component({
  selector: 'app-rating-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The review could not be loaded"
          [errors]="errors.items()"
        />
        <h1>
          @if (review(); as review) {
            <span class="nhsuk-caption-l">{{ review.label }}: {{ period(review) }}</span>
          }
          Rate {{ label() }}
        </h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading the review…</p>
          }
          @case ('failed') {
            <p><a routerLink="/governance" [queryParams]="backParams()">Back to the programme review</a></p>
          }
          @default {
            @if (!label()) {
              <p>This is not one of the framework's areas.</p>
              <p><a routerLink="/governance" [queryParams]="backParams()">Back to the programme review</a></p>
            } @else if (review()?.closedAt) {
              <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">Information: </span>
                <p>This review is closed: its ratings can no longer change.</p>
              </div>
              <p><a routerLink="/governance" [queryParams]="backParams()">Back to the programme review</a></p>
            } @else {
              <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
                <app-radios
                  field="rating"
                  legend="Rating"
                  hint="How well the programme is doing in this area in the review period"
                  [options]="options"
                  formControlName="rating"
                />
                <app-field
                  field="evidence"
                  label="Evidence"
                  [hint]="
                    'What the rating is based on, for example figures from the impact report or feedback. Up to ' +
                    maxEvidence +
                    ' characters.'
                  "
                >
                  <textarea class="nhsuk-textarea" appControl rows="6" formControlName="evidence"></textarea>
                </app-field>
                <div class="nhsuk-button-group">
                  <button class="nhsuk-button" type="submit" [disabled]="saving()">Save rating</button>
                  <a class="nhsuk-link" routerLink="/governance" [queryParams]="backParams()">Cancel</a>
                </div>
              </form>
            }
          }
        }
      </div>
    </div>
  `,
})
export class RatingFormPage implements OnInit {
  private readonly api = inject(GovernanceApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameters. */
  readonly reviewId = input.required<string>();
  readonly area = input.required<string>();
  /** Query parameter: the programme to go back to. */
  readonly programmeId = input<string>();

  protected readonly options = RAG_OPTIONS;
  protected readonly maxEvidence = EVIDENCE_MAX_LENGTH;
  protected readonly period = formatPeriod;
  protected readonly errors = new FormErrors(FIELDS);
  protected readonly saving = signal(false);
  protected readonly state = signal<LoadState<ProgrammeReview>>(LOADING);
  protected readonly review = computed(() => loadedValue(this.state()));
  protected readonly label = computed(() => {
    const area = this.area();
    return isFrameworkArea(area) ? areaLabel(area) : '';
  });
  protected readonly backParams = computed(() =>
    reviewPageParams(this.review()?.programmeId ?? this.programmeId() ?? '', this.reviewId()),
  );

  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly form = this.formBuilder.group({
    rating: this.formBuilder.control<string | null>(null),
    evidence: [''],
  });

  ngOnInit(): void {
    loadState(this.api.review(this.reviewId()), 'This review does not exist.').subscribe((state) => {
      if (state.status === 'loaded') {
        const existing = state.value.ratings.find((rating) => rating.area === this.area());
        if (existing) this.form.setValue({ rating: existing.rating, evidence: existing.evidence });
      }
      this.state.set(state);
    });
  }

  protected submit(): void {
    const area = this.area();
    if (this.saving() || !isFrameworkArea(area)) return;
    const checked = checkRating(this.form.getRawValue());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    this.saving.set(true);
    this.api.rate(this.reviewId(), area, checked.request).subscribe({
      next: (review) => {
        this.errors.clear();
        this.flash.set(`${areaLabel(area)} rated ${RAG_LABELS[checked.request.rating]} for ${review.label}`);
        void this.router.navigate(['/governance'], {
          queryParams: reviewPageParams(review.programmeId, review.id),
        });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
