import { SessionKind } from './scheduling';

export const EVALUATION_STAGES = ['pre', 'post', 'follow-up', 'session-feedback'] as const;
export type EvaluationStage = (typeof EVALUATION_STAGES)[number];

export const ITEM_TYPES = ['likert-5', 'scale-0-10', 'yes-no', 'single-choice', 'free-text'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Likert answers are stored as 1–5 in this order. */
export const LIKERT_5_LABELS = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
] as const;

/**
 * What an item measures, for construct scores in the Impact reports (items of a construct are averaged, 0–10
 * scales rescaled to 1–5). Older versions may hold other values; the API accepts any short text.
 */
export const INSTRUMENT_CONSTRUCTS = [
  'confidence-to-intervene',
  'five-ds',
  'psychological-safety',
  'intent-to-help',
] as const;
export type InstrumentConstruct = (typeof INSTRUMENT_CONSTRUCTS)[number];

export const INSTRUMENT_CONSTRUCT_LABELS: Record<InstrumentConstruct, string> = {
  'confidence-to-intervene': 'Confidence to intervene',
  'five-ds': '5 Ds',
  'psychological-safety': 'Psychological safety',
  'intent-to-help': 'Intent to help',
};

/** The most characters an item's short label may have: it must fit beside a bar in a chart. */
export const ITEM_SHORT_LABEL_MAX_LENGTH = 40;

export interface InstrumentItem {
  /** Stable across versions, e.g. confidence_intervene */
  code: string;
  wording: string;
  /**
   * What charts and the board report call the item, e.g. "Confidence to intervene" (at most
   * ITEM_SHORT_LABEL_MAX_LENGTH characters); without one they show the wording.
   */
  shortLabel?: string | null;
  type: ItemType;
  /** For single-choice items */
  options?: string[];
  /** One of INSTRUMENT_CONSTRUCTS (e.g. confidence-to-intervene, five-ds), or null for none */
  construct?: string | null;
  required: boolean;
  /** A "thinking back to before the programme" item (response-shift check) */
  retrospective?: boolean;
}

export interface Instrument {
  id: string;
  programmeId: string;
  stage: EvaluationStage;
  version: number;
  title: string;
  items: InstrumentItem[];
  publishedAt: string;
}

export interface PublishInstrumentRequest {
  title: string;
  items: InstrumentItem[];
}

export type EvaluationWindowState = 'not-yet-open' | 'open' | 'closed';

export interface EvaluationDue {
  stage: EvaluationStage;
  title: string;
  opensAt: string | null;
  closesAt: string | null;
  state: EvaluationWindowState;
  submittedAt: string | null;
  /** The programme evaluates anonymously: answers are paired by a self-generated code, not the person. */
  anonymous: boolean;
}

/** yes-no answers are 1 (yes) / 0 (no); likert 1–5; scale 0–10; single-choice the option text; free text a string. */
export interface EvaluationAnswer {
  itemCode: string;
  value: number | string | null;
}

export interface SubmitEvaluationRequest {
  answers: EvaluationAnswer[];
  /**
   * Anonymous mode only (required there): a code the delegate makes up from facts that do not change, e.g. the
   * first two letters of their mother's first name, their day of birth (2 digits) and the first two letters of
   * the town they were born in. 4–12 letters or digits; spaces, case and accents are ignored. The same code must
   * be used for every questionnaire so that answers can be paired without knowing who gave them.
   */
  selfGeneratedCode?: string;
}

export interface EvaluationForm {
  due: EvaluationDue;
  instrument: Instrument;
  /** Always empty in anonymous mode: nothing links the stored answers to the delegate. */
  answers: EvaluationAnswer[];
  anonymous: boolean;
}

/** How many days session feedback stays open after the session ends. */
export const SESSION_FEEDBACK_WINDOW_DAYS = 14;

export type SessionFeedbackState = 'open' | 'closed';

/** A session the delegate attended (present or late) that has ended: feedback is open for 14 days after it. */
export interface SessionFeedbackDue {
  sessionId: string;
  title: string;
  kind: SessionKind;
  startsAt: string;
  endsAt: string;
  /** endsAt + 14 days */
  closesAt: string;
  state: SessionFeedbackState;
  submittedAt: string | null;
  /** Anonymous mode: feedback is stored without identity and cannot be changed once given. */
  anonymous: boolean;
}

export interface SessionFeedbackForm {
  due: SessionFeedbackDue;
  instrument: Instrument;
  /** Always empty in anonymous mode. */
  answers: EvaluationAnswer[];
}

export interface SubmitSessionFeedbackRequest {
  answers: EvaluationAnswer[];
}

/** What a chart or report calls an item: its short label, else its wording (never its code). */
export function itemLabel(item: Pick<InstrumentItem, 'wording' | 'shortLabel'>): string {
  return item.shortLabel?.trim() || item.wording;
}
