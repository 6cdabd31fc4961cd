import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  ACTION_STATUS_LABELS,
  AreaRating,
  FRAMEWORK_AREAS,
  Programme,
  ProgrammeAction,
  ProgrammeFramework,
  ProgrammeReview,
  RAG_LABELS,
} from '@upstand/contracts';
import { EMPTY, forkJoin, Observable, switchMap } from 'rxjs';
import { GovernanceApiService } from '../../core/api/governance-api.service';
import { ProgrammesApiService } from '../../core/api/programmes-api.service';
import { FlashService } from '../../core/flash.service';
import { focusAfterRender } from '../../shared/focus';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { LinkButtonDirective } from '../../shared/link-button.directive';
import { LOADING, loadErrors, loadState, LoadState, loadedValue } from '../../shared/load-state';
import { NhsDatePipe } from '../../shared/nhs-date.pipe';
import { SuccessBannerComponent } from '../../shared/success-banner.component';
import { ACTION_STATUS_TAGS, areaLabel, formatPeriod, RAG_TAGS, reviewPageParams } from './governance.model';

interface ReviewData {
  reviews: ProgrammeReview[];
  framework: ProgrammeFramework;
  actions: ProgrammeAction[];
}

/**
 * The steering group's programme review: the 16 areas of the evaluation framework rated red, amber or green in a
 * review period, the ratings over time and the action log. The programme is the first one unless the address
 * names another (`?programmeId=`); the review shown is the newest unless `?reviewId=` names another.
 */
