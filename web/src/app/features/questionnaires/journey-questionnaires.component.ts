import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EvaluationDue, SessionFeedbackDue } from '@upstand/contracts';
import { EvaluationsApiService } from '../../core/api/evaluations-api.service';
import { LOADING, loadState, LoadState } from '../../shared/load-state';
import { LondonRangePipe } from '../../shared/london-time';
import { dueStatusView } from './questionnaire.model';

/**
 * The "Questionnaires" and "Session feedback" parts of My journey: each questionnaire with where it stands and a
 * link to answer it, and the sessions whose feedback is open.
 */
@Component({
  selector: 'app-journey-questionnaires',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LondonRangePipe],
  template: `
    <section aria-labelledby="questionnaires-heading" data-testid="questionnaires">
      <h2 class="nhsuk-heading-m" id="questionnaires-heading">Questionnaires</h2>
      @switch (questionnairesState().status) {
        @case ('loading') {
          <p role="status">Loading your questionnaires…</p>
        }
        @case ('failed') {
          <p>Your questionnaires could not be loaded. Try again later.</p>
        }
        @default {
          <p>
            Short questionnaires before the programme, after it and three months on show whether it works.
            Your answers are used for anonymous reports only.
          </p>
          <dl class="nhsuk-summary-list">
            @for (row of questionnaires(); track row.due.stage) {
              <div
                class="nhsuk-summary-list__row"
                [class.nhsuk-summary-list__row--no-actions]="!row.view.action"
                [attr.data-stage]="row.due.stage"
              >
                <dt class="nhsuk-summary-list__key">{{ row.due.title }}</dt>
                <dd class="nhsuk-summary-list__value">
                  <strong class="nhsuk-tag" [class]="row.view.tagClass" data-testid="questionnaire-status">{{
                    row.view.tag
                  }}</strong>
                  @if (row.view.detail) {
                    <p class="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                      {{ row.view.detail }}
                    </p>
                  }
                </dd>
                @if (row.view.action) {
                  <dd class="nhsuk-summary-list__actions">
                    <a [routerLink]="['/journey/questionnaires', row.due.stage]"
                      >{{ row.view.action
                      }}<span class="nhsuk-u-visually-hidden"> ({{ row.due.title }})</span></a
                    >
                  </dd>
                }
              </div>
            }
          </dl>
        }
      }
    </section>

    @if (feedbackState().status === 'failed') {
      <section aria-labelledby="session-feedback-heading">
        <h2 class="nhsuk-heading-m" id="session-feedback-heading">Session feedback</h2>
        <p>Your session feedback could not be loaded. Try again later.</p>
      </section>
    } @else if (openFeedback().length) {
      <section aria-labelledby="session-feedback-heading" data-testid="session-feedback">
        <h2 class="nhsuk-heading-m" id="session-feedback-heading">Session feedback</h2>
        <p>Tell the facilitators how the sessions you attended went.</p>
        <dl class="nhsuk-summary-list">
          @for (row of openFeedback(); track row.due.sessionId) {
            <div
              class="nhsuk-summary-list__row"
              [class.nhsuk-summary-list__row--no-actions]="!row.action"
              [attr.data-session-id]="row.due.sessionId"
            >
              <dt class="nhsuk-summary-list__key">{{ row.due.title }}</dt>
              <dd class="nhsuk-summary-list__value">
                <p class="nhsuk-body-s nhsuk-u-margin-bottom-2">
                  {{ row.due.startsAt | londonRange: row.due.endsAt }}
                </p>
                <strong class="nhsuk-tag" [class]="row.view.tagClass">{{ row.view.tag }}</strong>
                @if (row.view.detail) {
                  <p class="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                    {{ row.view.detail }}
                  </p>
                }
              </dd>
              @if (row.action) {
                <dd class="nhsuk-summary-list__actions">
                  <a [routerLink]="['/journey/session-feedback', row.due.sessionId]"
                    >{{ row.action }}<span class="nhsuk-u-visually-hidden"> on {{ row.due.title }}</span></a
                  >
                </dd>
              }
            </div>
          }
        </dl>
      </section>
    }
  `,
})
export class JourneyQuestionnairesComponent implements OnInit {
  private readonly api = inject(EvaluationsApiService);

  protected readonly questionnairesState = signal<LoadState<EvaluationDue[]>>(LOADING);
  protected readonly feedbackState = signal<LoadState<SessionFeedbackDue[]>>(LOADING);

  protected readonly questionnaires = computed(() => {
    const state = this.questionnairesState();
    const due = state.status === 'loaded' ? state.value : [];
    return due.map((item) => ({ due: item, view: dueStatusView(item) }));
  });

  protected readonly openFeedback = computed(() => {
    const state = this.feedbackState();
    const due = state.status === 'loaded' ? state.value : [];
    return due
      .filter((item) => item.state === 'open')
      .map((item) => {
        const view = dueStatusView(item, true);
        const action = view.action ? (item.submittedAt ? 'Change your feedback' : 'Give feedback') : null;
        return { due: item, view, action };
      });
  });

  ngOnInit(): void {
    loadState(this.api.due()).subscribe((state) => this.questionnairesState.set(state));
    loadState(this.api.sessionFeedbackDue()).subscribe((state) => this.feedbackState.set(state));
  }
}
