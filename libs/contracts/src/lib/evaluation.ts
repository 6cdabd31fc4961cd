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

export interface InstrumentItem {
  /** Stable across versions, e.g. confidence_intervene */
  code: string;
  wording: string;
  type: ItemType;
  /** For single-choice items */
  options?: string[];
  /** e.g. confidence-to-intervene, five-ds, psychological-safety */
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
}

/** yes-no answers are 1 (yes) / 0 (no); likert 1–5; scale 0–10; single-choice the option text; free text a string. */
export interface EvaluationAnswer {
  itemCode: string;
  value: number | string | null;
}

export interface SubmitEvaluationRequest {
  answers: EvaluationAnswer[];
}

export interface EvaluationForm {
  due: EvaluationDue;
  instrument: Instrument;
  answers: EvaluationAnswer[];
}