@Component({
  selector: 'app-governance-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    ErrorSummaryComponent,
    SuccessBannerComponent,
    LinkButtonDirective,
    NhsDatePipe,
  ],
  template: `
    <app-success-banner [message]="notice()" />
    <app-error-summary [errors]="closeErrors.items()" />
    @if (loadFailures().length) {
      <app-error-summary heading="The programme review could not be loaded" [errors]="loadFailures()" />
    }

    <h1>
      @if (programme(); as programme) {
        <span class="nhsuk-caption-l">{{ programme.name }}</span>
      }
      Programme review
    </h1>

    @if (programmes().length > 1) {
      <form class="app-filters" (ngSubmit)="showProgramme()" novalidate>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="programme">Programme</label>
          <select class="nhsuk-select" id="programme" name="programme" [(ngModel)]="chosenProgramme">
            @for (option of programmes(); track option.id) {
              <option [value]="option.id">{{ option.name }}</option>
            }
          </select>
          <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
            Show programme
          </button>
        </div>
      </form>
    }

    @if (programmeMissing()) {
      <p>This programme does not exist. <a routerLink="/governance">Show the first programme</a></p>
    } @else if (loading()) {
      <p role="status">Loading the programme review…</p>
    } @else if (data(); as data) {
      <h2>Review period</h2>
      @if (data.reviews.length) {
        <form class="app-filters" (ngSubmit)="showReview()" novalidate>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="review">Review period</label>
            <select class="nhsuk-select" id="review" name="review" [(ngModel)]="chosenReview">
              @for (option of data.reviews; track option.id) {
                <option [value]="option.id">{{ option.label }} ({{ period(option) }})</option>
              }
            </select>
            <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
              Show review
            </button>
          </div>
        </form>
      } @else {
        <p>There are no review periods yet. Add one to start rating the programme.</p>
      }
      <p>
        <a
          class="nhsuk-button nhsuk-button--secondary"
          appLinkButton
          routerLink="/governance/reviews/new"
          [queryParams]="programmeParams()"
          >Add a review period</a
        >
      </p>

      @if (review(); as review) {
        <h2 data-testid="review-heading">Ratings for {{ review.label }}</h2>
        <p>
          {{ period(review) }}. {{ ratedCount() }} of {{ areas.length }} areas rated.
          @if (review.closedAt) {
            <strong class="nhsuk-tag nhsuk-tag--grey">Closed</strong>
            Closed on {{ review.closedAt | nhsDate }}: the ratings can no longer change.
          }
        </p>
        <div class="nhsuk-table-container" role="region" aria-labelledby="ratings-caption" tabindex="0">
          <table class="nhsuk-table" data-testid="ratings-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="ratings-caption">
              Framework ratings,
              {{
                review.label
              }}
            </caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">Area</th>
                <th class="nhsuk-table__header" scope="col">Rating</th>
                <th class="nhsuk-table__header" scope="col">Evidence</th>
                @if (!review.closedAt) {
                  <th class="nhsuk-table__header" scope="col">
                    <span class="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                }
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              @for (area of areas; track area.key) {
                @let rating = ratingOf(review, area.key);
                <tr class="nhsuk-table__row" [attr.data-area]="area.key">
                  <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">{{ area.label }}</th>
                  <td class="nhsuk-table__cell app-nowrap">
                    @if (rating) {
                      <strong class="nhsuk-tag" [class]="ragTags[rating.rating]">{{
                        ragLabels[rating.rating]
                      }}</strong>
                    } @else {
                      <span class="nhsuk-u-secondary-text-colour">Not rated</span>
                    }
                  </td>
                  <td class="nhsuk-table__cell">
                    @if (rating) {
                      <span class="app-pre-line app-break-words">{{ rating.evidence }}</span>
                      &ngsp;<span class="nhsuk-body-s app-secondary-line"
                        >Rated{{ rating.ratedByName ? ' by ' + rating.ratedByName : '' }} on
                        {{ rating.ratedAt | nhsDate }}</span
                      >
                    }
                  </td>
                  @if (!review.closedAt) {
                    <td class="nhsuk-table__cell app-table-actions">
                      <a
                        [routerLink]="['/governance/reviews', review.id, 'areas', area.key]"
                        [queryParams]="programmeParams()"
                        >{{ rating ? 'Change rating' : 'Rate'
                        }}<span class="nhsuk-u-visually-hidden"> for {{ area.label }}</span></a
                      >
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (!review.closedAt) {
          <p class="nhsuk-body-s">
            Close the review when the steering group has agreed it. Its ratings then cannot change.
          </p>
          <button
            class="nhsuk-button nhsuk-button--secondary"
            type="button"
            [disabled]="closing()"
            (click)="close(review)"
          >
            Close review {{ review.label }}
          </button>
        }
      }

      @if (data.framework.reviews.length) {
        <h2>Over time</h2>
        <div class="nhsuk-table-container" role="region" aria-labelledby="history-caption" tabindex="0">
          <table class="nhsuk-table" data-testid="history-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="history-caption">
              Ratings in each review period, oldest first
            </caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">Area</th>
                @for (period of data.framework.reviews; track period.id) {
                  <th class="nhsuk-table__header app-nowrap" scope="col">{{ period.label }}</th>
                }
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              @for (row of data.framework.areas; track row.area) {
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">{{ row.label }}</th>
                  @for (period of data.framework.reviews; track period.id) {
                    @let point = pointOf(row.history, period.id);
                    <td class="nhsuk-table__cell app-nowrap">
                      @if (point) {
                        <strong class="nhsuk-tag" [class]="ragTags[point.rating]">{{
                          ragLabels[point.rating]
                        }}</strong>
                      } @else {
                        <span class="nhsuk-u-secondary-text-colour">Not rated</span>
                      }
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      <h2>Action log</h2>
      <p>
        <a
          class="nhsuk-button"
          appLinkButton
          routerLink="/governance/actions/new"
          [queryParams]="reviewParams()"
          >Add an action</a
        >
      </p>
      @if (data.actions.length) {
        <div class="nhsuk-table-container" role="region" aria-labelledby="actions-caption" tabindex="0">
          <table class="nhsuk-table" data-testid="actions-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--m" id="actions-caption">
              Actions, still to do first
              @if (overdueCount()) {
                &ngsp;<span class="nhsuk-body-s app-secondary-line">{{ overdueCount() }} overdue</span>
              }
            </caption>
            <thead class="nhsuk-table__head">
              <tr class="nhsuk-table__row">
                <th class="nhsuk-table__header" scope="col">Action</th>
                <th class="nhsuk-table__header" scope="col">Owner</th>
                <th class="nhsuk-table__header" scope="col">Due</th>
                <th class="nhsuk-table__header" scope="col">Status</th>
                <th class="nhsuk-table__header" scope="col">
                  <span class="nhsuk-u-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody class="nhsuk-table__body">
              @for (action of data.actions; track action.id) {
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header nhsuk-u-font-weight-normal" scope="row">
                    <span class="app-pre-line app-break-words">{{ action.action }}</span>
                    @if (action.area || action.reviewLabel) {
                      &ngsp;<span class="nhsuk-body-s app-secondary-line">
                        {{ [areaLabel(action.area), action.reviewLabel].filter(present).join(', ') }}
                      </span>
                    }
                  </th>
                  <td class="nhsuk-table__cell app-break-words">{{ action.owner }}</td>
                  <td class="nhsuk-table__cell app-nowrap">{{ action.dueDate | nhsDate }}</td>
                  <td class="nhsuk-table__cell">
                    <strong class="nhsuk-tag app-tag-block" [class]="statusTags[action.status]">{{
                      statusLabels[action.status]
                    }}</strong>
                    @if (action.overdue) {
                      &ngsp;<strong class="nhsuk-tag nhsuk-tag--red app-tag-block">Overdue</strong>
                    }
                  </td>
                  <td class="nhsuk-table__cell app-table-actions">
                    <a
                      [routerLink]="['/governance/actions', action.id, 'edit']"
                      [queryParams]="reviewParams()"
                      >Edit<span class="nhsuk-u-visually-hidden"> action: {{ action.action }}</span></a
                    >
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p>There are no actions yet.</p>
      }
    }
  `,
})
export class GovernancePage {
  private readonly governance = inject(GovernanceApiService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  /** The message carried from the previous page, then the outcome of closing a review. */
  protected readonly notice = signal(inject(FlashService).take());

  /** Query parameters. */
  readonly programmeId = input<string>();
  readonly reviewId = input<string>();

  protected readonly areas = FRAMEWORK_AREAS;
  protected readonly ragTags = RAG_TAGS;
  protected readonly ragLabels = RAG_LABELS;
  protected readonly statusTags = ACTION_STATUS_TAGS;
  protected readonly statusLabels = ACTION_STATUS_LABELS;
  protected readonly areaLabel = areaLabel;
  protected readonly period = formatPeriod;
  protected readonly present = Boolean;

  private readonly programmesState = toSignal(loadState(inject(ProgrammesApiService).list()), {
    initialValue: LOADING as LoadState<Programme[]>,
  });
  protected readonly programmes = computed(() => loadedValue(this.programmesState()) ?? []);
  /** The programme asked for, else the first; null when the address names one that does not exist. */
  protected readonly programme = computed<Programme | null | undefined>(() => {
    const list = loadedValue(this.programmesState());
    if (!list) return undefined;
    const wanted = this.programmeId();
    return wanted ? (list.find((programme) => programme.id === wanted) ?? null) : (list[0] ?? null);
  });
  protected readonly programmeMissing = computed(() => this.programme() === null);

  private readonly dataState = toSignal(
    toObservable(this.programme).pipe(
      switchMap((programme): Observable<LoadState<ReviewData>> => {
        if (!programme) return EMPTY;
        return loadState(
          forkJoin({
            reviews: this.governance.reviews(programme.id),
            framework: this.governance.framework(programme.id),
            actions: this.governance.actions(programme.id),
          }),
        );
      }),
    ),
    { initialValue: LOADING as LoadState<ReviewData> },
  );
  /** Writable, so closing a review updates the page without loading it again. */
  protected readonly data = linkedSignal(() => loadedValue(this.dataState()));
  protected readonly loading = computed(
    () => this.programmesState().status === 'loading' || this.dataState().status === 'loading',
  );
  protected readonly loadFailures = computed(() => [
    ...loadErrors(this.programmesState()),
    ...loadErrors(this.dataState()),
  ]);

  /** The review asked for, else the newest. */
  protected readonly review = computed(() => {
    const reviews = this.data()?.reviews ?? [];
    return reviews.find((review) => review.id === this.reviewId()) ?? reviews[0] ?? null;
  });
  protected readonly ratedCount = computed(() => this.review()?.ratings.length ?? 0);
  protected readonly overdueCount = computed(
    () => this.data()?.actions.filter((action) => action.overdue).length ?? 0,
  );
  protected readonly programmeParams = computed(() => reviewPageParams(this.programme()?.id ?? ''));
  protected readonly reviewParams = computed(() =>
    reviewPageParams(this.programme()?.id ?? '', this.review()?.id),
  );

  protected readonly chosenProgramme = linkedSignal(() => this.programme()?.id ?? '');
  protected readonly chosenReview = linkedSignal(() => this.review()?.id ?? '');
  protected readonly closing = signal(false);
  protected readonly closeErrors = new FormErrors();

  protected ratingOf(review: ProgrammeReview, area: string): AreaRating | undefined {
    return review.ratings.find((rating) => rating.area === area);
  }

  protected pointOf<T extends { reviewId: string }>(history: T[], reviewId: string): T | undefined {
    return history.find((point) => point.reviewId === reviewId);
  }

  protected showProgramme(): void {
    void this.router.navigate(['/governance'], { queryParams: { programmeId: this.chosenProgramme() } });
  }

  protected showReview(): void {
    const programme = this.programme();
    if (!programme) return;
    void this.router.navigate(['/governance'], {
      queryParams: reviewPageParams(programme.id, this.chosenReview()),
    });
  }

  protected close(review: ProgrammeReview): void {
    if (this.closing()) return;
    this.closing.set(true);
    this.governance.close(review.id).subscribe({
      next: (closed) => {
        this.closing.set(false);
        this.closeErrors.clear();
        this.data.update(
          (data) =>
            data && {
              ...data,
              reviews: data.reviews.map((candidate) => (candidate.id === closed.id ? closed : candidate)),
              framework: {
                ...data.framework,
                reviews: data.framework.reviews.map((period) =>
                  period.id === closed.id ? { ...period, closed: true } : period,
                ),
              },
            },
        );
        this.notice.set(`Review ${closed.label} closed`);
        // The button has gone: take focus to the banner so keyboard and screen reader users hear the outcome.
        focusAfterRender(this.injector, this.host, '[data-testid="success-banner"]');
      },
      error: (error: unknown) => {
        this.closing.set(false);
        this.closeErrors.fromApi(error);
      },
    });
  }
}
