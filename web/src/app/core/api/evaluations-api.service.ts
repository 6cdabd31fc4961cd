import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  EvaluationDue,
  EvaluationForm,
  SessionFeedbackDue,
  SessionFeedbackForm,
  SubmitEvaluationRequest,
  SubmitSessionFeedbackRequest,
} from '@upstand/contracts';
import { Observable } from 'rxjs';

/** A journey questionnaire (pre, post, follow-up) as the delegate sees it. */
export type JourneyStage = 'pre' | 'post' | 'follow-up';

export const JOURNEY_STAGES: readonly JourneyStage[] = ['pre', 'post', 'follow-up'];

/** The signed-in delegate's evaluation questionnaires and session feedback. */
@Injectable({ providedIn: 'root' })
export class EvaluationsApiService {
  private readonly http = inject(HttpClient);

  due(): Observable<EvaluationDue[]> {
    return this.http.get<EvaluationDue[]>('/api/me/evaluations');
  }

  form(stage: JourneyStage): Observable<EvaluationForm> {
    return this.http.get<EvaluationForm>(`/api/me/evaluations/${encodeURIComponent(stage)}`);
  }

  /** Saves or replaces the answers while the questionnaire is open; 409 once it has closed or before it opens. */
  submit(stage: JourneyStage, request: SubmitEvaluationRequest): Observable<EvaluationForm> {
    return this.http.put<EvaluationForm>(`/api/me/evaluations/${encodeURIComponent(stage)}`, request);
  }

  sessionFeedbackDue(): Observable<SessionFeedbackDue[]> {
    return this.http.get<SessionFeedbackDue[]>('/api/me/session-feedback');
  }

  sessionFeedbackForm(sessionId: string): Observable<SessionFeedbackForm> {
    return this.http.get<SessionFeedbackForm>(`/api/me/session-feedback/${encodeURIComponent(sessionId)}`);
  }

  submitSessionFeedback(
    sessionId: string,
    request: SubmitSessionFeedbackRequest,
  ): Observable<SessionFeedbackForm> {
    return this.http.put<SessionFeedbackForm>(
      `/api/me/session-feedback/${encodeURIComponent(sessionId)}`,
      request,
    );
  }
}
