import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { EvaluationForm, SubmitEvaluationRequest } from '@upstand/contracts';
import { EvaluationsApiService, JOURNEY_STAGES, JourneyStage } from '../../core/api/evaluations-api.service';
import { FlashService } from '../../core/flash.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonDateTimePipe } from '../../shared/london-time';
import { QuestionnaireFormComponent } from './questionnaire-form.component';
import { questionnaireSavedMessage } from './questionnaire.model';

const NOT_FOUND =
  'There is no questionnaire for you here. Questionnaires are for delegates with a confirmed place.';

/**
 * A journey questionnaire (before, after, three months on) for the signed-in delegate: the form while it is open,
 * otherwise when it opens or that it has closed.
 */
@Component({
  selector: 'app-questionnaire-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    QuestionnaireFormComponent,
    LondonDatePipe,
    LondonDateTimePipe,
  ],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The questionnaire could not be loaded"
          [errors]="errors.items()"
        />

        <h1>
          <span class="nhsuk-caption-l">Questionnaire</span>
          {{ form()?.due?.title ?? 'Your questionnaire' }}
        </h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading the questionnaire…</p>
          }
          @case ('failed') {
            <p><a routerLink="/journey">Back to My journey</a></p>
          }
          @default {
            @if (form(); as form) {
              @switch (form.due.state) {
                @case ('open') {
                  <div data-testid="privacy-note">
                    <p>Answer every question unless it says it is optional.</p>
                    <p>
                      Your answers are used for anonymous reports about the programme as a whole: nobody is
                      named, and small numbers are hidden so that nobody can be identified. Your equality
                      monitoring answers are never shown to anyone else.
                    </p>
                    @if (form.due.closesAt) {
                      <p>You can change your answers until {{ form.due.closesAt | londonDateTime }}.</p>
                    }
                  </div>
                  @if (form.anonymous && form.due.submittedAt) {
                    <div class="nhsuk-inset-text" data-testid="anonymous-resubmit">
                      <span class="nhsuk-u-visually-hidden">Information: </span>
                      <p>
                        You answered on {{ form.due.submittedAt | londonDate }}. Your answers are anonymous,
                        so they are not shown here. To change them, answer again with the same code: your new
                        answers replace the old ones.
                      </p>
                    </div>
                  }
                  <app-questionnaire-form
                    [items]="form.instrument.items"
                    [answers]="form.answers"
                    [anonymous]="form.anonymous"
                    [errors]="errors"
                    [submitWith]="submitWith"
                    (saved)="saved(form)"
                  />
                  <p><a routerLink="/journey">Back to My journey</a></p>
                }
                @case ('not-yet-open') {
                  <p data-testid="questionnaire-state">
                    This questionnaire is not open yet.
                    @if (form.due.opensAt) {
                      It opens on {{ form.due.opensAt | londonDate }}.
                    }
                  </p>
                  <p><a routerLink="/journey">Back to My journey</a></p>
                }
                @default {
                  <p data-testid="questionnaire-state">
                    This questionnaire closed
                    @if (form.due.closesAt) {
                      at {{ form.due.closesAt | londonDateTime }}
                    }
                    and can no longer be answered or changed.
                    @if (form.due.submittedAt) {
                      Thank you for answering it on {{ form.due.submittedAt | londonDate }}.
                    }
                  </p>
                  <p><a routerLink="/journey">Back to My journey</a></p>
                }
              }
            }
          }
        }
      </div>
    </div>
  `,
})
export class QuestionnairePage implements OnInit {
  private readonly api = inject(EvaluationsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);
  private readonly titles = inject(PageTitleStrategy);

  /** Route parameter `:stage`. */
  readonly stage = input.required<string>();

  protected readonly errors = new FormErrors();
  protected readonly state = signal<LoadState<EvaluationForm>>(LOADING);
  protected readonly form = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });

  protected readonly submitWith = (request: SubmitEvaluationRequest) =>
    this.api.submit(this.stage() as JourneyStage, request);

  ngOnInit(): void {
    const stage = this.stage();
    if (!(JOURNEY_STAGES as readonly string[]).includes(stage)) {
      this.state.set({ status: 'failed', httpStatus: 404, errors: [{ text: NOT_FOUND }] });
      return;
    }
    loadState(this.api.form(stage as JourneyStage), NOT_FOUND).subscribe((state) => {
      if (state.status === 'loaded') this.titles.setPageTitle(state.value.due.title);
      this.state.set(state);
    });
  }

  protected saved(form: EvaluationForm): void {
    this.flash.set(questionnaireSavedMessage(form.due.title));
    void this.router.navigate(['/journey']);
  }
}
