import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  output,
  signal,
} from '@angular/core';
import { CohortLearningSets, Facilitator, LearningSet, LearningSetMember } from '@upstand/contracts';
import { Observable } from 'rxjs';
import { ErrorItem, mapApiError } from '../../core/api-error';
import { FacilitatorsApiService } from '../../core/api/facilitators-api.service';
import { LearningSetsApiService } from '../../core/api/learning-sets-api.service';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { LOADING, loadState, LoadState } from '../../shared/load-state';

/** Facilitators who can run an action learning set (and whoever runs this one now), by name. */
export function setFacilitatorOptions(
  facilitators: readonly Facilitator[],
  current: string | null,
): Facilitator[] {
  return facilitators
    .filter((f) => (f.active && f.sessionKinds.includes('action-learning-set')) || f.id === current)
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB'));
}

/** Delegates in the other sets, who could move into `target`. */
export function movableInto(
  sets: readonly LearningSet[],
  target: LearningSet,
): (LearningSetMember & { from: string })[] {
  return sets
    .filter((set) => set.id !== target.id)
    .flatMap((set) => set.members.map((member) => ({ ...member, from: set.name })))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB'));
}

/**
 * The "Learning sets" section of a cohort page: the action learning sets with their facilitators and members. A
 * programme lead puts the confirmed delegates into sets, chooses each set's facilitator and moves people between sets.
 */
@Component({
  selector: 'app-cohort-sets',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorSummaryComponent],
  template: `
    <h2 class="nhsuk-heading-m" id="sets-heading">Learning sets</h2>
    <app-error-summary
      [loadState]="state()"
      loadHeading="Learning sets could not be loaded"
      [errors]="errors()"
    />
    @switch (state().status) {
      @case ('loading') {
        <p role="status">Loading learning sets…</p>
      }
      @case ('failed') {}
      @default {
        @if (data(); as data) {
          @if (data.warnings.length) {
            <div class="nhsuk-warning-callout" data-testid="set-warnings">
              <h3 class="nhsuk-warning-callout__label">
                <span role="text"
                  ><span class="nhsuk-u-visually-hidden">Important: </span>Check the sets</span
                >
              </h3>
              <ul class="nhsuk-list nhsuk-list--bullet">
                @for (warning of data.warnings; track $index) {
                  <li>{{ warning }}</li>
                }
              </ul>
            </div>
          }
          @if (data.sets.length) {
            <div class="nhsuk-grid-row">
              @for (set of data.sets; track set.id) {
                <section
                  class="nhsuk-grid-column-one-half app-learning-set"
                  [attr.aria-labelledby]="'set-' + set.id"
                  [attr.data-set-id]="set.id"
                  data-testid="learning-set"
                >
                  <div class="nhsuk-card">
                    <div class="nhsuk-card__content">
                      <h3 class="nhsuk-card__heading nhsuk-heading-s" [id]="'set-' + set.id">
                        {{ set.name }}
                      </h3>
                      <p class="nhsuk-body-s">
                        Facilitator: {{ set.facilitator?.fullName ?? 'none yet' }} · {{ set.members.length }}
                        {{ set.members.length === 1 ? 'delegate' : 'delegates' }}
                      </p>
                      <ul class="nhsuk-list nhsuk-list--bullet" data-testid="set-members">
                        @for (member of set.members; track member.enrolmentId) {
                          <li>
                            {{ member.fullName }}
                            @if (member.organisationName) {
                              <span class="nhsuk-body-s app-secondary-line">{{
                                member.organisationName
                              }}</span>
                            }
                          </li>
                        } @empty {
                          <li>Nobody yet</li>
                        }
                      </ul>

                      @if (canManage()) {
                        <div class="nhsuk-form-group">
                          <label class="nhsuk-label nhsuk-label--s" [attr.for]="'facilitator-' + set.id"
                            >Facilitator for {{ set.name }}</label
                          >
                          <select
                            class="nhsuk-select"
                            [id]="'facilitator-' + set.id"
                            [attr.name]="'facilitator-' + set.id"
                            (change)="chooseFacilitator(set, $any($event.target).value)"
                          >
                            <option value="" [selected]="!chosenFacilitator(set)">No facilitator</option>
                            @for (facilitator of facilitatorOptions(set); track facilitator.id) {
                              <option
                                [value]="facilitator.id"
                                [selected]="chosenFacilitator(set) === facilitator.id"
                              >
                                {{ facilitator.fullName }}
                              </option>
                            }
                          </select>
                        </div>
                        <button
                          class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                          type="button"
                          [attr.aria-disabled]="busy() || null"
                          (click)="saveFacilitator(set)"
                        >
                          Save facilitator<span class="nhsuk-u-visually-hidden"> for {{ set.name }}</span>
                        </button>

                        @if (movable(set).length) {
                          <div class="nhsuk-form-group">
                            <label class="nhsuk-label nhsuk-label--s" [attr.for]="'move-' + set.id"
                              >Move a delegate into {{ set.name }}</label
                            >
                            <select
                              class="nhsuk-select"
                              [id]="'move-' + set.id"
                              [attr.name]="'move-' + set.id"
                              (change)="chooseMember(set, $any($event.target).value)"
                            >
                              <option value="" [selected]="!chosenMember(set)">Select a delegate</option>
                              @for (member of movable(set); track member.enrolmentId) {
                                <option
                                  [value]="member.enrolmentId"
                                  [selected]="chosenMember(set) === member.enrolmentId"
                                >
                                  {{ member.fullName }} ({{ member.from }})
                                </option>
                              }
                            </select>
                          </div>
                          <button
                            class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                            type="button"
                            [attr.aria-disabled]="busy() || null"
                            (click)="moveInto(set)"
                          >
                            Move into {{ set.name }}
                          </button>
                        }
                      }
                    </div>
                  </div>
                </section>
              }
            </div>
          } @else {
            <p>The delegates have not been put into action learning sets yet.</p>
            @if (canManage()) {
              <p class="nhsuk-body-s">
                Sets are made from the confirmed delegates, mixing organisations and keeping sets between 6
                and 8 people where possible.
              </p>
              <button
                class="nhsuk-button"
                type="button"
                [attr.aria-disabled]="busy() || null"
                (click)="allocate()"
              >
                Put delegates into sets
              </button>
            }
          }
        }
      }
    }
  `,
})
export class CohortSetsComponent implements OnInit {
  private readonly api = inject(LearningSetsApiService);
  private readonly facilitatorsApi = inject(FacilitatorsApiService);

