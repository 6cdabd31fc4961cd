import { EvaluationStage, InstrumentItem } from '@upstand/contracts';

const HEADLINE: InstrumentItem = {
  code: 'confidence_intervene',
  wording: 'I feel confident to intervene and de-escalate a situation when it is safe to do so',
  shortLabel: 'Confidence to intervene',
  type: 'likert-5',
  construct: 'confidence-to-intervene',
  required: true,
};

/** The 5 Ds; the fifth is "Document" by default (some providers use "Disapprove": publish a new version). */
const FIVE_DS: InstrumentItem[] = [
  ['d_direct', 'Direct', 'speaking up briefly, only when it is safe'],
  ['d_distract', 'Distract', 'interrupting indirectly so the person targeted can leave'],
  ['d_delegate', 'Delegate', 'getting help from someone with authority'],
  ['d_delay', 'Delay', 'checking in with the person afterwards'],
  ['d_document', 'Document', 'recording what happened, shared only with the person’s consent'],
].map(([code, d, meaning]) => ({
  code: code as string,
  wording: `How confident are you to use ${d}: ${meaning}? (0 = not at all, 10 = completely)`,
  shortLabel: `5 Ds: ${d}`,
  type: 'scale-0-10' as const,
  construct: 'five-ds',
  required: true,
}));

const COMMON: InstrumentItem[] = [
  HEADLINE,
  ...FIVE_DS,
  {
    code: 'likely_intervene',
    wording: 'If I witnessed bullying, harassment or discrimination at work, I would intervene',
    shortLabel: 'Would intervene',
    type: 'likert-5',
    construct: 'intent-to-help',
    required: true,
  },
  {
    code: 'know_support',
    wording: 'I know where to get support if I witness or experience bullying, harassment or discrimination',
    shortLabel: 'Knows where to get support',
    type: 'yes-no',
    construct: null,
    required: true,
  },
  {
    code: 'safe_speak_up',
    wording: 'I feel safe to speak up at work',
    shortLabel: 'Safe to speak up',
    type: 'likert-5',
    construct: 'psychological-safety',
    required: true,
  },
];

const RETROSPECTIVE: InstrumentItem = {
  code: 'retro_confidence_intervene',
  wording:
    'Thinking back to before the programme: I felt confident to intervene and de-escalate a situation when it was safe to do so',
  shortLabel: 'Confidence before, looking back',
  type: 'likert-5',
  construct: 'confidence-to-intervene',
  required: true,
  retrospective: true,
};

const DO_DIFFERENTLY: InstrumentItem = {
  code: 'do_differently',
  wording: 'What will you do differently after the programme?',
  shortLabel: 'What I will do differently',
  type: 'free-text',
  construct: null,
  required: false,
};

export const DEFAULT_INSTRUMENTS: { stage: EvaluationStage; title: string; items: InstrumentItem[] }[] = [
  { stage: 'pre', title: 'Before the programme', items: COMMON },
  { stage: 'post', title: 'After the programme', items: [...COMMON, RETROSPECTIVE, DO_DIFFERENTLY] },
  { stage: 'follow-up', title: 'Three months on', items: [...COMMON, DO_DIFFERENTLY] },
  {
    stage: 'session-feedback',
    title: 'Session feedback',
    items: [
      {
        code: 'session_useful',
        wording: 'This session was useful to me',
        type: 'likert-5',
        construct: null,
        required: true,
      },
      {
        code: 'session_comment',
        wording: 'Anything you would like to tell the facilitators?',
        type: 'free-text',
        construct: null,
        required: false,
      },
    ],
  },
];
