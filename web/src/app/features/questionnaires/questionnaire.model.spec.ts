import { HttpErrorResponse } from '@angular/common/http';
import { InstrumentItem } from '@upstand/contracts';
import {
  checkQuestionnaire,
  dueStatusView,
  itemOptions,
  QUESTIONNAIRE_MESSAGES,
  questionnaireApiErrors,
  toAnswerValue,
  toItemValue,
} from './questionnaire.model';

const LIKERT: InstrumentItem = {
  code: 'confidence_intervene',
  wording: 'I feel confident to intervene',
  type: 'likert-5',
  required: true,
};
const SCALE: InstrumentItem = { code: 'd_direct', wording: 'Direct', type: 'scale-0-10', required: true };
const YES_NO: InstrumentItem = {
  code: 'know_support',
  wording: 'I know where',
  type: 'yes-no',
  required: true,
};
const CHOICE: InstrumentItem = {
  code: 'role',
  wording: 'Your role',
  type: 'single-choice',
  options: ['Clinical', 'Non-clinical'],
  required: false,
};
const TEXT: InstrumentItem = {
  code: 'do_differently',
  wording: 'What will you do differently?',
  type: 'free-text',
  required: false,
};
const ITEMS = [LIKERT, SCALE, YES_NO, CHOICE, TEXT];

describe('questionnaire values', () => {
  it('offers the five likert labels as 1 to 5, 0 to 10, yes as 1 and no as 0', () => {
    expect(itemOptions(LIKERT).map((option) => [option.value, option.label])).toEqual([
      ['1', 'Strongly disagree'],
      ['2', 'Disagree'],
      ['3', 'Neither agree nor disagree'],
      ['4', 'Agree'],
      ['5', 'Strongly agree'],
    ]);
    expect(itemOptions(SCALE).map((option) => [option.value, option.label, option.hint])).toEqual(
      Array.from({ length: 11 }, (_, index) => [String(index), String(index), undefined]),
    );
    expect(itemOptions(YES_NO)).toEqual([
      { value: '1', label: 'Yes' },
      { value: '0', label: 'No' },
    ]);
    expect(itemOptions(CHOICE).map((option) => option.value)).toEqual(['Clinical', 'Non-clinical']);
  });

  it('encodes answers as the API stores them and decodes saved answers back', () => {
    expect(toAnswerValue(LIKERT, '4')).toBe(4);
    expect(toAnswerValue(SCALE, '0')).toBe(0);
    expect(toAnswerValue(YES_NO, '0')).toBe(0);
    expect(toAnswerValue(YES_NO, '1')).toBe(1);
    expect(toAnswerValue(CHOICE, 'Clinical')).toBe('Clinical');
    expect(toAnswerValue(TEXT, '  Speak up  ')).toBe('Speak up');
    expect(toAnswerValue(TEXT, '   ')).toBeNull();
    expect(toAnswerValue(LIKERT, null)).toBeNull();

    expect(toItemValue(SCALE, 0)).toBe('0');
    expect(toItemValue(YES_NO, 1)).toBe('1');
    expect(toItemValue(CHOICE, 'Non-clinical')).toBe('Non-clinical');
    expect(toItemValue(CHOICE, 'An option since removed')).toBeNull();
    expect(toItemValue(TEXT, undefined)).toBeNull();
  });
});

describe('checkQuestionnaire', () => {
  const complete = {
    confidence_intervene: '5',
    d_direct: '0',
    know_support: '0',
    role: null,
    do_differently: '',
  };

  it('names every unanswered required question, linked to its first input', () => {
    const result = checkQuestionnaire(
      ITEMS,
      { values: { ...complete, d_direct: null, know_support: null }, selfGeneratedCode: '' },
      false,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'answer-d_direct', text: 'Select a number from 0 to 10 for "Direct"' },
        { field: 'answer-know_support', text: 'Select yes or no for "I know where"' },
      ],
    });
  });

  it('sends every item in order, unanswered optional ones as null, zero and "no" as answers', () => {
    const result = checkQuestionnaire(ITEMS, { values: complete, selfGeneratedCode: 'ignored' }, false);
    expect(result).toEqual({
      ok: true,
      request: {
        answers: [
          { itemCode: 'confidence_intervene', value: 5 },
          { itemCode: 'd_direct', value: 0 },
          { itemCode: 'know_support', value: 0 },
          { itemCode: 'role', value: null },
          { itemCode: 'do_differently', value: null },
        ],
      },
    });
  });

  it('refuses free text over 4,000 characters', () => {
    const result = checkQuestionnaire(
      ITEMS,
      { values: { ...complete, do_differently: 'x'.repeat(4001) }, selfGeneratedCode: '' },
      false,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'answer-do_differently',
          text: 'Your answer to "What will you do differently?" must be 4,000 characters or fewer',
        },
      ],
    });
    expect(
      checkQuestionnaire(
        ITEMS,
        { values: { ...complete, do_differently: 'x'.repeat(4000) }, selfGeneratedCode: '' },
        false,
      ).ok,
    ).toBe(true);
  });

  it('asks for the self-generated code in anonymous mode, and sends it without spaces', () => {
    const missing = checkQuestionnaire(ITEMS, { values: complete, selfGeneratedCode: ' ' }, true);
    expect(missing).toEqual({
      ok: false,
      errors: [{ field: 'selfGeneratedCode', text: QUESTIONNAIRE_MESSAGES.selfGeneratedCodeRequired }],
    });
    const wrong = checkQuestionnaire(ITEMS, { values: complete, selfGeneratedCode: 'M-7' }, true);
    expect(wrong).toEqual({
      ok: false,
      errors: [{ field: 'selfGeneratedCode', text: QUESTIONNAIRE_MESSAGES.selfGeneratedCodeInvalid }],
    });
    const given = checkQuestionnaire(ITEMS, { values: complete, selfGeneratedCode: ' ma 07 le ' }, true);
    expect(given.ok && given.request.selfGeneratedCode).toBe('ma07le');
  });
});