  readonly cohortId = input.required<string>();
  /** Programme leads allocate, staff and rearrange the sets; facilitators only see them. */
  readonly canManage = input(false);
  /** A change was saved: the message to show. */
  readonly saved = output<string>();

  protected readonly state = signal<LoadState<CohortLearningSets>>(LOADING);
  protected readonly data = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });
  protected readonly errors = signal<ErrorItem[]>([]);
  protected readonly busy = signal(false);
  private readonly facilitators = signal<Facilitator[]>([]);
  /** Choices not yet saved, by set id. */
  private readonly facilitatorChoice = signal<Record<string, string>>({});
  private readonly memberChoice = signal<Record<string, string>>({});

  ngOnInit(): void {
    loadState(this.api.forCohort(this.cohortId())).subscribe((state) => this.state.set(state));
    if (this.canManage()) {
      this.facilitatorsApi
        .list()
        .subscribe({ next: (list) => this.facilitators.set(list), error: () => undefined });
    }
  }

  protected facilitatorOptions(set: LearningSet): Facilitator[] {
    return setFacilitatorOptions(this.facilitators(), set.facilitator?.facilitatorId ?? null);
  }

  protected movable(set: LearningSet): (LearningSetMember & { from: string })[] {
    return movableInto(this.data()?.sets ?? [], set);
  }

  protected chosenFacilitator(set: LearningSet): string {
    return this.facilitatorChoice()[set.id] ?? set.facilitator?.facilitatorId ?? '';
  }

  protected chosenMember(set: LearningSet): string {
    return this.memberChoice()[set.id] ?? '';
  }

  protected chooseFacilitator(set: LearningSet, facilitatorId: string): void {
    this.facilitatorChoice.update((choices) => ({ ...choices, [set.id]: facilitatorId }));
  }

  protected chooseMember(set: LearningSet, enrolmentId: string): void {
    this.memberChoice.update((choices) => ({ ...choices, [set.id]: enrolmentId }));
  }

  protected allocate(): void {
    this.send(this.api.allocate(this.cohortId()), (result) => {
      const people = result.sets.reduce((sum, set) => sum + set.members.length, 0);
      return `${people} delegates put into ${result.sets.length} ${result.sets.length === 1 ? 'set' : 'sets'}`;
    });
  }

  protected saveFacilitator(set: LearningSet): void {
    const facilitatorId = this.chosenFacilitator(set) || null;
    this.send(this.api.assignFacilitator(set.id, facilitatorId), (result) => {
      const name = result.sets.find((candidate) => candidate.id === set.id)?.facilitator?.fullName;
      return name ? `${name} facilitates ${set.name}` : `${set.name} has no facilitator`;
    });
  }

  protected moveInto(set: LearningSet): void {
    const enrolmentId = this.chosenMember(set);
    if (!enrolmentId) {
      this.errors.set([{ field: `move-${set.id}`, text: `Select a delegate to move into ${set.name}` }]);
      return;
    }
    const name =
      this.movable(set).find((member) => member.enrolmentId === enrolmentId)?.fullName ?? 'Delegate';
    this.send(this.api.moveMember(set.id, enrolmentId), () => `${name} moved into ${set.name}`);
  }

  private send(
    request: Observable<CohortLearningSets>,
    success: (result: CohortLearningSets) => string,
  ): void {
    if (this.busy()) return;
    this.busy.set(true);
    request.subscribe({
      next: (result) => {
        this.busy.set(false);
        this.errors.set([]);
        this.facilitatorChoice.set({});
        this.memberChoice.set({});
        this.state.set({ status: 'loaded', value: result });
        this.saved.emit(success(result));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(mapApiError(error).errors);
      },
    });
  }
}
