import { EvaluationStage, EvaluationWindowState, SESSION_FEEDBACK_WINDOW_DAYS } from '@upstand/contracts';

const DAY = 24 * 3_600_000;
export const POST_WINDOW_DAYS = 42;
export const FOLLOW_UP_AFTER_DAYS = 91;
export const FOLLOW_UP_WINDOW_DAYS = 28;
/** After the end of the last set, every journey questionnaire has closed by then. */
export const FOLLOW_UP_CLOSES_AFTER_DAYS = FOLLOW_UP_AFTER_DAYS + FOLLOW_UP_WINDOW_DAYS;

export interface JourneyTimes {
  enrolledAt: Date;
  /** Start of the first session (the workshop) */
  firstStart: Date | null;
  /** End of the delegate's last action learning set */
  lastSetEnd: Date | null;
  /** End of their last session of any kind (used when there are no sets) */
  lastEnd: Date | null;
}

export interface EvaluationWindow {
  opensAt: Date | null;
  closesAt: Date | null;
}

/**
 * When each questionnaire is open: pre from sign-up until the workshop starts; post from the end of the last
 * action learning set for six weeks; follow-up three months after that for four weeks.
 */
export function evaluationWindow(
  stage: Exclude<EvaluationStage, 'session-feedback'>,
  times: JourneyTimes,
): EvaluationWindow {
  const afterLastSet = times.lastSetEnd ?? times.lastEnd;
  switch (stage) {
    case 'pre':
      return { opensAt: times.enrolledAt, closesAt: times.firstStart };
    case 'post':
      return afterLastSet
        ? { opensAt: afterLastSet, closesAt: new Date(afterLastSet.getTime() + POST_WINDOW_DAYS * DAY) }
        : { opensAt: null, closesAt: null };
    case 'follow-up': {
      if (!afterLastSet) return { opensAt: null, closesAt: null };
      const opensAt = new Date(afterLastSet.getTime() + FOLLOW_UP_AFTER_DAYS * DAY);
      return { opensAt, closesAt: new Date(opensAt.getTime() + FOLLOW_UP_WINDOW_DAYS * DAY) };
    }
  }
}

/** Feedback on a session opens when it ends and stays open for 14 days. */
export function sessionFeedbackWindow(endsAt: Date): EvaluationWindow {
  return { opensAt: endsAt, closesAt: new Date(endsAt.getTime() + SESSION_FEEDBACK_WINDOW_DAYS * DAY) };
}

export function windowState(window: EvaluationWindow, now: Date): EvaluationWindowState {
  if (!window.opensAt || now < window.opensAt) return 'not-yet-open';
  if (window.closesAt && now >= window.closesAt) return 'closed';
  return 'open';
}