describe('questionnaireApiErrors', () => {
  const badRequest = (errors: { field: string; message: string }[]) =>
    new HttpErrorResponse({ status: 400, error: { statusCode: 400, message: 'Bad Request', errors } });

  it("links the server's errors to the questions: by index, by the code of a missing answer, and the code", () => {
    expect(
      questionnaireApiErrors(
        badRequest([
          { field: 'answers.1.value', message: 'd_direct: give a whole number from 0 to 10' },
          { field: 'answers', message: 'Answer "I know where" (know_support)' },
          { field: 'selfGeneratedCode', message: 'Someone else has already used this selfGeneratedCode' },
          { field: 'answers.9.itemCode', message: 'x is not a question in this questionnaire' },
        ]),
        ITEMS,
      ),
    ).toEqual([
      { field: 'answer-d_direct', text: 'Check your answer to "Direct": give a whole number from 0 to 10' },
      { field: 'answer-know_support', text: 'Select yes or no for "I know where"' },
      { field: 'selfGeneratedCode', text: 'Someone else has already used this code' },
      { text: 'x is not a question in this questionnaire' },
    ]);
  });

  it('shows a closed questionnaire (409) as one line without a link', () => {
    const closed = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, message: 'This questionnaire has closed' },
    });
    expect(questionnaireApiErrors(closed, ITEMS)).toEqual([{ text: 'This questionnaire has closed' }]);
  });
});

describe('dueStatusView', () => {
  const due = {
    state: 'open' as const,
    opensAt: '2027-03-01T10:00:00Z',
    closesAt: '2027-03-25T09:00:00Z',
    submittedAt: null,
    anonymous: false,
  };

  it('says when a questionnaire opens, closes, was submitted and until when it can be changed', () => {
    expect(dueStatusView({ ...due, state: 'not-yet-open' })).toMatchObject({
      tag: 'Not open yet',
      detail: 'Opens Monday 1 March 2027',
      action: null,
    });
    expect(dueStatusView(due)).toMatchObject({
      tag: 'Open',
      detail: 'Closes at 9:00am on Thursday 25 March 2027',
      action: 'Answer the questionnaire',
    });
    expect(dueStatusView({ ...due, submittedAt: '2027-03-02T10:00:00Z' })).toMatchObject({
      tag: 'Submitted',
      detail:
        'Submitted Tuesday 2 March 2027. You can change your answers until 9:00am on Thursday 25 March 2027.',
      action: 'Change your answers',
    });
    expect(dueStatusView({ ...due, state: 'closed' })).toMatchObject({ tag: 'Closed', action: null });
    expect(dueStatusView({ ...due, state: 'closed', submittedAt: '2027-03-02T10:00:00Z' })).toMatchObject({
      tag: 'Submitted',
      detail: 'Submitted Tuesday 2 March 2027.',
      action: null,
    });
  });

  it('lets anonymous questionnaire answers be replaced, but not anonymous session feedback', () => {
    const anonymous = { ...due, anonymous: true, submittedAt: '2027-03-02T10:00:00Z' };
    expect(dueStatusView(anonymous)).toMatchObject({ tag: 'Submitted', action: 'Change your answers' });
    expect(dueStatusView(anonymous, true)).toMatchObject({
      tag: 'Submitted',
      detail: 'Submitted Tuesday 2 March 2027.',
      action: null,
    });
    expect(dueStatusView({ ...due, anonymous: true }, true)).toMatchObject({
      tag: 'Open',
      action: 'Answer the questionnaire',
    });
  });
});
