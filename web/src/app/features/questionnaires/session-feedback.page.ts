import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { SessionFeedbackForm, SubmitEvaluationRequest } from '@upstand/contracts';
import { EvaluationsApiService } from '../../core/api/evaluations-api.service';
import { FlashService } from '../../core/flash.service';
import { PageTitleStrategy } from '../../core/page-title.strategy';
import { ErrorSummaryComponent } from '../../shared/error-summary.component';
import { FormErrors } from '../../shared/form-errors';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonDatePipe, LondonDateTimePipe, LondonRangePipe } from '../../shared/london-time';
import { QuestionnaireFormComponent } from './questionnaire-form.component';

const NOT_FOUND =
  'There is no feedback to give for this session. You can give feedback on sessions you attended.';

/** Feedback on one session the delegate attended, open for a short time after it ends. */
@Component({
  selector: 'app-session-feedback-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ErrorSummaryComponent,
    QuestionnaireFormComponent,
    LondonDatePipe,
    LondonDateTimePipe,
    LondonRangePipe,
  ],
  template: `
    <div class="nhsuk-grid-row">
      <div class="nhsuk-grid-column-two-thirds">
        <app-error-summary
          [loadState]="state()"
          loadHeading="The session feedback could not be loaded"
          [errors]="errors.items()"
        />

        <h1>
          <span class="nhsuk-caption-l">Session feedback</span>
          {{ feedback()?.due?.title ?? 'Your feedback' }}
        </h1>

        @switch (state().status) {
          @case ('loading') {
            <p role="status">Loading…</p>
          }
          @case ('failed') {
            <p><a routerLink="/journey">Back to My journey</a></p>
          }
          @default {
            @if (feedback(); as feedback) {
              <p data-testid="session-when">{{ feedback.due.startsAt | londonRange: feedback.due.endsAt }}</p>
              @if (feedback.due.state === 'closed') {
                <p data-testid="questionnaire-state">
                  Feedback on this session closed at {{ feedback.due.closesAt | londonDateTime }}.
                  @if (feedback.due.submittedAt) {
                    Thank you for giving it on {{ feedback.due.submittedAt | londonDate }}.
                  }
                </p>
              } @else if (feedback.due.anonymous && feedback.due.submittedAt) {
                <p data-testid="questionnaire-state">
                  You gave feedback on this session on {{ feedback.due.submittedAt | londonDate }}. It is
                  anonymous, so it cannot be changed.
                </p>
              } @else {
                <p data-testid="privacy-note">
                  The facilitators see everyone's feedback together, without names. It helps them improve the
                  sessions.
                </p>
                <app-questionnaire-form
                  [items]="feedback.instrument.items"
                  [answers]="feedback.answers"
                  [errors]="errors"
                  [submitWith]="submitWith"
                  submitLabel="Send feedback"
                  (saved)="saved(feedback)"
                />
              }
              <p><a routerLink="/journey">Back to My journey</a></p>
            }
          }
        }
      </div>
    </div>
  `,
})
export class SessionFeedbackPage implements OnInit {
  private readonly api = inject(EvaluationsApiService);
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);
  private readonly titles = inject(PageTitleStrategy);

  /** Route parameter `:sessionId`. */
  readonly sessionId = input.required<string>();

  protected readonly errors = new FormErrors();
  protected readonly state = signal<LoadState<SessionFeedbackForm>>(LOADING);
  protected readonly feedback = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });

  protected readonly submitWith = (request: SubmitEvaluationRequest) =>
    this.api.submitSessionFeedback(this.sessionId(), { answers: request.answers });

  ngOnInit(): void {
    loadState(this.api.sessionFeedbackForm(this.sessionId()), NOT_FOUND).subscribe((state) => {
      if (state.status === 'loaded') this.titles.setPageTitle(`Feedback on ${state.value.due.title}`);
      this.state.set(state);
    });
  }

  protected saved(feedback: SessionFeedbackForm): void {
    this.flash.set(`Thank you for your feedback on ${feedback.due.title}`);
    void this.router.navigate(['/journey']);
  }
}
