import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  ACTION_TEXT_MAX_LENGTH,
  FRAMEWORK_AREAS,
  ProgrammeAction,
  ProgrammeReview,
} from '@upstand/contracts';
import { map, Observable } from 'rxjs';
import { GovernanceApiService } from '../../core/api/governance-api.service';
import { FlashService } from '../../core/flash.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { FORM_FIELD } from '../../shared/form-field';
import { LOADING, loadState, LoadState, loadedValue } from '../../shared/load-state';
import { DateInputComponent } from '../../shared/date-input.component';
import { areaLabel, checkAction, reviewPageParams, STATUS_OPTIONS } from './governance.model';
import { EMPTY_DATE, isoToDateParts } from '../../shared/date-parts';

const FIELDS = ['action', 'owner', 'dueDate', 'area', 'reviewId', 'status'] as const;

/** What the form needs: the action when editing, the programme's review periods when adding. */
type Loaded = { kind: 'edit'; action: ProgrammeAction } | { kind: 'add'; reviews: ProgrammeReview[] };

/** Adds an action to a programme's action log, or edits one (its text, owner, due date and status). */
@Component({
  selector: 'app-action-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, ErrorSummaryComponent, DateInputComponent, ...FORM_FIELD],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The action could not be loaded"
          [errors]="errors.items()"
        />
        <h1>{{ actionId() ? 'Edit action' : 'Add an action' }}</h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading…</p>
          }
          @case ('failed') {
            <p><a routerLink="/governance" [queryParams]="backParams()">Back to the programme review</a></p>
          }
          @default {
            @if (editing(); as action) {
              @if (action.area || action.reviewLabel) {
                <p>
                  @if (action.area) {
                    Area: {{ areaLabel(action.area) }}.
                  }
                  @if (action.reviewLabel) {
                    From review {{ action.reviewLabel }}.
                  }
                </p>
              }
            }
            <form [formGroup]="form" [appErrors]="errors" (ngSubmit)="submit()" novalidate>
              <app-field
                field="action"
                label="Action"
                [hint]="'What will be done. Up to ' + maxAction + ' characters.'"
              >
                <textarea class="nhsuk-textarea" appControl rows="3" formControlName="action"></textarea>
              </app-field>
              <app-field field="owner" label="Owner" hint="The person or group who will do it">
                <input
                  class="nhsuk-input nhsuk-input--width-20"
                  appControl
                  type="text"
                  autocomplete="off"
                  formControlName="owner"
                />
              </app-field>
              <app-date-input
                field="dueDate"
                legend="Due date"
                hint="For example, 31 3 2025"
                formControlName="dueDate"
              />
              @if (editing()) {
                <app-radios
                  field="status"
                  legend="Status"
                  [options]="statusOptions"
                  formControlName="status"
                />
              } @else {
                <app-field field="area" label="Framework area (optional)">
                  <select class="nhsuk-select" appControl formControlName="area">
                    <option value="">Not about one area</option>
                    @for (area of areas; track area.key) {
                      <option [value]="area.key">{{ area.label }}</option>
                    }
                  </select>
                </app-field>
                @if (reviews().length) {
                  <app-field
                    field="reviewId"
                    label="Review period (optional)"
                    hint="The review the action came out of"
                  >
                    <select class="nhsuk-select" appControl formControlName="reviewId">
                      <option value="">Not from a review</option>
                      @for (review of reviews(); track review.id) {
                        <option [value]="review.id">{{ review.label }}</option>
                      }
                    </select>
                  </app-field>
                }
              }
              <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit" [disabled]="saving()">
                  {{ editing() ? 'Save action' : 'Add action' }}
                </button>
                <a class="nhsuk-link" routerLink="/governance" [queryParams]="backParams()">Cancel</a>
              </div>
            </form>
          }
        }
      </div>
    </div>
  `,
})
export class ActionFormPage implements OnInit {
  private readonly api = inject(GovernanceApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);

  /** Route parameter `:actionId`; absent when adding. */
  readonly actionId = input<string>();
  /** Query parameters: the programme (when adding) and the review page to return to. */
  readonly programmeId = input<string>();
  readonly reviewId = input<string>();

  protected readonly areas = FRAMEWORK_AREAS;
  protected readonly areaLabel = areaLabel;
  protected readonly statusOptions = STATUS_OPTIONS;
  protected readonly maxAction = ACTION_TEXT_MAX_LENGTH;
  protected readonly errors = new FormErrors(FIELDS);
  protected readonly saving = signal(false);
  protected readonly state = signal<LoadState<Loaded>>(LOADING);
  protected readonly editing = computed(() => {
    const loaded = loadedValue(this.state());
    return loaded?.kind === 'edit' ? loaded.action : null;
  });
  protected readonly reviews = computed(() => {
    const loaded = loadedValue(this.state());
    return loaded?.kind === 'add' ? loaded.reviews : [];
  });
  private readonly programme = computed(() => this.editing()?.programmeId ?? this.programmeId() ?? '');
  protected readonly backParams = computed(() => reviewPageParams(this.programme(), this.reviewId()));

  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly form = this.formBuilder.group({
    action: [''],
    owner: [''],
    dueDate: [EMPTY_DATE],
    area: [''],
    reviewId: [''],
    status: this.formBuilder.control<string | null>(null),
  });

  ngOnInit(): void {
    const actionId = this.actionId();
    const programmeId = this.programmeId();
    const source: Observable<Loaded> = actionId
      ? this.api.action(actionId).pipe(map((action): Loaded => ({ kind: 'edit', action })))
      : this.api.reviews(programmeId ?? '').pipe(map((reviews): Loaded => ({ kind: 'add', reviews })));
    loadState(source, actionId ? 'This action does not exist.' : 'This programme does not exist.').subscribe(
      (state) => {
        if (state.status === 'loaded') this.fill(state.value);
        this.state.set(state);
      },
    );
  }

  private fill(loaded: Loaded): void {
    if (loaded.kind === 'edit') {
      const { action } = loaded;
      this.form.patchValue({
        action: action.action,
        owner: action.owner,
        dueDate: isoToDateParts(action.dueDate),
        status: action.status,
      });
    } else {
      const wanted = this.reviewId();
      this.form.patchValue({ reviewId: loaded.reviews.some((review) => review.id === wanted) ? wanted : '' });
    }
  }

  protected submit(): void {
    if (this.saving()) return;
    const checked = checkAction(this.form.getRawValue());
    if (!checked.ok) {
      this.errors.set(checked.errors);
      return;
    }
    const { action, owner, dueDate, area, reviewId, status } = checked.request;
    const editing = this.editing();
    const programmeId = this.programme();
    if (!editing && !programmeId) return;
    this.saving.set(true);
    const save = editing
      ? this.api.updateAction(editing.id, { action, owner, dueDate, ...(status ? { status } : {}) })
      : this.api.createAction(programmeId, { action, owner, dueDate, area, reviewId });
    save.subscribe({
      next: () => {
        this.errors.clear();
        this.flash.set(editing ? 'Action saved' : 'Action added');
        void this.router.navigate(['/governance'], { queryParams: this.backParams() });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
