import { Paged, PageQuery } from './paging';
import { SessionKind } from './scheduling';

/**
 * Facilitators see a session's usefulness scores and comments only when at least this many people gave
 * feedback on it: a facilitator knows who was in the room, so fewer answers could be traced to a person.
 * Fixed (not the SUPPRESSION_THRESHOLD setting) because it protects people in one room, not in a report.
 */
export const FACILITATOR_FEEDBACK_THRESHOLD = 5;

/**
 * GET /api/session-feedback/results. Dates are session start dates (YYYY-MM-DD, UK time, inclusive). `q` (part
 * of the session's title or its cohort's name) and the page choose which sessions are listed; the totals by
 * kind cover every session the filters choose.
 */
export interface SessionFeedbackResultsQuery extends PageQuery {
  programmeId: string;
  startFrom?: string;
  startTo?: string;
  cohortId?: string;
  kind?: SessionKind;
}

/**
 * One session's feedback. The usefulness score is the first likert-5 item (`session_useful` by default) of the
 * questionnaire version each person answered, so renamed items still count; comments are its free-text answers.
 */
export interface SessionFeedbackResult {
  sessionId: string;
  /** null for sessions outside a cohort (e.g. a Community of Practice series) */
  cohortName: string | null;
  kind: SessionKind;
  title: string;
  startsAt: string;
  responses: number;
  /** People marked present or late on the register */
  attended: number;
  /** true when a facilitator's view holds back the scores and comments (fewer than the threshold answered) */
  withheld: boolean;
  /** Mean of the 1–5 usefulness answers; null when withheld or nobody answered it */
  meanUseful: number | null;
  /** How many answered 1, 2, 3, 4 and 5 (index 0 is 1); null when withheld or nobody answered it */
  distribution: number[] | null;
  /** Free-text answers, newest first; for facilitators with delegates' names and email addresses taken out */
  comments: string[];
}

export interface SessionFeedbackKindSummary {
  kind: SessionKind;
  sessions: number;
  responses: number;
  /**
   * Mean usefulness over the kind's sessions. In a facilitator's view, withheld sessions' answers are left out
   * (otherwise they could be worked out from this and the other sessions' means).
   */
  meanUseful: number | null;
  /** Sessions whose scores were withheld from this view (always 0 for programme leads) */
  withheldSessions: number;
}

export interface SessionFeedbackResults {
  /** Sessions with fewer responses than this have scores and comments withheld from facilitators */
  threshold: number;
  /** false for programme leads, who see everything */
  suppressionApplied: boolean;
  /** One page of the sessions, latest first */
  sessions: Paged<SessionFeedbackResult>;
  byKind: SessionFeedbackKindSummary[];
}
