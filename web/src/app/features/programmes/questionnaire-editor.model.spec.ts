import { HttpErrorResponse } from '@angular/common/http';
import {
  checkDraft,
  constructOptions,
  DraftItem,
  draftApiErrors,
  EDITOR_MESSAGES,
  newDraft,
  toDraft,
} from './questionnaire-editor.model';

const HEADLINE: DraftItem = toDraft({
  code: 'confidence_intervene',
  wording: 'I feel confident to intervene',
  type: 'likert-5',
  construct: 'confidence-to-intervene',
  required: true,
});

describe('questionnaire editor checks', () => {
  it('names each problem by the question number and links it to the input', () => {
    const checked = checkDraft(' ', [
      { ...HEADLINE, wording: ' ' },
      { ...newDraft(), code: 'Bad Code', wording: 'Anything else?' },
      {
        ...newDraft(),
        code: 'confidence_intervene',
        wording: 'Again',
        type: 'single-choice',
        options: 'Yes\n \n',
      },
      { ...newDraft(), code: 'role', wording: 'Role', type: 'single-choice', options: 'Nurse\nnurse ' },
      { ...newDraft(), code: 'label', wording: 'Label', shortLabel: 'x'.repeat(41) },
    ]);
    expect(checked).toEqual({
      ok: false,
      errors: [
        { field: 'title', text: EDITOR_MESSAGES.titleRequired },
        { field: 'items.0.wording', text: EDITOR_MESSAGES.wordingRequired(1) },
        { field: 'items.1.code', text: EDITOR_MESSAGES.codeInvalid(2) },
        { field: 'items.2.code', text: EDITOR_MESSAGES.codeDuplicate(3, 1) },
        { field: 'items.2.options', text: EDITOR_MESSAGES.optionsTooFew(3) },
        { field: 'items.3.options', text: EDITOR_MESSAGES.optionsDuplicate(4) },
        { field: 'items.4.shortLabel', text: EDITOR_MESSAGES.shortLabelTooLong(5) },
      ],
    });
    expect(checkDraft('Three months on', [])).toEqual({
      ok: false,
      errors: [{ field: 'items', text: EDITOR_MESSAGES.noItems }],
    });
  });

  it('sends options only for single-choice questions, null for no construct, and trims the text', () => {
    const checked = checkDraft(' Three months on ', [
      { ...HEADLINE, options: 'left over' },
      {
        ...newDraft(),
        code: ' role ',
        wording: ' Which best describes your role? ',
        type: 'single-choice',
        options: ' Nurse \n\nDoctor\n',
        required: false,
        retrospective: true,
      },
    ]);
    expect(checked).toEqual({
      ok: true,
      request: {
        title: 'Three months on',
        items: [
          {
            code: 'confidence_intervene',
            wording: 'I feel confident to intervene',
            type: 'likert-5',
            construct: 'confidence-to-intervene',
            required: true,
          },
          {
            code: 'role',
            wording: 'Which best describes your role?',
            type: 'single-choice',
            options: ['Nurse', 'Doctor'],
            construct: null,
            required: false,
            retrospective: true,
          },
        ],
      },
    });
  });

  it('offers none, the known constructs, and a construct an earlier version used', () => {
    expect(constructOptions(null).map((option) => option.label)).toEqual([
      'None',
      'Confidence to intervene',
      '5 Ds',
      'Psychological safety',
      'Intent to help',
    ]);
    expect(constructOptions('belonging').at(-1)).toEqual({ value: 'belonging', label: 'belonging' });
  });

  it("links the API's errors (items.2.wording) to the question's input, or its heading for a published code", () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        message: 'Bad Request',
        errors: [
          { field: 'items.1.wording', message: 'wording must not be empty' },
          { field: 'items.0.code', message: 'code confidence_intervene is already used by question 2' },
          { field: 'items.1.code', message: 'code must be 1 to 60 lower-case letters' },
          { field: 'title', message: 'title must not be empty' },
          { field: 'items.7.type', message: 'type must be one of: likert-5' },
        ],
      },
    });
    expect(draftApiErrors(error, [HEADLINE, newDraft()])).toEqual([
      { field: 'items.1.wording', text: 'Question 2: wording must not be empty' },
      { field: 'items.0', text: 'Question 1: code confidence_intervene is already used by question 2' },
      { field: 'items.1.code', text: 'Question 2: code must be 1 to 60 lower-case letters' },
      { field: 'title', text: 'title must not be empty' },
      { text: 'type must be one of: likert-5' },
    ]);
  });
});
